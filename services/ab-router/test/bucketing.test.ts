import t from 'tap';
import { armFor, bucketOf, bucketRanges, BUCKETS } from '../src/bucketing';
import { experiment } from './fixtures';

t.test('a lead falls in the same bucket every time for one salt', async (t) => {
  const first = bucketOf('salt-1', 'lead-42');
  for (let i = 0; i < 5; i++) t.equal(bucketOf('salt-1', 'lead-42'), first);
  t.ok(first >= 0 && first < BUCKETS);
});

t.test(
  'the bucket is SHA-256 of salt 0x1f lead, 8 bytes mod 10000',
  async (t) => {
    // From Python: int.from_bytes(sha256(b's\x1fL').digest()[:8], 'big')
    // % 10000; digest starts 5ff11355b304bdfa.
    t.equal(bucketOf('s', 'L'), 2362);
  },
);

t.test('different salts bucket a lead independently', async (t) => {
  let same = 0;
  for (let i = 0; i < 1_000; i++) {
    if (bucketOf('a', `lead-${i}`) === bucketOf('b', `lead-${i}`)) same++;
  }
  t.ok(same < 5, `${same} of 1000 leads shared a bucket across salts`);
});

t.test('arms take contiguous ranges covering every bucket', async (t) => {
  const ranges = bucketRanges(experiment().arms);
  t.same(
    ranges.map((r) => [r.arm.name, r.from, r.to]),
    [
      ['champion', 0, 4500],
      ['challenger', 4500, 9000],
      ['holdout', 9000, 10000],
    ],
  );
  const odd = bucketRanges([
    { name: 'a', weight: 1, modelVersion: 'm' },
    { name: 'b', weight: 0, modelVersion: 'm' },
    { name: 'c', weight: 2, modelVersion: null },
  ]);
  t.same(
    odd.map((r) => [r.from, r.to]),
    [
      [0, 3333],
      [3333, 3333],
      [3333, 10000],
    ],
  );
});

t.test('10,000 leads split close to the weights', async (t) => {
  const counts = new Map<string, number>();
  for (let i = 0; i < 10_000; i++) {
    const { arm } = armFor(experiment(), `lead-${i}`);
    counts.set(arm.name, (counts.get(arm.name) ?? 0) + 1);
  }
  // Binomial sd at n=10000: 50 for p=.45, 30 for p=.1; allow 4 sd.
  t.ok(Math.abs((counts.get('champion') ?? 0) - 4500) < 200);
  t.ok(Math.abs((counts.get('challenger') ?? 0) - 4500) < 200);
  t.ok(Math.abs((counts.get('holdout') ?? 0) - 1000) < 120);
  t.equal(
    [...counts.values()].reduce((a, b) => a + b, 0),
    10_000,
  );
});

t.test('a weight of 0 gets no new leads', async (t) => {
  const closed = experiment({
    arms: [
      { name: 'champion', weight: 1, modelVersion: 'model-a' },
      { name: 'challenger', weight: 0, modelVersion: 'model-b' },
    ],
  });
  let challengers = 0;
  for (let i = 0; i < 2_000; i++) {
    if (armFor(closed, `lead-${i}`).arm.name === 'challenger') challengers++;
  }
  t.equal(challengers, 0);
});
