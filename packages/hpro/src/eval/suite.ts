import {
  averagePrecision,
  brier,
  ece,
  ndcg,
  positivesAt,
  rocAuc,
  tierAccuracy,
} from './metrics';
import type { ScoredSet } from './ranking';

export const K_COUNTS = [100, 500, 1000];
export const K_FRACTIONS: Array<[string, number]> = [
  ['0.1%', 0.001],
  ['1%', 0.01],
  ['5%', 0.05],
  ['10%', 0.1],
];

/** Every metric of EVALUATION.md on one ranking, flat: "precision_at.1%". */
export type FlatMetrics = Map<string, number | null>;

export function cutoffs(n: number): Array<[string, number]> {
  return [
    ...K_COUNTS.map((k): [string, number] => [String(k), k]),
    ...K_FRACTIONS.map(([key, x]): [string, number] => [
      key,
      Math.max(1, Math.round(x * n)),
    ]),
  ];
}

export function computeMetrics(
  set: ScoredSet,
  ranked: Int32Array,
  maxDepth: number,
): FlatMetrics {
  const out: FlatMetrics = new Map();
  const n = ranked.length;
  let positives = 0;
  for (const i of ranked) positives += set.labels[i] as number;
  const baseRate = n === 0 ? 0 : positives / n;

  out.set('roc_auc', rocAuc(set, ranked));
  out.set('pr_auc', averagePrecision(set, ranked));
  out.set('ndcg', ndcg(set, ranked));

  for (const [key, k] of cutoffs(n)) {
    const tp = positivesAt(set, ranked, k);
    out.set(`precision_at.${key}`, tp === null ? null : tp / k);
    out.set(
      `recall_at.${key}`,
      tp === null || positives === 0 ? null : tp / positives,
    );
  }
  const p10 = out.get('precision_at.10%') ?? null;
  out.set(
    'lift_at_10pct',
    p10 === null || baseRate === 0 ? null : p10 / baseRate,
  );

  for (let d = 0; d < maxDepth; d++) {
    out.set(`tier_accuracy.${d + 1}>${d}`, tierAccuracy(set, ranked, d));
  }
  out.set('brier', brier(set, ranked));
  out.set('ece', ece(set, ranked));
  return out;
}
