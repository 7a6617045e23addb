import { defineSchema } from '@leadscore/config';

/** The ab-router's own settings, beside the common ones. Topics, group and
 * model store are settings so an isolated instance (own group, own output
 * topics, own ClickHouse database through `clickhouse.database`) can
 * route a replay for a backtest. */
export const abRouterSchema = defineSchema({
  'router.experimentsFile': {
    type: 'string',
    optional: true,
    doc: 'JSON file of experiments: an array, or { "experiments": [...] }; see services/ab-router/README.md.',
  },
  'router.experiments': {
    type: 'string',
    optional: true,
    doc: 'Experiments as inline JSON, same shape as the file; both may be set (ids must differ).',
  },
  'router.defaultModelVersion': {
    type: 'string',
    optional: true,
    doc: 'Model whose scores reach the scored topic for leads in no running experiment; unset: such leads get no record.',
  },
  'router.modelStoreDir': {
    type: 'string',
    default: '.stack/models',
    doc: 'Model store folder; the grades of each model come from <dir>/<model_version>/manifest.json.',
  },
  'router.inputTopic': {
    type: 'string',
    default: 'leads.scores.v1',
    doc: 'Scores to route (Avro, leadscore.scores.LeadScore).',
  },
  'router.scoredTopic': {
    type: 'string',
    default: 'leads.scored.v1',
    doc: 'Where routed leads go (Avro, leadscore.router.ScoredLead).',
  },
  'router.assignmentsTopic': {
    type: 'string',
    default: 'experiments.assignments.v1',
    doc: 'Where assignments go, one per lead per experiment (Avro, leadscore.router.Assignment).',
  },
  'router.deadLetterTopic': {
    type: 'string',
    default: 'leads.deadletter.v1',
    doc: 'Where unreadable input records go, with the reason in headers.',
  },
  'router.consumerGroup': {
    type: 'string',
    default: 'leadscore-ab-router',
    doc: 'Consumer group of the input topic.',
  },
  'router.fromBeginning': {
    type: 'bool',
    default: true,
    doc: 'Where a group with no committed offset starts: the first offset (true) or new records only.',
  },
  'router.topicPartitions': {
    type: 'int',
    default: 6,
    min: 1,
    max: 1_000,
    doc: 'Partitions of the router topics when it creates them.',
  },
  'router.partitionsConcurrently': {
    type: 'int',
    default: 6,
    min: 1,
    max: 1_000,
    doc: 'Input partitions handled at once; each waits on its inserts and produce, so more partitions fill larger ClickHouse batches.',
  },
  'router.lingerMs': {
    type: 'int',
    default: 10,
    min: 0,
    max: 10_000,
    doc: 'How long a fetch may wait for router.fetchMinBytes of scores before the micro-batch is routed (the fetch max wait).',
  },
  'router.fetchMinBytes': {
    type: 'int',
    default: 65_536,
    min: 1,
    max: 52_428_800,
    doc: 'Bytes a fetch waits for, up to router.lingerMs: fewer ClickHouse inserts and produce requests per score at high rates. 1 returns every record at once.',
  },
  'router.maxCachedLeads': {
    type: 'int',
    default: 1_000_000,
    min: 1,
    max: 100_000_000,
    doc: 'Leads whose assignments are held in memory; beyond, the least recently seen is reloaded from ClickHouse when needed.',
  },
  'router.insertMaxBatchRows': {
    type: 'int',
    default: 5_000,
    min: 1,
    max: 1_000_000,
    doc: 'Rows per ClickHouse insert.',
  },
  'router.insertLingerMs': {
    type: 'int',
    default: 0,
    min: 0,
    max: 60_000,
    doc: 'How long a row may wait for its ClickHouse batch to fill; every routed record waits on it. 0 flushes on the next turn of the event loop (a fetched batch is one insert anyway).',
  },
  'router.insertMaxBufferedRows': {
    type: 'int',
    default: 100_000,
    min: 1,
    max: 10_000_000,
    doc: 'Rows buffered per table at most; beyond, the record fails and is retried.',
  },
});
