import {
  eventTypes,
  type AttributeValue,
  type Attributes,
  type EventType,
  type LeadEvent,
} from './lead-event';

/** The stages an event may name: the funnel's, plus its lost stage. */
export interface Funnel {
  stages: readonly string[];
  lost?: string | undefined;
}

/** Bounds on one event. Documented in services/ingestor/README.md. */
export interface EventLimits {
  maxIdChars: number;
  maxTextChars: number;
  maxAttributes: number;
  maxAttributeNameChars: number;
  maxAttributeValueChars: number;
}

export const defaultEventLimits: EventLimits = {
  maxIdChars: 200,
  maxTextChars: 20_000,
  maxAttributes: 200,
  maxAttributeNameChars: 100,
  maxAttributeValueChars: 2_000,
};

/** One thing wrong with an event: which field, and what is wrong with
 * its value. `field` is a dotted path in the JSON line format. */
export interface FieldProblem {
  field: string;
  problem: string;
}

export type ValidationResult =
  { ok: true; event: LeadEvent } | { ok: false; problems: FieldProblem[] };

const commonFields = ['type', 'event_id', 'lead_id', 'ts', 'source'];
const fieldsOfType: Record<EventType, string[]> = {
  lead_created: [...commonFields, 'attributes'],
  interaction: [...commonFields, 'channel', 'text', 'attributes'],
  stage_changed: [...commonFields, 'stage'],
};

/** ISO-8601 date and time with a zone (Z or ±hh:mm); the zone is required
 * because a time without one means different instants in different CRMs. */
const isoWithZone =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Checks one event in the JSON line format of EVALUATION.md and returns it
 * typed, or every problem found (not only the first), each naming the
 * field and what is wrong with its value.
 */
export function validateEvent(
  value: unknown,
  funnel: Funnel,
  limits: EventLimits = defaultEventLimits,
): ValidationResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('(event)', `must be a JSON object, got ${describe(value)}`);
  }
  const input = value as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const type = input['type'];
  if (!eventTypes.includes(type as EventType)) {
    const got = type === undefined ? 'missing' : describe(type);
    return fail('type', `must be one of ${eventTypes.join(', ')}; got ${got}`);
  }
  const eventType = type as EventType;

  for (const name of Object.keys(input)) {
    if (!fieldsOfType[eventType].includes(name)) {
      problems.push({ field: name, problem: `is not a field of ${eventType}` });
    }
  }
  const eventId = requiredString(
    input,
    'event_id',
    limits.maxIdChars,
    problems,
  );
  const leadId = requiredString(input, 'lead_id', limits.maxIdChars, problems);
  const tsMs = timestamp(input['ts'], problems);
  const source = optionalString(input, 'source', limits.maxIdChars, problems);

  let event: LeadEvent | undefined;
  const base = { event_id: eventId, lead_id: leadId, tsMs, source };
  if (eventType === 'lead_created') {
    const attributes = attributeMap(input, true, limits, problems);
    event = { ...base, type: eventType, attributes };
  } else if (eventType === 'interaction') {
    const channel = requiredString(
      input,
      'channel',
      limits.maxIdChars,
      problems,
    );
    const text = textField(input['text'], limits, problems);
    const attributes = attributeMap(input, false, limits, problems);
    event = { ...base, type: eventType, channel, text, attributes };
  } else {
    const stage = requiredString(input, 'stage', limits.maxIdChars, problems);
    const known = [...funnel.stages, ...(funnel.lost ? [funnel.lost] : [])];
    if (stage !== '' && !known.includes(stage)) {
      problems.push({
        field: 'stage',
        problem: `unknown stage ${JSON.stringify(stage)}; the funnel has ${known.join(', ')}`,
      });
    }
    event = { ...base, type: eventType, stage };
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, event };
}

function fail(field: string, problem: string): ValidationResult {
  return { ok: false, problems: [{ field, problem }] };
}

