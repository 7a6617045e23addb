import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { HproError } from '../errors';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseEventLine } from './parse-event';
import { parseFunnel } from './funnel';
import { groupLeads } from './group';
import type { Dataset, DatasetReport, LeadEvent } from './types';

export interface ReadOptions {
  /** Called once per bad line; the default writes nothing. */
  onBadLine?: (line: number, reason: string) => void;
}

/** Reads a dataset folder (funnel.json + events.jsonl). */
export async function readDataset(
  dir: string,
  options: ReadOptions = {},
): Promise<Dataset> {
  const funnelPath = join(dir, 'funnel.json');
  const eventsPath = join(dir, 'events.jsonl');
  await assertReadable(funnelPath);
  await assertReadable(eventsPath);
  const funnel = parseFunnel(await readJson(funnelPath), funnelPath);
  const stageNames = new Set(funnel.stages);
  if (funnel.lost !== null) stageNames.add(funnel.lost);

  const report: DatasetReport = {
    lines: 0,
    badLines: [],
    duplicateEvents: 0,
    orphanEvents: 0,
    eventsBeforeCreation: 0,
  };
  const events: LeadEvent[] = [];
  const seenIds = new Set<string>();

  const lines = createInterface({
    input: createReadStream(eventsPath, 'utf8'),
    crlfDelay: Infinity,
  });
  for await (const text of lines) {
    report.lines++;
    if (text.trim() === '') continue;
    const parsed = parseEventLine(text, stageNames);
    if (!parsed.ok) {
      report.badLines.push({ line: report.lines, reason: parsed.reason });
      options.onBadLine?.(report.lines, parsed.reason);
      continue;
    }
    // A repeated event_id keeps the first occurrence.
    if (seenIds.has(parsed.event.eventId)) {
      report.duplicateEvents++;
      continue;
    }
    seenIds.add(parsed.event.eventId);
    events.push(parsed.event);
  }

  const leads = groupLeads(events, report);
  const lastEventMs = events.reduce(
    (max, e) => Math.max(max, e.tsMs),
    -Infinity,
  );
  return {
    name: basename(dir.replace(/\/+$/, '')),
    funnel,
    leads,
    observedUntilMs: funnel.observedUntilMs ?? lastEventMs,
    report,
  };
}

async function assertReadable(path: string): Promise<void> {
  try {
    await access(path);
  } catch (cause) {
    throw new HproError(
      'BAD_DATASET',
      `cannot read ${path}: a dataset folder holds funnel.json and events.jsonl`,
      { path },
      { cause },
    );
  }
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new HproError(
      'BAD_FUNNEL',
      `${path} is not valid JSON`,
      { path },
      { cause },
    );
  }
}
