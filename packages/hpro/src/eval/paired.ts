import { percentile, type Interval } from './bootstrap';
import { expandResample, rankOrder, type ScoredSet } from './ranking';
import { computeMetrics } from './suite';

export const PAIRED_KEYS = [
  'roc_auc',
  'pr_auc',
  'ndcg',
  'precision_at.1%',
  'precision_at.5%',
  'lift_at_10pct',
];

/**
 * Model A minus model B on each bootstrap resample (the same draws for
 * both), with a 95% percentile interval: an interval that excludes zero
 * is a difference the test set can tell apart from noise.
 */
export function pairedDifferences(
  a: ScoredSet,
  b: ScoredSet,
  maxDepth: number,
  draws: Int32Array[],
  keys: string[] = PAIRED_KEYS,
): Map<string, Interval | null> {
  const orderA = rankOrder(a.scores, a.leadIds);
  const orderB = rankOrder(b.scores, b.leadIds);
  const pointA = computeMetrics(a, orderA, maxDepth);
  const pointB = computeMetrics(b, orderB, maxDepth);
  const samples = new Map<string, number[]>(keys.map((k) => [k, []]));

  for (const counts of draws) {
    const ma = computeMetrics(
      a,
      expandResample(orderA, counts, orderA.length),
      maxDepth,
    );
    const mb = computeMetrics(
      b,
      expandResample(orderB, counts, orderB.length),
      maxDepth,
    );
    for (const key of keys) {
      const va = ma.get(key);
      const vb = mb.get(key);
      if (va != null && vb != null) samples.get(key)?.push(va - vb);
    }
  }

  const out = new Map<string, Interval | null>();
  for (const key of keys) {
    const va = pointA.get(key);
    const vb = pointB.get(key);
    const list = (samples.get(key) ?? []).sort((x, y) => x - y);
    if (va == null || vb == null || list.length === 0) {
      out.set(key, null);
      continue;
    }
    out.set(key, {
      value: va - vb,
      lo: percentile(list, 2.5),
      hi: percentile(list, 97.5),
    });
  }
  return out;
}

export function pairedTable(
  title: string,
  diffs: Map<string, Interval | null>,
): string {
  const lines = [
    `${title} (paired bootstrap, same resamples):`,
    '',
    '| metric | difference [95% interval] |',
    '|---|---|',
  ];
  for (const [key, d] of diffs) {
    lines.push(
      `| ${key} | ${d === null ? 'n/a' : `${sign(d.value)} [${sign(d.lo)}, ${sign(d.hi)}]`} |`,
    );
  }
  return lines.join('\n');
}

const sign = (v: number): string => (v >= 0 ? '+' : '') + v.toFixed(3);
