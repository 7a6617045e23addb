import { createHash } from 'node:crypto';
import type { FeatureSpec } from '../features/spec';
import type { Protocol } from '../protocol';
import type { Objective } from '../train/config';
import type { Tier } from '../train/pairs';
import { IR_VERSION, ONNX_INPUTS, ONNX_OUTPUTS, OPSET } from './graph';

export const MANIFEST_VERSION = 1;
export const SCORE_QUANTILES = [
  0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99,
];

interface TensorContract {
  name: string;
  dtype: 'float32' | 'int64';
  shape: Array<number | string>;
  description: string;
}

/** What the scorer reads next to model.onnx; see docs/hpro.md. */
export interface Manifest {
  manifest_version: number;
  model_version: string;
  objective: Objective;
  onnx: { file: string; opset: number; ir_version: number; sha256: string };
  inputs: TensorContract[];
  outputs: TensorContract[];
  feature_spec: FeatureSpec;
  training_data: {
    dataset: string;
    created_from: string;
    created_to: string;
    leads: number;
    positives: number;
    validation_leads: number;
  };
  protocol: Protocol;
  training: {
    lambda: number;
    margins: Record<Tier, number>;
    cohort_days: number;
    epochs_run: number;
    best_epoch: number;
    pairs_per_tier: Record<Tier, number>;
    seed: number;
  };
  metrics: { validation: Record<string, number | null> };
  score_quantiles: { q: number[]; logit: number[]; probability: number[] };
}

export function contractOf(
  denseDim: number,
  catFields: number,
): Pick<Manifest, 'inputs' | 'outputs'> {
  return {
    inputs: [
      {
        name: ONNX_INPUTS.dense,
        dtype: 'float32',
        shape: ['batch', denseDim],
        description:
          'standardised dense columns, feature_spec.denseNames order',
      },
      {
        name: ONNX_INPUTS.catIds,
        dtype: 'int64',
        shape: ['batch', catFields],
        description:
          'hashed category ids, one per field (categoricalAttributes, then _stage, _first_channel)',
      },
      {
        name: ONNX_INPUTS.textIds,
        dtype: 'int64',
        shape: ['batch', 'text_len'],
        description:
          'distinct hashed text n-gram ids, right-padded with 0; text_len >= 1',
      },
    ],
    outputs: [
      {
        name: ONNX_OUTPUTS.logit,
        dtype: 'float32',
        shape: ['batch', 1],
        description: 'ranking score, higher first',
      },
      {
        name: ONNX_OUTPUTS.probability,
        dtype: 'float32',
        shape: ['batch', 1],
        description: 'sigmoid(logit)',
      },
    ],
  };
}

export function onnxMeta(bytes: Uint8Array): Manifest['onnx'] {
  return {
    file: 'model.onnx',
    opset: OPSET,
    ir_version: IR_VERSION,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Quantiles by linear interpolation of sorted values. */
export function quantiles(values: number[], qs: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return qs.map(() => 0);
  return qs.map((q) => {
    const pos = q * (sorted.length - 1);
    const lo = sorted[Math.floor(pos)] as number;
    const hi = sorted[Math.ceil(pos)] as number;
    return lo + (hi - lo) * (pos - Math.floor(pos));
  });
}
