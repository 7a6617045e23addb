import {
  topics,
  validateEvent,
  type EventLimits,
  type FieldProblem,
  type Funnel,
  type LeadEvent,
  type LeadEventSerde,
} from '@leadscore/events';
import type { RecordProducer } from '@leadscore/kafka';
import { metrics } from '@opentelemetry/api';
import { DedupeWindow } from './dedupe-window';

/** What became of each event of a batch; `sent` is always the sum of the
 * other three. */
export interface IngestOutcome {
  sent: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  errors: { index: number; field: string; problem: string }[];
  duplicateIndexes: number[];
}

/** An input item: a parsed JSON value, or a reason it could not be read
 * (a malformed NDJSON line, invalid UTF-8). */
export type IngestItem = { value: unknown } | { unreadable: FieldProblem };

export interface PipelineOptions {
  funnel: Funnel;
  limits: EventLimits;
  dedupeWindowEvents: number;
  serde: LeadEventSerde;
  producer: RecordProducer;
  source: string;
}

export interface Pipeline {
  /** Validates, drops repeats, and produces the valid events to
   * leads.events.v1. Resolves once the broker acknowledged them; rejects
   * (retriable) if it did not, and then no event of the batch counts as
   * seen. */
  ingest(items: readonly IngestItem[]): Promise<IngestOutcome>;
}

export function createPipeline(options: PipelineOptions): Pipeline {
  const window = new DedupeWindow(options.dedupeWindowEvents);
  const meter = metrics.getMeter('leadscore.ingestor');
  const counter = meter.createCounter('leadscore.ingestor.events', {
    description: 'Events received, by outcome and source',
  });

  return {
    async ingest(items) {
      const outcome: IngestOutcome = {
        sent: items.length,
        accepted: 0,
        rejected: 0,
        duplicates: 0,
        errors: [],
        duplicateIndexes: [],
      };
      const accepted: LeadEvent[] = [];

      for (const [index, item] of items.entries()) {
        if ('unreadable' in item) {
          outcome.rejected++;
          outcome.errors.push({ index, ...item.unreadable });
          continue;
        }
        const result = validateEvent(
          item.value,
          options.funnel,
          options.limits,
        );
        if (!result.ok) {
          outcome.rejected++;
          for (const problem of result.problems)
            outcome.errors.push({ index, ...problem });
          continue;
        }
        if (window.has(result.event.event_id)) {
          outcome.duplicates++;
          outcome.duplicateIndexes.push(index);
          continue;
        }
        // Marked before producing, so a repeat inside this batch or in a
        // concurrent request is dropped too.
        window.add(result.event.event_id);
        accepted.push(result.event);
      }

      try {
        const records = await Promise.all(
          accepted.map(async (event) => ({
            topic: topics.events,
            key: event.lead_id,
            value: await options.serde.encode(event),
            timestampMs: event.tsMs,
          })),
        );
        await options.producer.send(records);
      } catch (error) {
        for (const event of accepted) window.remove(event.event_id);
        counter.add(accepted.length, {
          outcome: 'failed',
          source: options.source,
        });
        throw error;
      }

      outcome.accepted = accepted.length;
      counter.add(outcome.accepted, {
        outcome: 'accepted',
        source: options.source,
      });
      counter.add(outcome.rejected, {
        outcome: 'rejected',
        source: options.source,
      });
      counter.add(outcome.duplicates, {
        outcome: 'duplicate',
        source: options.source,
      });
      return outcome;
    },
  };
}
