import { compareStrings } from '../dataset/group';

/** The test set as the metrics see it; arrays are aligned by lead. */
export interface ScoredSet {
  leadIds: string[];
  scores: Float64Array;
  labels: Uint8Array;
  depths: Int32Array;
  /** Probabilities, for models that output them (calibration metrics). */
  probabilities: Float64Array | null;
}

/** Indices by score descending, ties by lead_id ascending. */
export function rankOrder(scores: Float64Array, leadIds: string[]): Int32Array {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort(
    (a, b) =>
      (scores[b] as number) - (scores[a] as number) ||
      compareStrings(leadIds[a] as string, leadIds[b] as string),
  );
  return Int32Array.from(order);
}

/**
 * The ranking of a bootstrap resample, given how many times each lead was
 * drawn: the full ranking with each lead repeated, so no re-sort is needed.
 */
export function expandResample(
  order: Int32Array,
  counts: Int32Array,
  total: number,
): Int32Array {
  const ranked = new Int32Array(total);
  let at = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    for (let c = counts[i] as number; c > 0; c--) ranked[at++] = i;
  }
  return ranked;
}
