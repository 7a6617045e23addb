import type { TouchedRows } from './backward';
import {
  PARAM_NAMES,
  zeroParams,
  type ModelParams,
  type Tensor,
} from './params';

export interface AdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** L2 penalty on dense weights, folded into the gradient. */
  weightDecay: number;
}

export const DEFAULT_ADAM: AdamConfig = {
  learningRate: 0.003,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: 1e-5,
};

/**
 * Adam. Embedding tables are updated lazily: only rows a batch touched
 * move, and their moments decay only when touched. Updating all 2^16 text
 * rows every step would cost more than the rest of training together.
 */
export class Adam {
  private readonly m: ModelParams;
  private readonly v: ModelParams;
  private step = 0;

  constructor(
    private readonly params: ModelParams,
    private readonly config: AdamConfig,
  ) {
    this.m = zeroParams(params.shape);
    this.v = zeroParams(params.shape);
  }

  /** Applies the gradients (already averaged) and zeroes them. */
  apply(grads: ModelParams, touched: TouchedRows): void {
    this.step++;
    for (const name of PARAM_NAMES) {
      const p = this.params[name];
      const g = grads[name];
      if (name === 'textEmb')
        this.updateRows(p, g, this.m[name], this.v[name], touched.text);
      else if (name === 'catEmb')
        this.updateRows(p, g, this.m[name], this.v[name], touched.cat);
      else
        this.updateRange(
          p,
          g,
          this.m[name],
          this.v[name],
          0,
          p.data.length,
          true,
        );
    }
    touched.clear();
  }

  private updateRows(
    p: Tensor,
    g: Tensor,
    m: Tensor,
    v: Tensor,
    rows: Set<number>,
  ): void {
    const size = p.rowSize as number;
    for (const row of rows)
      this.updateRange(p, g, m, v, row * size, (row + 1) * size, false);
  }

  private updateRange(
    p: Tensor,
    g: Tensor,
    m: Tensor,
    v: Tensor,
    from: number,
    to: number,
    decay: boolean,
  ): void {
    const { learningRate, beta1, beta2, epsilon, weightDecay } = this.config;
    const correct1 = 1 - Math.pow(beta1, this.step);
    const correct2 = 1 - Math.pow(beta2, this.step);
    const pd = p.data;
    const gd = g.data;
    const md = m.data;
    const vd = v.data;
    for (let i = from; i < to; i++) {
      const grad =
        (gd[i] as number) + (decay ? weightDecay * (pd[i] as number) : 0);
      const mi = beta1 * (md[i] as number) + (1 - beta1) * grad;
      const vi = beta2 * (vd[i] as number) + (1 - beta2) * grad * grad;
      md[i] = mi;
      vd[i] = vi;
      pd[i] =
        (pd[i] as number) -
        (learningRate * (mi / correct1)) / (Math.sqrt(vi / correct2) + epsilon);
      gd[i] = 0;
    }
  }
}
