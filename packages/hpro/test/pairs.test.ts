import t from 'tap';
import { createRng } from '../src/rng';
import {
  DEFAULT_PAIRS,
  PairIndex,
  pairTier,
  type PairCandidate,
} from '../src/train/pairs';

const DAY = 86_400_000;
const won = 4;

t.test(
  'tiers: won vs new or lost is wide, gaps of 2+ medium, adjacent narrow',
  async (t) => {
    const c = (depth: number, lost = false): PairCandidate => ({
      createdAtMs: 0,
      depth,
      lost,
    });
    t.equal(pairTier(c(4), c(0), won), 'wide');
    t.equal(pairTier(c(4), c(3, true), won), 'wide');
    t.equal(pairTier(c(4), c(3), won), 'narrow');
    t.equal(pairTier(c(4), c(2), won), 'medium');
    t.equal(pairTier(c(3), c(0), won), 'medium');
    t.equal(pairTier(c(2), c(1, true), won), 'narrow');
  },
);

function candidates(n: number, seed: number): PairCandidate[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => ({
    createdAtMs: Math.floor(rng.next() * 120) * DAY,
    depth: [0, 0, 0, 1, 1, 2, 3, 4][rng.int(8)] as number,
    lost: rng.next() < 0.3,
  }));
}

t.test(
  'pairs stay inside a cohort, are deeper-first, bounded and seeded',
  async (t) => {
    const cands = candidates(2000, 1);
    const config = {
      ...DEFAULT_PAIRS,
      cohortDays: 30,
      maxPairsPerBatch: 50,
      pairsPerAnchor: 3,
    };
    const index = new PairIndex(cands, won, config);
    const batch = Array.from({ length: 256 }, (_, i) => i * 7);
    const pairs = index.mine(batch, createRng(9));

    t.equal(pairs.length, 50, 'bounded per batch');
    for (const p of pairs) {
      const a = cands[p.deeper]!;
      const b = cands[p.shallower]!;
      if (
        Math.floor(a.createdAtMs / (30 * DAY)) !==
        Math.floor(b.createdAtMs / (30 * DAY))
      )
        t.fail('pair crosses cohorts');
      if (a.depth <= b.depth) t.fail('pair not deeper-first');
      if (p.margin !== config.margins[p.tier])
        t.fail('margin does not match tier');
    }
    t.same(index.mine(batch, createRng(9)), pairs, 'same seed, same pairs');
    t.not(
      JSON.stringify(index.mine(batch, createRng(10))),
      JSON.stringify(pairs),
    );
  },
);

t.test('a lone cohort member gets no partner', async (t) => {
  const index = new PairIndex(
    [
      { createdAtMs: 0, depth: 4, lost: false },
      { createdAtMs: 90 * DAY, depth: 0, lost: false },
    ],
    won,
    DEFAULT_PAIRS,
  );
  t.same(index.mine([0, 1], createRng(1)), []);
});
