import type { Rng } from '../rng';

/** Sizes of the two towers and the head. */
export interface ModelShape {
  denseDim: number;
  catFields: number;
  catBuckets: number;
  textBuckets: number;
  textDim: number;
  catDim: number;
  structDim: number;
  hiddenDim: number;
}

export const DEFAULT_DIMS = {
  textDim: 16,
  catDim: 8,
  structDim: 16,
  hiddenDim: 32,
};

/**
 * One parameter tensor. Embedding tables are "sparse": a batch touches
 * few rows, so their gradients and optimiser state move row by row.
 */
export interface Tensor {
  name: string;
  shape: number[];
  data: Float64Array;
  rowSize?: number;
}

export interface ModelParams {
  shape: ModelShape;
  textEmb: Tensor;
  catEmb: Tensor;
  structW: Tensor;
  structB: Tensor;
  hiddenW: Tensor;
  hiddenB: Tensor;
  outW: Tensor;
  outB: Tensor;
}

export const PARAM_NAMES = [
  'textEmb',
  'catEmb',
  'structW',
  'structB',
  'hiddenW',
  'hiddenB',
  'outW',
  'outB',
] as const;

export type ParamName = (typeof PARAM_NAMES)[number];

export function joinedDim(shape: ModelShape): number {
  return shape.textDim + shape.catDim + shape.structDim;
}

function tensor(name: string, shape: number[], rowSize?: number): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    name,
    shape,
    data: new Float64Array(size),
    ...(rowSize ? { rowSize } : {}),
  };
}

/** Zero-filled tensors of the model's shape (used for gradients too). */
export function zeroParams(shape: ModelShape): ModelParams {
  const joined = joinedDim(shape);
  return {
    shape,
    textEmb: tensor(
      'text_embedding',
      [shape.textBuckets, shape.textDim],
      shape.textDim,
    ),
    catEmb: tensor(
      'category_embedding',
      [shape.catBuckets, shape.catDim],
      shape.catDim,
    ),
    structW: tensor('struct_weight', [shape.structDim, shape.denseDim]),
    structB: tensor('struct_bias', [shape.structDim]),
    hiddenW: tensor('hidden_weight', [shape.hiddenDim, joined]),
    hiddenB: tensor('hidden_bias', [shape.hiddenDim]),
    outW: tensor('out_weight', [1, shape.hiddenDim]),
    outB: tensor('out_bias', [1]),
  };
}

/** Seeded initialisation; the output bias starts at the base-rate logit. */
export function initParams(
  shape: ModelShape,
  rng: Rng,
  baseRate: number,
): ModelParams {
  const params = zeroParams(shape);
  const fill = (t: Tensor, scale: number, skipRow0 = false): void => {
    const start = skipRow0 ? (t.rowSize ?? 0) : 0;
    for (let i = start; i < t.data.length; i++)
      t.data[i] = scale * rng.normal();
  };

  // Row 0 of each table is padding and stays zero for ever: no id maps to it.
  fill(params.textEmb, 0.05, true);
  fill(params.catEmb, 0.05, true);
  fill(params.structW, Math.sqrt(2 / Math.max(1, shape.denseDim)));
  fill(params.hiddenW, Math.sqrt(2 / joinedDim(shape)));
  fill(params.outW, Math.sqrt(1 / shape.hiddenDim));
  params.structB.data.fill(0.01);
  params.hiddenB.data.fill(0.01);
  const p = Math.min(0.99, Math.max(0.001, baseRate));
  params.outB.data[0] = Math.log(p / (1 - p));
  return params;
}

export function cloneParams(params: ModelParams): ModelParams {
  const copy = zeroParams(params.shape);
  for (const name of PARAM_NAMES) copy[name].data.set(params[name].data);
  return copy;
}
