export { readDatasetLines, type DatasetLine } from './dataset-lines';
export {
  replayDataset,
  type ReplayOptions,
  type ReplaySummary,
} from './replay';
export { createProgress, type ProgressSink } from './progress';
