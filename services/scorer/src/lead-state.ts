import type { LeadEvent } from '@leadscore/events';
import type { DatasetEvent, Lead } from '@leadscore/hpro';

/** An event as kept in state, with the input offset it came from, so that
 * a redelivered record is scored on exactly the history it had the first
 * time. */
type StateEvent = DatasetEvent & { offset: number };

/** What the feature function needs of one lead, bounded in size. */
export interface LeadState {
  leadId: string;
  createdAtMs: number | null;
  attributes: Lead['attributes'];
  events: StateEvent[];
  /** Highest input offset applied; older offsets are redeliveries. */
  lastOffset: number;
}

export const STATE_FORMAT = 1;

/**
 * Applies one event read at `offset`. A redelivered record (offset not
 * above lastOffset) changes nothing, so the changelog and the scores stay
 * the same whether a record is read once or twice. Beyond `maxEvents` the
 * oldest events are dropped (the lead_created attributes are kept apart).
 */
export function applyEvent(
  state: LeadState | undefined,
  event: LeadEvent,
  offset: number,
  maxEvents: number,
): LeadState {
  const current: LeadState = state ?? {
    leadId: event.lead_id,
    createdAtMs: null,
    attributes: {},
    events: [],
    lastOffset: -1,
  };
  if (offset <= current.lastOffset) return current;

  const next: LeadState = {
    ...current,
    lastOffset: offset,
    events: [...current.events, toStateEvent(event, offset)],
  };
  if (event.type === 'lead_created' && next.createdAtMs === null) {
    next.createdAtMs = event.tsMs;
    next.attributes = event.attributes;
  }
  if (next.events.length > maxEvents)
    next.events = next.events.slice(-maxEvents);
  return next;
}

function toStateEvent(event: LeadEvent, offset: number): StateEvent {
  const base = {
    eventId: event.event_id,
    leadId: event.lead_id,
    tsMs: event.tsMs,
    offset,
  };
  switch (event.type) {
    case 'lead_created':
      return { ...base, type: 'lead_created', attributes: event.attributes };
    case 'interaction':
      return {
        ...base,
        type: 'interaction',
        channel: event.channel,
        text: event.text,
        attributes: event.attributes,
      };
    case 'stage_changed':
      return { ...base, type: 'stage_changed', stage: event.stage };
  }
}

/** The lead as the feature function sees it after the event at `offset`:
 * only events read up to that offset, grouped as training groups a
 * dataset (packages/hpro/src/dataset/group.ts): events before the creation
 * and repeated creations dropped, sorted by time, then type, then id.
 * Undefined while the lead has no lead_created: such a lead cannot be
 * scored, as in training. */
export function leadAt(state: LeadState, offset: number): Lead | undefined {
  const createdAtMs = state.createdAtMs;
  if (createdAtMs === null) return undefined;
  let creationSeen = false;
  const events = state.events.filter((e) => {
    if (e.offset > offset || e.tsMs < createdAtMs) return false;
    if (e.type !== 'lead_created') return true;
    if (creationSeen) return false;
    creationSeen = true;
    return true;
  });
  events.sort(
    (a, b) =>
      a.tsMs - b.tsMs ||
      typeOrder[a.type] - typeOrder[b.type] ||
      (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
  return {
    leadId: state.leadId,
    createdAtMs,
    attributes: state.attributes,
    events,
  };
}

const typeOrder = { lead_created: 0, interaction: 1, stage_changed: 2 };

export function encodeState(state: LeadState): Buffer {
  return Buffer.from(JSON.stringify({ format: STATE_FORMAT, ...state }));
}

export function decodeState(bytes: Buffer): LeadState {
  const parsed = JSON.parse(bytes.toString('utf8')) as LeadState & {
    format?: number;
  };
  if (parsed.format !== STATE_FORMAT) {
    throw new Error(
      `lead state format ${String(parsed.format)} is not ${STATE_FORMAT}`,
    );
  }
  const { format: _format, ...state } = parsed;
  return state;
}
