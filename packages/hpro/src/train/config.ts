import { DEFAULT_ADAM, type AdamConfig } from '../model/adam';
import { DEFAULT_DIMS } from '../model/params';
import { DEFAULT_PAIRS, type PairConfig } from './pairs';

export type Objective = 'pointwise' | 'hpro';

export interface TrainConfig {
  objective: Objective;
  /** Weight of the pairwise term: HPRO = pointwise + lambda * pairwise. */
  lambda: number;
  pairs: PairConfig;
  adam: AdamConfig;
  dims: typeof DEFAULT_DIMS;
  batchSize: number;
  maxEpochs: number;
  /** Epochs without a better validation AUC before stopping. */
  patience: number;
  /** Share of train, the latest leads, held out for early stopping. */
  validationFraction: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainConfig = {
  objective: 'hpro',
  lambda: 0.5,
  pairs: DEFAULT_PAIRS,
  adam: DEFAULT_ADAM,
  dims: DEFAULT_DIMS,
  batchSize: 256,
  maxEpochs: 12,
  patience: 3,
  validationFraction: 0.1,
  seed: 7,
};

export function trainConfig(overrides: Partial<TrainConfig>): TrainConfig {
  return { ...DEFAULT_TRAIN, ...overrides };
}
