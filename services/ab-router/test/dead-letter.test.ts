import t from 'tap';
import {
  createLeadScoreSerde,
  createScoredLeadSerde,
  headerKeys,
} from '@leadscore/events';
import { testConfig, uniqueName } from '@leadscore/testkit';
import { experimentJson, score } from './fixtures';
import {
  readDecoded,
  readRecords,
  startTestRouter,
  uniqueTopics,
} from './helpers';

const registry = testConfig()['schemaRegistry.url'];

t.test(
  'a poison record goes to the dead-letter topic with its reason while the next record of its partition is routed',
  async (t) => {
    const topics = uniqueTopics();
    const router = await startTestRouter(topics, [
      experimentJson({ id: uniqueName('exp') }),
    ]);
    t.teardown(() => router.stop());
    const serde = await createLeadScoreSerde(registry, topics.scores);
    const producer = await router.kafka.createProducer();

    // One key: poison and good records share a partition, in this order.
    const lead = uniqueName('L');
    const good = (model: string) =>
      score({
        lead_id: lead,
        model_version: model,
        score_id: `${lead}-${model}`,
      });
    const truncated = (await serde.encode(good('model-a'))).subarray(0, 12);
    await producer.send([
      { topic: topics.scores, key: lead, value: 'not avro at all' },
      { topic: topics.scores, key: lead, value: truncated },
      ...(await Promise.all(
        ['model-a', 'model-b'].map(async (m) => ({
          topic: topics.scores,
          key: lead,
          value: await serde.encode(good(m)),
        })),
      )),
    ]);

    const scoredSerde = await createScoredLeadSerde(registry, topics.scored);
    const routed = await readDecoded(
      router.kafka,
      scoredSerde,
      topics.scored,
      new Set([lead]),
      1,
    );
    t.equal(routed[0]?.lead_id, lead, 'the records after the poison flow');

    const dead = await readRecords(
      router.kafka,
      topics.deadLetter,
      new Set([lead]),
      (r) => r.length >= 2,
    );
    t.equal(dead.length, 2);
    const [notAvro, cut] = [...dead].sort(
      (a, b) =>
        Number(a.headers[headerKeys.deadLetterSourceOffset]) -
        Number(b.headers[headerKeys.deadLetterSourceOffset]),
    );
    t.match(
      String(notAvro?.headers[headerKeys.deadLetterReason]),
      /^not a leads.scores.v1 record: /,
    );
    t.match(
      String(cut?.headers[headerKeys.deadLetterReason]),
      /^not a leads.scores.v1 record: /,
    );
    t.equal(
      String(notAvro?.headers[headerKeys.deadLetterCode]),
      'score_record_invalid',
    );
    t.equal(
      String(notAvro?.headers[headerKeys.deadLetterService]),
      'ab-router',
    );
    t.equal(
      String(notAvro?.headers[headerKeys.deadLetterSourceTopic]),
      topics.scores,
    );
    t.equal(notAvro?.value?.toString(), 'not avro at all', 'bytes kept');
  },
);
