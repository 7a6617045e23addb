/**
 * npm run bench:ingest: events/s from HTTP batches of 100 to broker
 * acknowledgement, and request latency at an offered 5,000 events/s,
 * beside raw kafkajs producing the same records in the same run. Starts
 * its own stack (.stack/bench, its own ports) and an ingestor process.
 * Ends with one JSON line: events_per_s, p50_ms, p99_ms, ratio_to_raw.
 */
import { spawn } from 'node:child_process';
import { commonSchema, settingsEnvFor } from '@leadscore/config';
import { ingestorSchema } from '@leadscore/ingestor/config';
import {
  createLeadEventSerde,
  topics,
  validateEvent,
  type LeadEvent,
} from '@leadscore/events';
import { createKafkaClient } from '@leadscore/kafka';
import { createLogger } from '@leadscore/logging';
import {
  assertPortFree,
  repoRoot,
  startStack,
  stopStack,
  waitFor,
} from '@leadscore/stack';
import { loadEmbeddedConfig } from '../scripts/embedded-config';

const benchEnv: Record<string, string> = {
  LEADSCORE_STACK_DIR: '.stack/bench',
  LEADSCORE_STACK_KAFKA_PORT: '45092',
  LEADSCORE_STACK_KAFKA_CONTROLLER_PORT: '45093',
  LEADSCORE_STACK_CLICKHOUSE_HTTP_PORT: '45123',
  LEADSCORE_STACK_CLICKHOUSE_TCP_PORT: '45000',
  LEADSCORE_SCHEMA_REGISTRY_PORT: '45081',
  LEADSCORE_KAFKA_BROKERS: '127.0.0.1:45092',
  LEADSCORE_CLICKHOUSE_URL: 'http://127.0.0.1:45123',
  LEADSCORE_SCHEMA_REGISTRY_URL: 'http://127.0.0.1:45081',
  LEADSCORE_LOG_LEVEL: 'warn',
};
const ingestorPort = 45080;
const batchEvents = 100;
const throughputEvents = Number(process.env['BENCH_EVENTS'] ?? 200_000);
const concurrency = 8;
const offeredPerS = 5_000;
const latencySeconds = 20;

function makeEvents(count: number, runId: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const startMs = Date.parse('2025-03-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const lead = `${runId}-L${i % 5_000}`;
    const ts = new Date(startMs + i * 1_000).toISOString();
    out.push(
      i % 3 === 0
        ? {
            type: 'lead_created',
            event_id: `${runId}-${i}`,
            lead_id: lead,
            ts,
            attributes: {
              channel: 'app_booking',
              city_tier: (i % 4) + 1,
              owns_ev: i % 2 === 0,
            },
          }
        : i % 3 === 1
          ? {
              type: 'interaction',
              event_id: `${runId}-${i}`,
              lead_id: lead,
              ts,
              channel: 'call',
              text: 'customer asked about delivery time and trade-in value',
              attributes: { duration_s: 100 + (i % 300) },
            }
          : {
              type: 'stage_changed',
              event_id: `${runId}-${i}`,
              lead_id: lead,
              ts,
              stage: 'contacted',
            },
    );
  }
  return out;
}

function batches<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += batchEvents)
    out.push(items.slice(i, i + batchEvents));
  return out;
}

async function postBatch(url: string, body: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  if (response.status !== 200)
    throw new Error(
      `ingestor answered ${response.status}: ${await response.text()}`,
    );
  await response.arrayBuffer();
  return performance.now() - started;
}

async function runPool<T>(
  items: T[],
  workers: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN
  );
}

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

