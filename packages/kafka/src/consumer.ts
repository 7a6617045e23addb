import { LeadscoreError } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import { extractTraceContext, type RecordHeaders } from '@leadscore/telemetry';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { connectError } from './errors';
import type { KafkaMetrics } from './metrics';
import type { ConsumedRecord } from './types';

export interface ConsumerOptions {
  groupId: string;
  topics: readonly string[];
  /** Where a group with no committed offset starts. Default false (latest). */
  fromBeginning?: boolean;
  /** Called once per record, in offset order within a partition. The
   * offset is committed only after it resolves: at-least-once. A handler
   * that throws stops the partition at that record and the group retries
   * it; handlers route records they cannot process to a dead-letter topic
   * instead of throwing. */
  handleRecord: (record: ConsumedRecord) => Promise<void>;
  /** Partitions handled at once (default 1). */
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
}

export interface ConsumerRunner {
  readonly groupId: string;
  /** Leaves the group after the in-flight batch; safe to call twice. */
  stop(): Promise<void>;
}

const tracer = () => trace.getTracer('leadscore.kafka');

export async function runConsumer(
  kafka: Kafka,
  metrics: KafkaMetrics,
  parentLogger: Logger,
  options: ConsumerOptions,
): Promise<ConsumerRunner> {
  const logger = parentLogger.child('consumer', { groupId: options.groupId });
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    allowAutoTopicCreation: false,
  });
  try {
    await consumer.connect();
  } catch (cause) {
    throw connectError([], cause);
  }
  await consumer.subscribe({
    topics: [...options.topics],
    fromBeginning: options.fromBeginning ?? false,
  });

  await consumer.run({
    autoCommit: true,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    eachBatch: (payload) => handleBatch(payload, options, metrics, logger),
  });
  logger.info('consumer running', { topics: [...options.topics] });

  let stopping: Promise<void> | undefined;
  return {
    groupId: options.groupId,
    stop: () => {
      stopping ??= consumer.disconnect();
      return stopping;
    },
  };
}

async function handleBatch(
  payload: EachBatchPayload,
  options: ConsumerOptions,
  metrics: KafkaMetrics,
  logger: Logger,
): Promise<void> {
  const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
  metrics.fetched(batch.topic, batch.messages.length);

  for (const message of batch.messages) {
    if (!isRunning() || isStale()) break;
    const record: ConsumedRecord = {
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key ?? null,
      value: message.value ?? null,
      headers: (message.headers ?? {}) as RecordHeaders,
      timestampMs: Number(message.timestamp),
    };
    await handleOne(record, options, metrics, logger);
    resolveOffset(message.offset);
    await heartbeat();
  }
}

async function handleOne(
  record: ConsumedRecord,
  options: ConsumerOptions,
  metrics: KafkaMetrics,
  logger: Logger,
): Promise<void> {
  const parent = extractTraceContext(record.headers);
  const span = tracer().startSpan(
    `process ${record.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': record.topic,
        'messaging.kafka.destination.partition': record.partition,
        'messaging.kafka.message.offset': Number(record.offset),
        'messaging.consumer.group.name': options.groupId,
      },
    },
    parent,
  );
  const startedAt = performance.now();

  try {
    await context.with(trace.setSpan(parent, span), () =>
      options.handleRecord(record),
    );
    metrics.consumed(record.topic, performance.now() - startedAt);
  } catch (cause) {
    metrics.failed('consume', { topic: record.topic });
    span.setStatus({ code: SpanStatusCode.ERROR });
    const ids = {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      groupId: options.groupId,
    };
    logger.error('record handler failed; partition will retry it', ids);
    throw new LeadscoreError('kafka_consume_failed', 'record handler failed', {
      cause,
      retriable: true,
      context: ids,
    });
  } finally {
    span.end();
  }
}
