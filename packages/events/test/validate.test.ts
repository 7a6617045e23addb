import t from 'tap';
import {
  toAvro,
  fromAvro,
  toJsonLine,
  validateEvent,
  type Funnel,
} from '../src/index';

const funnel: Funnel = {
  stages: ['new', 'contacted', 'store_visit', 'test_drive', 'order'],
  lost: 'lost',
};

const created = {
  type: 'lead_created',
  event_id: 'e1',
  lead_id: 'L1',
  ts: '2025-03-01T08:00:00Z',
  attributes: {
    channel: 'app_booking',
    city_tier: 2,
    owns_ev: false,
    note: null,
  },
};
const interaction = {
  type: 'interaction',
  event_id: 'e2',
  lead_id: 'L1',
  ts: '2025-03-02T18:30:00+08:00',
  channel: 'call',
  text: '客户询问交付时间',
  attributes: { duration_s: 312 },
  source: 'crm-a',
};
const stage = {
  type: 'stage_changed',
  event_id: 'e3',
  lead_id: 'L1',
  ts: '2025-03-09T15:00:00.250Z',
  stage: 'test_drive',
};

function problems(value: unknown) {
  const result = validateEvent(value, funnel);
  return result.ok ? [] : result.problems;
}

t.test(
  'accepts the three event types of the line format, times in UTC',
  async (t) => {
    const a = validateEvent(created, funnel);
    const b = validateEvent(interaction, funnel);
    const c = validateEvent(stage, funnel);
    t.ok(a.ok && b.ok && c.ok);
    if (!b.ok || !c.ok) return;
    t.equal(
      b.event.tsMs,
      Date.parse('2025-03-02T10:30:00Z'),
      'the +08:00 zone is honoured',
    );
    t.equal(c.event.tsMs % 1000, 250, 'milliseconds kept');
    t.equal(b.event.source, 'crm-a');
  },
);

t.test('the Avro form and the line form round-trip', async (t) => {
  for (const input of [created, interaction, stage]) {
    const result = validateEvent(input, funnel);
    if (!result.ok) throw new Error('expected valid');
    t.same(fromAvro(toAvro(result.event)), result.event);
    const again = validateEvent(toJsonLine(result.event), funnel);
    t.same(again.ok && again.event, result.event);
  }
});

t.test('missing fields are named', async (t) => {
  const { lead_id: _lead, ts: _ts, ...rest } = created;
  t.same(problems(rest), [
    { field: 'lead_id', problem: 'is missing' },
    { field: 'ts', problem: 'is missing' },
  ]);
  t.match(problems({ ...interaction, text: undefined }), [
    { field: 'text', problem: /is missing/ },
  ]);
});

t.test('wrong types are named with what was found', async (t) => {
  t.match(problems({ ...created, event_id: 17 }), [
    { field: 'event_id', problem: 'must be a string, got number 17' },
  ]);
  t.match(problems({ ...created, attributes: [1] }), [
    { field: 'attributes', problem: 'must be an object, got an array' },
  ]);
  t.match(problems({ ...created, attributes: { a: { nested: true } } }), [
    {
      field: 'attributes.a',
      problem:
        /must be a string, finite number, boolean or null, got an object/,
    },
  ]);
  t.match(problems('a string'), [
    { field: '(event)', problem: /must be a JSON object/ },
  ]);
  t.match(problems({ ...created, type: 'lead_deleted' }), [
    {
      field: 'type',
      problem:
        /must be one of lead_created, interaction, stage_changed; got "lead_deleted"/,
    },
  ]);
});

t.test('an unknown stage lists the funnel', async (t) => {
  t.same(problems({ ...stage, stage: 'signed' }), [
    {
      field: 'stage',
      problem:
        'unknown stage "signed"; the funnel has new, contacted, store_visit, test_drive, order, lost',
    },
  ]);
  t.same(problems({ ...stage, stage: 'lost' }), []);
});

t.test('non-finite numbers are refused', async (t) => {
  const parsed = JSON.parse(
    '{"type":"lead_created","event_id":"e","lead_id":"L","ts":"2025-03-01T08:00:00Z","attributes":{"budget":1e400}}',
  );
  t.same(problems(parsed), [
    { field: 'attributes.budget', problem: 'must be a finite number' },
  ]);
});

t.test('times without a zone, or not real, are refused', async (t) => {
  t.match(problems({ ...created, ts: '2025-03-01T08:00:00' }), [
    { field: 'ts', problem: /with a zone/ },
  ]);
  t.match(problems({ ...created, ts: '2025-02-30T08:00:00Z' }), [
    { field: 'ts', problem: /not a real date/ },
  ]);
  t.same(problems({ ...created, ts: '2024-02-29T23:59:59.999-05:00' }), []);
  t.match(problems({ ...created, ts: '2025-13-45T08:00:00Z' }), [
    { field: 'ts', problem: /not a real date/ },
  ]);
  t.match(problems({ ...created, ts: 1740816000000 }), [
    { field: 'ts', problem: /ISO-8601/ },
  ]);
});

t.test(
  'oversized text and unknown fields are refused, all problems at once',
  async (t) => {
    const found = problems({
      ...interaction,
      text: 'x'.repeat(20_001),
      colour: 'red',
      lead_id: '',
    });
    t.same(found.map((p) => p.field).sort(), ['colour', 'lead_id', 'text']);
    t.match(
      found.find((p) => p.field === 'text')?.problem,
      'is 20001 characters; the limit is 20000',
    );
  },
);
