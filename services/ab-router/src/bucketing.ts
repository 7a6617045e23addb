import { createHash } from 'node:crypto';
import type { Arm, Experiment } from './experiments';

/** Buckets a lead can fall in; an arm's share is a whole number of them,
 * so weights resolve to 0.01 % steps. */
export const BUCKETS = 10_000;

/**
 * The lead's bucket in an experiment: SHA-256 of the UTF-8 bytes of
 * `salt`, 0x1f, `leadId`; the first 8 bytes of the digest as an unsigned
 * big-endian integer, modulo 10,000. The salt makes buckets of different
 * experiments independent: a lead in a challenger's arm once is not in
 * it every time. (2^64 mod 10,000 leaves a bias of under 1e-15.)
 */
export function bucketOf(salt: string, leadId: string): number {
  const digest = createHash('sha256')
    .update(`${salt}\u001f${leadId}`, 'utf8')
    .digest();
  return Number(digest.readBigUInt64BE(0) % BigInt(BUCKETS));
}

export interface BucketRange {
  arm: Arm;
  /** First bucket of the arm, inclusive. */
  from: number;
  /** End, exclusive; equal to `from` for a weight of 0. */
  to: number;
}

/**
 * Contiguous bucket ranges, one per arm in configuration order: arm i
 * takes [floor(B * W<i / W), floor(B * W<=i / W)), where W is the sum of
 * the weights and B the 10,000 buckets.
 */
export function bucketRanges(arms: readonly Arm[]): BucketRange[] {
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  const ranges: BucketRange[] = [];
  let before = 0;
  for (const arm of arms) {
    const from = Math.floor((BUCKETS * before) / total);
    before += arm.weight;
    const to = Math.floor((BUCKETS * before) / total);
    ranges.push({ arm, from, to });
  }
  return ranges;
}

/** The arm a new lead joins, from its bucket and today's weights. A lead
 * already assigned keeps its arm whatever the weights say now. */
export function armFor(
  experiment: Experiment,
  leadId: string,
): { arm: Arm; bucket: number } {
  const bucket = bucketOf(experiment.salt, leadId);
  const ranges = bucketRanges(experiment.arms);
  const range = ranges.find((r) => bucket >= r.from && bucket < r.to);
  // The ranges cover [0, BUCKETS) whenever the weights sum to more than
  // 0, which configuration checks.
  return { arm: (range ?? (ranges.at(-1) as BucketRange)).arm, bucket };
}
