import type { AttributeValue, Lead } from '../dataset/types';
import { hashBucket } from './hash';
import { categoryFields, type FeatureSpec } from './spec';
import { textIds } from './text';

const MS_PER_HOUR = 3_600_000;
const MISSING = '\u0000missing';

/** The numeric inputs of one lead at one decision point. */
export interface LeadFeatures {
  /** Standardised dense columns, spec.denseNames order. */
  dense: Float32Array;
  /** One hashed id per category field, in [1, categoryBuckets). */
  catIds: Int32Array;
  /** Distinct hashed text ids in [1, text.buckets); may be empty. */
  textIds: Int32Array;
}

/**
 * The one feature function, shared by training and the online scorer.
 * Pure: only events with ts <= asOfMs are read, and no clock is consulted.
 */
export function extractFeatures(
  lead: Lead,
  asOfMs: number,
  spec: FeatureSpec,
): LeadFeatures {
  const raw = rawDense(lead, asOfMs, spec);
  const dense = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const std = spec.denseStd[i] ?? 1;
    dense[i] = ((raw[i] as number) - (spec.denseMean[i] ?? 0)) / std;
  }
  return {
    dense,
    catIds: categoryIds(lead, asOfMs, spec),
    textIds: Int32Array.from(
      textIds(textsNewestFirst(lead, asOfMs), spec.text),
    ),
  };
}

/** Dense columns before standardisation (also used to fit the spec). */
export function rawDense(
  lead: Lead,
  asOfMs: number,
  spec: FeatureSpec,
): number[] {
  const out: number[] = [];
  spec.numericAttributes.forEach((name, i) => {
    const value = asNumber(lead.attributes[name]);
    out.push(value ?? spec.numericFill[i] ?? 0, value === null ? 1 : 0);
  });

  const channelCounts = new Map<string, number>();
  const sums = new Map<string, number>();
  let interactions = 0;
  let lastEventMs = lead.createdAtMs;
  let lastInteractionMs: number | null = null;
  let stageChanges = 0;
  let depth = 0;
  let textChars = 0;
  for (const event of lead.events) {
    if (event.tsMs > asOfMs) break;
    lastEventMs = Math.max(lastEventMs, event.tsMs);
    if (event.type === 'stage_changed') {
      stageChanges++;
      depth = Math.max(depth, spec.stages.indexOf(event.stage));
    } else if (event.type === 'interaction') {
      interactions++;
      lastInteractionMs = event.tsMs;
      textChars += event.text.length;
      const channel = spec.channels.includes(event.channel)
        ? event.channel
        : '';
      channelCounts.set(channel, (channelCounts.get(channel) ?? 0) + 1);
      for (const name of spec.interactionNumeric) {
        const value = asNumber(event.attributes[name]);
        if (value !== null) sums.set(name, (sums.get(name) ?? 0) + value);
      }
    }
  }

  out.push(Math.log1p(interactions));
  for (const channel of spec.channels) {
    out.push(Math.log1p(channelCounts.get(channel) ?? 0));
  }
  out.push(Math.log1p(channelCounts.get('') ?? 0));
  out.push(Math.log1p((asOfMs - lastEventMs) / MS_PER_HOUR));
  const sinceInteractionHours =
    lastInteractionMs === null
      ? null
      : (asOfMs - lastInteractionMs) / MS_PER_HOUR;
  out.push(Math.log1p(sinceInteractionHours ?? 0));
  out.push(sinceInteractionHours === null ? 1 : 0);
  out.push(
    sinceInteractionHours !== null && sinceInteractionHours <= 24 ? 1 : 0,
  );
  for (const name of spec.interactionNumeric) {
    const sum = sums.get(name) ?? 0;
    out.push(Math.sign(sum) * Math.log1p(Math.abs(sum)));
  }
  out.push(stageChanges);
  spec.stages.forEach((_, i) => out.push(i === depth ? 1 : 0));
  out.push(Math.log1p(textChars));
  return out;
}

function categoryIds(
  lead: Lead,
  asOfMs: number,
  spec: FeatureSpec,
): Int32Array {
  let stage = spec.stages[0] ?? '';
  let depth = 0;
  let firstChannel = MISSING;
  for (const event of lead.events) {
    if (event.tsMs > asOfMs) break;
    if (event.type === 'stage_changed') {
      const d = spec.stages.indexOf(event.stage);
      if (d > depth) [depth, stage] = [d, event.stage];
    } else if (event.type === 'interaction' && firstChannel === MISSING) {
      firstChannel = event.channel;
    }
  }

  const values = [
    ...spec.categoricalAttributes.map((name) =>
      asCategory(lead.attributes[name]),
    ),
    stage,
    firstChannel,
  ];
  const fields = categoryFields(spec);
  return Int32Array.from(fields, (field, i) =>
    hashBucket(`${field}\u0001${values[i] ?? MISSING}`, spec.categoryBuckets),
  );
}

function textsNewestFirst(lead: Lead, asOfMs: number): string[] {
  const texts: string[] = [];
  for (const event of lead.events) {
    if (event.tsMs > asOfMs) break;
    if (event.type === 'interaction' && event.text !== '')
      texts.push(event.text);
  }
  return texts.reverse();
}

export function asNumber(value: AttributeValue | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

function asCategory(value: AttributeValue | undefined): string {
  if (value === null || value === undefined || value === '') return MISSING;
  return String(value);
}
