import t from 'tap';
import { startTelemetry } from '@leadscore/telemetry';
import { testConfig, uniqueName } from '@leadscore/testkit';
import {
  decodeAll,
  events,
  post,
  readRecords,
  startTestIngestor,
  topics,
} from './helpers';

// As runService does in the service process: trace context then crosses
// the hop into the record headers.
const telemetry = startTelemetry({ serviceName: 'ingestor-test' });
const config = testConfig();
const ingestor = await startTestIngestor({
  LEADSCORE_INGESTOR_CONSUME_RAW_TOPIC: 'false',
});
t.teardown(async () => {
  await ingestor.stop();
  await telemetry.shutdown();
});

const counts = (body: Record<string, unknown>) => ({
  sent: body['sent'],
  accepted: body['accepted'],
  rejected: body['rejected'],
  duplicates: body['duplicates'],
});

t.test(
  'a batch is acknowledged after the broker has it: Avro, keyed by lead, event time kept',
  async (t) => {
    const lead = uniqueName('L');
    const batch = events(lead);
    const answer = await post(ingestor.url, JSON.stringify(batch));
    t.equal(answer.status, 200);
    t.same(counts(answer.body), {
      sent: 3,
      accepted: 3,
      rejected: 0,
      duplicates: 0,
    });

    const records = await readRecords(
      ingestor.kafka,
      topics.events,
      new Set([lead]),
      (r) => r.length >= 3,
    );
    t.equal(records.length, 3);
    t.equal(
      new Set(records.map((r) => r.partition)).size,
      1,
      'one lead, one partition',
    );
    for (const record of records) {
      t.equal(record.value?.[0], 0, 'Confluent magic byte');
      t.equal(
        record.value?.readInt32BE(1),
        ingestor.schemaId,
        'schema id in the header',
      );
      t.match(String(record.headers['traceparent']), /^00-[0-9a-f]{32}-/);
    }
    const decoded = await decodeAll(config['schemaRegistry.url'], records);
    t.same(
      decoded.map((e) => e.event_id),
      batch.map((e) => e.event_id),
      'in order',
    );
    t.same(
      records.map((r) => r.timestampMs),
      batch.map((e) => Date.parse(e.ts)),
      'record time is event time',
    );
    const interaction = decoded[1];
    t.equal(
      interaction?.type === 'interaction' && interaction.text,
      batch[1]?.['text'],
    );
  },
);

t.test('one event alone is accepted too', async (t) => {
  const answer = await post(
    ingestor.url,
    JSON.stringify(events(uniqueName('L'))[0]),
  );
  t.same(counts(answer.body), {
    sent: 1,
    accepted: 1,
    rejected: 0,
    duplicates: 0,
  });
});

t.test(
  'malformed JSON is refused whole with the parser position',
  async (t) => {
    const answer = await post(ingestor.url, '[{"type": "lead_created", ');
    t.equal(answer.status, 400);
    t.match(answer.body['error'], /body is not valid JSON/);
    t.same(counts(answer.body), {
      sent: 0,
      accepted: 0,
      rejected: 0,
      duplicates: 0,
    });
  },
);

t.test(
  'wrong types, missing fields, unknown stage: every problem with its index, the good events kept',
  async (t) => {
    const lead = uniqueName('L');
    const [created, interaction, stage] = events(lead);
    const batch = [
      created,
      { ...interaction, channel: 42 },
      { ...stage, stage: 'signed' },
      {
        type: 'lead_created',
        event_id: uniqueName('e'),
        ts: '2025-03-01T08:00:00Z',
      },
    ];
    const answer = await post(ingestor.url, JSON.stringify(batch));
    t.equal(answer.status, 422);
    t.same(counts(answer.body), {
      sent: 4,
      accepted: 1,
      rejected: 3,
      duplicates: 0,
    });
    t.same(answer.body['errors'], [
      {
        index: 1,
        field: 'channel',
        problem: 'must be a string, got number 42',
      },
      {
        index: 2,
        field: 'stage',
        problem:
          'unknown stage "signed"; the funnel has new, contacted, store_visit, test_drive, order, lost',
      },
      { index: 3, field: 'lead_id', problem: 'is missing' },
      {
        index: 3,
        field: 'attributes',
        problem: 'is missing (use {} for none)',
      },
    ]);
  },
);

t.test('non-finite numbers are refused', async (t) => {
  const [created] = events(uniqueName('L'));
  const body = JSON.stringify(created).replace(
    '"city_tier":2',
    '"city_tier":1e999',
  );
  const answer = await post(ingestor.url, body);
  t.equal(answer.status, 422);
  t.same(answer.body['errors'], [
    {
      index: 0,
      field: 'attributes.city_tier',
      problem: 'must be a finite number',
    },
  ]);
});

