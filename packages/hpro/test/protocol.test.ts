import t from 'tap';
import {
  applyProtocol,
  assertLearnable,
  DEFAULT_PROTOCOL,
} from '../src/protocol';
import { DAY_MS, makeDataset, makeLead, T0 } from './helpers';

const observedUntil = T0 + 200 * DAY_MS;

t.test('decided and unmatured leads are excluded and counted', async (t) => {
  const ds = makeDataset(
    [
      makeLead('A', 0, [[1, 'order']]),
      makeLead('B', 0, [[2, 'lost']]),
      makeLead('C', 0, [[4, 'lost']]),
      makeLead('D', 120, []),
      makeLead('E', 106, []),
      makeLead('F', 108, []),
    ],
    observedUntil,
  );
  const split = applyProtocol(ds, DEFAULT_PROTOCOL);
  t.equal(split.excludedDecided, 2, 'won or lost by as_of');
  // as_of + 90d > observed_until for creation after day 107.
  t.equal(split.excludedUnmatured, 2);
  t.same([...split.train, ...split.test].map((e) => e.lead.leadId).sort(), [
    'C',
    'E',
  ]);
});

t.test('label, depth and lost follow the protocol', async (t) => {
  const ds = makeDataset(
    [
      makeLead('won', 0, [
        [1, 'contacted'],
        [10, 'test_drive'],
        [30, 'order'],
      ]),
      makeLead('late', 1, [
        [1, 'contacted'],
        [100, 'order'],
      ]),
      makeLead('lostDeep', 2, [
        [5, 'test_drive'],
        [20, 'lost'],
      ]),
      makeLead('atAsOf', 3, [[3, 'store_visit']]),
    ],
    observedUntil,
  );
  const byId = new Map(
    [
      ...applyProtocol(ds, { ...DEFAULT_PROTOCOL, testFraction: 0.5 }).train,
      ...applyProtocol(ds, { ...DEFAULT_PROTOCOL, testFraction: 0.5 }).test,
    ].map((e) => [e.lead.leadId, e]),
  );
  t.equal(byId.get('won')?.label, 1);
  t.equal(byId.get('won')?.depth, 4);
  t.equal(byId.get('late')?.label, 0, 'won after as_of + label window');
  t.equal(
    byId.get('late')?.depth,
    1,
    'depth counts only what happened by the horizon',
  );
  t.equal(byId.get('lostDeep')?.depth, 3, 'lost does not change depth');
  t.equal(byId.get('lostDeep')?.lost, true);
  t.equal(byId.get('lostDeep')?.label, 0);
  t.equal(byId.get('atAsOf')?.depth, 2, 'an event exactly at as_of counts');
});

t.test(
  'split by creation time, ties by lead_id, last ceil(f*n) are test',
  async (t) => {
    const leads = [
      makeLead('b', 5, []),
      makeLead('a', 5, []),
      makeLead('c', 1, []),
      makeLead('d', 9, []),
      makeLead('e', 7, []),
    ];
    const split = applyProtocol(makeDataset(leads, observedUntil), {
      ...DEFAULT_PROTOCOL,
      testFraction: 0.5,
    });
    t.same(
      split.train.map((e) => e.lead.leadId),
      ['c', 'a'],
    );
    t.same(
      split.test.map((e) => e.lead.leadId),
      ['b', 'e', 'd'],
    );
  },
);

t.test('no positives stops with a message that says so', async (t) => {
  const ds = makeDataset(
    [makeLead('a', 0, []), makeLead('b', 1, [])],
    observedUntil,
  );
  const split = applyProtocol(ds, DEFAULT_PROTOCOL);
  t.throws(() => assertLearnable(split, 'tiny'), {
    code: 'NO_POSITIVES',
    message: /no positives/,
  });
});

t.test('protocol flags change the decision point and the window', async (t) => {
  const ds = makeDataset(
    [makeLead('x', 0, [[2, 'order']]), makeLead('y', 0, [[40, 'order']])],
    observedUntil,
  );
  const short = applyProtocol(ds, {
    ...DEFAULT_PROTOCOL,
    decisionDelay: 'P1D',
    labelWindow: 'P30D',
  });
  const all = [...short.train, ...short.test];
  t.equal(all.find((e) => e.lead.leadId === 'x')?.label, 1);
  t.equal(all.find((e) => e.lead.leadId === 'y')?.label, 0);
  t.throws(
    () => applyProtocol(ds, { ...DEFAULT_PROTOCOL, decisionDelay: 'P1M' }),
    { code: 'BAD_DURATION' },
  );
});
