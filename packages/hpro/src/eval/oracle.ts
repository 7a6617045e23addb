import { readFile } from 'node:fs/promises';
import type { Example } from '../protocol';
import type { ModelScores } from './evaluate';

/**
 * The simulator's hidden truth at the decision point: the probability of
 * the remaining funnel steps from the stage reached by as_of. It ignores
 * timing (the label window), so it is near-best, not a bound.
 */
export async function oracleScores(
  path: string,
  test: Example[],
  stages: string[],
): Promise<ModelScores> {
  const steps = new Map<string, number[]>();
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { lead_id: string; p_steps: number[] };
    steps.set(row.lead_id, row.p_steps);
  }
  const score = (e: Example): number => {
    const depth = scorecardDepth(e, stages);
    return (steps.get(e.lead.leadId) ?? [])
      .slice(depth)
      .reduce((p, s) => p * s, 1);
  };
  // Not a protocol probability (no window), so no calibration metrics.
  return {
    name: 'oracle',
    scores: Float64Array.from(test, score),
    probabilities: null,
  };
}

function scorecardDepth(e: Example, stages: string[]): number {
  let depth = 0;
  for (const event of e.lead.events) {
    if (event.tsMs > e.asOfMs) break;
    if (event.type === 'stage_changed')
      depth = Math.max(depth, stages.indexOf(event.stage));
  }
  return depth;
}
