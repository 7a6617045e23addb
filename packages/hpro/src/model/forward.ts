import type { LeadFeatures } from '../features/extract';
import { bagMean } from './embedding-bag';
import type { ModelParams } from './params';
import { NGRAM_BAG_TOWER, type TextTower } from './text-tower';

/** Activations of one example, kept for the backward pass. */
export interface ForwardCache {
  joined: Float64Array;
  structPre: Float64Array;
  hiddenPre: Float64Array;
  hidden: Float64Array;
  logit: number;
}

/**
 * text tower:   by default the mean of text embedding rows (zeros when
 *               there is no text); see text-tower.ts
 * category:     mean of one embedding row per category field
 * struct tower: relu(W_s x + b_s)
 * head:         w_o . relu(W_h [text, category, struct] + b_h) + b_o
 */
export function forward(
  params: ModelParams,
  x: LeadFeatures,
  tower: TextTower = NGRAM_BAG_TOWER,
): ForwardCache {
  const { textDim, catDim, structDim, hiddenDim, denseDim } = params.shape;
  const joined = new Float64Array(textDim + catDim + structDim);

  tower.encode(params, x, joined, 0);
  bagMean(params.catEmb.data, catDim, x.catIds, joined, textDim);

  const structPre = new Float64Array(structDim);
  const sw = params.structW.data;
  for (let o = 0; o < structDim; o++) {
    let sum = params.structB.data[o] as number;
    const row = o * denseDim;
    for (let i = 0; i < denseDim; i++)
      sum += (sw[row + i] as number) * (x.dense[i] as number);
    structPre[o] = sum;
    joined[textDim + catDim + o] = sum > 0 ? sum : 0;
  }

  const hiddenPre = new Float64Array(hiddenDim);
  const hidden = new Float64Array(hiddenDim);
  const hw = params.hiddenW.data;
  const width = joined.length;
  let logit = params.outB.data[0] as number;
  for (let o = 0; o < hiddenDim; o++) {
    let sum = params.hiddenB.data[o] as number;
    const row = o * width;
    for (let i = 0; i < width; i++)
      sum += (hw[row + i] as number) * (joined[i] as number);
    hiddenPre[o] = sum;
    const h = sum > 0 ? sum : 0;
    hidden[o] = h;
    logit += (params.outW.data[o] as number) * h;
  }
  return { joined, structPre, hiddenPre, hidden, logit };
}

export function scoreLogit(params: ModelParams, x: LeadFeatures): number {
  return forward(params, x).logit;
}
