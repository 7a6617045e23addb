import { createServiceKafkaClient } from '@leadscore/service-runtime';
import type { CommonSchema, ConfigOf } from '@leadscore/config';
import {
  createLeadEventSerde,
  createLeadScoreSerde,
  deadLetterTopicConfigs,
  DEFAULT_PARTITIONS,
  eventTimeTopicConfigs,
} from '@leadscore/events';
import type { KafkaClient } from '@leadscore/kafka';
import type { Logger } from '@leadscore/logging';
import { releaseSerde, releasesTopicSpec } from '@leadscore/model-store';
import { metrics } from '@opentelemetry/api';
import type { scorerSchema } from './config';
import { followReleases, staticModelSet, type ModelSet } from './model-set';
import { scoreBatch } from './score-batch';
import { changelogSpec, StateStore } from './state-store';

export type ScorerConfig = ConfigOf<CommonSchema> &
  ConfigOf<typeof scorerSchema>;

export interface RunningScorer {
  readonly kafka: KafkaClient;
  readonly models: ModelSet;
  readonly state: StateStore;
  /** Leaves the group after the batch in flight, then closes. */
  stop(): Promise<void>;
}

/** Wires the scorer: topics, serdes, the model set, partition state and
 * the consumer group on the input topic. */
export async function startScorer(
  config: ScorerConfig,
  logger: Logger,
): Promise<RunningScorer> {
  const log = logger.child('scorer');
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
  config: ScorerConfig,
  kafka: KafkaClient,
  log: Logger,
): Promise<RunningScorer> {
  const input = config['scorer.inputTopic'];
  // The ingestor normally creates it; a scorer started first must not fail.
  await kafka.ensureTopics([
    {
      topic: input,
      partitions: DEFAULT_PARTITIONS,
      configs: eventTimeTopicConfigs,
      createOnly: true,
    },
  ]);
  const inputPartitions = (await kafka.fetchEndOffsets(input)).size;
  // The changelog must have a partition for every input partition; the
  // other topics are only created when missing, never re-partitioned.
  await kafka.ensureTopics([
    changelogSpec(config['scorer.changelogTopic'], inputPartitions),
    {
      topic: config['scorer.outputTopic'],
      partitions: inputPartitions,
      configs: eventTimeTopicConfigs,
      createOnly: true,
    },
    { ...releasesTopicSpec(config['scorer.releasesTopic']), createOnly: true },
    {
      topic: config['scorer.deadLetterTopic'],
      partitions: 1,
      configs: deadLetterTopicConfigs,
      createOnly: true,
    },
  ]);

  const registry = config['schemaRegistry.url'];
  const eventSerde = await createLeadEventSerde(registry);
  const scoreSerde = await createLeadScoreSerde(
    registry,
    config['scorer.outputTopic'],
  );
  const source = {
    storeDir: config['scorer.modelStoreDir'],
    providers: config['scorer.executionProviders'],
    intraOpThreads: config['scorer.intraOpThreads'],
    logger: log,
  };
  const fixed = config['scorer.models'];
  const models = fixed
    ? await staticModelSet(source, fixed)
    : await followReleases(
        source,
        kafka,
        await releaseSerde(registry, config['scorer.releasesTopic']),
        config['scorer.releasesTopic'],
      );
  await models.ready();

  const state = new StateStore({
    kafka,
    changelogTopic: config['scorer.changelogTopic'],
    logger: log,
  });
  const producer = await kafka.createProducer({ idempotent: true });
  const meter = metrics.getMeter('leadscore.scorer');
  const scoresOut = meter.createCounter('leadscore.scorer.scores', {
    description: 'Scores produced',
  });
  const unscorable = meter.createCounter('leadscore.scorer.unscorable', {
    description: 'Events of leads with no lead_created yet',
  });
  const deadLetters = meter.createCounter('leadscore.scorer.dead_letters', {
    description: 'Undecodable input records',
  });

  const runner = await kafka.runConsumer({
    groupId: config['scorer.consumerGroup'],
    topics: [input],
    fromBeginning: true,
    maxWaitTimeMs: config['scorer.lingerMs'],
    minBytes: config['scorer.fetchMinBytes'],
    partitionsConsumedConcurrently: config['scorer.partitionsConcurrently'],
    // A scorer that died is noticed after this long; its partitions wait
    // that long before another member (or its own restart) takes them.
    sessionTimeoutMs: 10_000,
    onAssigned: (assignment) => state.onAssigned(assignment.get(input) ?? []),
    handleBatch: async (records) => {
      const partition = records[0]?.partition ?? 0;
      const leads = await state.partition(partition);
      const live = models.current();
      const result = await scoreBatch(records, {
        leads,
        models: live,
        eventSerde,
        scoreSerde,
        topics: {
          output: config['scorer.outputTopic'],
          changelog: config['scorer.changelogTopic'],
          deadLetter: config['scorer.deadLetterTopic'],
        },
        maxEventsPerLead: config['scorer.maxEventsPerLead'],
        maxBatchRows: config['scorer.maxBatchRows'],
        coalesce: config['scorer.coalesce'],
        now: Date.now,
      });
      // Scores and state go out before the input offsets are committed:
      // after a crash the batch is read again, finds its events already in
      // the rebuilt state, and produces the same score_ids.
      await producer.send(result.records);
      scoresOut.add(result.scores);
      unscorable.add(result.unscorable);
      deadLetters.add(result.deadLetters);
      if (result.deadLetters > 0)
        log.warn('input records dead-lettered', {
          partition,
          count: result.deadLetters,
        });
    },
  });
  log.info('scorer running', {
    input,
    models: models.current().map((m) => m.version),
  });

  let stopping: Promise<void> | undefined;
  return {
    kafka,
    models,
    state,
    stop: () => {
      stopping ??= (async () => {
        await runner.stop();
        await models.close();
        await kafka.close();
      })();
      return stopping;
    },
  };
}
