import {
  scoredIdOf,
  type Assignment,
  type LeadScore,
  type ScoredLead,
} from '@leadscore/events';
import { armFor } from './bucketing';
import {
  experimentForNewLead,
  isRunning,
  type Arm,
  type Experiment,
} from './experiments';
import { gradeOf, type GradeCuts } from './grades';

/** What the router knows at start and never changes while it runs. */
export interface RoutingTable {
  experiments: readonly Experiment[];
  /** Grade cut points of every model an arm (or the default) names. */
  gradeCuts: ReadonlyMap<string, GradeCuts>;
  /** The model whose scores reach leads.scored.v1 for leads in no running
   * experiment; none of their scores do when undefined. */
  defaultModelVersion: string | undefined;
}

export interface RouteDecision {
  /** The assignment the score was routed under, if any. */
  assignment: Assignment | undefined;
  /** A new assignment, to be stored before it is published. */
  isNewAssignment: boolean;
  /** Publish the assignment: it is new, or this is a redelivery of the
   * very score that created it (the first publish may not have happened
   * before a crash). */
  publishAssignment: boolean;
  /** The record for leads.scored.v1; undefined when this score is not the
   * one the lead's arm routes (another live model's score). */
  scored: ScoredLead | undefined;
}

/**
 * Decides what one score becomes, from the lead's stored assignments
 * (every configured experiment). Pure: the same inputs give the same
 * decision, `nowMs` only stamps diagnostic fields.
 */
export function route(
  score: LeadScore,
  stored: readonly Assignment[],
  table: RoutingTable,
  nowMs: number,
): RouteDecision {
  const byId = new Map(table.experiments.map((e) => [e.id, e]));
  const held = stored.filter((a) => byId.has(a.experiment_id));
  const running = held
    .filter((a) => isRunning(byId.get(a.experiment_id)!, score.event_ts))
    .sort((a, b) => b.event_ts - a.event_ts);

  let assignment = running[0];
  let isNew = false;
  // A late event, older than a membership the lead already holds, never
  // opens a second one: one experiment per lead at a time.
  const late = held.some((a) => a.event_ts > score.event_ts);
  if (!assignment && !late) {
    const experiment = experimentForNewLead(table.experiments, score.event_ts);
    if (experiment) {
      assignment = newAssignment(experiment, score, nowMs);
      isNew = true;
    }
  }

  const decision = {
    assignment,
    isNewAssignment: isNew,
    publishAssignment:
      assignment !== undefined &&
      (isNew || assignment.score_id === score.score_id),
  };
  if (!assignment) {
    const routed = score.model_version === table.defaultModelVersion;
    return {
      ...decision,
      scored: routed
        ? scoredRecord(score, null, null, table, nowMs)
        : undefined,
    };
  }

  const experiment = byId.get(assignment.experiment_id)!;
  const arm = experiment.arms.find((a) => a.name === assignment.arm);
  return {
    ...decision,
    scored:
      arm && routes(arm, experiment, score)
        ? scoredRecord(score, experiment, arm, table, nowMs)
        : undefined,
  };
}

/** Only the arm's model's score is routed; a holdout lead gets one record
 * per causing event, on the experiment's reference model's score. */
function routes(arm: Arm, experiment: Experiment, score: LeadScore): boolean {
  const trigger = arm.modelVersion ?? experiment.referenceModelVersion;
  return score.model_version === trigger;
}

function newAssignment(
  experiment: Experiment,
  score: LeadScore,
  nowMs: number,
): Assignment {
  const { arm, bucket } = armFor(experiment, score.lead_id);
  return {
    experiment_id: experiment.id,
    lead_id: score.lead_id,
    arm: arm.name,
    model_version: arm.modelVersion,
    holdout: arm.modelVersion === null,
    bucket,
    score_id: score.score_id,
    event_id: score.event_id,
    event_ts: score.event_ts,
    assigned_at: nowMs,
  };
}

function scoredRecord(
  score: LeadScore,
  experiment: Experiment | null,
  arm: Arm | null,
  table: RoutingTable,
  nowMs: number,
): ScoredLead {
  const holdout = arm !== null && arm.modelVersion === null;
  const cuts = table.gradeCuts.get(score.model_version);
  return {
    scored_id: scoredIdOf(
      score.lead_id,
      score.event_id,
      experiment?.id ?? null,
      arm?.name ?? null,
    ),
    lead_id: score.lead_id,
    score: holdout ? null : score.score,
    grade: holdout || !cuts ? null : gradeOf(score.score, cuts),
    model_version: holdout ? null : score.model_version,
    score_id: holdout ? null : score.score_id,
    experiment_id: experiment?.id ?? null,
    arm: arm?.name ?? null,
    holdout,
    event_id: score.event_id,
    event_type: score.event_type,
    event_ts: score.event_ts,
    scored_at: score.scored_at,
    routed_at: nowMs,
  };
}
