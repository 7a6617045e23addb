import { createServiceKafkaClient } from '@leadscore/service-runtime';
import type { ConfigOf, CommonSchema } from '@leadscore/config';
import {
  createLeadEventSerde,
  defaultEventLimits,
  ingestTopicSpecs,
} from '@leadscore/events';
import type { KafkaClient } from '@leadscore/kafka';
import type { Logger } from '@leadscore/logging';
import type { ingestorSchema } from './config';
import { startHttpServer } from './http-server';
import { createPipeline } from './pipeline';
import { startRawConsumer } from './raw-consumer';

export type IngestorConfig = ConfigOf<CommonSchema> &
  ConfigOf<typeof ingestorSchema>;

export interface RunningIngestor {
  readonly url: string;
  readonly schemaId: number;
  readonly kafka: KafkaClient;
  /** Stops HTTP first (no new events), then the raw reader, then the
   * producer, so every accepted event is flushed. Safe to call twice. */
  stop(): Promise<void>;
}

/** Wires the ingestor: topics, schema, producer, pipeline, HTTP server and
 * the raw topic reader. */
export async function startIngestor(
  config: IngestorConfig,
  logger: Logger,
): Promise<RunningIngestor> {
  const log = logger.child('ingestor');
  const kafka = createServiceKafkaClient(config, log);
  // A start that fails half-way must not leave connections open.
  try {
    return await wire(config, kafka, log);
  } catch (error) {
    await kafka.close();
    throw error;
  }
}

async function wire(
  config: IngestorConfig,
  kafka: KafkaClient,
  log: Logger,
): Promise<RunningIngestor> {
  await kafka.ensureTopics(
    ingestTopicSpecs(config['ingestor.topicPartitions']),
  );
  const serde = await createLeadEventSerde(config['schemaRegistry.url']);
  const producer = await kafka.createProducer({ idempotent: true });

  const pipelineOptions = {
    funnel: {
      stages: config['ingestor.funnelStages'],
      lost: config['ingestor.lostStage'],
    },
    limits: {
      ...defaultEventLimits,
      maxTextChars: config['ingestor.maxTextChars'],
    },
    dedupeWindowEvents: config['ingestor.dedupeWindowEvents'],
    serde,
    producer,
  };
  const http = await startHttpServer({
    host: config['ingestor.host'],
    port: config['ingestor.port'],
    maxBodyBytes: config['ingestor.maxBodyBytes'],
    maxBatchEvents: config['ingestor.maxBatchEvents'],
    pipeline: createPipeline({ ...pipelineOptions, source: 'http' }),
    logger: log,
  });
  const raw = config['ingestor.consumeRawTopic']
    ? await startRawConsumer({
        kafka,
        groupId: config['ingestor.consumerGroup'],
        pipeline: createPipeline({ ...pipelineOptions, source: 'raw' }),
        producer,
        logger: log,
      })
    : undefined;
  log.info('ingestor ready', { url: http.url, schemaId: serde.schemaId });

  let stopping: Promise<void> | undefined;
  return {
    url: http.url,
    schemaId: serde.schemaId,
    kafka,
    stop: () => {
      stopping ??= (async () => {
        await http.close();
        await raw?.stop();
        await kafka.close();
      })();
      return stopping;
    },
  };
}
