import type { Funnel } from '../dataset/types';
import type { Example } from '../protocol';
import { asNumber, rawDense } from './extract';
import {
  DEFAULT_CATEGORY_BUCKETS,
  DEFAULT_TEXT_SPEC,
  denseColumnNames,
  FEATURE_SPEC_VERSION,
  type FeatureSpec,
} from './spec';
import type { TextSpec } from './text';

export interface FitOptions {
  text?: Partial<TextSpec>;
  categoryBuckets?: number;
}

/**
 * Learns the feature spec from training examples only: which attributes
 * exist and their types, which channels, and the standardisation.
 */
export function fitFeatureSpec(
  train: Example[],
  funnel: Funnel,
  options: FitOptions = {},
): FeatureSpec {
  const attributeKinds = new Map<string, { numeric: number; other: number }>();
  const channels = new Set<string>();
  const interactionNumeric = new Set<string>();

  for (const { lead, asOfMs } of train) {
    for (const [name, value] of Object.entries(lead.attributes)) {
      if (value === null) continue;
      const kind = attributeKinds.get(name) ?? { numeric: 0, other: 0 };
      if (asNumber(value) !== null) kind.numeric++;
      else kind.other++;
      attributeKinds.set(name, kind);
    }
    for (const event of lead.events) {
      if (event.tsMs > asOfMs || event.type !== 'interaction') continue;
      channels.add(event.channel);
      for (const [name, value] of Object.entries(event.attributes)) {
        if (typeof value === 'number') interactionNumeric.add(name);
      }
    }
  }

  // An attribute is numeric only if every non-null training value is.
  const names = [...attributeKinds.keys()].sort();
  const numericAttributes = names.filter(
    (n) => attributeKinds.get(n)?.other === 0,
  );
  const categoricalAttributes = names.filter(
    (n) => !numericAttributes.includes(n),
  );

  const spec: FeatureSpec = {
    version: FEATURE_SPEC_VERSION,
    stages: [...funnel.stages],
    lost: funnel.lost,
    numericAttributes,
    categoricalAttributes,
    channels: [...channels].sort(),
    interactionNumeric: [...interactionNumeric].sort(),
    categoryBuckets: options.categoryBuckets ?? DEFAULT_CATEGORY_BUCKETS,
    text: { ...DEFAULT_TEXT_SPEC, ...options.text },
    denseNames: [],
    numericFill: [],
    denseMean: [],
    denseStd: [],
  };
  spec.denseNames = denseColumnNames(spec);
  spec.numericFill = numericAttributes.map((name) => meanOf(train, name));
  fitStandardisation(spec, train);
  return spec;
}

function meanOf(train: Example[], name: string): number {
  let sum = 0;
  let count = 0;
  for (const { lead } of train) {
    const value = asNumber(lead.attributes[name]);
    if (value === null) continue;
    sum += value;
    count++;
  }
  return count === 0 ? 0 : sum / count;
}

function fitStandardisation(spec: FeatureSpec, train: Example[]): void {
  const width = spec.denseNames.length;
  const sum = new Float64Array(width);
  const sumSq = new Float64Array(width);
  for (const { lead, asOfMs } of train) {
    const raw = rawDense(lead, asOfMs, spec);
    for (let i = 0; i < width; i++) {
      const v = raw[i] as number;
      sum[i] = (sum[i] as number) + v;
      sumSq[i] = (sumSq[i] as number) + v * v;
    }
  }
  const n = Math.max(1, train.length);
  spec.denseMean = Array.from(sum, (s) => s / n);
  spec.denseStd = Array.from(sumSq, (s, i) => {
    const mean = (sum[i] as number) / n;
    const variance = Math.max(0, s / n - mean * mean);
    // A constant column stays at zero instead of dividing by ~0.
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
}
