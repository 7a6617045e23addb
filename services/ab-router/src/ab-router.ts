import { createServiceKafkaClient } from '@leadscore/service-runtime';
import {
  createBatchInserter,
  createClickhouse,
  type Clickhouse,
} from '@leadscore/clickhouse';
import type { CommonSchema, ConfigOf } from '@leadscore/config';
import {
  createAssignmentSerde,
  createLeadScoreSerde,
  createScoredLeadSerde,
  routerTopicSpecs,
} from '@leadscore/events';
import type { KafkaClient } from '@leadscore/kafka';
import type { Logger } from '@leadscore/logging';
import { AssignmentCache } from './assignment-cache';
import { assignmentLoader, tables } from './clickhouse-rows';
import type { abRouterSchema } from './config';
import { loadExperiments } from './experiment-config';
import { modelVersionsOf } from './experiments';
import { loadGradeCuts } from './grades';
import { createBatchHandler } from './batch-handler';
import type { RoutingTable } from './route';

export type AbRouterConfig = ConfigOf<CommonSchema> &
  ConfigOf<typeof abRouterSchema>;

export interface RunningAbRouter {
  readonly table: RoutingTable;
  readonly kafka: KafkaClient;
  readonly clickhouse: Clickhouse;
  readonly cache: AssignmentCache;
  /** Leaves the group after the records in flight, flushes the inserts,
   * then disconnects. Safe to call twice. */
  stop(): Promise<void>;
}

/** Wires the router: experiments and grades (checked before anything
 * connects), topics, schemas, ClickHouse sinks, the consumer. */
export async function startAbRouter(
  config: AbRouterConfig,
  logger: Logger,
): Promise<RunningAbRouter> {
  const log = logger.child('ab-router');
  const table = routingTable(config);
  const names = {
    scores: config['router.inputTopic'],
    scored: config['router.scoredTopic'],
    assignments: config['router.assignmentsTopic'],
    deadLetter: config['router.deadLetterTopic'],
  };

  const kafka = createServiceKafkaClient(config, log);
  await kafka.ensureTopics(
    routerTopicSpecs(names, config['router.topicPartitions']),
  );
  const registry = config['schemaRegistry.url'];
  const scoreSerde = await createLeadScoreSerde(registry, names.scores);
  const scoredSerde = await createScoredLeadSerde(registry, names.scored);
  const assignmentSerde = await createAssignmentSerde(
    registry,
    names.assignments,
  );

  const clickhouse = createClickhouse({
    url: config['clickhouse.url'],
    database: config['clickhouse.database'],
    username: config['clickhouse.username'],
    password: config['clickhouse.password'],
    requestTimeoutMs: config['clickhouse.requestTimeoutMs'],
    logger: log,
  });
  const sink = (name: string) =>
    createBatchInserter(clickhouse, {
      table: name,
      maxBatchRows: config['router.insertMaxBatchRows'],
      lingerMs: config['router.insertLingerMs'],
      maxBufferedRows: config['router.insertMaxBufferedRows'],
      logger: log,
    });
  const scoresSink = sink(tables.scores);
  const assignmentsSink = sink(tables.assignments);
  const cache = new AssignmentCache(
    assignmentLoader(
      clickhouse,
      table.experiments.map((e) => e.id),
    ),
    config['router.maxCachedLeads'],
  );
  const producer = await kafka.createProducer({ idempotent: true });

  const runner = await kafka.runConsumer({
    groupId: config['router.consumerGroup'],
    topics: [names.scores],
    fromBeginning: config['router.fromBeginning'],
    partitionsConsumedConcurrently: config['router.partitionsConcurrently'],
    maxWaitTimeMs: config['router.lingerMs'],
    minBytes: config['router.fetchMinBytes'],
    onAssigned: () => cache.clear(),
    handleBatch: createBatchHandler({
      table,
      cache,
      decodeScore: (bytes) => scoreSerde.decode(bytes),
      encodeScored: (record) => scoredSerde.encode(record),
      encodeAssignment: (record) => assignmentSerde.encode(record),
      scoresSink,
      assignmentsSink,
      producer,
      topics: names,
      nowMs: () => Date.now(),
      logger: log,
    }),
  });
  log.info('ab-router ready', {
    groupId: runner.groupId,
    experiments: table.experiments.map((e) => e.id),
  });

  let stopping: Promise<void> | undefined;
  return {
    table,
    kafka,
    clickhouse,
    cache,
    stop: () => {
      stopping ??= (async () => {
        await runner.stop();
        await Promise.all([scoresSink.close(), assignmentsSink.close()]);
        await kafka.close();
        await clickhouse.close();
      })();
      return stopping;
    },
  };
}

/** Everything the configuration decides, checked before connecting. */
export function routingTable(config: AbRouterConfig): RoutingTable {
  const experiments = loadExperiments(
    config['router.experimentsFile'],
    config['router.experiments'],
  );
  const versions = modelVersionsOf(experiments);
  const defaultModel = config['router.defaultModelVersion'];
  if (defaultModel) versions.add(defaultModel);
  return {
    experiments,
    gradeCuts: loadGradeCuts(config['router.modelStoreDir'], versions),
    defaultModelVersion: defaultModel,
  };
}
