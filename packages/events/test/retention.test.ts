import t from 'tap';
import { createKafkaClient } from '@leadscore/kafka';
import {
  testConfig,
  testLogger,
  uniqueName,
  waitUntil,
} from '@leadscore/testkit';
import {
  deadLetterTopicConfigs,
  eventTimeTopicConfigs,
  ingestTopicSpecs,
  routerTopicSpecs,
  topics,
} from '../src/index';

// Records carry event times; a replayed history is years old.
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

t.test('every topic of event-time records turns time retention off', (t) => {
  const specs = [...ingestTopicSpecs(), ...routerTopicSpecs()];
  for (const spec of specs) {
    const wanted =
      spec.topic === topics.deadLetter
        ? deadLetterTopicConfigs
        : eventTimeTopicConfigs;
    t.same(spec.configs, wanted, spec.topic);
  }
  t.equal(eventTimeTopicConfigs['retention.ms'], '-1');
  t.end();
});

t.test(
  'old event times survive the retention check that deletes a short-retention topic',
  async (t) => {
    const kafka = createKafkaClient({
      brokers: testConfig()['kafka.brokers'],
      clientId: uniqueName('retention-test'),
      logger: testLogger(),
    });
    t.teardown(() => kafka.close());
    const control = uniqueName('it.retention.control');
    const platform = uniqueName('it.retention.events');
    const brokerDefault = uniqueName('it.retention.default');
    await kafka.ensureTopics([
      { topic: control, partitions: 1, configs: { 'retention.ms': '1000' } },
      { topic: platform, partitions: 1, configs: eventTimeTopicConfigs },
      { topic: brokerDefault, partitions: 1 },
    ]);

    const producer = await kafka.createProducer();
    const timestampMs = Date.now() - TWO_YEARS_MS;
    await producer.send(
      [control, platform, brokerDefault].map((topic) => ({
        topic,
        key: 'lead-1',
        value: 'an old event',
        timestampMs,
      })),
    );

    // The control topic proves the broker's retention check ran over
    // records as old as these; the others must still hold theirs.
    await waitUntil(
      'the retention check to delete the control topic',
      async () =>
        Number((await kafka.fetchStartOffsets(control)).get(0)) > 0
          ? true
          : undefined,
      90_000,
    );
    for (const topic of [platform, brokerDefault]) {
      t.equal((await kafka.fetchStartOffsets(topic)).get(0), '0', topic);
      t.equal((await kafka.fetchEndOffsets(topic)).get(0), '1', topic);
    }
  },
);
