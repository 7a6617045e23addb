import type { RecordSerde } from '@leadscore/events';
import type { KafkaClient } from '@leadscore/kafka';
import type { Logger } from '@leadscore/logging';
import type { ModelRelease } from '@leadscore/model-store';
import { loadModel, type LiveModel, type ModelSource } from './live-models';

/**
 * The live models. A batch takes `current()` once and is scored entirely
 * with that set; a release or retirement replaces the set between batches.
 * So during a hot swap every event is scored by every model live when its
 * batch ran: none lost, none scored twice by one model.
 */
export interface ModelSet {
  current(): readonly LiveModel[];
  /** Resolves once the initial set is loaded. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** A fixed list of versions from the store (backtests). */
export async function staticModelSet(
  source: ModelSource,
  versions: readonly string[],
): Promise<ModelSet> {
  const models = await Promise.all(versions.map((v) => loadModel(source, v)));
  return {
    current: () => models,
    ready: async () => undefined,
    close: async () => {
      await Promise.all(models.map((m) => m.session.release()));
    },
  };
}

/**
 * Follows the compacted releases topic. At start it reads the topic to its
 * end before declaring itself ready, so the first batch already uses the
 * released set. Releases are applied one at a time, in topic order.
 */
export async function followReleases(
  source: ModelSource,
  kafka: KafkaClient,
  serde: RecordSerde<ModelRelease>,
  topic: string,
): Promise<ModelSet> {
  const logger = source.logger.child('releases', { topic });
  const live = new Map<string, LiveModel>();
  const retired: LiveModel[] = [];
  let snapshot: readonly LiveModel[] = [];
  let chain = Promise.resolve();

  const apply = async (release: ModelRelease) => {
    const existing = live.get(release.model_version);
    if (release.live && !existing) {
      live.set(
        release.model_version,
        await loadModel(source, release.model_path, release.manifest_sha256),
      );
    } else if (!release.live && existing) {
      live.delete(release.model_version);
      retired.push(existing);
    }
    snapshot = [...live.values()].sort((a, b) =>
      a.version < b.version ? -1 : 1,
    );
    logger.info('model set changed', {
      modelVersion: release.model_version,
      live: release.live,
      models: snapshot.length,
    });
  };

  const end = BigInt((await kafka.fetchEndOffsets(topic)).get(0) ?? '0');
  let caughtUp: () => void = () => undefined;
  const initialRead = new Promise<void>((resolve) => (caughtUp = resolve));
  if (end === 0n) caughtUp();
  const tail = await kafka.tailTopic({
    topic,
    onRecord: (record) => {
      chain = chain
        .then(async () => {
          if (record.value === null) return;
          await apply(await serde.decode(record.value));
        })
        .catch((error: unknown) =>
          logger.error('release not applied', { offset: record.offset, error }),
        )
        .finally(() => {
          if (BigInt(record.offset) + 1n >= end) caughtUp();
        });
    },
  });

  const ready = initialRead.then(() => chain);

  return {
    current: () => snapshot,
    ready: () => ready,
    close: async () => {
      await tail.stop();
      await chain;
      // Sessions of retired models are released here, not at retirement:
      // a batch that took the old set may still be running them.
      await Promise.all(
        [...live.values(), ...retired].map((m) => m.session.release()),
      );
    },
  };
}
