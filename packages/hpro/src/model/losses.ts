// Numerically stable pieces of the HPRO objective.

/** log(1 + e^x) without overflow for large |x|. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Binary cross-entropy on a logit, and its derivative in the logit. */
export function bceWithLogit(
  logit: number,
  label: number,
): { loss: number; dLogit: number } {
  return {
    loss: softplus(logit) - label * logit,
    dLogit: sigmoid(logit) - label,
  };
}

/**
 * Margin-aware Bradley-Terry: -log sigmoid(s_i - s_j - m), lead i deeper.
 * Returns the loss and its derivative in s_i (the one in s_j is minus it).
 */
export function marginPairLoss(
  scoreDeeper: number,
  scoreShallower: number,
  margin: number,
): { loss: number; dDeeper: number } {
  const diff = scoreDeeper - scoreShallower - margin;
  return { loss: softplus(-diff), dDeeper: -sigmoid(-diff) };
}
