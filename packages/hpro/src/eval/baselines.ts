import type { Example } from '../protocol';

const DAY_MS = 86_400_000;

/** recency: the lead with the newest event at or before as_of first. */
export function recencyScore(example: Example): number {
  let latestMs = example.lead.createdAtMs;
  for (const event of example.lead.events) {
    if (event.tsMs > example.asOfMs) break;
    latestMs = Math.max(latestMs, event.tsMs);
  }
  return latestMs;
}

/**
 * scorecard: 2 x current depth at as_of + min(interactions by as_of, 5)
 * + 1 when an interaction happened in the 24 hours before as_of.
 */
export function scorecardScore(example: Example, stages: string[]): number {
  let depth = 0;
  let interactions = 0;
  let recent = false;
  for (const event of example.lead.events) {
    if (event.tsMs > example.asOfMs) break;
    if (event.type === 'stage_changed') {
      depth = Math.max(depth, stages.indexOf(event.stage));
    } else if (event.type === 'interaction') {
      interactions++;
      if (event.tsMs >= example.asOfMs - DAY_MS) recent = true;
    }
  }
  return 2 * depth + Math.min(interactions, 5) + (recent ? 1 : 0);
}
