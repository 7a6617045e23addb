import { join } from 'node:path';
import type { AttributeValue } from '../dataset/types';
import { MS_PER_DAY, parseDurationMs } from '../duration';
import { readCsv } from './csv';
import { DatasetWriter } from './dataset-writer';

// Column choices are explained in x-education.md, beside this file.

/** Known when the lead is created: filled in by the prospect or the form. */
export const X_EDUCATION_FEATURES = [
  'Lead Origin',
  'Lead Source',
  'Do Not Email',
  'Do Not Call',
  'TotalVisits',
  'Total Time Spent on Website',
  'Page Views Per Visit',
  'Country',
  'Specialization',
  'How did you hear about X Education',
  'What is your current occupation',
  'What matters most to you in choosing a course',
  'Search',
  'Magazine',
  'Newspaper Article',
  'X Education Forums',
  'Newspaper',
  'Digital Advertisement',
  'Through Recommendations',
  'Receive More Updates About Our Courses',
  'Update me on Supply Chain Content',
  'Get updates on DM Content',
  'City',
  'I agree to pay the amount through cheque',
  'A free copy of Mastering The Interview',
];

const NUMERIC = new Set([
  'TotalVisits',
  'Total Time Spent on Website',
  'Page Views Per Visit',
]);
const NOT_REACHED_TAGS = new Set([
  '',
  'Ringing',
  'switched off',
  'Busy',
  'invalid number',
  'wrong number given',
  'number not provided',
]);
const LOST_TAGS = new Set([
  'Interested in other courses',
  'Already a student',
  'Not doing further education',
  'Interested  in full time MBA',
  'Graduation in progress',
  'invalid number',
  'Diploma holder (Not Eligible)',
  'wrong number given',
  'number not provided',
  'Lost to Others',
  'Lost to EINS',
  'University not recognized',
  'Recognition issue (DEC approval)',
]);
export const X_EDUCATION_STAGES = ['new', 'reached', 'qualified', 'converted'];
const START_MS = Date.parse('2020-01-01T00:00:00Z');
const MINUTE_MS = 60_000;

export async function importXEducation(
  sourceDir: string,
  outDir: string,
  decisionDelay: string,
  labelWindow: string,
): Promise<{ leads: number; events: number }> {
  const rows = await readCsv(join(sourceDir, 'Leads.csv'));
  rows.sort((a, b) => Number(a['Lead Number']) - Number(b['Lead Number']));
  const delayMs = parseDurationMs(decisionDelay);
  const writer = new DatasetWriter();

  rows.forEach((row, i) => {
    const leadId = `X${row['Lead Number']}`;
    const createdMs = START_MS + i * MINUTE_MS;
    const attributes = Object.fromEntries(
      X_EDUCATION_FEATURES.map((name) => [name, cell(name, row[name] ?? '')]),
    );
    writer.event(leadId, createdMs, {
      type: 'lead_created',
      source: 'x-education',
      attributes,
    });

    // Funnel signals are recorded after the fact: one day after as_of.
    const signalMs = createdMs + delayMs + MS_PER_DAY;
    const tags = row.Tags ?? '';
    const converted = row.Converted === '1';
    const qualified =
      ['High in Relevance', 'Might be'].includes(row['Lead Quality'] ?? '') ||
      row['Lead Profile'] === 'Potential Lead';
    const stage = (offset: number, name: string) =>
      writer.event(leadId, signalMs + offset * MINUTE_MS, {
        type: 'stage_changed',
        source: 'x-education',
        stage: name,
      });
    if (!NOT_REACHED_TAGS.has(tags)) stage(0, 'reached');
    if (qualified) stage(1, 'qualified');
    if (converted) stage(2, 'converted');
    else if (LOST_TAGS.has(tags)) stage(3, 'lost');
  });

  const lastCreatedMs = START_MS + (rows.length - 1) * MINUTE_MS;
  const events = await writer.write(outDir, {
    stages: X_EDUCATION_STAGES,
    won: 'converted',
    lost: 'lost',
    observed_until: new Date(
      lastCreatedMs + delayMs + parseDurationMs(labelWindow) + MS_PER_DAY,
    ).toISOString(),
    synthetic_time: true,
  });
  return { leads: rows.length, events };
}

function cell(name: string, raw: string): AttributeValue {
  // "Select" is the form's unfilled default: missing, not a category.
  if (raw === '' || raw === 'Select') return null;
  if (NUMERIC.has(name)) {
    const n = Number(raw);
    return Number.isFinite(n) ? n : null;
  }
  if (raw === 'Yes') return true;
  if (raw === 'No') return false;
  return raw;
}
