import type { KafkaClient, TopicSpec } from '@leadscore/kafka';
import type { Logger } from '@leadscore/logging';
import { decodeState, type LeadState } from './lead-state';

export interface StateStoreOptions {
  kafka: KafkaClient;
  changelogTopic: string;
  logger: Logger;
  /** Longest a rebuild may take before it fails (and the batch retries). */
  rebuildTimeoutMs?: number;
}

export function changelogSpec(topic: string, partitions: number): TopicSpec {
  return { topic, partitions, configs: { 'cleanup.policy': 'compact' } };
}

/**
 * Per-lead state, local to the input partition that owns the lead and
 * durable in a compacted changelog partitioned like the input (state of
 * input partition p is written to changelog partition p). A partition's
 * state is rebuilt from its changelog partition before the first batch
 * after it is assigned to this process, and dropped when it is assigned
 * away, so a rebalance never scores on another instance's stale copy.
 */
export class StateStore {
  private readonly partitions = new Map<number, Map<string, LeadState>>();
  private readonly loading = new Map<number, Promise<void>>();
  private readonly logger: Logger;
  /** Records read from the changelog during rebuilds, for tests and logs. */
  rebuiltRecords = 0;

  constructor(private readonly options: StateStoreOptions) {
    this.logger = options.logger.child('state-store', {
      topic: options.changelogTopic,
    });
  }

  /** The group's new assignment: partitions not in it are forgotten, and
   * every assigned one is rebuilt before use (it may have moved). */
  onAssigned(assigned: readonly number[]): void {
    this.partitions.clear();
    this.loading.clear();
    this.logger.info('partitions assigned', { partitions: [...assigned] });
  }

  /** The leads of one partition, rebuilt from the changelog first if
   * needed. */
  async partition(partition: number): Promise<Map<string, LeadState>> {
    const ready = this.partitions.get(partition);
    if (ready) return ready;
    let loading = this.loading.get(partition);
    if (!loading) {
      loading = this.rebuild(partition).finally(() =>
        this.loading.delete(partition),
      );
      this.loading.set(partition, loading);
    }
    await loading;
    return this.partitions.get(partition) ?? new Map();
  }

  private async rebuild(partition: number): Promise<void> {
    const startedAt = performance.now();
    const leads = new Map<string, LeadState>();
    const ends = await this.options.kafka.fetchEndOffsets(
      this.options.changelogTopic,
    );
    const end = BigInt(ends.get(partition) ?? '0');

    if (end > 0n) {
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (finish = resolve));
      const tail = await this.options.kafka.tailTopic({
        topic: this.options.changelogTopic,
        onRecord: (record) => {
          if (record.partition !== partition || BigInt(record.offset) >= end)
            return;
          const key = record.key?.toString() ?? '';
          if (record.value === null) leads.delete(key);
          else leads.set(key, decodeState(record.value));
          this.rebuiltRecords++;
          if (BigInt(record.offset) + 1n >= end) finish();
        },
      });
      const timeoutMs = this.options.rebuildTimeoutMs ?? 120_000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([
        done.then(() => 'done' as const),
        timedOut,
      ]);
      clearTimeout(timer);
      await tail.stop();
      if (outcome === 'timeout') {
        throw new Error(
          `state of partition ${partition} not rebuilt within ${timeoutMs} ms`,
        );
      }
    }

    this.partitions.set(partition, leads);
    this.logger.info('partition state rebuilt', {
      partition,
      leads: leads.size,
      changelogEndOffset: end.toString(),
      elapsedMs: Math.round(performance.now() - startedAt),
    });
  }
}
