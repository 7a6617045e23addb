import { LeadscoreError } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import { injectTraceContext, type RecordHeaders } from '@leadscore/telemetry';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Kafka, Message } from 'kafkajs';
import { CompressionTypes, Partitioners } from './kafkajs';
import { connectError, isRetriableCause } from './errors';
import type { KafkaMetrics } from './metrics';
import type { OutgoingRecord, RecordAck } from './types';

export interface ProducerOptions {
  /** Exactly-once per partition within a producer session: the broker
   * drops retried duplicates. Implies acks=all and one request in flight
   * per broker, which keeps order under retries. Default true. */
  idempotent?: boolean;
  compression?: 'none' | 'gzip';
}

export interface RecordProducer {
  /** Resolves once the broker acknowledged every record (acks=all). */
  send(records: readonly OutgoingRecord[]): Promise<RecordAck[]>;
  close(): Promise<void>;
}

const tracer = () => trace.getTracer('leadscore.kafka');

export async function createProducer(
  kafka: Kafka,
  metrics: KafkaMetrics,
  logger: Logger,
  options: ProducerOptions = {},
): Promise<RecordProducer> {
  const idempotent = options.idempotent ?? true;
  const producer = kafka.producer({
    idempotent,
    maxInFlightRequests: idempotent ? 1 : 5,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  try {
    await producer.connect();
  } catch (cause) {
    throw connectError([], cause);
  }
  const compression =
    options.compression === 'gzip'
      ? CompressionTypes.GZIP
      : CompressionTypes.None;
  let closing: Promise<void> | undefined;

  const send = async (records: readonly OutgoingRecord[]) => {
    if (records.length === 0) return [];
    const topics = [...new Set(records.map((r) => r.topic))];
    const span = tracer().startSpan(`send ${topics.join(',')}`, {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': topics.join(','),
        'messaging.batch.message_count': records.length,
      },
    });
    const spanContext = trace.setSpan(context.active(), span);
    const startedAt = performance.now();

    try {
      const acks = await producer.sendBatch({
        acks: -1,
        compression,
        topicMessages: topics.map((topic) => ({
          topic,
          messages: records
            .filter((r) => r.topic === topic)
            .map((r) => toMessage(r, spanContext)),
        })),
      });
      const elapsedMs = performance.now() - startedAt;
      for (const topic of topics) {
        const count = records.filter((r) => r.topic === topic).length;
        metrics.produced(topic, count, elapsedMs);
      }
      return acks.map((ack) => ({
        topic: ack.topicName,
        partition: ack.partition,
        baseOffset: ack.baseOffset ?? '-1',
      }));
    } catch (cause) {
      metrics.failed('produce', { topic: topics.join(',') });
      span.setStatus({ code: SpanStatusCode.ERROR });
      logger.warn('produce failed', { topics, records: records.length });
      throw new LeadscoreError(
        'kafka_produce_failed',
        'broker did not acknowledge the records',
        {
          cause,
          retriable: isRetriableCause(cause),
          context: { topics: topics.join(','), records: records.length },
        },
      );
    } finally {
      span.end();
    }
  };

  return {
    send,
    close: () => {
      closing ??= producer.disconnect();
      return closing;
    },
  };
}

function toMessage(
  record: OutgoingRecord,
  spanContext: ReturnType<typeof context.active>,
): Message {
  const headers: RecordHeaders = { ...(record.headers ?? {}) };
  injectTraceContext(headers, spanContext);
  const message: Message = {
    key: record.key,
    value: record.value,
    headers: headers as Message['headers'],
  };
  if (record.timestampMs !== undefined) {
    message.timestamp = String(record.timestampMs);
  }
  if (record.partition !== undefined) message.partition = record.partition;
  return message;
}
