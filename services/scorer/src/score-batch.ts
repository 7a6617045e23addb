import {
  deadLetterRecord,
  type LeadEvent,
  type LeadEventSerde,
  type LeadScore,
  type LeadScoreSerde,
} from '@leadscore/events';
import { extractFeatures, type Lead, type LeadFeatures } from '@leadscore/hpro';
import type { ConsumedRecord, OutgoingRecord } from '@leadscore/kafka';
import { applyEvent, encodeState, leadAt, type LeadState } from './lead-state';
import { scoreLeads, type LiveModel } from './live-models';
import { scoreId } from './score-id';

export interface BatchContext {
  leads: Map<string, LeadState>;
  models: readonly LiveModel[];
  eventSerde: LeadEventSerde;
  scoreSerde: LeadScoreSerde;
  topics: { output: string; changelog: string; deadLetter: string };
  maxEventsPerLead: number;
  maxBatchRows: number;
  coalesce: boolean;
  /** Wall clock, for scored_at only (latency); never a feature. */
  now: () => number;
}

export interface BatchResult {
  records: OutgoingRecord[];
  scores: number;
  unscorable: number;
  deadLetters: number;
}

interface Row {
  event: LeadEvent;
  lead: Lead;
  asOfMs: number;
  partition: number;
  offset: number;
}

/**
 * Turns one fetched batch of one input partition into the records to
 * write: the scores of every live model, the changed leads' state for the
 * changelog (same partition number as the input), and dead letters for
 * records that cannot be decoded. Pure but for the models' inference: the
 * same batch on the same state gives the same records, scored_at aside.
 */
export async function scoreBatch(
  input: readonly ConsumedRecord[],
  ctx: BatchContext,
): Promise<BatchResult> {
  const result: BatchResult = {
    records: [],
    scores: 0,
    unscorable: 0,
    deadLetters: 0,
  };
  const changed = new Map<string, { state: LeadState; partition: number }>();
  let rows: Row[] = [];

  for (const record of input) {
    let event: LeadEvent;
    try {
      event = await ctx.eventSerde.decode(record.value ?? Buffer.alloc(0));
    } catch (error) {
      result.records.push(
        deadLetterRecord(record, ctx.topics.deadLetter, {
          reason: `value could not be decoded as a lead event: ${(error as Error).message ?? String(error)}`,
          code: 'event_invalid',
          service: 'scorer',
        }),
      );
      result.deadLetters++;
      continue;
    }
    const offset = Number(record.offset);
    const before = ctx.leads.get(event.lead_id);
    const state = applyEvent(before, event, offset, ctx.maxEventsPerLead);
    if (state !== before) {
      ctx.leads.set(event.lead_id, state);
      changed.set(event.lead_id, { state, partition: record.partition });
    }
    const lead = leadAt(state, offset);
    if (!lead) {
      result.unscorable++;
      continue;
    }
    let asOfMs = -Infinity;
    for (const e of lead.events) if (e.tsMs > asOfMs) asOfMs = e.tsMs;
    rows.push({ event, lead, asOfMs, partition: record.partition, offset });
  }

  if (ctx.coalesce) rows = lastRowPerLead(rows);
  // Live models trained on the same data usually share a feature spec:
  // extract once per distinct spec, not once per model.
  const featuresBySpec = new Map<string, LeadFeatures[]>();
  for (const model of ctx.models) {
    const spec = model.manifest.feature_spec;
    const specKey = JSON.stringify(spec);
    let features = featuresBySpec.get(specKey);
    if (!features) {
      features = rows.map((row) => extractFeatures(row.lead, row.asOfMs, spec));
      featuresBySpec.set(specKey, features);
    }
    const probabilities = await scoreLeads(
      model,
      rows,
      ctx.maxBatchRows,
      features,
    );
    for (const [i, row] of rows.entries()) {
      const value: LeadScore = {
        score_id: scoreId(row.event.lead_id, row.event.event_id, model.version),
        lead_id: row.event.lead_id,
        model_version: model.version,
        score: probabilities[i] ?? Number.NaN,
        feature_spec_version: model.manifest.feature_spec.version,
        event_id: row.event.event_id,
        event_type: row.event.type,
        event_ts: row.event.tsMs,
        source_partition: row.partition,
        source_offset: row.offset,
        scored_at: ctx.now(),
      };
      result.records.push({
        topic: ctx.topics.output,
        key: value.lead_id,
        value: await ctx.scoreSerde.encode(value),
        timestampMs: value.event_ts,
      });
      result.scores++;
    }
  }

  for (const [leadId, { state, partition }] of changed) {
    result.records.push({
      topic: ctx.topics.changelog,
      key: leadId,
      value: encodeState(state),
      partition,
    });
  }
  return result;
}

function lastRowPerLead(rows: Row[]): Row[] {
  const last = new Map<string, Row>();
  for (const row of rows) last.set(row.event.lead_id, row);
  return [...last.values()].sort((a, b) => a.offset - b.offset);
}
