import { deadLetterRecord, topics } from '@leadscore/events';
import type {
  ConsumedRecord,
  ConsumerRunner,
  KafkaClient,
  RecordProducer,
} from '@leadscore/kafka';
import type { Logger } from '@leadscore/logging';
import { metrics } from '@opentelemetry/api';
import { readLine } from './body';
import type { IngestItem, Pipeline } from './pipeline';

export interface RawConsumerOptions {
  kafka: KafkaClient;
  groupId: string;
  pipeline: Pipeline;
  /** Writes dead letters; the same idempotent producer as the events. */
  producer: RecordProducer;
  logger: Logger;
}

/**
 * Reads JSON events from leads.raw.v1, one per record, through the same
 * pipeline as HTTP. A record that is not a valid event goes to
 * leads.deadletter.v1 with the reason and its origin in headers, and the
 * partition moves on; only a broker failure stops it (and the record is
 * retried).
 */
export async function startRawConsumer(
  options: RawConsumerOptions,
): Promise<ConsumerRunner> {
  const logger = options.logger.child('raw-consumer');
  const deadLetters = metrics
    .getMeter('leadscore.ingestor')
    .createCounter('leadscore.ingestor.dead_letters', {
      description: 'Raw records sent to the dead-letter topic',
    });

  const handleRecord = async (record: ConsumedRecord) => {
    const item = readRawRecord(record.value);
    const outcome = await options.pipeline.ingest([item]);
    if (outcome.rejected === 0) return;

    const reason = outcome.errors
      .map((e) => `${e.field} ${e.problem}`)
      .join('; ');
    await options.producer.send([
      deadLetterRecord(record, topics.deadLetter, {
        reason,
        code: 'event_invalid',
        service: 'ingestor',
      }),
    ]);
    deadLetters.add(1, { topic: record.topic });
    logger.warn('raw record dead-lettered', {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
    });
  };

  return options.kafka.runConsumer({
    groupId: options.groupId,
    topics: [topics.raw],
    fromBeginning: true,
    handleRecord,
  });
}

/** One raw record holds one JSON event (it may span lines). */
function readRawRecord(value: Buffer | null): IngestItem {
  if (value === null || value.length === 0) {
    return { unreadable: { field: '(record)', problem: 'has no value' } };
  }
  return readLine(value);
}
