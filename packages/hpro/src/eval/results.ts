import type { Protocol } from '../protocol';
import type { Interval } from './bootstrap';
import { cutoffs } from './suite';

export type M = Interval | null;

export interface ModelResult {
  roc_auc: M;
  pr_auc: M;
  ndcg: M;
  lift_at_10pct: M;
  precision_at: Record<string, M>;
  recall_at: Record<string, M>;
  tier_accuracy: Record<string, M>;
  brier: M;
  ece: M;
}

export interface Results {
  dataset: string;
  protocol: {
    decision_delay: string;
    label_window: string;
    test_fraction: number;
    seed: number;
    resamples: number;
    synthetic_time: boolean;
  };
  counts: {
    leads: number;
    eligible: number;
    train_leads: number;
    test_leads: number;
    excluded_decided: number;
    excluded_unmatured: number;
    bad_lines: number;
  };
  base_rate: number;
  models: Record<string, ModelResult>;
}

/** Nests the flat metric map into the shape of EVALUATION.md. */
export function toModelResult(
  flat: Map<string, Interval | null>,
  testLeads: number,
  maxDepth: number,
): ModelResult {
  const get = (key: string): M => flat.get(key) ?? null;
  const keys = cutoffs(testLeads).map(([key]) => key);
  const tiers = Array.from({ length: maxDepth }, (_, d) => `${d + 1}>${d}`);
  return {
    roc_auc: get('roc_auc'),
    pr_auc: get('pr_auc'),
    ndcg: get('ndcg'),
    lift_at_10pct: get('lift_at_10pct'),
    precision_at: Object.fromEntries(
      keys.map((k) => [k, get(`precision_at.${k}`)]),
    ),
    recall_at: Object.fromEntries(keys.map((k) => [k, get(`recall_at.${k}`)])),
    tier_accuracy: Object.fromEntries(
      tiers.map((k) => [k, get(`tier_accuracy.${k}`)]),
    ),
    brier: get('brier'),
    ece: get('ece'),
  };
}

export function protocolOf(
  protocol: Protocol,
  syntheticTime: boolean,
): Results['protocol'] {
  return {
    decision_delay: protocol.decisionDelay,
    label_window: protocol.labelWindow,
    test_fraction: protocol.testFraction,
    seed: protocol.seed,
    resamples: protocol.resamples,
    synthetic_time: syntheticTime,
  };
}
