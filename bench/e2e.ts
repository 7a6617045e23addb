/**
 * npm run bench:e2e: the real path under load. Its own stack (.stack/bench-e2e),
 * two released models (HPRO and pointwise), an experiment with a holdout
 * arm, and the ingestor, scorer and A/B router as processes. Offers fixed
 * rates (1,000 and 5,000 events/s, then more) for 30 s each, as HTTP
 * batches of 100, and measures the latency from the ingestor request to a
 * consumer's read of leads.scored.v1, the lag, and the CPU of every
 * process. A rate is sustainable when p99 <= 1 s and the lag at the end of
 * its window is under one second of events. Ends with one JSON line:
 * max_events_per_s, p50_ms_at_1000, p99_ms_at_1000.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createScoredLeadSerde, topics } from '@leadscore/events';
import { createShutdown } from '@leadscore/lifecycle';
import { createLogger } from '@leadscore/logging';
import { repoRoot, startStack, stackStatus, stopStack } from '@leadscore/stack';
import { startPipeline } from '../scripts/demo/run-demo';
import { loadEmbeddedConfig } from '../scripts/embedded-config';

const benchEnv: Record<string, string> = {
  LEADSCORE_STACK_DIR: '.stack/bench-e2e',
  LEADSCORE_STACK_KAFKA_PORT: '46092',
  LEADSCORE_STACK_KAFKA_CONTROLLER_PORT: '46093',
  LEADSCORE_STACK_CLICKHOUSE_HTTP_PORT: '46123',
  LEADSCORE_STACK_CLICKHOUSE_TCP_PORT: '46000',
  LEADSCORE_SCHEMA_REGISTRY_PORT: '46081',
  LEADSCORE_LOG_LEVEL: 'warn',
};
const windowS = Number(process.env['BENCH_WINDOW_S'] ?? 30);
const warmupS = Number(process.env['BENCH_WARMUP_S'] ?? 10);
// BENCH_RATES=1000,5000 runs only those steps (a quicker look).
const rates = (
  process.env['BENCH_RATES'] ?? '1000,5000,10000,15000,20000,30000'
)
  .split(',')
  .map(Number);
const batchEvents = 100;
const maxInFlight = 64;

interface StepResult {
  offered_per_s: number;
  sent: number;
  delivered_in_window: number;
  delivered_per_s: number;
  lag_end: number;
  p50_ms: number | null;
  p99_ms: number | null;
  /** p50/p99 of each hop, from the wall-clock stamps the records carry:
   * request to scored_at (ingestor, broker, scorer fetch and inference),
   * scored_at to routed_at (scorer produce, router fetch, ClickHouse),
   * routed_at to the read (router produce, the reader's fetch). */
  stages_ms: Record<string, { p50: number | null; p99: number | null }>;
  sustainable: boolean;
  cpu_percent: Record<string, number>;
  /** Busy share of all the machine's cores over the step (100 = every
   * core busy all the time). */
  machine_busy_percent: number;
}

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

function cpuTicks(pid: number): number {
  try {
    const fields =
      readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ??
      [];
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    // The process is gone: it used nothing more.
    return 0;
  }
}

