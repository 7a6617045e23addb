import { MS_PER_DAY } from '../duration';
import type { Rng } from '../rng';

export type Tier = 'wide' | 'medium' | 'narrow';
export const TIERS: Tier[] = ['wide', 'medium', 'narrow'];

export interface PairConfig {
  /** Margins in logit units, one per tier. */
  margins: Record<Tier, number>;
  /** Leads are only compared inside a calendar bucket of this many days. */
  cohortDays: number;
  /** Partners drawn for each anchor lead of a batch. */
  pairsPerAnchor: number;
  /** Hard bound on pairs in one batch. */
  maxPairsPerBatch: number;
}

export const DEFAULT_PAIRS: PairConfig = {
  margins: { wide: 2, medium: 1, narrow: 0.5 },
  cohortDays: 30,
  pairsPerAnchor: 2,
  maxPairsPerBatch: 512,
};

/** What pair mining needs to know of a training lead. */
export interface PairCandidate {
  createdAtMs: number;
  depth: number;
  lost: boolean;
}

export interface Pair {
  deeper: number;
  shallower: number;
  tier: Tier;
  margin: number;
}

/**
 * won vs never-contacted (depth 0) or lost: wide; a depth gap of two or
 * more: medium; adjacent depths: narrow.
 */
export function pairTier(
  deeper: PairCandidate,
  shallower: PairCandidate,
  wonDepth: number,
): Tier {
  if (deeper.depth === wonDepth && (shallower.depth === 0 || shallower.lost))
    return 'wide';
  return deeper.depth - shallower.depth >= 2 ? 'medium' : 'narrow';
}

/** Per cohort: candidate indices by depth, and the lost ones. */
export class PairIndex {
  private readonly cohorts = new Map<
    number,
    { byDepth: number[][]; lost: number[] }
  >();
  private readonly cohortOf: Int32Array;

  constructor(
    readonly candidates: PairCandidate[],
    readonly wonDepth: number,
    private readonly config: PairConfig,
  ) {
    const windowMs = config.cohortDays * MS_PER_DAY;
    this.cohortOf = Int32Array.from(candidates, (c) =>
      Math.floor(c.createdAtMs / windowMs),
    );
    candidates.forEach((c, i) => {
      const key = this.cohortOf[i] as number;
      let cohort = this.cohorts.get(key);
      if (!cohort) {
        cohort = {
          byDepth: Array.from({ length: wonDepth + 1 }, () => []),
          lost: [],
        };
        this.cohorts.set(key, cohort);
      }
      cohort.byDepth[c.depth]?.push(i);
      if (c.lost) cohort.lost.push(i);
    });
  }

  /**
   * Pairs for one batch, deterministic for the rng's state. For each anchor
   * a partner group is chosen uniformly among the shallower depths present
   * in its cohort (plus the lost leads, for a won anchor), so rare deep
   * leads still meet every tier.
   */
  mine(batch: number[], rng: Rng): Pair[] {
    const pairs: Pair[] = [];
    for (const anchor of batch) {
      const a = this.candidates[anchor] as PairCandidate;
      if (a.depth === 0) continue;
      const cohort = this.cohorts.get(this.cohortOf[anchor] as number);
      if (!cohort) continue;

      const groups: number[][] = [];
      for (let d = 0; d < a.depth; d++) {
        const group = cohort.byDepth[d] as number[];
        if (group.length > 0) groups.push(group);
      }
      if (a.depth === this.wonDepth && cohort.lost.length > 0)
        groups.push(cohort.lost);
      if (groups.length === 0) continue;

      for (let k = 0; k < this.config.pairsPerAnchor; k++) {
        if (pairs.length >= this.config.maxPairsPerBatch) return pairs;
        const group = groups[rng.int(groups.length)] as number[];
        const partner = group[rng.int(group.length)] as number;
        const p = this.candidates[partner] as PairCandidate;
        if (p.depth >= a.depth) continue;
        const tier = pairTier(a, p, this.wonDepth);
        pairs.push({
          deeper: anchor,
          shallower: partner,
          tier,
          margin: this.config.margins[tier],
        });
      }
    }
    return pairs;
  }
}
