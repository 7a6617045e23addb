/**
 * Latency of the router at a fixed input rate, on the stack named by the
 * LEADSCORE_* environment (not a tap test: `npx tsx` this file). Sends
 * scores of two models for `rate` events per second for `seconds`, and
 * measures, for each record read from the routed topic, the time from
 * the score's `scored_at` (stamped just before its send) to the read.
 * The first 5 seconds warm up and are not counted. Prints one JSON line.
 *
 *   npx tsx services/ab-router/test/measure-latency.ts [rate] [seconds]
 *     [insertLingerMs]
 */
import { createLeadScoreSerde, createScoredLeadSerde } from '@leadscore/events';
import { testConfig, uniqueName } from '@leadscore/testkit';
import { experimentJson, score } from './fixtures';
import { startTestRouter, uniqueTopics } from './helpers';

const rate = Number(process.argv[2] ?? 1_000);
const seconds = Number(process.argv[3] ?? 20);
const lingerMs = process.argv[4];
const WARM_UP_MS = 5_000;
const TICK_MS = 10;

const topics = uniqueTopics();
const registry = testConfig()['schemaRegistry.url'];
const router = await startTestRouter(
  topics,
  [experimentJson({ id: uniqueName('exp') })],
  lingerMs === undefined ? {} : { LEADSCORE_ROUTER_INSERT_LINGER_MS: lingerMs },
);
const scores = await createLeadScoreSerde(registry, topics.scores);
const scored = await createScoredLeadSerde(registry, topics.scored);
const producer = await router.kafka.createProducer();

const startedAt = Date.now();
const latenciesMs: number[] = [];
const reader = await router.kafka.runConsumer({
  groupId: uniqueName('latency'),
  topics: [topics.scored],
  fromBeginning: true,
  handleBatch: async (records) => {
    const readAt = Date.now();
    for (const record of records) {
      const value = await scored.decode(record.value ?? Buffer.alloc(0));
      if (value.scored_at - startedAt >= WARM_UP_MS) {
        latenciesMs.push(readAt - value.scored_at);
      }
    }
  },
});

let sent = 0;
const perTick = (rate * TICK_MS) / 1000;
for (let tick = 0; Date.now() - startedAt < seconds * 1000; tick++) {
  const due = startedAt + tick * TICK_MS;
  const waitMs = due - Date.now();
  if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
  const batch = [];
  for (let i = 0; i < perTick; i++, sent++) {
    const lead = `lead-${sent % 5_000}-${topics.scores}`;
    for (const model of ['model-a', 'model-b']) {
      batch.push(
        score({
          lead_id: lead,
          event_id: `e${sent}`,
          model_version: model,
          score_id: `e${sent}-${model}-${topics.scores}`,
          scored_at: Date.now(),
        }),
      );
    }
  }
  await producer.send(
    await Promise.all(
      batch.map(async (s) => ({
        topic: topics.scores,
        key: s.lead_id,
        value: await scores.encode(s),
      })),
    ),
  );
}

// Let the last records through before stopping.
await new Promise((r) => setTimeout(r, 3_000));
await reader.stop();
await router.stop();
const sorted = [...latenciesMs].sort((a, b) => a - b);
const at = (q: number) => sorted[Math.floor(q * (sorted.length - 1))] ?? NaN;
process.stdout.write(
  JSON.stringify({
    events_per_s: rate,
    insert_linger_ms: lingerMs ?? 'default',
    scores_per_s: rate * 2,
    measured: sorted.length,
    p50_ms: at(0.5),
    p99_ms: at(0.99),
    max_ms: sorted.at(-1),
  }) + '\n',
);
