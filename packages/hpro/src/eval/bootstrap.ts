import { createRng, deriveSeed } from '../rng';
import { expandResample, rankOrder, type ScoredSet } from './ranking';
import { computeMetrics, type FlatMetrics } from './suite';

export interface Interval {
  value: number;
  lo: number;
  hi: number;
}

/**
 * Draw counts for each resample: how often each test lead is drawn. Made
 * once per run from the seed, and shared by every model, so differences
 * between models are measured on the same resampled test sets.
 */
export function bootstrapCounts(
  n: number,
  resamples: number,
  seed: number,
): Int32Array[] {
  const rng = createRng(deriveSeed(seed, 'bootstrap'));
  return Array.from({ length: resamples }, () => {
    const counts = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = rng.int(n);
      counts[i] = (counts[i] as number) + 1;
    }
    return counts;
  });
}

/** Point values and 95% percentile intervals of every metric. */
export function metricsWithIntervals(
  set: ScoredSet,
  maxDepth: number,
  draws: Int32Array[],
): Map<string, Interval | null> {
  const order = rankOrder(set.scores, set.leadIds);
  const point = computeMetrics(set, order, maxDepth);
  const samples = new Map<string, number[]>();
  for (const counts of draws) {
    const resampled: FlatMetrics = computeMetrics(
      set,
      expandResample(order, counts, order.length),
      maxDepth,
    );
    for (const [key, value] of resampled) {
      if (value === null) continue;
      let list = samples.get(key);
      if (!list) samples.set(key, (list = []));
      list.push(value);
    }
  }

  const out = new Map<string, Interval | null>();
  for (const [key, value] of point) {
    const list = samples.get(key) ?? [];
    if (value === null || list.length === 0) {
      out.set(key, null);
      continue;
    }
    list.sort((a, b) => a - b);
    out.set(key, {
      value,
      lo: percentile(list, 2.5),
      hi: percentile(list, 97.5),
    });
  }
  return out;
}

/** Linear interpolation between order statistics (numpy's default). */
export function percentile(sorted: number[], q: number): number {
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}