async function main() {
  const env = { ...process.env, ...benchEnv };
  const config = loadEmbeddedConfig({ env });
  const logger = createLogger({ level: 'warn' });
  await stopStack(config, logger);
  log('starting the bench stack...');
  await startStack(config, 'leadscore_bench', logger);

  // A leftover ingestor from an aborted run would be measured instead.
  await assertPortFree(ingestorPort, 'bench ingestor port');
  const ingestor = spawn(
    'node',
    ['--import', 'tsx', 'services/ingestor/src/main.ts'],
    {
      cwd: repoRoot(),
      env: {
        ...settingsEnvFor({ ...commonSchema, ...ingestorSchema }, env),
        LEADSCORE_INGESTOR_PORT: String(ingestorPort),
        LEADSCORE_INGESTOR_CONSUME_RAW_TOPIC: 'false',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${ingestorPort}`;
  try {
    const up = await waitFor(
      async () =>
        (await fetch(`${url}/healthz`).catch(() => undefined))?.ok === true,
      60_000,
    );
    if (!up) throw new Error('ingestor did not start');

    // Warm-up: JIT, connections, the schema id cache.
    const warm = batches(makeEvents(20_000, `warm${Date.now()}`)).map((b) =>
      JSON.stringify(b),
    );
    await runPool(
      warm,
      concurrency,
      async (b) => void (await postBatch(url, b)),
    );

    log(
      `throughput: ${throughputEvents} events in batches of ${batchEvents}, ${concurrency} requests in flight`,
    );
    const events = makeEvents(throughputEvents, `tp${Date.now()}`);
    const bodies = batches(events).map((b) => JSON.stringify(b));
    const tpStart = performance.now();
    await runPool(
      bodies,
      concurrency,
      async (b) => void (await postBatch(url, b)),
    );
    const ingestPerS =
      throughputEvents / ((performance.now() - tpStart) / 1000);
    log(`  ingestor: ${Math.round(ingestPerS)} events/s`);

    log(`latency: offered ${offeredPerS} events/s for ${latencySeconds} s`);
    const latencyBodies = batches(
      makeEvents(offeredPerS * latencySeconds, `lat${Date.now()}`),
    ).map((b) => JSON.stringify(b));
    const latencies: number[] = [];
    const intervalMs = (batchEvents / offeredPerS) * 1000;
    const latStart = performance.now();
    await Promise.all(
      latencyBodies.map(async (body, i) => {
        const dueMs = i * intervalMs - (performance.now() - latStart);
        if (dueMs > 0) await new Promise((r) => setTimeout(r, dueMs));
        latencies.push(await postBatch(url, body));
      }),
    );
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 0.5);
    const p99 = percentile(latencies, 0.99);
    log(
      `  p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${latencies.length} requests`,
    );

    log(
      'raw kafkajs: the same records, Avro-encoded up front, batches of 100, 8 in flight',
    );
    const serde = await createLeadEventSerde(config['schemaRegistry.url']);
    const rawEvents = makeEvents(throughputEvents, `raw${Date.now()}`);
    const encoded = await Promise.all(
      rawEvents.map(async (value) => {
        const result = validateEvent(value, {
          stages: ['new', 'contacted'],
          lost: 'lost',
        });
        const event = (result as { event: LeadEvent }).event;
        return {
          topic: topics.events,
          key: event.lead_id,
          value: await serde.encode(event),
          timestampMs: event.tsMs,
        };
      }),
    );
    const kafka = createKafkaClient({
      brokers: config['kafka.brokers'],
      clientId: 'bench-raw',
      logger,
    });
    const producer = await kafka.createProducer({ idempotent: true });
    const rawStart = performance.now();
    await runPool(
      batches(encoded),
      concurrency,
      async (b) => void (await producer.send(b)),
    );
    const rawPerS = throughputEvents / ((performance.now() - rawStart) / 1000);
    await kafka.close();
    log(`  raw kafkajs: ${Math.round(rawPerS)} events/s`);

    process.stdout.write(
      JSON.stringify({
        events_per_s: Math.round(ingestPerS),
        p50_ms: Number(p50.toFixed(2)),
        p99_ms: Number(p99.toFixed(2)),
        ratio_to_raw: Number((ingestPerS / rawPerS).toFixed(3)),
        raw_events_per_s: Math.round(rawPerS),
        offered_events_per_s_for_latency: offeredPerS,
        batch_events: batchEvents,
      }) + '\n',
    );
  } finally {
    ingestor.kill('SIGTERM');
    await new Promise((r) => ingestor.once('exit', r));
    await stopStack(config, logger);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exit(1);
});
