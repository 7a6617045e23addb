import t from 'tap';
import { headerKeys } from '@leadscore/events';
import { testLogger, waitUntil } from '@leadscore/testkit';
import { startScorer } from '../src/scorer';
import {
  collectScores,
  produceEvents,
  scorable,
  scorerConfig,
  scorerEnv,
  simulatedEvents,
  storeWith,
  testKafka,
  trainTestModels,
  uniqueTopics,
} from './helpers';

const models = trainTestModels();
const kafka = testKafka();
t.teardown(() => kafka.close());

t.test(
  'a scripted stream gives exactly one score per (event, live model)',
  async (t) => {
    const topics = uniqueTopics();
    const store = storeWith(models.hproDir, models.pointwiseDir);
    const events = simulatedEvents(models.simDir, 40);
    await kafka.ensureTopics([{ topic: topics.input, partitions: 3 }]);
    await produceEvents(kafka, topics.input, events);

    const env = scorerEnv(topics, store, {
      LEADSCORE_SCORER_MODELS: `${models.hproVersion},${models.pointwiseVersion}`,
    });
    const scorer = await startScorer(scorerConfig(env), testLogger());
    t.teardown(() => scorer.stop());

    const expected = scorable(events).length * 2;
    const scores = await collectScores(
      kafka,
      topics.output,
      (s) => new Set(s.map((x) => x.score_id)).size >= expected,
    );
    const unique = new Map(scores.map((s) => [s.score_id, s]));
    t.equal(
      unique.size,
      expected,
      'one score per event and model once repeats are dropped',
    );

    const pairs = new Set(
      [...unique.values()].map((s) => `${s.event_id}|${s.model_version}`),
    );
    for (const event of scorable(events)) {
      t.ok(
        pairs.has(`${event.event_id}|${models.hproVersion}`) &&
          pairs.has(`${event.event_id}|${models.pointwiseVersion}`),
        event.event_id,
      );
    }
    for (const s of unique.values()) {
      t.ok(s.score >= 0 && s.score <= 1, 'a probability');
      t.equal(s.feature_spec_version, 'hpro-features/1');
    }
    const byEvent = new Map<string, number[]>();
    for (const s of unique.values())
      byEvent.set(s.event_id, [...(byEvent.get(s.event_id) ?? []), s.score]);
    const differing = [...byEvent.values()].filter(
      ([a, b]) => Math.abs((a ?? 0) - (b ?? 0)) > 1e-6,
    ).length;
    t.ok(differing > byEvent.size / 2, 'the two models give different scores');
  },
);

t.test(
  'a poison record goes to the dead-letter topic and the partition moves on',
  async (t) => {
    const topics = uniqueTopics();
    const store = storeWith(models.hproDir);
    const [first, second] = simulatedEvents(models.simDir, 1);
    await kafka.ensureTopics([{ topic: topics.input, partitions: 1 }]);
    const producer = await kafka.createProducer();
    await produceEvents(kafka, topics.input, [first!]);
    await producer.send([
      { topic: topics.input, key: first!.lead_id, value: 'not avro at all' },
    ]);
    await produceEvents(kafka, topics.input, [second!]);

    const scorer = await startScorer(
      scorerConfig(
        scorerEnv(topics, store, {
          LEADSCORE_SCORER_MODELS: models.hproVersion,
        }),
      ),
      testLogger(),
    );
    t.teardown(() => scorer.stop());
    const scores = await collectScores(
      kafka,
      topics.output,
      (s) => s.length >= 2,
    );
    t.same(
      scores.map((s) => s.event_id).sort(),
      [first!.event_id, second!.event_id].sort(),
      'the event after the poison is scored',
    );

    const dead: { reason: string; offset: string; topic: string }[] = [];
    const runner = await kafka.runConsumer({
      groupId: `${topics.group}.dlq-reader`,
      topics: [topics.deadLetter],
      fromBeginning: true,
      handleRecord: async (r) => {
        dead.push({
          reason: String(r.headers[headerKeys.deadLetterReason]),
          offset: String(r.headers[headerKeys.deadLetterSourceOffset]),
          topic: String(r.headers[headerKeys.deadLetterSourceTopic]),
        });
      },
    });
    await waitUntil('the dead letter', () =>
      dead.length > 0 ? true : undefined,
    );
    await runner.stop();
    t.equal(dead.length, 1);
    t.match(dead[0]?.reason, /could not be decoded as a lead event/);
    t.equal(dead[0]?.offset, '1');
    t.equal(dead[0]?.topic, topics.input);
  },
);
