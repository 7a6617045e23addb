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

export function ingestTopicSpecs(partitions = DEFAULT_PARTITIONS): TopicSpec[] {
  return [
    { topic: topics.events, partitions },
    { topic: topics.raw, partitions },
    {
      topic: topics.deadLetter,
      partitions: 1,
      configs: { 'retention.ms': String(30 * 24 * 3600 * 1000) },
    },
  ];
}
