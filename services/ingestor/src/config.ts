import { defineSchema } from '@leadscore/config';

/** The ingestor's own settings, beside the common ones. */
export const ingestorSchema = defineSchema({
  'ingestor.host': {
    type: 'string',
    default: '127.0.0.1',
    doc: 'Address the HTTP server binds; 0.0.0.0 in a container.',
  },
  'ingestor.port': {
    type: 'int',
    default: 18080,
    min: 0,
    max: 65535,
    doc: 'HTTP port (0 picks a free one).',
  },
  'ingestor.maxBatchEvents': {
    type: 'int',
    default: 1_000,
    min: 1,
    max: 100_000,
    doc: 'Events one HTTP request may carry; more is refused whole with 413.',
  },
  'ingestor.maxBodyBytes': {
    type: 'int',
    default: 8 * 1024 * 1024,
    min: 1_024,
    max: 256 * 1024 * 1024,
    doc: 'Bytes one HTTP request body may have; more is refused with 413.',
  },
  'ingestor.maxTextChars': {
    type: 'int',
    default: 20_000,
    min: 1,
    max: 1_000_000,
    doc: 'Characters an interaction text may have.',
  },
  'ingestor.dedupeWindowEvents': {
    type: 'int',
    default: 200_000,
    min: 0,
    max: 10_000_000,
    doc: 'Most recent event ids remembered per instance to drop repeats (0 turns it off).',
  },
  'ingestor.funnelStages': {
    type: 'list',
    default: ['new', 'contacted', 'store_visit', 'test_drive', 'order'],
    doc: 'Funnel stages a stage_changed event may name, shallow to deep.',
  },
  'ingestor.lostStage': {
    type: 'string',
    default: 'lost',
    doc: 'The terminal defeat stage outside the funnel order.',
  },
  'ingestor.consumeRawTopic': {
    type: 'bool',
    default: true,
    doc: 'Also ingest JSON events from the raw topic (leads.raw.v1).',
  },
  'ingestor.consumerGroup': {
    type: 'string',
    default: 'leadscore-ingestor',
    doc: 'Consumer group of the raw topic reader.',
  },
  'ingestor.topicPartitions': {
    type: 'int',
    default: 6,
    min: 1,
    max: 1_000,
    doc: 'Partitions of leads.events.v1 and leads.raw.v1 when the ingestor creates them.',
  },
});
