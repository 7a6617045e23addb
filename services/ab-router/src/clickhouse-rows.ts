import {
  sqlIdentifier,
  sqlLiteral,
  type Clickhouse,
} from '@leadscore/clickhouse';
import type { Assignment, LeadScore } from '@leadscore/events';

/** Tables of packages/clickhouse/migrations 0001 and 0002. */
export const tables = {
  scores: 'lead_scores',
  assignments: 'experiment_assignments',
} as const;

export function scoreRow(score: LeadScore, landedAtMs: number): object {
  return {
    score_id: score.score_id,
    lead_id: score.lead_id,
    model_version: score.model_version,
    score: score.score,
    feature_spec_version: score.feature_spec_version,
    event_id: score.event_id,
    event_type: score.event_type,
    event_ts_ms: score.event_ts,
    source_partition: score.source_partition,
    source_offset: score.source_offset,
    scored_at_ms: score.scored_at,
    landed_at_ms: landedAtMs,
  };
}

export function assignmentRow(assignment: Assignment): object {
  return {
    experiment_id: assignment.experiment_id,
    lead_id: assignment.lead_id,
    arm: assignment.arm,
    model_version: assignment.model_version,
    holdout: assignment.holdout ? 1 : 0,
    bucket: assignment.bucket,
    score_id: assignment.score_id,
    event_id: assignment.event_id,
    event_ts_ms: assignment.event_ts,
    assigned_at_ms: assignment.assigned_at,
  };
}

interface AssignmentRowOut {
  experiment_id: string;
  lead_id: string;
  arm: string;
  model_version: string | null;
  holdout: number | string;
  bucket: number | string;
  score_id: string;
  event_id: string;
  event_ts_ms: number | string;
  assigned_at_ms: number | string;
}

/**
 * Reads every stored assignment of some leads in the given experiments:
 * the sticky state. FINAL merges the repeats a retried insert left.
 * (UInt64 comes back as a JSON string, hence Number().)
 */
export function assignmentLoader(
  clickhouse: Clickhouse,
  experimentIds: readonly string[],
) {
  const experiments = experimentIds.map((id) => sqlLiteral(id)).join(', ');
  return async (leadIds: readonly string[]): Promise<Assignment[]> => {
    if (experimentIds.length === 0 || leadIds.length === 0) return [];
    const leads = leadIds.map((id) => sqlLiteral(id)).join(', ');
    const rows = await clickhouse.query<AssignmentRowOut>(
      `SELECT experiment_id, lead_id, arm, model_version, holdout, bucket,
              score_id, event_id, event_ts_ms, assigned_at_ms
       FROM ${sqlIdentifier(tables.assignments)} FINAL
       WHERE experiment_id IN (${experiments}) AND lead_id IN (${leads})`,
    );
    return rows.map((row) => ({
      experiment_id: row.experiment_id,
      lead_id: row.lead_id,
      arm: row.arm,
      model_version: row.model_version,
      holdout: Number(row.holdout) === 1,
      bucket: Number(row.bucket),
      score_id: row.score_id,
      event_id: row.event_id,
      event_ts: Number(row.event_ts_ms),
      assigned_at: Number(row.assigned_at_ms),
    }));
  };
}
