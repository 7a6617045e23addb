import t from 'tap';
import { extractFeatures } from '../src/features/extract';
import { fitFeatureSpec } from '../src/features/fit';
import { textGrams, textIds, textWords, textRuns } from '../src/features/text';
import { DEFAULT_TEXT_SPEC, FEATURE_SPEC_VERSION } from '../src/features/spec';
import { applyProtocol, DEFAULT_PROTOCOL } from '../src/protocol';
import { DAY_MS, makeDataset, makeLead, T0 } from './helpers';

const leads = [
  makeLead(
    'a',
    0,
    [
      [0.5, 'note', 'asked about delivery time'],
      [1, 'contacted'],
      [2, 'note', '客户询问交车时间', 'wechat'],
    ],
    { channel: 'web', budget_k: 200, owns_ev: true },
  ),
  makeLead('b', 1, [[1, 'note', 'just browsing']], {
    channel: 'app',
    budget_k: null,
    owns_ev: false,
  }),
  makeLead('c', 2, [], { channel: 'web', budget_k: 300, owns_ev: false }),
];
const ds = makeDataset(leads, T0 + 300 * DAY_MS);
const train = applyProtocol(ds, {
  ...DEFAULT_PROTOCOL,
  testFraction: 0.01,
}).train;
const spec = fitFeatureSpec(train, ds.funnel, {
  text: { buckets: 1024 },
  categoryBuckets: 256,
});

t.test('the spec is versioned and learns attribute kinds', async (t) => {
  t.equal(spec.version, FEATURE_SPEC_VERSION);
  t.same(spec.numericAttributes, ['budget_k', 'owns_ev']);
  t.same(spec.categoricalAttributes, ['channel']);
  t.same(spec.channels, ['call', 'wechat']);
  t.equal(spec.denseNames.length, spec.denseMean.length);
});

t.test('no event after as_of ever reaches a feature', async (t) => {
  const lead = leads[0]!;
  const asOf = lead.createdAtMs + 1.5 * DAY_MS;
  const before = extractFeatures(lead, asOf, spec);
  const later = makeLead(
    'a',
    0,
    [
      [0.5, 'note', 'asked about delivery time'],
      [1, 'contacted'],
      [1.6, 'note', 'ready to place a deposit'],
      [1.7, 'order'],
      [2, 'note', '客户询问交车时间', 'wechat'],
    ],
    lead.attributes,
  );
  const after = extractFeatures(later, asOf, spec);
  t.same(Array.from(after.dense), Array.from(before.dense));
  t.same(Array.from(after.catIds), Array.from(before.catIds));
  t.same(Array.from(after.textIds), Array.from(before.textIds));

  const withNote = extractFeatures(
    later,
    lead.createdAtMs + 1.65 * DAY_MS,
    spec,
  );
  t.not(
    Array.from(withNote.textIds).join(),
    Array.from(before.textIds).join(),
    'the note counts once it is before as_of',
  );
});

t.test('missing numbers are filled and flagged explicitly', async (t) => {
  const f = extractFeatures(
    leads[1]!,
    leads[1]!.createdAtMs + 3 * DAY_MS,
    spec,
  );
  const idx = spec.denseNames.indexOf('attr:budget_k:missing');
  const raw =
    (f.dense[idx] as number) * (spec.denseStd[idx] as number) +
    (spec.denseMean[idx] as number);
  t.ok(Math.abs(raw - 1) < 1e-6);
  t.ok(
    Math.abs(f.dense[spec.denseNames.indexOf('attr:budget_k')] as number) <
      1e-6,
    'filled with the mean',
  );
});

t.test('tokenizer handles Chinese and English', async (t) => {
  t.same(textWords(textRuns('客户询问 delivery time!')), [
    '客',
    '户',
    '询',
    '问',
    'delivery',
    'time',
  ]);
  const grams = textGrams('询问交车', DEFAULT_TEXT_SPEC);
  t.ok(grams.includes('c2:交车'));
  t.ok(grams.includes('w2:询 问'));
  t.ok(textGrams('Delivery', DEFAULT_TEXT_SPEC).includes('c3:<de'));
  t.same(textIds([''], DEFAULT_TEXT_SPEC), []);
  const ids = textIds(['交车时间'], DEFAULT_TEXT_SPEC);
  t.same(ids, textIds(['交车时间'], DEFAULT_TEXT_SPEC), 'stable');
  t.ok(ids.every((id) => id >= 1 && id < DEFAULT_TEXT_SPEC.buckets));
  t.ok(
    textIds(
      [
        'word '.repeat(2000) +
          Array.from({ length: 500 }, (_, i) => `w${i}`).join(' '),
      ],
      DEFAULT_TEXT_SPEC,
    ).length <= DEFAULT_TEXT_SPEC.maxTokens,
  );
});
