import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset, Lead, LeadEvent } from '../src/dataset/types';

export const FUNNEL = {
  stages: ['new', 'contacted', 'store_visit', 'test_drive', 'order'],
  won: 'order',
  lost: 'lost',
};

/** Writes a dataset folder from raw lines. */
export function writeDatasetDir(
  dir: string,
  funnel: unknown,
  lines: string[],
): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'funnel.json'), JSON.stringify(funnel));
  writeFileSync(join(dir, 'events.jsonl'), lines.join('\n') + '\n');
  return dir;
}

export const DAY_MS = 86_400_000;
export const T0 = Date.parse('2025-03-01T00:00:00Z');

/** A lead built in memory: stages and interactions at day offsets. */
export function makeLead(
  leadId: string,
  createdDay: number,
  steps: Array<[number, string] | [number, 'note', string, string?]>,
  attributes: Lead['attributes'] = {},
): Lead {
  const createdAtMs = T0 + createdDay * DAY_MS;
  const events: LeadEvent[] = [
    {
      type: 'lead_created',
      eventId: `${leadId}-0`,
      leadId,
      tsMs: createdAtMs,
      attributes,
    },
  ];
  steps.forEach((step, k) => {
    const tsMs = createdAtMs + step[0] * DAY_MS;
    const eventId = `${leadId}-${k + 1}`;
    if (step[1] === 'note') {
      events.push({
        type: 'interaction',
        eventId,
        leadId,
        tsMs,
        channel: step[3] ?? 'call',
        text: step[2] ?? '',
        attributes: {},
      });
    } else {
      events.push({
        type: 'stage_changed',
        eventId,
        leadId,
        tsMs,
        stage: step[1],
      });
    }
  });
  events.sort((a, b) => a.tsMs - b.tsMs);
  return { leadId, createdAtMs, attributes, events };
}

export function makeDataset(leads: Lead[], observedUntilMs: number): Dataset {
  return {
    name: 'test',
    funnel: { ...FUNNEL, observedUntilMs, syntheticTime: false },
    leads,
    observedUntilMs,
    report: {
      lines: 0,
      badLines: [],
      duplicateEvents: 0,
      orphanEvents: 0,
      eventsBeforeCreation: 0,
    },
  };
}
