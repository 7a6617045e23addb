/**
 * How fast one router drains a backlog of scores on the stack named by
 * the LEADSCORE_* environment (not a tap test: `npx tsx` this file).
 * Prints one line of JSON: records, seconds, records per second.
 *
 *   npx tsx services/ab-router/test/measure-throughput.ts [records]
 */
import { createLeadScoreSerde, routerTopicSpecs } from '@leadscore/events';
import { createKafkaClient } from '@leadscore/kafka';
import {
  testConfig,
  testLogger,
  uniqueName,
  waitUntil,
} from '@leadscore/testkit';
import { experimentJson, score } from './fixtures';
import { startTestRouter, uniqueTopics } from './helpers';

const records = Number(process.argv[2] ?? 4_000);
const topics = uniqueTopics();
const config = testConfig();
const registry = config['schemaRegistry.url'];

// Fill the backlog first, then time a router draining it: the group
// join is part of the time.
const experiments = [experimentJson({ id: uniqueName('exp') })];
const kafka = createKafkaClient({
  brokers: config['kafka.brokers'],
  clientId: 'measure-throughput',
  logger: testLogger(),
});
await kafka.ensureTopics(routerTopicSpecs(topics, 3));
const serde = await createLeadScoreSerde(registry, topics.scores);
const producer = await kafka.createProducer();
const leads = Math.ceil(records / 4);
const batch = [];
for (let i = 0; i < records; i++) {
  const lead = `lead-${i % leads}-${topics.scores}`;
  const model = i % 2 === 0 ? 'model-a' : 'model-b';
  const event = `e${Math.floor(i / 2)}`;
  batch.push(
    score({
      lead_id: lead,
      model_version: model,
      event_id: event,
      score_id: `${event}-${model}-${topics.scores}`,
      score: (i % 100) / 100,
    }),
  );
}
for (let i = 0; i < batch.length; i += 500) {
  await producer.send(
    await Promise.all(
      batch.slice(i, i + 500).map(async (s) => ({
        topic: topics.scores,
        key: s.lead_id,
        value: await serde.encode(s),
      })),
    ),
  );
}

const startedAt = performance.now();
const groupId = uniqueName('measure');
const router = await startTestRouter(topics, experiments, {
  LEADSCORE_ROUTER_CONSUMER_GROUP: groupId,
});
await waitUntil(
  'backlog drained',
  async () => {
    const offsets = await kafka.fetchCommittedOffsets(groupId, topics.scores);
    const done = [...offsets.values()]
      .map(Number)
      .reduce((a, b) => a + Math.max(0, b), 0);
    return done >= records ? true : undefined;
  },
  600_000,
);
const seconds = (performance.now() - startedAt) / 1000;
await router.stop();
await kafka.close();
process.stdout.write(
  JSON.stringify({
    records,
    seconds: Number(seconds.toFixed(1)),
    records_per_s: Math.round(records / seconds),
  }) + '\n',
);
