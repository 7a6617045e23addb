import { spawnSync } from 'node:child_process';
import t from 'tap';
import {
  metricsWithIntervals,
  bootstrapCounts,
  percentile,
} from '../src/eval/bootstrap';
import {
  averagePrecision,
  brier,
  ece,
  ndcg,
  rocAuc,
  tierAccuracy,
} from '../src/eval/metrics';
import { rankOrder, type ScoredSet } from '../src/eval/ranking';
import { computeMetrics } from '../src/eval/suite';
import { pairedDifferences } from '../src/eval/paired';
import { createRng } from '../src/rng';

function set(
  scores: number[],
  labels: number[],
  depths: number[],
  probs?: number[],
): ScoredSet {
  return {
    leadIds: scores.map((_, i) => `L${String(i).padStart(3, '0')}`),
    scores: Float64Array.from(scores),
    labels: Uint8Array.from(labels),
    depths: Int32Array.from(depths),
    probabilities: probs ? Float64Array.from(probs) : null,
  };
}
const ranked = (s: ScoredSet) => rankOrder(s.scores, s.leadIds);

t.test('hand-computed values', async (t) => {
  // Ranking: 0.9(+) 0.8(-) 0.7(+) 0.7(-) 0.1(-)
  const s = set(
    [0.9, 0.8, 0.7, 0.7, 0.1],
    [1, 0, 1, 0, 0],
    [4, 1, 4, 2, 0],
    [0.9, 0.8, 0.7, 0.7, 0.1],
  );
  const r = ranked(s);
  // Pairs (pos,neg): 6. Correct: 0.9>all 3 = 3; 0.7(+) > 0.1 = 1; tie with 0.7(-) = 0.5 -> 4.5/6.
  t.equal(rocAuc(s, r), 0.75);
  // Thresholds: 0.9 -> P=1,R=.5; 0.8 -> no new TP; 0.7 -> TP=2 of 4 seen, R=1: AP = .5*1 + .5*.5
  t.equal(averagePrecision(s, r), 0.75);
  // 4>... depth tiers: "2>1": depth2 {0.7} over depth1 {0.8} -> 0.
  t.equal(tierAccuracy(s, r, 1), 0);
  t.equal(tierAccuracy(s, r, 3), null, 'no depth 3');
  // Gains 15,1,15,3,0 in rank order (ties by lead id: L002 before L003).
  const dcg = 15 + 1 / Math.log2(3) + 15 / 2 + 3 / Math.log2(5);
  const idcg = 15 + 15 / Math.log2(3) + 3 / 2 + 1 / Math.log2(5);
  t.ok(Math.abs((ndcg(s, r) as number) - dcg / idcg) < 1e-12);
  t.ok(
    Math.abs((brier(s, r) as number) - (0.01 + 0.64 + 0.09 + 0.49 + 0.01) / 5) <
      1e-12,
  );
  // Bins: .9 -> bin 9 (y=1): |.9-1|=.1; .8 -> bin 8 (y=0): .8; .7,.7 -> bin 7: |1.4-1|=.4; .1 -> bin 1: .1
  t.ok(Math.abs((ece(s, r) as number) - (0.1 + 0.8 + 0.4 + 0.1) / 5) < 1e-12);

  const m = computeMetrics(s, r, 4);
  t.equal(m.get('precision_at.100'), null, 'K beyond n is null');
  t.equal(
    m.get('precision_at.1%'),
    1,
    'top 1% is max(1, round(0.05)) = 1 lead',
  );
  t.equal(m.get('recall_at.10%'), 0.5);
  t.equal(m.get('lift_at_10pct'), 1 / 0.4);
  t.equal(set([1], [1], [0]).probabilities, null);
  t.equal(
    brier(set([1, 2], [1, 0], [0, 0]), ranked(set([1, 2], [1, 0], [0, 0]))),
    null,
    'no probabilities, no calibration',
  );
});

t.test('ties at a cut-off are broken by lead_id', async (t) => {
  const s = set([0.5, 0.5, 0.5], [0, 0, 1], [0, 0, 1]);
  t.same(Array.from(ranked(s)), [0, 1, 2]);
  t.equal(computeMetrics(s, ranked(s), 1).get('precision_at.10%'), 0);
  t.equal(rocAuc(s, ranked(s)), 0.5);
});

