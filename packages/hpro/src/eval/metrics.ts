import type { ScoredSet } from './ranking';

// Every function takes `ranked`: indices into the set, best first, possibly
// repeated (bootstrap). Equal scores are adjacent in it, which is how ties
// are found. A metric that cannot be defined returns null.

/** ROC AUC; a tie between a positive and a negative counts one half. */
export function rocAuc(set: ScoredSet, ranked: Int32Array): number | null {
  return orderedPairFraction(
    set,
    ranked,
    (i) => (set.labels[i] === 1 ? 1 : 0),
    (i) => (set.labels[i] === 0 ? 1 : 0),
  );
}

/**
 * Fraction of (a, b) pairs with a ranked above b, where isA/isB say how
 * many times an index belongs to each side; ties count one half.
 */
export function orderedPairFraction(
  set: ScoredSet,
  ranked: Int32Array,
  isA: (i: number) => number,
  isB: (i: number) => number,
): number | null {
  let totalA = 0;
  let totalB = 0;
  for (const i of ranked) {
    totalA += isA(i);
    totalB += isB(i);
  }
  if (totalA === 0 || totalB === 0) return null;

  let bAbove = 0;
  let correct = 0;
  forEachTieGroup(set, ranked, (from, to) => {
    let a = 0;
    let b = 0;
    for (let k = from; k < to; k++) {
      a += isA(ranked[k] as number);
      b += isB(ranked[k] as number);
    }
    correct += a * (totalB - bAbove - b) + 0.5 * a * b;
    bAbove += b;
  });
  return correct / (totalA * totalB);
}

/** Average precision with one threshold per distinct score (as sklearn). */
export function averagePrecision(
  set: ScoredSet,
  ranked: Int32Array,
): number | null {
  let positives = 0;
  for (const i of ranked) positives += set.labels[i] as number;
  if (positives === 0) return null;

  let tp = 0;
  let seen = 0;
  let ap = 0;
  forEachTieGroup(set, ranked, (from, to) => {
    let groupTp = 0;
    for (let k = from; k < to; k++)
      groupTp += set.labels[ranked[k] as number] as number;
    tp += groupTp;
    seen += to - from;
    ap += (groupTp / positives) * (tp / seen);
  });
  return ap;
}

/** Positives among the first k of the ranking; null when k > n. */
export function positivesAt(
  set: ScoredSet,
  ranked: Int32Array,
  k: number,
): number | null {
  if (k > ranked.length || k < 1) return null;
  let tp = 0;
  for (let r = 0; r < k; r++) tp += set.labels[ranked[r] as number] as number;
  return tp;
}

/** NDCG over the whole ranking, gain 2^depth - 1, discount log2(rank + 1). */
export function ndcg(set: ScoredSet, ranked: Int32Array): number | null {
  let dcg = 0;
  const gains = new Float64Array(ranked.length);
  for (let r = 0; r < ranked.length; r++) {
    const gain = Math.pow(2, set.depths[ranked[r] as number] as number) - 1;
    gains[r] = gain;
    dcg += gain / Math.log2(r + 2);
  }
  gains.sort().reverse();
  let ideal = 0;
  for (let r = 0; r < gains.length; r++)
    ideal += (gains[r] as number) / Math.log2(r + 2);
  return ideal === 0 ? null : dcg / ideal;
}

/** Ordering accuracy of depth d+1 over depth d, ties one half. */
export function tierAccuracy(
  set: ScoredSet,
  ranked: Int32Array,
  depth: number,
): number | null {
  return orderedPairFraction(
    set,
    ranked,
    (i) => (set.depths[i] === depth + 1 ? 1 : 0),
    (i) => (set.depths[i] === depth ? 1 : 0),
  );
}

export function brier(set: ScoredSet, ranked: Int32Array): number | null {
  const p = set.probabilities;
  if (p === null || ranked.length === 0) return null;
  let sum = 0;
  for (const i of ranked)
    sum += ((p[i] as number) - (set.labels[i] as number)) ** 2;
  return sum / ranked.length;
}

/** Expected calibration error over 10 equal-width bins of [0, 1]. */
export function ece(
  set: ScoredSet,
  ranked: Int32Array,
  bins = 10,
): number | null {
  const p = set.probabilities;
  if (p === null || ranked.length === 0) return null;
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (const i of ranked) {
    const prob = p[i] as number;
    const b = Math.min(bins - 1, Math.floor(prob * bins));
    count[b] = (count[b] as number) + 1;
    sumP[b] = (sumP[b] as number) + prob;
    sumY[b] = (sumY[b] as number) + (set.labels[i] as number);
  }
  let total = 0;
  for (let b = 0; b < bins; b++) {
    const c = count[b] as number;
    if (c > 0) total += Math.abs((sumP[b] as number) - (sumY[b] as number));
  }
  return total / ranked.length;
}

function forEachTieGroup(
  set: ScoredSet,
  ranked: Int32Array,
  visit: (from: number, to: number) => void,
): void {
  let from = 0;
  while (from < ranked.length) {
    const score = set.scores[ranked[from] as number];
    let to = from + 1;
    while (to < ranked.length && set.scores[ranked[to] as number] === score)
      to++;
    visit(from, to);
    from = to;
  }
}
