import type { TopicSpec } from '@leadscore/kafka';

/** Every topic the platform names, in one place. */
export const topics = {
  /** Lead events, Avro (leadscore.events.LeadEvent), keyed by lead_id. */
  events: 'leads.events.v1',
  /** CRM events as JSON, one per record, for sources that cannot call the
   * ingestor over HTTP. */
  raw: 'leads.raw.v1',
  /** Records the platform could not process, with the reason in headers. */
  deadLetter: 'leads.deadletter.v1',
  /** One score per lead event per live model (leadscore.scores.LeadScore),
   * keyed by lead_id. */
  scores: 'leads.scores.v1',
  /** What downstream systems consume: the routed score with experiment,
   * arm and grade, keyed by lead_id. */
  scored: 'leads.scored.v1',
  /** One assignment per lead per experiment, keyed by lead_id. */
  assignments: 'experiments.assignments.v1',
  /** Model releases the scorer loads (compacted, keyed by model_version). */
  modelReleases: 'models.releases.v1',
} as const;

/** Every record header key the platform writes, in one place. */
export const headerKeys = {
  /** Why the record was dead-lettered (a short, fixed-form sentence). */
  deadLetterReason: 'leadscore-dlq-reason',
  /** Error code of the failure (see packages/errors/src/codes.ts). */
  deadLetterCode: 'leadscore-dlq-code',
  deadLetterSourceTopic: 'leadscore-dlq-source-topic',
  deadLetterSourcePartition: 'leadscore-dlq-source-partition',
  deadLetterSourceOffset: 'leadscore-dlq-source-offset',
  /** The service that dead-lettered it. */
  deadLetterService: 'leadscore-dlq-service',
} as const;

/** Partitions bound the parallelism of every consumer of a topic; 6 lets a
 * small deployment grow to 6 scorer instances without re-keying. */
export const DEFAULT_PARTITIONS = 6;

/**
 * The retention of every topic whose record timestamps are event times
 * (the lead events and everything derived from them). Kafka's time-based
 * retention compares a segment's newest record timestamp with the clock,
 * so a replayed or backfilled history (event times months old) would be
 * deleted at the broker's next retention check, and consumers reading it
 * would see their offsets fall out of range. These topics are the record
 * a backtest replays: time retention is off, and an operator bounds them
 * by size (`retention.bytes`) or tiered storage instead.
 */
export const eventTimeTopicConfigs: Readonly<Record<string, string>> = {
  'retention.ms': '-1',
};

/** Dead letters are stamped by the broker on arrival, so their retention
 * counts from when a record was given up on, whatever its event time. */
export const deadLetterTopicConfigs: Readonly<Record<string, string>> = {
  'message.timestamp.type': 'LogAppendTime',
  'retention.ms': String(30 * 24 * 3600 * 1000),
};

export function ingestTopicSpecs(partitions = DEFAULT_PARTITIONS): TopicSpec[] {
  return [
    { topic: topics.events, partitions, configs: eventTimeTopicConfigs },
    { topic: topics.raw, partitions, configs: eventTimeTopicConfigs },
    {
      topic: topics.deadLetter,
      partitions: 1,
      configs: deadLetterTopicConfigs,
    },
  ];
}
