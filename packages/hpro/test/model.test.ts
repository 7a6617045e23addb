import t from 'tap';
import type { LeadFeatures } from '../src/features/extract';
import { Adam, DEFAULT_ADAM } from '../src/model/adam';
import { backward, TouchedRows } from '../src/model/backward';
import { forward } from '../src/model/forward';
import { bceWithLogit, marginPairLoss, softplus } from '../src/model/losses';
import {
  initParams,
  PARAM_NAMES,
  zeroParams,
  type ModelShape,
} from '../src/model/params';
import { createRng } from '../src/rng';
import { trainStep } from '../src/train/train';

const shape: ModelShape = {
  denseDim: 5,
  catFields: 2,
  catBuckets: 11,
  textBuckets: 13,
  textDim: 3,
  catDim: 2,
  structDim: 4,
  hiddenDim: 6,
};
const x1: LeadFeatures = {
  dense: Float32Array.from([0.5, -1, 2, 0, 0.3]),
  catIds: Int32Array.from([3, 7]),
  textIds: Int32Array.from([1, 5, 12]),
};
const x2: LeadFeatures = {
  dense: Float32Array.from([-0.2, 0.4, 1, 1, -2]),
  catIds: Int32Array.from([3, 9]),
  textIds: Int32Array.from([]),
};

t.test('losses on hand-computed cases', async (t) => {
  t.ok(Math.abs(bceWithLogit(0, 1).loss - Math.log(2)) < 1e-12);
  t.ok(Math.abs(bceWithLogit(0, 1).dLogit + 0.5) < 1e-12);
  t.ok(Math.abs(bceWithLogit(2, 0).loss - Math.log(1 + Math.exp(2))) < 1e-12);
  t.ok(
    Math.abs(bceWithLogit(-800, 1).loss - 800) < 1e-9,
    'stable for huge logits',
  );
  // s_i - s_j - m = 3 - 1 - 2 = 0: loss log 2, gradient -1/2.
  const pair = marginPairLoss(3, 1, 2);
  t.ok(Math.abs(pair.loss - Math.log(2)) < 1e-12);
  t.ok(Math.abs(pair.dDeeper + 0.5) < 1e-12);
  // A wider margin asks for more: loss grows with m.
  t.ok(marginPairLoss(3, 1, 2.5).loss > marginPairLoss(3, 1, 0.5).loss);
  t.ok(Math.abs(marginPairLoss(1, 0, 0).loss - softplus(-1)) < 1e-12);
});

t.test('backward matches finite differences for every parameter', async (t) => {
  const params = initParams(shape, createRng(3), 0.1);
  // Larger text/category weights so the towers matter in the check.
  for (const tensor of [params.textEmb, params.catEmb]) {
    for (let i = tensor.rowSize ?? 0; i < tensor.data.length; i++)
      tensor.data[i] = (tensor.data[i] as number) * 10;
  }
  const objective = (): number =>
    bceWithLogit(forward(params, x1).logit, 1).loss +
    0.7 *
      marginPairLoss(forward(params, x1).logit, forward(params, x2).logit, 1)
        .loss;

  const grads = zeroParams(shape);
  const touched = new TouchedRows();
  const s1 = forward(params, x1);
  const s2 = forward(params, x2);
  const pair = marginPairLoss(s1.logit, s2.logit, 1);
  backward(
    params,
    grads,
    x1,
    s1,
    bceWithLogit(s1.logit, 1).dLogit + 0.7 * pair.dDeeper,
    touched,
  );
  backward(params, grads, x2, s2, -0.7 * pair.dDeeper, touched);

  const eps = 1e-6;
  let checked = 0;
  let worst = 0;
  for (const name of PARAM_NAMES) {
    const data = params[name].data;
    for (let i = 0; i < data.length; i++) {
      const keep = data[i] as number;
      data[i] = keep + eps;
      const up = objective();
      data[i] = keep - eps;
      const down = objective();
      data[i] = keep;
      const numeric = (up - down) / (2 * eps);
      const analytic = grads[name].data[i] as number;
      worst = Math.max(
        worst,
        Math.abs(numeric - analytic) /
          Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic)),
      );
      checked++;
    }
  }
  t.ok(
    worst < 1e-5,
    `worst relative gradient error ${worst} over ${checked} parameters`,
  );
  t.ok(touched.text.has(12) && touched.cat.has(9) && !touched.text.has(2));
});

t.test(
  'training steps reduce the loss on a tiny problem, deterministically',
  async (t) => {
    const run = (): number[] => {
      const params = initParams(shape, createRng(5), 0.5);
      const state = {
        params,
        grads: zeroParams(shape),
        adam: new Adam(params, { ...DEFAULT_ADAM, learningRate: 0.05 }),
        touched: new TouchedRows(),
      };
      const losses: number[] = [];
      for (let step = 0; step < 60; step++) {
        losses.push(
          trainStep(
            state,
            [0, 1],
            [{ deeper: 0, shallower: 1, margin: 1 }],
            [{ label: 1 }, { label: 0 }],
            [x1, x2],
            0.5,
          ),
        );
      }
      t.equal(params.textEmb.data[0], 0, 'padding row never moves');
      return losses;
    };
    const losses = run();
    t.ok(
      (losses.at(-1) as number) < 0.2 * (losses[0] as number),
      `loss ${losses[0]} -> ${losses.at(-1)}`,
    );
    t.same(run(), losses, 'same seed, same losses');
  },
);
