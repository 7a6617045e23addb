import type { BatchInserter } from '@leadscore/clickhouse';
import {
  deadLetterRecord,
  type Assignment,
  type LeadScore,
  type ScoredLead,
} from '@leadscore/events';
import type {
  ConsumedRecord,
  OutgoingRecord,
  RecordProducer,
} from '@leadscore/kafka';
import type { Logger } from '@leadscore/logging';
import { metrics } from '@opentelemetry/api';
import type { AssignmentCache } from './assignment-cache';
import { assignmentRow, scoreRow } from './clickhouse-rows';
import { isRunning } from './experiments';
import { readScore } from './read-score';
import { route, type RoutingTable } from './route';

export interface BatchHandlerDeps {
  table: RoutingTable;
  cache: AssignmentCache;
  decodeScore(bytes: Buffer): Promise<LeadScore>;
  encodeScored(record: ScoredLead): Promise<Buffer>;
  encodeAssignment(record: Assignment): Promise<Buffer>;
  scoresSink: BatchInserter;
  assignmentsSink: BatchInserter;
  producer: RecordProducer;
  topics: { scored: string; assignments: string; deadLetter: string };
  /** Wall clock, for diagnostic timestamps only; never decides a route. */
  nowMs(): number;
  logger: Logger;
}

/**
 * Handles one fetched batch of leads.scores.v1 records of one partition,
 * in offset order. It resolves only once the scores and assignments are
 * in ClickHouse and the routed records are acknowledged by the broker,
 * so the consumer commits the offsets after both: at-least-once,
 * repeats dropped downstream by score_id, scored_id and (experiment_id,
 * lead_id). An assignment is written to ClickHouse, the sticky state,
 * before Kafka sees it, and whenever it is published (a redelivery
 * rewrites the same row), so Kafka never holds an assignment the sticky
 * state lacks.
 */
export function createBatchHandler(deps: BatchHandlerDeps) {
  const logger = deps.logger.child('router');
  const outcomes = metrics
    .getMeter('leadscore.ab-router')
    .createCounter('leadscore.router.records', {
      description: 'Input scores by outcome: routed, recorded, dead_letter',
    });

  return async (records: ConsumedRecord[]): Promise<void> => {
    const reads = await Promise.all(
      records.map((r) => readScore(r.value, deps.decodeScore)),
    );
    const scores = reads.flatMap((r) => ('score' in r ? [r.score] : []));
    const inExperiment = scores.filter((s) =>
      deps.table.experiments.some((e) => isRunning(e, s.event_ts)),
    );
    await deps.cache.preload(inExperiment.map((s) => s.lead_id));

    const scoreRows: object[] = [];
    const assignmentRows: object[] = [];
    const out: Promise<OutgoingRecord>[] = [];
    const counts = { routed: 0, recorded: 0, dead_letter: 0 };
    for (const [index, read] of reads.entries()) {
      const record = records[index] as ConsumedRecord;
      if ('problem' in read) {
        out.push(
          Promise.resolve(
            deadLetterRecord(record, deps.topics.deadLetter, {
              reason: read.problem,
              code: 'score_record_invalid',
              service: 'ab-router',
            }),
          ),
        );
        counts.dead_letter++;
        logger.warn('score record dead-lettered', {
          topic: record.topic,
          partition: record.partition,
          offset: record.offset,
        });
        continue;
      }

      const score = read.score;
      const running = deps.table.experiments.some((e) =>
        isRunning(e, score.event_ts),
      );
      const stored = running
        ? await deps.cache.assignmentsOf(score.lead_id)
        : [];
      const decision = route(score, stored, deps.table, deps.nowMs());
      const { assignment, scored } = decision;
      // Remembered at once: the lead's next record in this batch must
      // see it. Should the batch fail, its redelivery republishes and
      // rewrites the same assignment (publishAssignment).
      if (decision.isNewAssignment && assignment) {
        deps.cache.remember(assignment);
      }

      scoreRows.push(scoreRow(score, deps.nowMs()));
      if (decision.publishAssignment && assignment) {
        assignmentRows.push(assignmentRow(assignment));
        out.push(assignmentRecord(deps, assignment));
      }
      if (scored) out.push(scoredRecord(deps, scored));
      counts[scored ? 'routed' : 'recorded']++;
    }

    // Assignments first: Kafka must never see one the sticky state lacks.
    // Score rows need no such order, so they land while the produce runs.
    if (assignmentRows.length > 0) {
      await deps.assignmentsSink.add(assignmentRows);
    }
    const encoded = await Promise.all(out);
    await Promise.all([
      deps.scoresSink.add(scoreRows),
      deps.producer.send(encoded),
    ]);
    for (const [outcome, n] of Object.entries(counts)) {
      if (n > 0) outcomes.add(n, { outcome });
    }
  };
}

async function assignmentRecord(
  deps: BatchHandlerDeps,
  assignment: Assignment,
): Promise<OutgoingRecord> {
  return {
    topic: deps.topics.assignments,
    key: assignment.lead_id,
    value: await deps.encodeAssignment(assignment),
    timestampMs: assignment.event_ts,
  };
}

async function scoredRecord(
  deps: BatchHandlerDeps,
  scored: ScoredLead,
): Promise<OutgoingRecord> {
  return {
    topic: deps.topics.scored,
    key: scored.lead_id,
    value: await deps.encodeScored(scored),
    timestampMs: scored.event_ts,
  };
}
