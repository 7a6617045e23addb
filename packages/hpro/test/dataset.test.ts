import t from 'tap';
import { readDataset } from '../src/dataset/read';
import { HproError } from '../src/errors';
import { FUNNEL, writeDatasetDir } from './helpers';

const created = (id: string, lead: string, ts: string) =>
  JSON.stringify({
    type: 'lead_created',
    event_id: id,
    lead_id: lead,
    ts,
    attributes: { channel: 'web' },
  });

t.test('bad lines are reported by line number and skipped', async (t) => {
  const dir = writeDatasetDir(t.testdir(), FUNNEL, [
    created('e1', 'L1', '2025-03-01T08:00:00Z'),
    '{not json',
    JSON.stringify({
      type: 'interaction',
      event_id: 'e2',
      lead_id: 'L1',
      ts: '2025-03-01T09:00:00',
      channel: 'call',
      text: 'x',
    }),
    JSON.stringify({
      type: 'stage_changed',
      event_id: 'e3',
      lead_id: 'L1',
      ts: '2025-03-02T09:00:00Z',
      stage: 'bogus',
    }),
    JSON.stringify({
      type: 'mystery',
      event_id: 'e4',
      lead_id: 'L1',
      ts: '2025-03-02T09:00:00Z',
    }),
    '{"type":"lead_created","event_id":"e5","lead_id":"L2","ts":"2025-03-01T08:00:00Z","attributes":{"x":1e999}}',
    JSON.stringify({
      type: 'interaction',
      event_id: 'e6',
      lead_id: 'L1',
      ts: '2025-03-01T18:00:00+08:00',
      channel: 'call',
      text: '想试驾',
    }),
    created('e1', 'L1', '2025-03-01T08:00:00Z'),
    JSON.stringify({
      type: 'interaction',
      event_id: 'e7',
      lead_id: 'L9',
      ts: '2025-03-01T10:00:00Z',
      channel: 'call',
    }),
    JSON.stringify({
      type: 'interaction',
      event_id: 'e8',
      lead_id: 'L1',
      ts: '2025-02-01T10:00:00Z',
      channel: 'call',
    }),
  ]);
  const reported: number[] = [];
  const ds = await readDataset(dir, {
    onBadLine: (line) => reported.push(line),
  });

  t.same(
    ds.report.badLines.map((b) => b.line),
    [2, 3, 4, 5, 6],
  );
  t.same(reported, [2, 3, 4, 5, 6]);
  t.match(ds.report.badLines[1]?.reason, /zone/);
  t.match(ds.report.badLines[2]?.reason, /unknown stage/);
  t.match(ds.report.badLines[3]?.reason, /unknown type/);
  t.match(ds.report.badLines[4]?.reason, /finite/);
  t.equal(ds.report.duplicateEvents, 1);
  t.equal(ds.report.orphanEvents, 1);
  t.equal(ds.report.eventsBeforeCreation, 1);
  t.equal(ds.leads.length, 1);
  const note = ds.leads[0]?.events[1];
  t.equal(note?.tsMs, Date.parse('2025-03-01T10:00:00Z'), '+08:00 read as UTC');
  t.equal(ds.leads[0]?.events.length, 2);
});

t.test('a one-stage funnel stops with a message that says so', async (t) => {
  const dir = writeDatasetDir(
    t.testdir(),
    { stages: ['order'], won: 'order' },
    [],
  );
  await t.rejects(readDataset(dir), {
    code: 'BAD_FUNNEL',
    message: /1 stage\(s\); at least two/,
  });
});

t.test('a won stage outside the stages is refused', async (t) => {
  const dir = writeDatasetDir(
    t.testdir(),
    { stages: ['a', 'b'], won: 'c' },
    [],
  );
  await t.rejects(readDataset(dir), HproError);
});

t.test('observed_until defaults to the last event', async (t) => {
  const dir = writeDatasetDir(t.testdir(), { stages: ['a', 'b'], won: 'b' }, [
    created('e1', 'L1', '2025-03-01T08:00:00Z'),
    JSON.stringify({
      type: 'stage_changed',
      event_id: 'e2',
      lead_id: 'L1',
      ts: '2025-04-01T00:00:00Z',
      stage: 'b',
    }),
  ]);
  const ds = await readDataset(dir);
  t.equal(ds.observedUntilMs, Date.parse('2025-04-01T00:00:00Z'));
});
