/** Where training reports; both write to stderr in the CLI. */
export interface TrainReporter {
  progress(
    epoch: number,
    maxEpochs: number,
    batch: number,
    batches: number,
    loss: number,
  ): void;
  log(message: string, fields: Record<string, unknown>): void;
}

export const SILENT_REPORTER: TrainReporter = {
  progress: () => {},
  log: () => {},
};

/**
 * A one-line progress bar on a terminal; on a pipe, which cannot redraw,
 * only the structured log lines are written.
 */
export function stderrReporter(
  stream: NodeJS.WriteStream = process.stderr,
): TrainReporter {
  const width = 30;
  let drawnAtMs = 0;
  return {
    progress(epoch, maxEpochs, batch, batches, loss) {
      if (!stream.isTTY) return;
      const nowMs = performance.now();
      if (batch < batches && nowMs - drawnAtMs < 100) return;
      drawnAtMs = nowMs;
      const filled = Math.round((batch / batches) * width);
      const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
      stream.write(
        `\r[${bar}] epoch ${epoch}/${maxEpochs} batch ${batch}/${batches} loss ${loss.toFixed(4)}`,
      );
      if (batch === batches) stream.write('\n');
    },
    log(message, fields) {
      stream.write(
        JSON.stringify({
          level: 'info',
          component: 'hpro',
          message,
          ...fields,
        }) + '\n',
      );
    },
  };
}
