import { commonSchema, loadConfig, settingsEnvFor } from '@leadscore/config';
import type { RecordSerde } from '@leadscore/events';
import type { ConsumedRecord, KafkaClient } from '@leadscore/kafka';
import { testLogger, uniqueName, waitUntil } from '@leadscore/testkit';
import {
  startAbRouter,
  type AbRouterConfig,
  type RunningAbRouter,
} from '../src/ab-router';
import { abRouterSchema } from '../src/config';
import { modelStore } from './fixtures';

/** Topics no other test uses, so each test reads only its own records. */
export function uniqueTopics() {
  return {
    scores: uniqueName('it.scores'),
    scored: uniqueName('it.scored'),
    assignments: uniqueName('it.assignments'),
    deadLetter: uniqueName('it.deadletter'),
  };
}

export type Topics = ReturnType<typeof uniqueTopics>;

/** A router on the test stack with its own topics and group, routing the
 * given experiments over a model store holding model-a and model-b. */
export async function startTestRouter(
  topics: Topics,
  experiments: unknown[],
  overrides: Record<string, string> = {},
): Promise<RunningAbRouter> {
  const schema = { ...commonSchema, ...abRouterSchema };
  const config = loadConfig(schema, {
    env: {
      ...settingsEnvFor(schema),
      LEADSCORE_ROUTER_INPUT_TOPIC: topics.scores,
      LEADSCORE_ROUTER_SCORED_TOPIC: topics.scored,
      LEADSCORE_ROUTER_ASSIGNMENTS_TOPIC: topics.assignments,
      LEADSCORE_ROUTER_DEAD_LETTER_TOPIC: topics.deadLetter,
      LEADSCORE_ROUTER_CONSUMER_GROUP: `group-of-${topics.scores}`,
      LEADSCORE_ROUTER_TOPIC_PARTITIONS: '3',
      LEADSCORE_ROUTER_MODEL_STORE_DIR: modelStore(['model-a', 'model-b']),
      LEADSCORE_ROUTER_EXPERIMENTS: JSON.stringify(experiments),
      ...overrides,
    },
    otherKnownKeys: [],
  }) as AbRouterConfig;
  return startAbRouter(config, testLogger());
}

/** Reads a topic from the start with a fresh group until `enough` holds
 * for the records whose key is one of `keys`. */
export async function readRecords(
  kafka: KafkaClient,
  topic: string,
  keys: ReadonlySet<string>,
  enough: (records: ConsumedRecord[]) => boolean,
): Promise<ConsumedRecord[]> {
  const found: ConsumedRecord[] = [];
  const runner = await kafka.runConsumer({
    groupId: uniqueName('it.reader'),
    topics: [topic],
    fromBeginning: true,
    handleRecord: async (record) => {
      if (keys.has(record.key?.toString() ?? '')) found.push(record);
    },
  });
  try {
    await waitUntil(
      `records on ${topic}`,
      () => (enough(found) ? true : undefined),
      60_000,
    );
  } catch (error) {
    throw new Error(`${String(error)} (${found.length} found)`);
  } finally {
    await runner.stop();
  }
  return found;
}

/** Reads and decodes until at least `count` records of the keys. */
export async function readDecoded<T>(
  kafka: KafkaClient,
  serde: RecordSerde<T>,
  topic: string,
  keys: ReadonlySet<string>,
  count: number,
): Promise<T[]> {
  const records = await readRecords(
    kafka,
    topic,
    keys,
    (r) => r.length >= count,
  );
  return Promise.all(
    records.map((r) => serde.decode(r.value ?? Buffer.alloc(0))),
  );
}
