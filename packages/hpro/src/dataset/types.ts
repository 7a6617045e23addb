// The dataset contract of EVALUATION.md, as parsed in memory. Times are
// UTC epoch milliseconds from here on.
export type AttributeValue = string | number | boolean | null;
export type Attributes = Record<string, AttributeValue>;

export interface Funnel {
  stages: string[];
  won: string;
  lost: string | null;
  observedUntilMs: number | null;
  syntheticTime: boolean;
}

interface EventBase {
  eventId: string;
  leadId: string;
  tsMs: number;
  source?: string;
}

export interface LeadCreated extends EventBase {
  type: 'lead_created';
  attributes: Attributes;
}

export interface Interaction extends EventBase {
  type: 'interaction';
  channel: string;
  text: string;
  attributes: Attributes;
}

export interface StageChanged extends EventBase {
  type: 'stage_changed';
  stage: string;
}

export type LeadEvent = LeadCreated | Interaction | StageChanged;

/** One lead's events, sorted by time (creation first on equal times). */
export interface Lead {
  leadId: string;
  createdAtMs: number;
  attributes: Attributes;
  events: LeadEvent[];
}

export interface BadLine {
  line: number;
  reason: string;
}

export interface DatasetReport {
  lines: number;
  badLines: BadLine[];
  duplicateEvents: number;
  orphanEvents: number;
  eventsBeforeCreation: number;
}

export interface Dataset {
  name: string;
  funnel: Funnel;
  leads: Lead[];
  /** observed_until from funnel.json, else the last event's time. */
  observedUntilMs: number;
  report: DatasetReport;
}
