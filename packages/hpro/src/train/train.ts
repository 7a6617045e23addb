import type { Funnel } from '../dataset/types';
import { extractFeatures, type LeadFeatures } from '../features/extract';
import { fitFeatureSpec, type FitOptions } from '../features/fit';
import { categoryFields, type FeatureSpec } from '../features/spec';
import { Adam } from '../model/adam';
import { backward, TouchedRows } from '../model/backward';
import { forward, type ForwardCache } from '../model/forward';
import { bceWithLogit, marginPairLoss } from '../model/losses';
import {
  cloneParams,
  initParams,
  zeroParams,
  type ModelParams,
} from '../model/params';
import type { Example } from '../protocol';
import { createRng, deriveSeed, shuffleInPlace, type Rng } from '../rng';
import type { TrainConfig } from './config';
import { PairIndex, TIERS, type Tier } from './pairs';
import { SILENT_REPORTER, type TrainReporter } from './progress';
import { validationAuc } from './validation';

export interface TrainedModel {
  spec: FeatureSpec;
  params: ModelParams;
  config: TrainConfig;
  epochsRun: number;
  bestEpoch: number;
  bestValidationAuc: number | null;
  pairsPerTier: Record<Tier, number>;
  validation: Example[];
  fit: Example[];
}

export function featurize(
  examples: Example[],
  spec: FeatureSpec,
): LeadFeatures[] {
  return examples.map((e) => extractFeatures(e.lead, e.asOfMs, spec));
}

/** Trains one model on the protocol's training leads. */
export function trainModel(
  train: Example[],
  funnel: Funnel,
  config: TrainConfig,
  reporter: TrainReporter = SILENT_REPORTER,
  fitOptions: FitOptions = {},
): TrainedModel {
  // train is in creation order: the latest leads validate.
  const valCount = Math.max(
    1,
    Math.floor(train.length * config.validationFraction),
  );
  const fit = train.slice(0, train.length - valCount);
  const validation = train.slice(train.length - valCount);
  const spec = fitFeatureSpec(fit, funnel, fitOptions);
  const fitX = featurize(fit, spec);
  const valX = featurize(validation, spec);

  const baseRate =
    fit.reduce((n, e) => n + e.label, 0) / Math.max(1, fit.length);
  const params = initParams(
    {
      ...config.dims,
      denseDim: spec.denseNames.length,
      catFields: categoryFields(spec).length,
      catBuckets: spec.categoryBuckets,
      textBuckets: spec.text.buckets,
    },
    createRng(deriveSeed(config.seed, 'init')),
    baseRate,
  );
  const wonDepth = funnel.stages.indexOf(funnel.won);
  const pairIndex = new PairIndex(
    fit.map((e) => ({
      createdAtMs: e.lead.createdAtMs,
      depth: e.depth,
      lost: e.lost,
    })),
    wonDepth,
    config.pairs,
  );
  const state = {
    params,
    grads: zeroParams(params.shape),
    adam: new Adam(params, config.adam),
    touched: new TouchedRows(),
  };
  const shuffleRng = createRng(deriveSeed(config.seed, 'shuffle'));
  const pairRng = createRng(deriveSeed(config.seed, 'pairs'));
  const pairsPerTier: Record<Tier, number> = { wide: 0, medium: 0, narrow: 0 };

  let best = { auc: -Infinity, epoch: 0, params: cloneParams(params) };
  let epoch = 0;
  while (epoch < config.maxEpochs && epoch - best.epoch < config.patience) {
    epoch++;
    const epochTiers: Record<Tier, number> = { wide: 0, medium: 0, narrow: 0 };
    const loss = runEpoch(
      state,
      fit,
      fitX,
      config,
      pairIndex,
      shuffleRng,
      pairRng,
      epochTiers,
      (batch, batches, l) =>
        reporter.progress(epoch, config.maxEpochs, batch, batches, l),
    );
    for (const tier of TIERS) pairsPerTier[tier] += epochTiers[tier];

    const auc = validationAuc(params, validation, valX);
    reporter.log('epoch done', {
      objective: config.objective,
      epoch,
      loss,
      validation_auc: auc,
      pairs_per_tier: epochTiers,
    });
    if (auc !== null && auc > best.auc)
      best = { auc, epoch, params: cloneParams(params) };
  }

  return {
    spec,
    params: best.epoch > 0 ? best.params : params,
    config,
    epochsRun: epoch,
    bestEpoch: best.epoch,
    bestValidationAuc: Number.isFinite(best.auc) ? best.auc : null,
    pairsPerTier,
    validation,
    fit,
  };
}

interface TrainState {
  params: ModelParams;
  grads: ModelParams;
  adam: Adam;
  touched: TouchedRows;
}

function runEpoch(
  state: TrainState,
  fit: Example[],
  fitX: LeadFeatures[],
  config: TrainConfig,
  pairIndex: PairIndex,
  shuffleRng: Rng,
  pairRng: Rng,
  tiers: Record<Tier, number>,
  onBatch: (batch: number, batches: number, loss: number) => void,
): number {
  const order = shuffleInPlace(
    Array.from({ length: fit.length }, (_, i) => i),
    shuffleRng,
  );
  const batches = Math.ceil(order.length / config.batchSize);
  let lossSum = 0;
  for (let b = 0; b < batches; b++) {
    const batch = order.slice(b * config.batchSize, (b + 1) * config.batchSize);
    const pairs =
      config.objective === 'hpro' ? pairIndex.mine(batch, pairRng) : [];
    for (const pair of pairs) tiers[pair.tier]++;
    lossSum += trainStep(state, batch, pairs, fit, fitX, config.lambda);
    onBatch(b + 1, batches, lossSum / (b + 1));
  }
  return lossSum / batches;
}

/** One optimiser step; returns the batch loss. */
export function trainStep(
  state: TrainState,
  batch: number[],
  pairs: Array<{ deeper: number; shallower: number; margin: number }>,
  fit: Array<{ label: 0 | 1 }>,
  fitX: LeadFeatures[],
  lambda: number,
): number {
  const caches = new Map<number, ForwardCache>();
  const dLogits = new Map<number, number>();
  const cacheOf = (i: number): ForwardCache => {
    let cache = caches.get(i);
    if (!cache)
      caches.set(i, (cache = forward(state.params, fitX[i] as LeadFeatures)));
    return cache;
  };
  const addGrad = (i: number, d: number): void => {
    dLogits.set(i, (dLogits.get(i) ?? 0) + d);
  };

  let loss = 0;
  for (const i of batch) {
    const { loss: l, dLogit } = bceWithLogit(
      cacheOf(i).logit,
      (fit[i] as { label: number }).label,
    );
    loss += l / batch.length;
    addGrad(i, dLogit / batch.length);
  }
  for (const pair of pairs) {
    const { loss: l, dDeeper } = marginPairLoss(
      cacheOf(pair.deeper).logit,
      cacheOf(pair.shallower).logit,
      pair.margin,
    );
    const w = lambda / pairs.length;
    loss += w * l;
    addGrad(pair.deeper, w * dDeeper);
    addGrad(pair.shallower, -w * dDeeper);
  }

  for (const [i, d] of dLogits) {
    backward(
      state.params,
      state.grads,
      fitX[i] as LeadFeatures,
      caches.get(i) as ForwardCache,
      d,
      state.touched,
    );
  }
  state.adam.apply(state.grads, state.touched);
  return loss;
}
