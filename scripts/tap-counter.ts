/**
 * Counts test results in tap's TAP output: one result per top-level test of
 * a file (indent 4), plus one failure for a file that failed without a
 * failing test inside it (it crashed on load, or timed out).
 */
export interface TapCounts {
  passed: number;
  failed: number;
  skipped: number;
  failedNames: string[];
}

const testLine =
  /^ {4}(not ok|ok) \d+ - (.*?)(?: # (SKIP|TODO)\b.*)?(?: # time=.*)?$/;
const fileLine = /^(not ok|ok) \d+ - (\S+)/;

export function createTapCounter() {
  const counts: TapCounts = {
    passed: 0,
    failed: 0,
    skipped: 0,
    failedNames: [],
  };
  let failedInFile = 0;

  return {
    counts,
    line(text: string): void {
      const test = testLine.exec(text);
      if (test) {
        const [, status, name, directive] = test;
        if (directive) counts.skipped++;
        else if (status === 'ok') counts.passed++;
        else {
          counts.failed++;
          failedInFile++;
          counts.failedNames.push(name ?? '');
        }
        return;
      }
      const file = fileLine.exec(text);
      if (file) {
        if (file[1] === 'not ok' && failedInFile === 0) {
          counts.failed++;
          counts.failedNames.push(
            `${file[2]} (the file failed outside its tests)`,
          );
        }
        failedInFile = 0;
      }
    },
  };
}
