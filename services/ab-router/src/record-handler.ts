import type { BatchInserter } from '@leadscore/clickhouse';
import type { Assignment, LeadScore, ScoredLead } from '@leadscore/events';
import type {
  ConsumedRecord,
  OutgoingRecord,
  RecordProducer,
} from '@leadscore/kafka';
import type { Logger } from '@leadscore/logging';
import { metrics } from '@opentelemetry/api';
import type { AssignmentCache } from './assignment-cache';
import { assignmentRow, scoreRow } from './clickhouse-rows';
import { deadLetterRecord } from './dead-letter';
import { isRunning } from './experiments';
import { readScore } from './read-score';
import { route, type RoutingTable } from './route';

export interface RecordHandlerDeps {
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
 * Handles one leads.scores.v1 record. It resolves only once the score
 * (and a new assignment) is in ClickHouse and the routed records are
 * acknowledged by the broker, so the consumer commits the offset after
 * both: at-least-once, with repeats dropped downstream by score_id,
 * scored_id and (experiment_id, lead_id). A new assignment is stored
 * before it is published, so Kafka never holds an assignment the sticky
 * state lacks.
 */
export function createRecordHandler(deps: RecordHandlerDeps) {
  const logger = deps.logger.child('router');
  const outcomes = metrics
    .getMeter('leadscore.ab-router')
    .createCounter('leadscore.router.records', {
      description: 'Input scores by outcome: routed, recorded, dead_letter',
    });

  return async (record: ConsumedRecord): Promise<void> => {
    const ids = {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
    };
    const read = await readScore(record.value, deps.decodeScore);
    if ('problem' in read) {
      await deps.producer.send([
        deadLetterRecord(record, deps.topics.deadLetter, read.problem),
      ]);
      outcomes.add(1, { outcome: 'dead_letter' });
      logger.warn('score record dead-lettered', ids);
      return;
    }

    const score = read.score;
    const running = deps.table.experiments.some((e) =>
      isRunning(e, score.event_ts),
    );
    const stored = running ? await deps.cache.assignmentsOf(score.lead_id) : [];
    const decision = route(score, stored, deps.table, deps.nowMs());
    const { assignment } = decision;

    const inserts = [deps.scoresSink.add([scoreRow(score, deps.nowMs())])];
    if (decision.isNewAssignment && assignment) {
      inserts.push(deps.assignmentsSink.add([assignmentRow(assignment)]));
    }
    await Promise.all(inserts);
    if (decision.isNewAssignment && assignment) {
      deps.cache.remember(assignment);
    }

    const out: OutgoingRecord[] = [];
    if (decision.publishAssignment && assignment) {
      out.push({
        topic: deps.topics.assignments,
        key: assignment.lead_id,
        value: await deps.encodeAssignment(assignment),
        timestampMs: assignment.event_ts,
      });
    }
    if (decision.scored) {
      out.push({
        topic: deps.topics.scored,
        key: decision.scored.lead_id,
        value: await deps.encodeScored(decision.scored),
        timestampMs: decision.scored.event_ts,
      });
    }
    await deps.producer.send(out);
    outcomes.add(1, { outcome: decision.scored ? 'routed' : 'recorded' });
    if (
      decision.isNewAssignment &&
      assignment &&
      logger.isLevelEnabled('debug')
    ) {
      logger.debug('lead assigned', {
        ...ids,
        leadId: assignment.lead_id,
        experimentId: assignment.experiment_id,
        arm: assignment.arm,
      });
    }
  };
}
