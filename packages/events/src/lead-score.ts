import { leadScoreSchemaText } from '@leadscore/avro-schemas';
import { createLocalRecordSerde } from './local-serde';
import type { RecordSerde } from './record-serde';
import { topics } from './topics';

/** One score of one lead by one live model version (leads.scores.v1);
 * field names as in schemas/avro/leads.scores.v1.avsc, times in epoch
 * milliseconds. */
export interface LeadScore {
  score_id: string;
  lead_id: string;
  model_version: string;
  score: number;
  feature_spec_version: string;
  event_id: string;
  event_type: string;
  event_ts: number;
  source_partition: number;
  source_offset: number;
  scored_at: number;
}

export type LeadScoreSerde = RecordSerde<LeadScore>;

export function createLeadScoreSerde(
  registryUrl: string,
  topic: string = topics.scores,
): Promise<LeadScoreSerde> {
  return createLocalRecordSerde<LeadScore>(
    registryUrl,
    topic,
    leadScoreSchemaText,
  );
}

const stringFields = [
  'score_id',
  'lead_id',
  'model_version',
  'feature_spec_version',
  'event_id',
  'event_type',
] as const;
const numberFields = [
  'score',
  'event_ts',
  'source_partition',
  'source_offset',
  'scored_at',
] as const;

/**
 * What is wrong with a decoded score, or undefined: a record written
 * under another subject's schema decodes to some other shape, and a score
 * outside [0, 1] cannot be graded.
 */
export function leadScoreProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a record';
  const record = value as Record<string, unknown>;
  for (const name of stringFields) {
    if (typeof record[name] !== 'string' || record[name] === '') {
      return `${name} must be a non-empty string`;
    }
  }
  for (const name of numberFields) {
    if (typeof record[name] !== 'number' || !Number.isFinite(record[name])) {
      return `${name} must be a finite number`;
    }
  }
  const score = record['score'] as number;
  if (score < 0 || score > 1) return 'score must be in [0, 1]';
  return undefined;
}
