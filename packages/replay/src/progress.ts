export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * A one-line progress bar on stderr: redrawn in place on a terminal, and
 * printed at most every few seconds elsewhere (CI logs stay short).
 */
export function createProgress(
  total: number,
  sink: ProgressSink,
  now: () => number = Date.now,
) {
  const startedAt = now();
  let lastPrintAt = 0;

  const render = (done: number): string => {
    const width = 30;
    const fraction = total === 0 ? 1 : done / total;
    const filled = Math.round(fraction * width);
    const elapsedS = Math.max((now() - startedAt) / 1000, 1e-3);
    const rate = Math.round(done / elapsedS);
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total} events, ${rate}/s`;
  };

  return {
    update(done: number): void {
      if (sink.isTTY) {
        sink.write(`\r${render(done)}`);
      } else if (now() - lastPrintAt >= 5_000 || done === total) {
        lastPrintAt = now();
        sink.write(`${render(done)}\n`);
      }
    },
    finish(done: number): void {
      sink.write(sink.isTTY ? `\r${render(done)}\n` : `${render(done)}\n`);
    },
  };
}
