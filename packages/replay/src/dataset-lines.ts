import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of events.jsonl, as sent: its text and where it came from. */
export interface DatasetLine {
  lineNumber: number;
  text: string;
  /** Event time for ordering; Infinity when the line has none readable
   * (it is still sent, last, so the ingestor reports why it is bad). */
  tsMs: number;
}

/**
 * Reads a dataset folder's events.jsonl and orders its lines by event time
 * (stable: equal times keep file order). Lines are not validated here: the
 * ingestor does that, so a replay and live traffic meet the same checks.
 */
export function readDatasetLines(datasetDir: string): DatasetLine[] {
  const text = readFileSync(join(datasetDir, 'events.jsonl'), 'utf8');
  const lines: DatasetLine[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    lines.push({ lineNumber: index + 1, text: line, tsMs: eventTime(line) });
  }
  return lines
    .map((line, order) => ({ line, order }))
    .sort((a, b) => a.line.tsMs - b.line.tsMs || a.order - b.order)
    .map(({ line }) => line);
}

function eventTime(line: string): number {
  try {
    const ts = (JSON.parse(line) as { ts?: unknown }).ts;
    const ms = typeof ts === 'string' ? Date.parse(ts) : NaN;
    return Number.isFinite(ms) ? ms : Infinity;
  } catch {
    // Not JSON: the ingestor will say so, with this line's number.
    return Infinity;
  }
}
