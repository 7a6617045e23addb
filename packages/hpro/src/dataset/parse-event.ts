import type { Attributes, AttributeValue, LeadEvent } from './types';

// A zone is required: "Z" or an offset. Date.parse would accept a local
// time and silently read it in the machine's zone.
const ISO_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export type ParseResult =
  { ok: true; event: LeadEvent } | { ok: false; reason: string };

const fail = (reason: string): ParseResult => ({ ok: false, reason });

/** Validates one events.jsonl line against the contract. */
export function parseEventLine(
  line: string,
  stageNames: ReadonlySet<string>,
): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return fail('not JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('not a JSON object');
  }
  const obj = raw as Record<string, unknown>;

  for (const field of ['event_id', 'lead_id', 'ts', 'type']) {
    if (typeof obj[field] !== 'string' || obj[field] === '') {
      return fail(`missing or non-string field "${field}"`);
    }
  }
  const ts = obj.ts as string;
  if (!ISO_WITH_ZONE.test(ts)) return fail(`ts without a zone or not ISO-8601`);
  const tsMs = Date.parse(ts);
  if (!Number.isFinite(tsMs)) return fail('ts is not a valid time');
  if (obj.source !== undefined && typeof obj.source !== 'string') {
    return fail('field "source" is not a string');
  }

  const base = {
    eventId: obj.event_id as string,
    leadId: obj.lead_id as string,
    tsMs,
  };
  switch (obj.type) {
    case 'lead_created':
      return withAttributes(obj.attributes, false, (attributes) => ({
        ...base,
        type: 'lead_created',
        attributes,
      }));
    case 'interaction':
      if (typeof obj.channel !== 'string') {
        return fail('missing or non-string field "channel"');
      }
      if (obj.text !== undefined && typeof obj.text !== 'string') {
        return fail('field "text" is not a string');
      }
      return withAttributes(obj.attributes, true, (attributes) => ({
        ...base,
        type: 'interaction',
        channel: obj.channel as string,
        text: (obj.text as string | undefined) ?? '',
        attributes,
      }));
    case 'stage_changed':
      if (typeof obj.stage !== 'string') {
        return fail('missing or non-string field "stage"');
      }
      if (!stageNames.has(obj.stage)) {
        return fail(`unknown stage ${JSON.stringify(obj.stage)}`);
      }
      return {
        ok: true,
        event: { ...base, type: 'stage_changed', stage: obj.stage },
      };
    default:
      return fail(`unknown type ${JSON.stringify(obj.type)}`);
  }
}

function withAttributes(
  raw: unknown,
  optional: boolean,
  build: (attributes: Attributes) => LeadEvent,
): ParseResult {
  if (raw === undefined && optional) return { ok: true, event: build({}) };
  if (raw === undefined) return fail('missing field "attributes"');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('field "attributes" is not an object');
  }
  const attributes: Attributes = {};
  for (const [name, value] of Object.entries(raw)) {
    const checked = checkAttribute(value);
    if (checked === undefined) {
      return fail(
        `attribute "${name}" is not a string, finite number, boolean or null`,
      );
    }
    attributes[name] = checked;
  }
  return { ok: true, event: build(attributes) };
}

function checkAttribute(value: unknown): AttributeValue | undefined {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}
