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
  private readonly ready = new Map<number, Map<string, LeadState>>();
  /** The rebuild that will make a partition ready, while it runs. */
  private readonly inFlight = new Map<number, Promise<void>>();
  private assigned: number[] = [];
  /** Bumped on every assignment: a rebuild started for an earlier one
   * throws its result away. */
  private generation = 0;
  private readonly logger: Logger;
  /** Records read from the changelog during rebuilds, for tests and logs. */
  rebuiltRecords = 0;
  /** Passes over the changelog so far: one per assignment, not one per
   * partition. */
  rebuildPasses = 0;

  constructor(private readonly options: StateStoreOptions) {
    this.logger = options.logger.child('state-store', {
      topic: options.changelogTopic,
    });
  }

  /** The group's new assignment: partitions not in it are forgotten, and
   * every assigned one is rebuilt before use (it may have moved). */
  onAssigned(assigned: readonly number[]): void {
    this.ready.clear();
    this.inFlight.clear();
    this.assigned = [...assigned];
    this.generation++;
    this.logger.info('partitions assigned', { partitions: [...assigned] });
  }

  /** The leads of one partition, rebuilt from the changelog first if
   * needed. The first call after an assignment rebuilds every assigned
   * partition in one pass over the changelog. */
  async partition(partition: number): Promise<Map<string, LeadState>> {
    for (;;) {
      const ready = this.ready.get(partition);
      if (ready) return ready;
      if (!this.inFlight.has(partition)) this.startRebuild(partition);
      await this.inFlight.get(partition);
      // A new assignment during the rebuild discarded it: go again.
    }
  }

  private startRebuild(first: number): void {
    const wanted = [...new Set([first, ...this.assigned])].filter(
      (p) => !this.ready.has(p) && !this.inFlight.has(p),
    );
    const generation = this.generation;
    const job = this.rebuild(wanted, generation).finally(() => {
      for (const p of wanted)
        if (this.inFlight.get(p) === job) this.inFlight.delete(p);
    });
    for (const p of wanted) this.inFlight.set(p, job);
  }

  private async rebuild(
    partitions: readonly number[],
    generation: number,
  ): Promise<void> {
    const startedAt = performance.now();
    const ends = await this.options.kafka.fetchEndOffsets(
      this.options.changelogTopic,
    );
    const endOf = (p: number) => BigInt(ends.get(p) ?? '0');
    const leadsOf = new Map(
      partitions.map((p) => [p, new Map<string, LeadState>()]),
    );
    const remaining = new Set(partitions.filter((p) => endOf(p) > 0n));

    if (remaining.size > 0) {
      this.rebuildPasses++;
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (finish = resolve));
      // One reader for the whole assignment: kafkajs reads through a
      // group, and a group join per partition cost seconds on a restart.
      const tail = await this.options.kafka.tailTopic({
        topic: this.options.changelogTopic,
        onRecord: (record) => {
          const leads = leadsOf.get(record.partition);
          const offset = BigInt(record.offset);
          if (!leads || offset >= endOf(record.partition)) return;
          const key = record.key?.toString() ?? '';
          if (record.value === null) leads.delete(key);
          else leads.set(key, decodeState(record.value));
          this.rebuiltRecords++;
          if (offset + 1n >= endOf(record.partition)) {
            remaining.delete(record.partition);
            if (remaining.size === 0) finish();
          }
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
          `state of partitions ${[...remaining].join(',')} not rebuilt within ${timeoutMs} ms`,
        );
      }
    }

    if (generation !== this.generation) return;
    const elapsedMs = Math.round(performance.now() - startedAt);
    for (const [partition, leads] of leadsOf) {
      this.ready.set(partition, leads);
      this.logger.info('partition state rebuilt', {
        partition,
        leads: leads.size,
        changelogEndOffset: endOf(partition).toString(),
        elapsedMs,
      });
    }
  }
}