function requiredString(
  input: Record<string, unknown>,
  field: string,
  maxChars: number,
  problems: FieldProblem[],
): string {
  const value = input[field];
  if (value === undefined) {
    problems.push({ field, problem: 'is missing' });
    return '';
  }
  if (typeof value !== 'string') {
    problems.push({
      field,
      problem: `must be a string, got ${describe(value)}`,
    });
    return '';
  }
  if (value.trim() === '')
    problems.push({ field, problem: 'must not be empty' });
  if (value.length > maxChars) {
    problems.push({
      field,
      problem: `is ${value.length} characters; the limit is ${maxChars}`,
    });
  }
  return value;
}

function optionalString(
  input: Record<string, unknown>,
  field: string,
  maxChars: number,
  problems: FieldProblem[],
): string | null {
  const value = input[field];
  if (value === undefined || value === null) return null;
  return requiredString(input, field, maxChars, problems);
}

function timestamp(value: unknown, problems: FieldProblem[]): number {
  if (value === undefined) {
    problems.push({ field: 'ts', problem: 'is missing' });
    return 0;
  }
  if (typeof value !== 'string' || !isoWithZone.test(value)) {
    problems.push({
      field: 'ts',
      problem: `must be an ISO-8601 time with a zone (2025-03-01T08:00:00Z), got ${describe(value)}`,
    });
    return 0;
  }
  const ms = Date.parse(value);
  if (!Number.isFinite(ms) || !isCalendarDate(value)) {
    problems.push({
      field: 'ts',
      problem: `is not a real date and time: ${describe(value)}`,
    });
    return 0;
  }
  return ms;
}

/** Date.parse rolls 2025-02-30 over to March 2; a CRM that sent it had
 * a bug worth hearing about. */
function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day || month > 12) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function textField(
  value: unknown,
  limits: EventLimits,
  problems: FieldProblem[],
): string {
  if (value === undefined) {
    problems.push({
      field: 'text',
      problem: 'is missing (use "" for no text)',
    });
    return '';
  }
  if (typeof value !== 'string') {
    problems.push({
      field: 'text',
      problem: `must be a string, got ${describe(value)}`,
    });
    return '';
  }
  if (value.length > limits.maxTextChars) {
    problems.push({
      field: 'text',
      problem: `is ${value.length} characters; the limit is ${limits.maxTextChars}`,
    });
  }
  return value;
}

function attributeMap(
  input: Record<string, unknown>,
  required: boolean,
  limits: EventLimits,
  problems: FieldProblem[],
): Attributes {
  const value = input['attributes'];
  if (value === undefined) {
    if (required)
      problems.push({
        field: 'attributes',
        problem: 'is missing (use {} for none)',
      });
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({
      field: 'attributes',
      problem: `must be an object, got ${describe(value)}`,
    });
    return {};
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > limits.maxAttributes) {
    problems.push({
      field: 'attributes',
      problem: `has ${entries.length} entries; the limit is ${limits.maxAttributes}`,
    });
  }
  const out: Attributes = {};
  for (const [name, item] of entries) {
    const field = `attributes.${name}`;
    if (name === '' || name.length > limits.maxAttributeNameChars) {
      problems.push({
        field,
        problem: `name must be 1 to ${limits.maxAttributeNameChars} characters`,
      });
    }
    const problem = attributeProblem(item, limits);
    if (problem) problems.push({ field, problem });
    else out[name] = item as AttributeValue;
  }
  return out;
}

function attributeProblem(
  value: unknown,
  limits: EventLimits,
): string | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') {
    // JSON.parse turns 1e400 into Infinity: the number was not finite.
    return Number.isFinite(value) ? undefined : 'must be a finite number';
  }
  if (typeof value === 'string') {
    return value.length > limits.maxAttributeValueChars
      ? `is ${value.length} characters; the limit is ${limits.maxAttributeValueChars}`
      : undefined;
  }
  return `must be a string, finite number, boolean or null, got ${describe(value)}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value))
    return 'a non-finite number';
  if (typeof value === 'string') {
    return value.length > 40
      ? `a string of ${value.length} characters`
      : JSON.stringify(value);
  }
  return typeof value === 'object'
    ? 'an object'
    : `${typeof value} ${String(value)}`;
}
