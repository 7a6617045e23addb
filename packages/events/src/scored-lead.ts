import { createHash } from 'node:crypto';
import { scoredLeadSchemaText } from '@leadscore/avro-schemas';
import { createLocalRecordSerde } from './local-serde';
import type { RecordSerde } from './record-serde';
import { topics } from './topics';

export const grades = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof grades)[number];

/** A routed lead (leads.scored.v1); field names as in
 * schemas/avro/leads.scored.v1.avsc, times in epoch milliseconds. */
export interface ScoredLead {
  scored_id: string;
  lead_id: string;
  score: number | null;
  grade: Grade | null;
  model_version: string | null;
  score_id: string | null;
  experiment_id: string | null;
  arm: string | null;
  holdout: boolean;
  event_id: string;
  event_type: string;
  event_ts: number;
  scored_at: number;
  routed_at: number;
}

export type ScoredLeadSerde = RecordSerde<ScoredLead>;

export function createScoredLeadSerde(
  registryUrl: string,
  topic: string = topics.scored,
): Promise<ScoredLeadSerde> {
  return createLocalRecordSerde<ScoredLead>(
    registryUrl,
    topic,
    scoredLeadSchemaText,
  );
}

/** Hex SHA-256 (first 32 characters) of lead, causing event, experiment
 * and arm joined by 0x1f: the same routing of the same event always has
 * the same id, so consumers drop redelivered repeats. */
export function scoredIdOf(
  leadId: string,
  eventId: string,
  experimentId: string | null,
  arm: string | null,
): string {
  return createHash('sha256')
    .update([leadId, eventId, experimentId ?? '', arm ?? ''].join('\u001f'))
    .digest('hex')
    .slice(0, 32);
}
