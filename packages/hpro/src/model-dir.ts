import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { computeMetrics } from './eval/suite';
import { rankOrder } from './eval/ranking';
import { HproError } from './errors';
import { categoryFields } from './features/spec';
import { forward } from './model/forward';
import { sigmoid } from './model/losses';
import { buildOnnx } from './onnx/graph';
import {
  contractOf,
  MANIFEST_VERSION,
  onnxMeta,
  quantiles,
  SCORE_QUANTILES,
  type Manifest,
} from './onnx/manifest';
import type { Protocol } from './protocol';
import { featurize, type TrainedModel } from './train/train';

/** Writes model.onnx and manifest.json; returns the manifest. */
export async function saveModel(
  model: TrainedModel,
  dir: string,
  dataset: string,
  protocol: Protocol,
): Promise<Manifest> {
  const valX = featurize(model.validation, model.spec);
  const logits = valX.map((x) => forward(model.params, x).logit);
  const set = {
    leadIds: model.validation.map((e) => e.lead.leadId),
    scores: Float64Array.from(logits),
    labels: Uint8Array.from(model.validation, (e) => e.label),
    depths: Int32Array.from(model.validation, (e) => e.depth),
    probabilities: Float64Array.from(logits, sigmoid),
  };
  const metrics = computeMetrics(
    set,
    rankOrder(set.scores, set.leadIds),
    model.spec.stages.length - 1,
  );

  const bytes = buildOnnx(model.params, {
    feature_spec_version: model.spec.version,
    objective: model.config.objective,
  });
  const onnx = onnxMeta(bytes);
  const all = [...model.fit, ...model.validation];
  const iso = (ms: number) => new Date(ms).toISOString();
  const manifest: Manifest = {
    manifest_version: MANIFEST_VERSION,
    model_version: `${model.config.objective}-${onnx.sha256.slice(0, 12)}`,
    objective: model.config.objective,
    onnx,
    ...contractOf(
      model.spec.denseNames.length,
      categoryFields(model.spec).length,
    ),
    feature_spec: model.spec,
    training_data: {
      dataset,
      created_from: iso(all[0]?.lead.createdAtMs ?? 0),
      created_to: iso(all.at(-1)?.lead.createdAtMs ?? 0),
      leads: all.length,
      positives: all.reduce((n, e) => n + e.label, 0),
      validation_leads: model.validation.length,
    },
    protocol,
    training: {
      lambda: model.config.objective === 'hpro' ? model.config.lambda : 0,
      margins: model.config.pairs.margins,
      cohort_days: model.config.pairs.cohortDays,
      epochs_run: model.epochsRun,
      best_epoch: model.bestEpoch,
      pairs_per_tier: model.pairsPerTier,
      seed: model.config.seed,
    },
    metrics: { validation: Object.fromEntries(metrics) },
    score_quantiles: {
      q: SCORE_QUANTILES,
      logit: quantiles(logits, SCORE_QUANTILES),
      probability: quantiles(logits.map(sigmoid), SCORE_QUANTILES),
    },
  };

  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'model.onnx'), bytes);
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify(manifest, null, 2) + '\n',
  );
  return manifest;
}

export async function readManifest(dir: string): Promise<Manifest> {
  try {
    return JSON.parse(
      await readFile(join(dir, 'manifest.json'), 'utf8'),
    ) as Manifest;
  } catch (cause) {
    throw new HproError(
      'BAD_MODEL',
      `cannot read ${join(dir, 'manifest.json')}`,
      { dir },
      { cause },
    );
  }
}
