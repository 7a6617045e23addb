import type { ConsumedRecord, KafkaClient } from '@leadscore/kafka';
import type { Logger } from '@leadscore/logging';
import { storeTimeout } from './errors';
import { decodeRecord, encodeRecord, type StoreRecord } from './records';
import { createRegistryState, type RegistryState } from './state';

export interface SchemaStore {
  /** What the topic says, as far as it has been read. */
  readonly state: RegistryState;
  /** Produces the records and resolves once they were read back and
   * applied to `state`, so the caller sees its own write. */
  write(records: readonly StoreRecord[]): Promise<void>;
}

export interface SchemaStoreOptions {
  topic: string;
  /** Bound on one write, and on the start-up read to the topic's end. */
  timeoutMs: number;
  logger: Logger;
  /** The topic can no longer be read: the state would go stale. */
  onReadStopped: () => void;
}

/**
 * The registry's state lives in one compacted topic, as in Confluent's
 * registry: every change is a keyed record, and the state is only ever
 * changed by reading records back. Start-up writes a no-op record and
 * resolves once it reads it back, so everything written before it,
 * by this process or an earlier one, is applied before the first
 * request is served.
 */
export async function openSchemaStore(
  kafka: KafkaClient,
  options: SchemaStoreOptions,
): Promise<SchemaStore> {
  const logger = options.logger.child('store', { topic: options.topic });
  await kafka.ensureTopics([
    {
      topic: options.topic,
      // One partition: the records' order is the registry's history.
      partitions: 1,
      configs: { 'cleanup.policy': 'compact' },
    },
  ]);

  const state = createRegistryState();
  let appliedOffset = -1n;
  const waiters = new Set<{ offset: bigint; resolve: () => void }>();

  const onRecord = (record: ConsumedRecord) => {
    applyOne(state, record, logger);
    appliedOffset = BigInt(record.offset);
    for (const waiter of waiters) {
      if (waiter.offset <= appliedOffset) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };

  const readBack = (offset: bigint): Promise<void> => {
    if (offset <= appliedOffset) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(storeTimeout(options.timeoutMs));
      }, options.timeoutMs);
      const waiter = {
        offset,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      waiters.add(waiter);
    });
  };

  await kafka.tailTopic({
    topic: options.topic,
    onRecord,
    onStopped: options.onReadStopped,
  });
  const producer = await kafka.createProducer({ idempotent: true });

  const write = async (records: readonly StoreRecord[]) => {
    if (records.length === 0) return;
    const acks = await producer.send(
      records.map((record) => ({
        topic: options.topic,
        ...encodeRecord(record),
      })),
    );
    // One partition and one batch: the records got consecutive offsets
    // from the acknowledged base offset on.
    const base = BigInt(acks[0]?.baseOffset ?? '-1');
    await readBack(base + BigInt(records.length - 1));
  };

  const startedAt = performance.now();
  await write([{ kind: 'noop' }]);
  logger.info('schema topic read to its end', {
    offset: appliedOffset.toString(),
    subjects: state.subjectNames().length,
    readMs: Math.round(performance.now() - startedAt),
  });
  return { state, write };
}

function applyOne(
  state: RegistryState,
  record: ConsumedRecord,
  logger: Logger,
): void {
  try {
    const decoded = decodeRecord(record.key, record.value);
    if (decoded) state.apply(decoded);
  } catch (error) {
    // A record this registry cannot read (written by hand, or by another
    // registry with features this one lacks) is skipped, never retried:
    // retrying would stall every later record behind it.
    logger.warn('schema topic record skipped', {
      offset: record.offset,
      reason: (error as Error).message,
    });
  }
}
