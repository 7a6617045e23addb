import type { TextSpec } from './text';

/** Bumped whenever the meaning of any feature changes. */
export const FEATURE_SPEC_VERSION = 'hpro-features/1';

/**
 * Everything the scorer needs to compute a model's inputs from a lead's
 * events. It is stored in the model manifest, so a model and its features
 * travel together.
 */
export interface FeatureSpec {
  version: typeof FEATURE_SPEC_VERSION;
  stages: string[];
  lost: string | null;
  /** lead_created attributes read as numbers (booleans count as 0/1). */
  numericAttributes: string[];
  /** lead_created attributes read as categories. */
  categoricalAttributes: string[];
  /** Interaction channels seen in training; others count as "other". */
  channels: string[];
  /** Numeric interaction attributes, summed over interactions. */
  interactionNumeric: string[];
  categoryBuckets: number;
  text: TextSpec;
  /** Names of the dense columns, in order. */
  denseNames: string[];
  /** Raw-value fill for a missing numeric attribute (its training mean). */
  numericFill: number[];
  /** Standardisation of every dense column. */
  denseMean: number[];
  denseStd: number[];
}

export const DEFAULT_TEXT_SPEC: TextSpec = {
  buckets: 1 << 16,
  charNgramMin: 2,
  charNgramMax: 4,
  wordNgramMax: 2,
  maxTokens: 256,
};

export const DEFAULT_CATEGORY_BUCKETS = 1 << 14;

/** Pseudo-categories every model gets, whatever the dataset's attributes. */
export const BUILTIN_CATEGORIES = ['_stage', '_first_channel'];

/** Category fields in the order of the cat_ids input. */
export function categoryFields(spec: FeatureSpec): string[] {
  return [...spec.categoricalAttributes, ...BUILTIN_CATEGORIES];
}

/** Dense column names for a spec's structure (before statistics). */
export function denseColumnNames(
  spec: Pick<
    FeatureSpec,
    'numericAttributes' | 'channels' | 'interactionNumeric' | 'stages'
  >,
): string[] {
  return [
    ...spec.numericAttributes.flatMap((n) => [
      `attr:${n}`,
      `attr:${n}:missing`,
    ]),
    'hist:interactions_log1p',
    ...spec.channels.map((c) => `hist:channel:${c}_log1p`),
    'hist:channel:_other_log1p',
    'hist:hours_since_last_event_log1p',
    'hist:hours_since_last_interaction_log1p',
    'hist:no_interaction',
    'hist:interaction_last_24h',
    ...spec.interactionNumeric.map((n) => `hist:sum:${n}_slog1p`),
    'hist:stage_changes',
    ...spec.stages.map((s) => `hist:stage_is:${s}`),
    'hist:text_chars_log1p',
  ];
}
