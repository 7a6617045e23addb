import { join } from 'node:path';
import { LeadscoreError } from '@leadscore/errors';
import {
  extractFeatures,
  toFeeds,
  ONNX_OUTPUTS,
  type Lead,
  type LeadFeatures,
  type Manifest,
} from '@leadscore/hpro';
import type { Logger } from '@leadscore/logging';
import { readManifest, sha256File } from '@leadscore/model-store';
import type * as ort from 'onnxruntime-node';
import { openSession } from './onnx-session';

export interface LiveModel {
  version: string;
  manifest: Manifest;
  session: ort.InferenceSession;
}

export interface ModelSource {
  storeDir: string;
  providers: readonly string[];
  intraOpThreads: number;
  logger: Logger;
}

/** Loads a model version from the store, checking the manifest hash
 * announced with its release when there is one. */
export async function loadModel(
  source: ModelSource,
  modelPath: string,
  expectedManifestSha256?: string,
): Promise<LiveModel> {
  const dir = join(source.storeDir, modelPath);
  if (
    expectedManifestSha256 !== undefined &&
    sha256File(join(dir, 'manifest.json')) !== expectedManifestSha256
  ) {
    throw new LeadscoreError(
      'model_invalid',
      `manifest of ${modelPath} differs from its release`,
      { context: { dir } },
    );
  }
  const manifest = readManifest(dir);
  const { session, providers } = await openSession(
    join(dir, manifest.onnx.file),
    source.providers,
    source.intraOpThreads,
    source.logger,
  );
  source.logger.info('model loaded', {
    modelVersion: manifest.model_version,
    providers,
  });
  return { version: manifest.model_version, manifest, session };
}

/** Scores leads with one model in calls of at most `maxBatchRows` rows;
 * returns probabilities in input order. `features`, when given, holds
 * the leads' features under this model's feature spec, already extracted
 * (models sharing a spec share one extraction per batch). */
export async function scoreLeads(
  model: LiveModel,
  leads: readonly { lead: Lead; asOfMs: number }[],
  maxBatchRows: number,
  features: readonly LeadFeatures[] = leads.map(({ lead, asOfMs }) =>
    extractFeatures(lead, asOfMs, model.manifest.feature_spec),
  ),
): Promise<Float32Array> {
  const out = new Float32Array(leads.length);
  for (let start = 0; start < leads.length; start += maxBatchRows) {
    const chunk = features.slice(start, start + maxBatchRows);
    const result = await model.session.run(toFeeds(chunk));
    out.set(
      (result[ONNX_OUTPUTS.probability] as ort.Tensor).data as Float32Array,
      start,
    );
  }
  return out;
}
