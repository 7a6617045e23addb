import { MS_PER_DAY } from '../duration';
import { createRng, type Rng } from '../rng';
import {
  AGE_BANDS,
  CHANNELS,
  makeDealers,
  MODELS,
  pick,
  pickWeighted,
  sigmoid,
  stepProbabilities,
  type Dealer,
} from './lead-model';
import { PHRASES, PREFIXES, SUFFIXES, type Lang, type Tone } from './phrases';

export const SIM_STAGES = [
  'new',
  'contacted',
  'store_visit',
  'test_drive',
  'order',
];
const CREATION_SPAN_DAYS = 365;

export interface SimulateOptions {
  leads: number;
  seed: number;
  lang: Lang;
  startMs?: number;
  dealers?: number;
}

export interface SimEvent {
  [key: string]: unknown;
  type: string;
  event_id: string;
  lead_id: string;
  ts: string;
}

export interface OracleRow {
  lead_id: string;
  intent: number;
  /** Probability of ever ordering, from the hidden model. */
  p_order: number;
  /** Hidden probability of each funnel step (new->contacted, ...). */
  p_steps: number[];
}

export interface Simulation {
  funnel: Record<string, unknown>;
  events: Array<{ tsMs: number; event: SimEvent }>;
  oracle: OracleRow[];
}

/** A synthetic car-sales funnel, identical for identical options. */
export function simulate(options: SimulateOptions): Simulation {
  const rng = createRng(options.seed);
  const startMs = options.startMs ?? Date.parse('2025-01-01T00:00:00Z');
  const dealers = makeDealers(options.dealers ?? 30, rng);
  const events: Simulation['events'] = [];
  const oracle: OracleRow[] = [];

  for (let i = 0; i < options.leads; i++) {
    const leadId = `L${String(i + 1).padStart(6, '0')}`;
    const createdMs =
      startMs + Math.floor(rng.next() * CREATION_SPAN_DAYS * MS_PER_DAY);
    const lead = simulateLead(leadId, createdMs, dealers, options.lang, rng);
    events.push(...lead.events);
    oracle.push(lead.oracle);
  }

  events.sort(
    (a, b) => a.tsMs - b.tsMs || (a.event.event_id < b.event.event_id ? -1 : 1),
  );
  // A week of the last creations stays unmatured under the default protocol.
  const observedUntilMs = startMs + (CREATION_SPAN_DAYS + 86) * MS_PER_DAY;
  const funnel = {
    stages: SIM_STAGES,
    won: 'order',
    lost: 'lost',
    observed_until: new Date(observedUntilMs).toISOString(),
    synthetic_time: false,
  };
  return {
    funnel,
    events: events.filter((e) => e.tsMs <= observedUntilMs),
    oracle,
  };
}

function simulateLead(
  leadId: string,
  createdMs: number,
  dealers: Dealer[],
  lang: Lang,
  rng: Rng,
): { events: Simulation['events']; oracle: OracleRow } {
  const dealer = pick(dealers, rng);
  const channel = pickWeighted(CHANNELS, rng);
  const intent = rng.normal();
  const ownsEv = rng.next() < 0.2;
  const tradeIn = rng.next() < 0.3 + 0.1 * sigmoid(intent);
  const u =
    intent + channel.shift + (ownsEv ? 0.3 : 0) + (tradeIn ? 0.2 : 0) - 0.6;
  const budget =
    120 + 40 * sigmoid(intent + rng.normal()) * 5 + 30 * rng.normal();

  let seq = 0;
  const out: Simulation['events'] = [];
  const emit = (tsMs: number, body: Record<string, unknown>): void => {
    const event = {
      event_id: `${leadId}-e${++seq}`,
      lead_id: leadId,
      ts: new Date(tsMs).toISOString(),
      ...body,
    } as SimEvent;
    out.push({ tsMs, event });
  };

  emit(createdMs, {
    type: 'lead_created',
    source: 'sim-crm',
    attributes: {
      channel: channel.name,
      dealer_id: dealer.id,
      city_tier: 1 + rng.int(4),
      owns_ev: ownsEv,
      trade_in: tradeIn,
      model_interest: pick(MODELS, rng),
      age_band: pick(AGE_BANDS, rng),
      budget_k: rng.next() < 0.2 ? null : Math.round(Math.max(60, budget)),
    },
  });

  const steps = stepProbabilities(u, dealer);
  const stepMeanDays = [0.8, 6, 5, 14];
  let tMs = createdMs;
  let depth = 0;
  const notes = (count: number, fromMs: number): void => {
    let noteMs = fromMs;
    for (let k = 0; k < count; k++) {
      noteMs += exponentialMs(rng, 0.7 * MS_PER_DAY);
      emit(noteMs, noteEvent(intent, lang, rng));
    }
  };

  // Inbound notes can come before any contact (chat on the app, a form).
  notes(rng.next() < 0.35 ? 1 : 0, createdMs);
  for (let step = 0; step < steps.length; step++) {
    if (rng.next() >= (steps[step] as number)) break;
    tMs += exponentialMs(rng, (stepMeanDays[step] as number) * MS_PER_DAY);
    depth = step + 1;
    emit(tMs, {
      type: 'stage_changed',
      stage: SIM_STAGES[depth],
      source: 'sim-crm',
    });
    notes(depth === 1 ? 1 + rng.int(3) : rng.int(2), tMs);
  }
  if (depth < SIM_STAGES.length - 1 && rng.next() < 0.5) {
    emit(tMs + exponentialMs(rng, 20 * MS_PER_DAY), {
      type: 'stage_changed',
      stage: 'lost',
      source: 'sim-crm',
    });
  }

  const pOrder = steps.reduce((p, s) => p * s, 1);
  return {
    events: out,
    oracle: { lead_id: leadId, intent, p_order: pOrder, p_steps: steps },
  };
}

function noteEvent(
  intent: number,
  lang: Lang,
  rng: Rng,
): Record<string, unknown> {
  const sentiment = intent + 0.9 * rng.normal();
  const tone: Tone =
    sentiment > 0.7 ? 'positive' : sentiment < -0.5 ? 'negative' : 'neutral';
  const channel = pick(['call', 'sms', 'app_chat', 'email'], rng);
  const text =
    pick(PREFIXES[lang], rng) +
    pick(PHRASES[lang][tone], rng) +
    pick(SUFFIXES[lang], rng);
  const attributes =
    channel === 'call'
      ? { duration_s: Math.round(30 + 400 * rng.next() * sigmoid(intent)) }
      : {};
  return { type: 'interaction', channel, text, attributes, source: 'sim-crm' };
}

function exponentialMs(rng: Rng, meanMs: number): number {
  return Math.max(60_000, Math.round(-Math.log(1 - rng.next()) * meanMs));
}
