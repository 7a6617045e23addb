import type { Logger } from '@leadscore/logging';
import type { Admin } from 'kafkajs';
import { ConfigResourceTypes } from './kafkajs';
import type { EnsureTopicsResult, TopicSpec } from './types';

/**
 * Creates the topics that are missing and brings existing ones in line:
 * partitions are added when too few (never removed: Kafka cannot), and the
 * listed configs are set when they differ. Running it twice changes
 * nothing the second time.
 */
export async function ensureTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  logger: Logger,
): Promise<EnsureTopicsResult> {
  const result: EnsureTopicsResult = { created: [], existing: [], updated: [] };
  const present = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !present.has(spec.topic));

  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor ?? -1,
        configEntries: Object.entries(spec.configs ?? {}).map(
          ([name, value]) => ({ name, value }),
        ),
      })),
    });
    result.created.push(...missing.map((spec) => spec.topic));
    logger.info('topics created', { topics: result.created });
  }

  const existing = specs.filter((spec) => present.has(spec.topic));
  for (const spec of existing) {
    result.existing.push(spec.topic);
    if (spec.createOnly) continue;
    const changedPartitions = await growPartitions(admin, spec, logger);
    const changedConfigs = await alignConfigs(admin, spec, logger);
    if (changedPartitions || changedConfigs) result.updated.push(spec.topic);
  }
  return result;
}

async function growPartitions(
  admin: Admin,
  spec: TopicSpec,
  logger: Logger,
): Promise<boolean> {
  const metadata = await admin.fetchTopicMetadata({ topics: [spec.topic] });
  const current = metadata.topics[0]?.partitions.length ?? 0;
  if (current >= spec.partitions) {
    if (current > spec.partitions) {
      logger.warn('topic has more partitions than its spec; left as is', {
        topic: spec.topic,
        partitions: current,
        wanted: spec.partitions,
      });
    }
    return false;
  }
  await admin.createPartitions({
    topicPartitions: [{ topic: spec.topic, count: spec.partitions }],
  });
  logger.info('topic partitions added', {
    topic: spec.topic,
    from: current,
    to: spec.partitions,
  });
  return true;
}

async function alignConfigs(
  admin: Admin,
  spec: TopicSpec,
  logger: Logger,
): Promise<boolean> {
  const wanted = spec.configs ?? {};
  if (Object.keys(wanted).length === 0) return false;

  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: spec.topic }],
  });
  const entries = described.resources[0]?.configEntries ?? [];
  const current = new Map(entries.map((e) => [e.configName, e.configValue]));
  const differs = Object.entries(wanted).some(
    ([name, value]) => current.get(name) !== value,
  );
  if (!differs) return false;

  // AlterConfigs replaces a topic's dynamic configs as a whole, so the
  // request carries the ones already overridden plus the wanted values.
  const overridden = entries
    .filter((e) => !e.isDefault && !(e.configName in wanted))
    .map((e) => ({ name: e.configName, value: e.configValue }));
  await admin.alterConfigs({
    validateOnly: false,
    resources: [
      {
        type: ConfigResourceTypes.TOPIC,
        name: spec.topic,
        configEntries: [
          ...overridden,
          ...Object.entries(wanted).map(([name, value]) => ({ name, value })),
        ],
      },
    ],
  });
  logger.info('topic configs updated', { topic: spec.topic });
  return true;
}
