import { randomUUID } from 'node:crypto';
import type { RecordHeaders } from '@leadscore/telemetry';
import type { Kafka } from 'kafkajs';
import type { Logger } from '@leadscore/logging';
import { connectError } from './errors';
import type { ConsumedRecord } from './types';

export interface TopicTailOptions {
  topic: string;
  /** Called once per record in offset order within a partition, from the
   * topic's first offset on. It must not throw: a failure would stall the
   * partition, so handlers log and skip what they cannot read. */
  onRecord: (record: ConsumedRecord) => void;
  /** Called when kafkajs gives up on the consumer (an error it does not
   * retry): the reader's state stops following the topic from then on. */
  onStopped?: (error: Error) => void;
}

export interface TopicTail {
  /** Stops reading; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Reads a whole topic from its first offset and keeps following it: the
 * way a process rebuilds in-memory state from a compacted topic (a schema
 * store, a changelog). kafkajs cannot read without a consumer group, so
 * each call joins a fresh group of its own and never commits: the next
 * call starts from the beginning again, and the broker forgets an empty
 * group that holds no offsets.
 */
export async function tailTopic(
  kafka: Kafka,
  parentLogger: Logger,
  options: TopicTailOptions,
): Promise<TopicTail> {
  const groupId = `leadscore-tail.${options.topic}.${randomUUID()}`;
  const logger = parentLogger.child('tail', { topic: options.topic, groupId });
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    // Records written by this process should be seen back quickly.
    maxWaitTimeInMs: 500,
  });
  try {
    await consumer.connect();
  } catch (cause) {
    throw connectError([], cause);
  }
  await consumer.subscribe({ topics: [options.topic], fromBeginning: true });

  // After a consumer restart (kafkajs restarts on retriable errors) the
  // group has no committed offset and starts over from the beginning;
  // records already handed over are skipped, so each offset is seen once.
  const nextOffset = new Map<number, bigint>();
  consumer.on(consumer.events.CRASH, (event) => {
    // kafkajs restarts the consumer after a retriable error (a group
    // coordinator still loading on a fresh broker): only the rest matter.
    const { error, restart } = event.payload;
    if (restart) {
      logger.warn('topic tail restarting', { error });
      return;
    }
    logger.error('topic tail stopped', { error });
    options.onStopped?.(error);
  });

  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      const offset = BigInt(message.offset);
      if (offset < (nextOffset.get(partition) ?? 0n)) return;
      nextOffset.set(partition, offset + 1n);
      options.onRecord({
        topic,
        partition,
        offset: message.offset,
        key: message.key ?? null,
        value: message.value ?? null,
        headers: (message.headers ?? {}) as RecordHeaders,
        timestampMs: Number(message.timestamp),
      });
    },
  });
  logger.debug('topic tail running');

  let stopping: Promise<void> | undefined;
  return {
    stop: () => {
      stopping ??= consumer.disconnect();
      return stopping;
    },
  };
}
