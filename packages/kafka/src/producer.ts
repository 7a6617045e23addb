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
  /** Bytes of keys, values and headers per produce request; a larger
   * send goes out as several requests, in order. The broker refuses a
   * partition's record batch above its message.max.bytes (1 MiB by
   * default), a refusal no retry cures, and a consumer catching up
   * fetches far more than that at once. Default 512 KiB. */
  maxRequestBytes?: number;
  /** Records per produce request, default 1,000. kafkajs groups a
   * request's records by partition in time quadratic in their number
   * (groupMessagesPerPartition copies the list for every record): a send
   * of 10,000 records spent most of its time there. */
  maxRequestRecords?: number;
}

export interface RecordProducer {
  /** Resolves once the broker acknowledged every record (acks=all).
   * Records go out in request-sized chunks, in the order given. */
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
  const bounds = {
    maxBytes: options.maxRequestBytes ?? 512 * 1024,
    maxRecords: options.maxRequestRecords ?? 1_000,
  };
  let closing: Promise<void> | undefined;

  const send = async (records: readonly OutgoingRecord[]) => {
    const acks: RecordAck[] = [];
    for (const chunk of requestChunks(records, bounds))
      acks.push(...(await sendRequest(chunk)));
    return acks;
  };

  const sendRequest = async (
    records: readonly OutgoingRecord[],
  ): Promise<RecordAck[]> => {
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

/** Splits records into runs of at most `maxBytes` and `maxRecords` (a
 * record larger than maxBytes goes alone, and the broker's refusal names
 * it). */
export function requestChunks(
  records: readonly OutgoingRecord[],
  bounds: { maxBytes: number; maxRecords: number },
): OutgoingRecord[][] {
  const { maxBytes, maxRecords } = bounds;
  const chunks: OutgoingRecord[][] = [];
  let chunk: OutgoingRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = recordBytes(record);
    const full = bytes + size > maxBytes || chunk.length >= maxRecords;
    if (chunk.length > 0 && full) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(record);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

function recordBytes(record: OutgoingRecord): number {
  let size = byteLength(record.key) + byteLength(record.value);
  for (const [name, value] of Object.entries(record.headers ?? {}))
    size += Buffer.byteLength(name) + byteLength(value);
  // Per-record framing, and the trace context header added on send.
  return size + 128;
}

function byteLength(value: string | Buffer | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
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