/** Busy and total jiffies of all cores together, from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = cpu.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

function machineBusyPercent(
  before: { busy: number; total: number },
  after: { busy: number; total: number },
): number {
  const total = after.total - before.total;
  return total > 0 ? Math.round(((after.busy - before.busy) / total) * 100) : 0;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return Number(
    (
      sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
    ).toFixed(2),
  );
}

function eventsFor(run: string, count: number, offset: number) {
  const baseMs = Date.parse('2025-06-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    const lead = `${run}-L${Math.floor(n / 3)}`;
    const ts = new Date(baseMs + n * 1_000).toISOString();
    const id = `${run}-${n}`;
    if (n % 3 === 0)
      return {
        type: 'lead_created',
        event_id: id,
        lead_id: lead,
        ts,
        attributes: { channel: 'app_booking', city_tier: 2 },
      };
    if (n % 3 === 1)
      return {
        type: 'interaction',
        event_id: id,
        lead_id: lead,
        ts,
        channel: 'call',
        text: 'asked about delivery time and financing',
        attributes: { duration_s: 240 },
      };
    return {
      type: 'stage_changed',
      event_id: id,
      lead_id: lead,
      ts,
      stage: 'contacted',
    };
  });
}

async function main() {
  const env = { ...process.env, ...benchEnv };
  const config = loadEmbeddedConfig({ env });
  const logger = createLogger({ level: 'warn' });
  const shutdown = createShutdown({
    deadlineMs: 60_000,
    logger,
    exit: () => undefined,
  });
  await stopStack(config, logger);
  // A fresh stack each run: a backlog or a changelog left by an earlier
  // run would be measured as this run's start-up.
  rmSync(join(repoRoot(), config['stack.dir']), {
    recursive: true,
    force: true,
  });
  log('starting the bench stack and services...');
  const stack = await startStack(config, config['clickhouse.database'], logger);
  shutdown.onShutdown(
    'stack',
    async () => void (await stopStack(config, logger)),
  );
  try {
    const pipeline = await startPipeline(
      stack,
      { leads: 3_000, ingestorPort: 46080, startTimeoutMs: 120_000 },
      shutdown,
      logger,
      log,
    );
    const pids: Record<string, number> = {};
    for (const s of await stackStatus(config)) if (s.pid) pids[s.name] = s.pid;
    for (const s of pipeline.services)
      if (s.child.pid) pids[s.name] = s.child.pid;
    // The load generator and the reader share this process and this
    // machine's two cores with everything they measure.
    pids['bench'] = process.pid;

    const sentAt = new Map<string, number>();
    const sentWallMs = new Map<string, number>();
    const latencies: number[] = [];
    const stages = {
      to_scorer: [] as number[],
      to_router: [] as number[],
      to_reader: [] as number[],
    };
    let delivered = 0;
    const serde = await createScoredLeadSerde(stack.schemaRegistryUrl);
    const reader = await pipeline.kafka.runConsumer({
      groupId: `bench-e2e-reader.${randomUUID()}`,
      topics: [topics.scored],
      fromBeginning: false,
      handleRecord: async (record) => {
        const scored = await serde.decode(record.value ?? Buffer.alloc(0));
        const started = sentAt.get(scored.event_id);
        if (started === undefined) return;
        const readAt = Date.now();
        const wallSent = sentWallMs.get(scored.event_id) ?? readAt;
        sentAt.delete(scored.event_id);
        sentWallMs.delete(scored.event_id);
        latencies.push(performance.now() - started);
        stages.to_scorer.push(scored.scored_at - wallSent);
        stages.to_router.push(scored.routed_at - scored.scored_at);
        stages.to_reader.push(readAt - scored.routed_at);
        delivered++;
      },
    });
    shutdown.onShutdown('reader', () => reader.stop());

    const results: StepResult[] = [];
    const run = randomUUID().slice(0, 8);
    let offset = 0;
    // A warm-up step, not reported: the first records of a fresh process
    // pay for state rebuilds, schema lookups and JIT, not the steady state.
    const plan = [
      { rate: rates[0] ?? 1_000, seconds: warmupS, warmup: true },
      ...rates.map((rate) => ({ rate, seconds: windowS, warmup: false })),
    ];
    for (const { rate, seconds, warmup } of plan) {
      latencies.length = 0;
      for (const list of Object.values(stages)) list.length = 0;
      delivered = 0;
      const ticks = Object.fromEntries(
        Object.entries(pids).map(([n, pid]) => [n, cpuTicks(pid)]),
      );
      const machineBefore = machineTicks();
      const total = rate * seconds;
      const batches = total / batchEvents;
      const intervalMs = (batchEvents / rate) * 1000;
      let inFlight = 0;
      let overloaded = false;
      const startedAt = performance.now();
      const requests: Promise<void>[] = [];
      for (let b = 0; b < batches; b++) {
        const dueMs = b * intervalMs - (performance.now() - startedAt);
        if (dueMs > 1) await new Promise((r) => setTimeout(r, dueMs));
        if (inFlight >= maxInFlight) {
          overloaded = true;
          break;
        }
        const batch = eventsFor(run, batchEvents, offset);
        offset += batchEvents;
        const now = performance.now();
        const wallNow = Date.now();
        for (const e of batch) {
          sentAt.set(e.event_id, now);
          sentWallMs.set(e.event_id, wallNow);
        }
        inFlight++;
        requests.push(
          fetch(`${pipeline.ingestorUrl}/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(batch),
          })
            .then(async (r) => void (await r.arrayBuffer()))
            .finally(() => inFlight--),
        );
      }
      const sent = requests.length * batchEvents;
      await Promise.all(requests);
      const windowEndMs = startedAt + seconds * 1000;
      if (performance.now() < windowEndMs)
        await new Promise((r) =>
          setTimeout(r, windowEndMs - performance.now()),
        );
      const deliveredInWindow = delivered;
      const elapsedS = (performance.now() - startedAt) / 1000;
      const machineBusy = machineBusyPercent(machineBefore, machineTicks());
      const cpu = Object.fromEntries(
        Object.entries(pids).map(([n, pid]) => [
          n,
          Math.round(
            ((cpuTicks(pid) - (ticks[n] ?? 0)) / 100 / elapsedS) * 100,
          ),
        ]),
      );
      // Let the rest drain before the next step, so steps do not overlap.
      const drainDeadline = performance.now() + 60_000;
      while (delivered < sent && performance.now() < drainDeadline)
        await new Promise((r) => setTimeout(r, 200));
      latencies.sort((a, b) => a - b);
      const p99 = percentile(latencies, 0.99);
      const lagEnd = sent - deliveredInWindow;
      const result: StepResult = {
        offered_per_s: rate,
        sent,
        delivered_in_window: deliveredInWindow,
        delivered_per_s: Math.round(deliveredInWindow / seconds),
        lag_end: lagEnd,
        p50_ms: percentile(latencies, 0.5),
        p99_ms: p99,
        stages_ms: Object.fromEntries(
          Object.entries(stages).map(([name, list]) => {
            const sorted = [...list].sort((a, b) => a - b);
            return [
              name,
              { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) },
            ];
          }),
        ),
        sustainable:
          !overloaded && p99 !== null && p99 <= 1_000 && lagEnd <= rate,
        cpu_percent: cpu,
        machine_busy_percent: machineBusy,
      };
      sentAt.clear();
      sentWallMs.clear();
      if (warmup) {
        log(`  warm-up at ${rate}/s for ${seconds} s: p99 ${p99} ms`);
        continue;
      }
      results.push(result);
      log(`  ${rate}/s: ${JSON.stringify(result)}`);
      if (!result.sustainable) break;
    }

    const sustainable = results.filter((r) => r.sustainable);
    const at1000 = results.find((r) => r.offered_per_s === 1_000);
    process.stdout.write(
      JSON.stringify({
        max_events_per_s:
          sustainable.length > 0
            ? Math.max(...sustainable.map((r) => r.delivered_per_s))
            : 0,
        max_offered_sustained_per_s:
          sustainable.length > 0
            ? Math.max(...sustainable.map((r) => r.offered_per_s))
            : 0,
        p50_ms_at_1000: at1000?.p50_ms ?? null,
        p99_ms_at_1000: at1000?.p99_ms ?? null,
        window_s: windowS,
        steps: results,
      }) + '\n',
    );
  } finally {
    await shutdown.shutdown('bench done');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exit(1);
});
