import { assignmentSchemaText } from '@leadscore/avro-schemas';
import { createLocalRecordSerde } from './local-serde';
import type { RecordSerde } from './record-serde';
import { topics } from './topics';

/** The arm of one lead in one experiment (experiments.assignments.v1);
 * field names as in schemas/avro/experiments.assignments.v1.avsc, times in
 * epoch milliseconds. */
export interface Assignment {
  experiment_id: string;
  lead_id: string;
  arm: string;
  model_version: string | null;
  holdout: boolean;
  bucket: number;
  score_id: string;
  event_id: string;
  event_ts: number;
  assigned_at: number;
}

export type AssignmentSerde = RecordSerde<Assignment>;

export function createAssignmentSerde(
  registryUrl: string,
  topic: string = topics.assignments,
): Promise<AssignmentSerde> {
  return createLocalRecordSerde<Assignment>(
    registryUrl,
    topic,
    assignmentSchemaText,
  );
}
