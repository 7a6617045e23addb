import { LeadscoreError, retryWithBackoff } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import type { Admin } from 'kafkajs';
import { Kafka } from './kafkajs';
import {
  runConsumer,
  type ConsumerOptions,
  type ConsumerRunner,
} from './consumer';
import { connectError, isRetriableCause } from './errors';
import { kafkaLogCreator, kafkaLogLevel } from './log-bridge';
import { createKafkaMetrics } from './metrics';
import {
  createProducer,
  type ProducerOptions,
  type RecordProducer,
} from './producer';
import { tailTopic, type TopicTail, type TopicTailOptions } from './tail';
import { ensureTopics } from './topics';
import type { ClusterInfo, EnsureTopicsResult, TopicSpec } from './types';

export interface KafkaClientOptions {
  brokers: readonly string[];
  clientId: string;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  logger: Logger;
}

/**
 * The platform's one door to Kafka. Everything kafkajs-specific stays in
 * this folder (kafkajs is unmaintained since 2023): callers see plain
 * records, topic specs and our error type, so swapping the client changes
 * this package only.
 */
export interface KafkaClient {
  /** One metadata request: the readiness probe of a broker. */
  describeCluster(): Promise<ClusterInfo>;
  ensureTopics(specs: readonly TopicSpec[]): Promise<EnsureTopicsResult>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  /** Committed offsets of a group on a topic, by partition. */
  fetchCommittedOffsets(
    groupId: string,
    topic: string,
  ): Promise<Map<number, string>>;
  /** The group's state as the coordinator reports it (Empty, Stable,
   * PreparingRebalance, Dead...) and how many members it has. */
  describeGroup(groupId: string): Promise<{ state: string; members: number }>;
  /** The offset the next record of each partition will get (the high
   * watermark): a reader that has handled every offset below it has read
   * the topic to its end as of the call. */
  fetchEndOffsets(topic: string): Promise<Map<number, string>>;
  /** The first offset each partition still holds (the log start offset):
   * above 0 once retention or a delete-records request removed the
   * records before it. */
  fetchStartOffsets(topic: string): Promise<Map<number, string>>;
  createProducer(options?: ProducerOptions): Promise<RecordProducer>;
  runConsumer(options: ConsumerOptions): Promise<ConsumerRunner>;
  /** Reads a topic from its first offset on, without a committed
   * position (see tail.ts). */
  tailTopic(options: TopicTailOptions): Promise<TopicTail>;
  /** Disconnects the admin connection and every producer and consumer
   * this client made. Safe to call twice. */
  close(): Promise<void>;
}

export function createKafkaClient(options: KafkaClientOptions): KafkaClient {
  const logger = options.logger.child('kafka');
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    connectionTimeout: options.connectTimeoutMs ?? 5_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    logLevel: kafkaLogLevel(logger),
    logCreator: kafkaLogCreator(logger),
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000 },
  });
  const metrics = createKafkaMetrics();
  const closers: (() => Promise<void>)[] = [];
  let admin: Promise<Admin> | undefined;
  let closing: Promise<void> | undefined;

  const getAdmin = () => {
    admin ??= (async () => {
      const created = kafka.admin();
      try {
        await created.connect();
      } catch (cause) {
        admin = undefined;
        throw connectError(options.brokers, cause);
      }
      return created;
    })();
    return admin;
  };

  const adminCall = async <T>(
    operation: string,
    fn: (a: Admin) => Promise<T>,
  ): Promise<T> => {
    const connected = await getAdmin();
    try {
      // Metadata settles a moment after a topic is created or a leader
      // moves; such errors are retriable and retried briefly.
      return await retryWithBackoff(() => fn(connected), {
        deadlineMs: 10_000,
        shouldRetry: isRetriableCause,
      });
    } catch (cause) {
      metrics.failed(operation);
      throw new LeadscoreError('kafka_admin_failed', `${operation} failed`, {
        cause,
        retriable: isRetriableCause(cause),
        context: { operation },
      });
    }
  };

  return {
    describeCluster: () =>
      adminCall('describeCluster', async (a) => {
        const cluster = await a.describeCluster();
        return {
          clusterId: cluster.clusterId,
          controllerId: cluster.controller,
          brokers: cluster.brokers.map((b) => ({
            nodeId: b.nodeId,
            host: b.host,
            port: b.port,
          })),
        };
      }),
    ensureTopics: (specs) =>
      adminCall('ensureTopics', (a) => ensureTopics(a, specs, logger)),
    deleteTopics: (topics) =>
      adminCall('deleteTopics', (a) => a.deleteTopics({ topics: [...topics] })),
    fetchCommittedOffsets: (groupId, topic) =>
      adminCall('fetchOffsets', async (a) => {
        const [result] = await a.fetchOffsets({ groupId, topics: [topic] });
        return new Map(
          (result?.partitions ?? []).map((p) => [p.partition, p.offset]),
        );
      }),
    describeGroup: (groupId) =>
      adminCall('describeGroups', async (a) => {
        const { groups } = await a.describeGroups([groupId]);
        const group = groups[0];
        return {
          state: group?.state ?? 'Dead',
          members: group?.members.length ?? 0,
        };
      }),
    fetchEndOffsets: (topic) =>
      adminCall('fetchTopicOffsets', async (a) => {
        const offsets = await a.fetchTopicOffsets(topic);
        return new Map(offsets.map((p) => [p.partition, p.high]));
      }),
    fetchStartOffsets: (topic) =>
      adminCall('fetchTopicOffsets', async (a) => {
        const offsets = await a.fetchTopicOffsets(topic);
        return new Map(offsets.map((p) => [p.partition, p.low]));
      }),
    createProducer: async (producerOptions) => {
      const producer = await createProducer(
        kafka,
        metrics,
        logger,
        producerOptions,
      );
      closers.push(() => producer.close());
      return producer;
    },
    runConsumer: async (consumerOptions) => {
      const runner = await runConsumer(kafka, metrics, logger, consumerOptions);
      closers.push(() => runner.stop());
      return runner;
    },
    tailTopic: async (tailOptions) => {
      const tail = await tailTopic(kafka, logger, tailOptions);
      closers.push(() => tail.stop());
      return tail;
    },
    close: () => {
      closing ??= (async () => {
        for (const close of closers.reverse()) await close();
        if (admin) await (await admin.catch(() => undefined))?.disconnect();
      })();
      return closing;
    },
  };
}