t.test(
  'bootstrap: same draws for every model, intervals bracket the value',
  async (t) => {
    const draws = bootstrapCounts(50, 200, 7);
    t.same(bootstrapCounts(50, 200, 7), draws, 'fixed seed');
    t.ok(draws.every((c) => c.reduce((a, b) => a + b, 0) === 50));
    const rng = createRng(1);
    const labels = Array.from({ length: 50 }, () => (rng.next() < 0.3 ? 1 : 0));
    const scores = labels.map((y) => y + rng.normal());
    const out = metricsWithIntervals(set(scores, labels, labels), 1, draws);
    const auc = out.get('roc_auc');
    t.ok(
      auc &&
        auc.lo <= auc.value &&
        auc.value <= auc.hi &&
        auc.hi - auc.lo > 0.01,
    );
    t.equal(out.get('precision_at.100'), null);
    t.equal(percentile([1, 2, 3, 4], 50), 2.5);
  },
);

const SKLEARN = `
import json, sys
from sklearn.metrics import roc_auc_score, average_precision_score, ndcg_score, brier_score_loss
d = json.load(sys.stdin)
out = []
for c in d:
    out.append({
        "auc": roc_auc_score(c["y"], c["s"]),
        "ap": average_precision_score(c["y"], c["s"]),
        "ndcg": ndcg_score([[2**x - 1 for x in c["depth"]]], [c["s"]]),
        "brier": brier_score_loss(c["y"], c["p"]),
    })
print(json.dumps(out))
`;

const probe = spawnSync('python3', ['-c', 'import sklearn'], {
  encoding: 'utf8',
});
const sklearnMissing =
  probe.status === 0
    ? false
    : 'scikit-learn cannot be imported by python3 (pip install scikit-learn)';

t.test(
  'matches scikit-learn on random data',
  { skip: sklearnMissing },
  async (t) => {
    const rng = createRng(42);
    const cases = Array.from({ length: 5 }, (_, c) => {
      const n = 200 + 150 * c;
      const y = Array.from({ length: n }, () => (rng.next() < 0.15 ? 1 : 0));
      const depth = y.map((v) => (v ? 4 : rng.int(4)));
      // Odd cases round scores to get real ties, which both must treat alike.
      const raw = depth.map((d) => 0.3 * d + rng.normal());
      const s = c % 2 ? raw.map((v) => Math.round(v * 10) / 10) : raw;
      const p = s.map((v) => 1 / (1 + Math.exp(-v)));
      return { y, depth, s, p };
    });
    const res = spawnSync('python3', ['-c', SKLEARN], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
    });
    t.equal(res.status, 0, res.stderr);
    const expected = JSON.parse(res.stdout) as Array<Record<string, number>>;
    cases.forEach((c, i) => {
      const s = set(c.s, c.y, c.depth, c.p);
      const r = ranked(s);
      const e = expected[i]!;
      t.ok(
        Math.abs((rocAuc(s, r) as number) - (e.auc as number)) < 1e-9,
        `auc case ${i}`,
      );
      t.ok(
        Math.abs((averagePrecision(s, r) as number) - (e.ap as number)) < 1e-9,
        `ap case ${i}`,
      );
      t.ok(
        Math.abs((brier(s, r) as number) - (e.brier as number)) < 1e-9,
        `brier case ${i}`,
      );
      if (i % 2 === 0) {
        // sklearn averages gains over tied scores; compare only without ties.
        t.ok(
          Math.abs((ndcg(s, r) as number) - (e.ndcg as number)) < 1e-9,
          `ndcg case ${i}`,
        );
      }
    });
  },
);

t.test('paired differences: zero for a model against itself', async (t) => {
  const rng = createRng(3);
  const labels = Array.from({ length: 400 }, () => (rng.next() < 0.2 ? 1 : 0));
  const good = set(
    labels.map((y) => y + 0.5 * rng.normal()),
    labels,
    labels,
  );
  const noise = set(
    labels.map(() => rng.normal()),
    labels,
    labels,
  );
  const draws = bootstrapCounts(400, 200, 1);
  const same = pairedDifferences(good, good, 1, draws);
  t.same(same.get('roc_auc'), { value: 0, lo: 0, hi: 0 });
  const better = pairedDifferences(good, noise, 1, draws).get('roc_auc');
  t.ok(better && better.lo > 0.2, `good - noise AUC ${JSON.stringify(better)}`);
});
