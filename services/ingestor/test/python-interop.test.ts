import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { testConfig, uniqueName } from '@leadscore/testkit';
import { events, post, startTestIngestor, topics } from './helpers';

const script = fileURLToPath(
  new URL('./python/decode_events.py', import.meta.url),
);

t.test(
  "Confluent's Python client decodes what the ingestor produced",
  async (t) => {
    const config = testConfig();
    const ingestor = await startTestIngestor({
      LEADSCORE_INGESTOR_CONSUME_RAW_TOPIC: 'false',
    });
    t.teardown(() => ingestor.stop());
    const lead = uniqueName('L-py');
    const batch = events(lead);
    t.equal((await post(ingestor.url, JSON.stringify(batch))).status, 200);

    const run = spawnSync(
      'python3',
      [
        script,
        config['kafka.brokers'].join(','),
        config['schemaRegistry.url'],
        topics.events,
        '3',
        lead,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    t.equal(run.status, 0, `python exited 0; stderr: ${run.stderr}`);
    const decoded = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    t.equal(decoded.length, 3);
    t.same(
      decoded.map((d) => d.schema_id),
      [ingestor.schemaId, ingestor.schemaId, ingestor.schemaId],
    );
    t.same(
      decoded.map((d) => d.value.event_id),
      batch.map((e) => e.event_id),
    );
    t.same(
      decoded.map((d) => d.value.ts),
      batch.map((e) => Date.parse(e.ts)),
    );
    t.same(
      decoded.map((d) => d.timestamp_ms),
      batch.map((e) => Date.parse(e.ts)),
    );

    const [created, interaction, stage] = decoded.map((d) => d.value.payload);
    t.same(created, {
      attributes: { channel: 'app', city_tier: 2, owns_ev: false },
    });
    t.same(interaction, {
      channel: 'call',
      text: '想预约试驾 and asked about delivery',
      attributes: { duration_s: 312 },
    });
    t.same(stage, { stage: 'test_drive' });
  },
);
