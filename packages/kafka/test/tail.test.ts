import t from 'tap';
import {
  testConfig,
  testLogger,
  uniqueName,
  waitUntil,
} from '@leadscore/testkit';
import { createKafkaClient, type ConsumedRecord } from '../src/index';

const config = testConfig();
const client = createKafkaClient({
  brokers: config['kafka.brokers'],
  clientId: uniqueName('tail-test'),
  logger: testLogger(),
});
t.teardown(() => client.close());

t.test(
  'every tail reads the whole topic from its first offset, then follows it',
  async (t) => {
    const topic = uniqueName('it.tail');
    await client.ensureTopics([
      { topic, partitions: 1, configs: { 'cleanup.policy': 'compact' } },
    ]);
    const producer = await client.createProducer();
    await producer.send(
      ['a', 'b', 'c'].map((key) => ({ topic, key, value: `${key}1` })),
    );

    const first: ConsumedRecord[] = [];
    const tailOne = await client.tailTopic({
      topic,
      onRecord: (r) => first.push(r),
    });
    await waitUntil('the first tail to read 3 records', () =>
      first.length >= 3 ? true : undefined,
    );
    await tailOne.stop();

    // A second tail, as after a restart: nothing was committed, so it
    // starts from the beginning again and also sees what came later.
    await producer.send([{ topic, key: 'a', value: 'a2' }]);
    const second: ConsumedRecord[] = [];
    const tailTwo = await client.tailTopic({
      topic,
      onRecord: (r) => second.push(r),
    });
    await waitUntil('the second tail to read 4 records', () =>
      second.length >= 4 ? true : undefined,
    );
    await producer.send([{ topic, key: 'd', value: 'd1' }]);
    await waitUntil('the second tail to follow a new record', () =>
      second.length >= 5 ? true : undefined,
    );
    await tailTwo.stop();

    t.same(
      first.map((r) => r.value?.toString()),
      ['a1', 'b1', 'c1'],
    );
    t.same(
      second.map((r) => `${r.offset}:${r.value?.toString()}`),
      ['0:a1', '1:b1', '2:c1', '3:a2', '4:d1'],
      'each offset once, in order',
    );
  },
);
