// The serving surface of the package: what the online scorer needs to
// compute the same features as training and to run the exported model.
export { extractFeatures, type LeadFeatures } from './features/extract';
export { FEATURE_SPEC_VERSION, type FeatureSpec } from './features/spec';
export type {
  Attributes,
  Lead,
  LeadEvent as DatasetEvent,
} from './dataset/types';
export { toFeeds, OnnxScorer } from './onnx/session';
export { ONNX_INPUTS, ONNX_OUTPUTS } from './onnx/graph';
export { SCORE_QUANTILES, type Manifest } from './onnx/manifest';
