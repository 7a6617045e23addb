/** An attribute value, as EVALUATION.md allows: finite numbers only. */
export type AttributeValue = string | number | boolean | null;
export type Attributes = Record<string, AttributeValue>;

export const eventTypes = [
  'lead_created',
  'interaction',
  'stage_changed',
] as const;
export type EventType = (typeof eventTypes)[number];

interface EventBase {
  event_id: string;
  lead_id: string;
  /** Event time, epoch milliseconds UTC. */
  tsMs: number;
  source: string | null;
}

export type LeadEvent =
  | (EventBase & { type: 'lead_created'; attributes: Attributes })
  | (EventBase & {
      type: 'interaction';
      channel: string;
      text: string;
      attributes: Attributes;
    })
  | (EventBase & { type: 'stage_changed'; stage: string });

/** Avro names of the payload branches (avsc keys a wrapped union value by
 * the branch's full name). */
export const payloadBranch = {
  lead_created: 'leadscore.events.LeadCreated',
  interaction: 'leadscore.events.Interaction',
  stage_changed: 'leadscore.events.StageChanged',
} as const satisfies Record<EventType, string>;

export interface AvroLeadEvent {
  event_id: string;
  lead_id: string;
  ts: number;
  source: string | null;
  payload: Record<string, Record<string, unknown>>;
}

export function toAvro(event: LeadEvent): AvroLeadEvent {
  const base = {
    event_id: event.event_id,
    lead_id: event.lead_id,
    ts: event.tsMs,
    source: event.source,
  };
  switch (event.type) {
    case 'lead_created':
      return {
        ...base,
        payload: {
          [payloadBranch.lead_created]: { attributes: event.attributes },
        },
      };
    case 'interaction':
      return {
        ...base,
        payload: {
          [payloadBranch.interaction]: {
            channel: event.channel,
            text: event.text,
            attributes: event.attributes,
          },
        },
      };
    case 'stage_changed':
      return {
        ...base,
        payload: { [payloadBranch.stage_changed]: { stage: event.stage } },
      };
  }
}

export function fromAvro(record: AvroLeadEvent): LeadEvent {
  const base = {
    event_id: record.event_id,
    lead_id: record.lead_id,
    tsMs: Number(record.ts),
    source: record.source,
  };
  const [branch, body] = Object.entries(record.payload)[0] ?? [];
  const fields = (body ?? {}) as Record<string, unknown>;
  switch (branch) {
    case payloadBranch.lead_created:
      return {
        ...base,
        type: 'lead_created',
        attributes: fields['attributes'] as Attributes,
      };
    case payloadBranch.interaction:
      return {
        ...base,
        type: 'interaction',
        channel: String(fields['channel']),
        text: String(fields['text']),
        attributes: fields['attributes'] as Attributes,
      };
    case payloadBranch.stage_changed:
      return { ...base, type: 'stage_changed', stage: String(fields['stage']) };
    default:
      throw new Error(`unknown payload branch ${String(branch)}`);
  }
}

/** The JSON line form of EVALUATION.md (ts as ISO-8601 UTC). */
export function toJsonLine(event: LeadEvent): Record<string, unknown> {
  const { tsMs, source, ...rest } = event;
  const line: Record<string, unknown> = {
    ...rest,
    ts: new Date(tsMs).toISOString(),
  };
  if (source !== null) line['source'] = source;
  return line;
}
