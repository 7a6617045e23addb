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
  handleRecord?: (record: ConsumedRecord) => Promise<void>;
  /** Instead of handleRecord: called with each fetched batch of one
   * partition (offset order), for handlers that work on micro-batches.
   * Offsets are committed once it resolves. */
  handleBatch?: (records: ConsumedRecord[]) => Promise<void>;
  /** Called synchronously when the group hands this member its
   * partitions, before records of the new assignment are handled, so that
   * partition-local state can be marked for a rebuild. */
  onAssigned?: (partitionsByTopic: Map<string, number[]>) => void;
  /** Longest a fetch waits for more records before returning what it has:
   * the linger of a micro-batch. Default 5000 (kafkajs's default). */
  maxWaitTimeMs?: number;
  /** A fetch returns once this many bytes are ready, or after
   * maxWaitTimeMs. Default 1: at once. Set together, the two make a real
   * micro-batch linger: at low rates a batch waits at most maxWaitTimeMs,
   * at high rates it fills up, and the number of fetch, produce and
   * commit round trips per record falls. */
  minBytes?: number;
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
  if (!options.handleRecord === !options.handleBatch) {
    throw new LeadscoreError(
      'kafka_consume_failed',
      'give exactly one of handleRecord and handleBatch',
      {
        context: { groupId: options.groupId },
      },
    );
  }
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    allowAutoTopicCreation: false,
    ...(options.maxWaitTimeMs !== undefined
      ? { maxWaitTimeInMs: options.maxWaitTimeMs }
      : {}),
    ...(options.minBytes !== undefined ? { minBytes: options.minBytes } : {}),
  });
  if (options.onAssigned) {
    const onAssigned = options.onAssigned;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const assignment = new Map(
        Object.entries(event.payload.memberAssignment).map(
          ([topic, partitions]) => [topic, [...partitions]],
        ),
      );
      onAssigned(assignment);
    });
  }
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

  const records = batch.messages.map((message): ConsumedRecord => ({
    topic: batch.topic,
    partition: batch.partition,
    offset: message.offset,
    key: message.key ?? null,
    value: message.value ?? null,
    headers: (message.headers ?? {}) as RecordHeaders,
    timestampMs: Number(message.timestamp),
  }));
  if (options.handleBatch && records.length > 0) {
    if (!isRunning() || isStale()) return;
    await handleMany(records, options.handleBatch, options, metrics, logger);
    resolveOffset(batch.lastOffset());
    await heartbeat();
    return;
  }
  for (const record of records) {
    if (!isRunning() || isStale()) break;
    await handleOne(record, options, metrics, logger);
    resolveOffset(record.offset);
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
      (options.handleRecord as (r: ConsumedRecord) => Promise<void>)(record),
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
    logger.error('record handler failed; partition will retry it', {
      ...ids,
      error: cause,
    });
    throw new LeadscoreError('kafka_consume_failed', 'record handler failed', {
      cause,
      retriable: true,
      context: ids,
    });
  } finally {
    span.end();
  }
}

/** A micro-batch under one span, linked to each record's producer span. */
async function handleMany(
  records: ConsumedRecord[],
  handleBatch: (records: ConsumedRecord[]) => Promise<void>,
  options: ConsumerOptions,
  metrics: KafkaMetrics,
  logger: Logger,
): Promise<void> {
  const first = records[0] as ConsumedRecord;
  const links = records
    .map((r) => trace.getSpanContext(extractTraceContext(r.headers)))
    .filter((c): c is NonNullable<typeof c> => c !== undefined)
    .map((spanContext) => ({ context: spanContext }));
  const span = tracer().startSpan(`process ${first.topic}`, {
    kind: SpanKind.CONSUMER,
    links,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.destination.name': first.topic,
      'messaging.kafka.destination.partition': first.partition,
      'messaging.batch.message_count': records.length,
      'messaging.consumer.group.name': options.groupId,
    },
  });
  const startedAt = performance.now();
  try {
    await context.with(trace.setSpan(context.active(), span), () =>
      handleBatch(records),
    );
    const perRecordMs = (performance.now() - startedAt) / records.length;
    for (const r of records) metrics.consumed(r.topic, perRecordMs);
  } catch (cause) {
    metrics.failed('consume', { topic: first.topic });
    span.setStatus({ code: SpanStatusCode.ERROR });
    const ids = {
      topic: first.topic,
      partition: first.partition,
      offset: first.offset,
      groupId: options.groupId,
    };
    logger.error('batch handler failed; partition will retry it', {
      ...ids,
      error: cause,
    });
    throw new LeadscoreError('kafka_consume_failed', 'batch handler failed', {
      cause,
      retriable: true,
      context: ids,
    });
  } finally {
    span.end();
  }
}