t.test('oversized text is refused with the limit', async (t) => {
  const [, interaction] = events(uniqueName('L'));
  const answer = await post(
    ingestor.url,
    JSON.stringify({ ...interaction, text: '长'.repeat(20_001) }),
  );
  t.equal(answer.status, 422);
  t.same(answer.body['errors'], [
    {
      index: 0,
      field: 'text',
      problem: 'is 20001 characters; the limit is 20000',
    },
  ]);
});

t.test('an oversized batch is refused whole with 413', async (t) => {
  const lead = uniqueName('L');
  const batch = Array.from({ length: 1_001 }, (_, i) => ({
    ...events(lead)[2],
    event_id: `${lead}-${i}`,
  }));
  const answer = await post(ingestor.url, JSON.stringify(batch));
  t.equal(answer.status, 413);
  t.match(answer.body['error'], 'batch has 1001 events; the limit is 1000');
  t.same(counts(answer.body), {
    sent: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
  });
});

t.test(
  'an oversized body is refused with 413 before it is parsed',
  async (t) => {
    const big = Buffer.alloc(8 * 1024 * 1024 + 10, 0x20);
    const answer = await post(ingestor.url, big);
    t.equal(answer.status, 413);
    t.match(answer.body['error'], /the limit is 8388608/);
  },
);

t.test(
  'repeated event ids are dropped, within a batch and across requests',
  async (t) => {
    const lead = uniqueName('L');
    const batch = events(lead);
    const first = await post(
      ingestor.url,
      JSON.stringify([...batch, batch[0]]),
    );
    t.same(counts(first.body), {
      sent: 4,
      accepted: 3,
      rejected: 0,
      duplicates: 1,
    });
    t.same(first.body['duplicate_indexes'], [3]);
    const again = await post(ingestor.url, JSON.stringify(batch));
    t.equal(again.status, 200);
    t.same(counts(again.body), {
      sent: 3,
      accepted: 0,
      rejected: 0,
      duplicates: 3,
    });

    const records = await readRecords(
      ingestor.kafka,
      topics.events,
      new Set([lead]),
      (r) => r.length >= 3,
    );
    t.equal(records.length, 3, 'each event once on the topic');
  },
);

t.test(
  'invalid UTF-8: a JSON body is refused, an NDJSON line is rejected alone',
  async (t) => {
    const [created, interaction] = events(uniqueName('L'));
    const bad = Buffer.concat([
      Buffer.from('{"type":"interaction","text":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const json = await post(ingestor.url, bad);
    t.equal(json.status, 400);
    t.match(
      json.body['error'],
      /not valid UTF-8 \(first bad byte near offset 30\)/,
    );

    const ndjson = Buffer.concat([
      Buffer.from(JSON.stringify(created) + '\n'),
      bad,
      Buffer.from('\n' + JSON.stringify(interaction) + '\n'),
    ]);
    const lines = await post(ingestor.url, ndjson, 'application/x-ndjson');
    t.equal(lines.status, 422);
    t.same(counts(lines.body), {
      sent: 3,
      accepted: 2,
      rejected: 1,
      duplicates: 0,
    });
    t.same(lines.body['errors'], [
      { index: 1, field: '(line)', problem: 'is not valid UTF-8' },
    ]);
  },
);

t.test(
  'sent = accepted + rejected + duplicates for a messy NDJSON batch',
  async (t) => {
    const lead = uniqueName('L');
    const [created, interaction, stage] = events(lead);
    const body = [
      JSON.stringify(created),
      'not json',
      JSON.stringify(interaction),
      JSON.stringify(created),
      JSON.stringify({ ...stage, ts: '2025-03-09 15:00' }),
    ].join('\n');
    const answer = await post(ingestor.url, body, 'application/x-ndjson');
    const c = counts(answer.body) as Record<string, number>;
    t.same(c, { sent: 5, accepted: 2, rejected: 2, duplicates: 1 });
    t.equal(
      c['sent'],
      (c['accepted'] ?? 0) + (c['rejected'] ?? 0) + (c['duplicates'] ?? 0),
    );
    t.match(answer.body['errors'], [
      { index: 1, field: '(line)', problem: /not valid JSON/ },
      { index: 4, field: 'ts', problem: /with a zone/ },
    ]);
  },
);

t.test('other content types and routes are refused clearly', async (t) => {
  const text = await post(ingestor.url, 'hello', 'text/plain');
  t.equal(text.status, 415);
  t.match(text.body['error'], 'content type text/plain is not supported');
  const missing = await fetch(`${ingestor.url}/v2/things`, { method: 'POST' });
  t.equal(missing.status, 404);
  const health = await fetch(`${ingestor.url}/healthz`);
  t.equal(health.status, 200);
});
