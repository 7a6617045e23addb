import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { modelReleaseSchemaText } from '@leadscore/avro-schemas';
import { LeadscoreError } from '@leadscore/errors';
import { createRecordSerde, topics, type RecordSerde } from '@leadscore/events';
import type { Manifest } from '@leadscore/hpro';
import type { KafkaClient, TopicSpec } from '@leadscore/kafka';

/** A models.releases.v1 value. */
export interface ModelRelease {
  model_version: string;
  model_path: string;
  manifest_sha256: string;
  feature_spec_version: string;
  live: boolean;
  released_at: number;
}

export const releasesTopicSpec = (
  topic: string = topics.modelReleases,
): TopicSpec => ({
  topic,
  partitions: 1,
  configs: { 'cleanup.policy': 'compact' },
});

export function releaseSerde(
  registryUrl: string,
  topic: string = topics.modelReleases,
): Promise<RecordSerde<ModelRelease>> {
  return createRecordSerde<ModelRelease>(
    registryUrl,
    topic,
    modelReleaseSchemaText,
  );
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function readManifest(modelDir: string): Manifest {
  const path = join(modelDir, 'manifest.json');
  if (!existsSync(path)) {
    throw new LeadscoreError(
      'model_invalid',
      `no manifest.json in ${modelDir}`,
      { context: { modelDir } },
    );
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

export interface ReleaseOptions {
  kafka: KafkaClient;
  registryUrl: string;
  storeDir: string;
  /** A trained model folder (manifest.json + model.onnx). */
  modelDir: string;
  live: boolean;
  topic?: string;
  now?: () => number;
}

/**
 * Copies a trained model into the store under its version (once: a
 * version's folder is never overwritten) and announces it on the
 * compacted releases topic. Retiring announces `live: false` for a version
 * already in the store.
 */
export async function publishRelease(
  options: ReleaseOptions,
): Promise<ModelRelease> {
  const manifest = readManifest(options.modelDir);
  const version = manifest.model_version;
  const target = join(resolve(options.storeDir), version);
  if (!existsSync(target)) {
    cpSync(options.modelDir, target, { recursive: true });
  } else if (
    sha256File(join(target, 'manifest.json')) !==
    sha256File(join(options.modelDir, 'manifest.json'))
  ) {
    throw new LeadscoreError(
      'model_invalid',
      `the store already holds a different ${version}`,
      {
        context: { version, storeDir: options.storeDir },
      },
    );
  }

  const release: ModelRelease = {
    model_version: version,
    model_path: version,
    manifest_sha256: sha256File(join(target, 'manifest.json')),
    feature_spec_version: manifest.feature_spec.version,
    live: options.live,
    released_at: (options.now ?? Date.now)(),
  };
  const topic = options.topic ?? topics.modelReleases;
  await options.kafka.ensureTopics([releasesTopicSpec(topic)]);
  const serde = await releaseSerde(options.registryUrl, topic);
  const producer = await options.kafka.createProducer();
  await producer.send([
    { topic, key: version, value: await serde.encode(release) },
  ]);
  await producer.close();
  return release;
}
