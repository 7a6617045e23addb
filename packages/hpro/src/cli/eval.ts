import {
  baselineScores,
  evaluateModels,
  type ModelScores,
} from '../eval/evaluate';
import { extractFeatures } from '../features/extract';
import { readManifest } from '../model-dir';
import { OnnxScorer } from '../onnx/session';
import type { Example, Protocol } from '../protocol';
import type { Manifest } from '../onnx/manifest';
import { join } from 'node:path';
import {
  parse,
  PROTOCOL_HELP,
  PROTOCOL_OPTIONS,
  protocolFrom,
  required,
} from './args';
import { emitResults, optionalPath } from './output';
import { prepare } from './prepare';

export const EVAL_HELP = `hpro eval --data DIR --model MODEL_DIR [--json OUT] [--predictions FILE]
  Scores the test leads with the ONNX model (onnxruntime-node) and the
  baselines, with every metric of EVALUATION.md and bootstrap intervals.
${PROTOCOL_HELP}`;

const BATCH_ROWS = 1024;

export async function evalCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    model: { type: 'string' },
    json: { type: 'string' },
    predictions: { type: 'string' },
    ...PROTOCOL_OPTIONS,
  });
  const protocol = protocolFrom(values);
  const modelDir = required(values, 'model');
  const { dataset, split } = await prepare(required(values, 'data'), protocol);

  const manifest = await readManifest(modelDir);
  warnOnProtocolChange(manifest, protocol);
  const model = await scoreWithOnnx(
    manifest,
    join(modelDir, manifest.onnx.file),
    split.test,
  );
  const models = [...baselineScores(split.test, dataset.funnel.stages), model];
  const results = evaluateModels(dataset, split, protocol, models);
  await emitResults(
    results,
    split.test,
    models,
    optionalPath(values.json),
    optionalPath(values.predictions),
  );
}

export async function scoreWithOnnx(
  manifest: Manifest,
  onnxPath: string,
  test: Example[],
): Promise<ModelScores> {
  const scorer = await OnnxScorer.load(onnxPath);
  const scores = new Float64Array(test.length);
  const probabilities = new Float64Array(test.length);
  try {
    for (let start = 0; start < test.length; start += BATCH_ROWS) {
      const batch = test
        .slice(start, start + BATCH_ROWS)
        .map((e) => extractFeatures(e.lead, e.asOfMs, manifest.feature_spec));
      const out = await scorer.score(batch);
      scores.set(out.logits, start);
      probabilities.set(out.probabilities, start);
    }
  } finally {
    await scorer.release();
  }
  return { name: manifest.objective, scores, probabilities };
}

/** A different split than training's can put training leads in test. */
function warnOnProtocolChange(manifest: Manifest, protocol: Protocol): void {
  const trained = manifest.protocol;
  const same =
    trained.decisionDelay === protocol.decisionDelay &&
    trained.labelWindow === protocol.labelWindow &&
    trained.testFraction === protocol.testFraction;
  if (same) return;
  process.stderr.write(
    `warning: the model was trained with --decision-delay ${trained.decisionDelay} ` +
      `--label-window ${trained.labelWindow} --test-fraction ${trained.testFraction}; ` +
      'evaluating with other values can put its training leads in the test set\n',
  );
}
