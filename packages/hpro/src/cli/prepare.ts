import { readDataset } from '../dataset/read';
import type { Dataset } from '../dataset/types';
import {
  applyProtocol,
  assertLearnable,
  type Protocol,
  type ProtocolSplit,
} from '../protocol';

const SHOWN_BAD_LINES = 20;

/** Reads a dataset, reports bad lines on stderr, applies the protocol. */
export async function prepare(
  dataDir: string,
  protocol: Protocol,
): Promise<{ dataset: Dataset; split: ProtocolSplit }> {
  let shown = 0;
  const dataset = await readDataset(dataDir, {
    onBadLine: (line, reason) => {
      if (shown++ < SHOWN_BAD_LINES)
        process.stderr.write(`bad line ${line}: ${reason}\n`);
    },
  });
  const r = dataset.report;
  if (r.badLines.length > SHOWN_BAD_LINES) {
    process.stderr.write(
      `... ${r.badLines.length - SHOWN_BAD_LINES} more bad lines\n`,
    );
  }
  if (
    r.badLines.length +
      r.duplicateEvents +
      r.orphanEvents +
      r.eventsBeforeCreation >
    0
  ) {
    process.stderr.write(
      `${dataset.name}: skipped ${r.badLines.length} bad lines, ${r.duplicateEvents} repeated event ids, ` +
        `${r.orphanEvents} events without lead_created, ${r.eventsBeforeCreation} events before creation\n`,
    );
  }

  const split = applyProtocol(dataset, protocol);
  assertLearnable(split, dataset.name);
  return { dataset, split };
}
