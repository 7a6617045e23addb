import type { LeadFeatures } from '../features/extract';
import type { ForwardCache } from './forward';
import { bagBackward } from './embedding-bag';
import type { ModelParams } from './params';
import { NGRAM_BAG_TOWER, type TextTower } from './text-tower';

/** Rows of the embedding tables a batch touched, for sparse updates. */
export class TouchedRows {
  readonly text = new Set<number>();
  readonly cat = new Set<number>();

  clear(): void {
    this.text.clear();
    this.cat.clear();
  }
}

/** Adds d(loss)/d(params) for one example, given d(loss)/d(logit). */
export function backward(
  params: ModelParams,
  grads: ModelParams,
  x: LeadFeatures,
  cache: ForwardCache,
  dLogit: number,
  touched: TouchedRows,
  tower: TextTower = NGRAM_BAG_TOWER,
): void {
  const { textDim, catDim, structDim, hiddenDim, denseDim } = params.shape;
  const width = cache.joined.length;
  const dJoined = new Float64Array(width);

  grads.outB.data[0] = (grads.outB.data[0] as number) + dLogit;
  const hw = params.hiddenW.data;
  const ghw = grads.hiddenW.data;
  for (let o = 0; o < hiddenDim; o++) {
    const g = grads.outW.data;
    g[o] = (g[o] as number) + dLogit * (cache.hidden[o] as number);
    if ((cache.hiddenPre[o] as number) <= 0) continue;
    const dPre = dLogit * (params.outW.data[o] as number);
    grads.hiddenB.data[o] = (grads.hiddenB.data[o] as number) + dPre;
    const row = o * width;
    for (let i = 0; i < width; i++) {
      ghw[row + i] =
        (ghw[row + i] as number) + dPre * (cache.joined[i] as number);
      dJoined[i] = (dJoined[i] as number) + dPre * (hw[row + i] as number);
    }
  }

  const gsw = grads.structW.data;
  for (let o = 0; o < structDim; o++) {
    if ((cache.structPre[o] as number) <= 0) continue;
    const d = dJoined[textDim + catDim + o] as number;
    grads.structB.data[o] = (grads.structB.data[o] as number) + d;
    const row = o * denseDim;
    for (let i = 0; i < denseDim; i++)
      gsw[row + i] = (gsw[row + i] as number) + d * (x.dense[i] as number);
  }

  tower.backward(params, grads, x, dJoined, 0, touched);
  bagBackward(
    grads.catEmb.data,
    catDim,
    x.catIds,
    dJoined,
    textDim,
    touched.cat,
  );
}
