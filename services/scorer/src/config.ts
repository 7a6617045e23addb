import { defineSchema } from '@leadscore/config';

/** The scorer's own settings, beside the common ones. Topics, group and
 * model set are settings so an isolated instance can score a replay for a
 * backtest (own group, own output topic, candidate models). */
export const scorerSchema = defineSchema({
  'scorer.inputTopic': {
    type: 'string',
    default: 'leads.events.v1',
    doc: 'Lead events to score (Avro).',
  },
  'scorer.outputTopic': {
    type: 'string',
    default: 'leads.scores.v1',
    doc: 'Where scores go, one per event per live model.',
  },
  'scorer.changelogTopic': {
    type: 'string',
    default: 'leadscore.scorer.state.v1',
    doc: 'Compacted changelog of per-lead state, partitioned like the input; one per consumer group.',
  },
  'scorer.releasesTopic': {
    type: 'string',
    default: 'models.releases.v1',
    doc: 'Compacted topic of model releases the scorer follows.',
  },
  'scorer.deadLetterTopic': {
    type: 'string',
    default: 'leads.deadletter.v1',
    doc: 'Where undecodable input records go, with the reason in headers.',
  },
  'scorer.consumerGroup': {
    type: 'string',
    default: 'leadscore-scorer',
    doc: 'Consumer group; parallelism follows the input partitions.',
  },
  'scorer.modelStoreDir': {
    type: 'string',
    default: '.stack/models',
    doc: 'Model store folder: one sub-folder per model version (manifest.json and the ONNX file).',
  },
  'scorer.models': {
    type: 'list',
    optional: true,
    doc: 'Serve exactly these model versions from the store and ignore releases (backtests); unset follows the releases topic.',
  },
  'scorer.executionProviders': {
    type: 'list',
    default: ['cpu'],
    doc: 'ONNX Runtime execution providers in order of preference, from cuda and cpu; cpu is always the fallback.',
  },
  'scorer.intraOpThreads': {
    type: 'int',
    default: 1,
    min: 1,
    max: 64,
    doc: 'ONNX Runtime threads per inference; 1 suits a 2-core machine shared with the broker.',
  },
  'scorer.maxBatchRows': {
    type: 'int',
    default: 256,
    min: 1,
    max: 65_536,
    doc: 'Rows per inference call; a fetched batch larger than this is scored in several calls.',
  },
  'scorer.lingerMs': {
    type: 'int',
    default: 10,
    min: 0,
    max: 10_000,
    doc: 'How long a fetch may wait for more records before a micro-batch is scored (the fetch max wait).',
  },
  'scorer.fetchMinBytes': {
    type: 'int',
    default: 65_536,
    min: 1,
    max: 52_428_800,
    doc: 'Bytes a fetch waits for, up to scorer.lingerMs: larger micro-batches at high rates, at most the linger at low ones. 1 returns every record at once.',
  },
  'scorer.partitionsConcurrently': {
    type: 'int',
    default: 6,
    min: 1,
    max: 1_000,
    doc: "Input partitions scored at once. Each batch waits on its produce; one at a time, the round trips of all assigned partitions add up in every event's latency.",
  },
  'scorer.coalesce': {
    type: 'bool',
    default: false,
    doc: 'Score a lead once per micro-batch, after its last event, instead of after every event.',
  },
  'scorer.maxEventsPerLead': {
    type: 'int',
    default: 200,
    min: 1,
    max: 100_000,
    doc: 'Events kept per lead in state (oldest dropped first).',
  },
});
