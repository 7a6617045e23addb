import type { CommonSchema, ConfigOf } from '@leadscore/config';
import { createKafkaClient, type KafkaClient } from '@leadscore/kafka';
import type { Logger } from '@leadscore/logging';

/** The Kafka client every service builds from the common settings. */
export function createServiceKafkaClient(
  config: ConfigOf<CommonSchema>,
  logger: Logger,
): KafkaClient {
  return createKafkaClient({
    brokers: config['kafka.brokers'],
    clientId: config['kafka.clientId'],
    connectTimeoutMs: config['kafka.connectTimeoutMs'],
    requestTimeoutMs: config['kafka.requestTimeoutMs'],
    logger,
  });
}
