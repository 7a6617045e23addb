import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LeadscoreError } from '@leadscore/errors';
import { createKafkaClient } from '@leadscore/kafka';
import { createLogger, type Logger } from '@leadscore/logging';
import type { StackPaths } from './paths';
import {
  assertPortFree,
  readLivePid,
  spawnDetached,
  tail,
  waitFor,
} from './processes';

export interface BrokerSettings {
  port: number;
  controllerPort: number;
  heapMb: number;
  startTimeoutMs: number;
}

export function brokerAddress(settings: BrokerSettings): string {
  return `127.0.0.1:${settings.port}`;
}

/**
 * Server properties of a single combined broker and controller (KRaft),
 * listening on loopback only. Topics are created explicitly by the
 * platform, so auto-creation is off; internal topics have one replica.
 */
function serverProperties(paths: StackPaths, s: BrokerSettings): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${s.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${s.port},CONTROLLER://127.0.0.1:${s.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${s.port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${paths.kafkaData}`,
    'num.partitions=3',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    // Fewer internal partitions: a 2-core machine loads them faster.
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=4',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Record timestamps are event times, and a replay of a dataset or a
    // backtest writes times months or years old: a time-based default
    // would delete such a log minutes after it was written (at the next
    // retention check), from under its readers. The embedded stack keeps
    // logs by size instead; platform topics also carry their own policy
    // (packages/events/src/topics.ts).
    'log.retention.ms=-1',
    `log.retention.bytes=${256 * 1024 * 1024}`,
    // Frequent checks are cheap on a small log and let a test see the
    // policy applied within seconds.
    'log.retention.check.interval.ms=5000',
    '',
  ].join('\n');
}

/** A new cluster id: 16 random bytes, URL-safe base64 without padding,
 * the form Kafka's storage tool accepts. One starting with '-' is drawn
 * again, as Kafka's own Uuid.randomUuid does: the tool's argument parser
 * would take it for an option. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function classPath(libDir: string): string {
  return join(libDir, '*');
}

function formatStorage(paths: StackPaths, libDir: string): void {
  const result = spawnSync(
    'java',
    [
      '-cp',
      classPath(libDir),
      `-Dlog4j2.configurationFile=${paths.kafkaLog4j}`,
      `-Dleadscore.kafka.log=${join(paths.kafkaLogs, 'format.log')}`,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      newClusterId(),
      '-c',
      paths.kafkaProperties,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new LeadscoreError(
      'stack_start_failed',
      `Kafka storage format failed: ${result.stderr || result.stdout}`,
      {
        context: { dir: paths.kafkaData },
      },
    );
  }
}

/** Starts the broker, or adopts one this state folder already runs.
 * Ready means it answered a metadata request. */
export async function startBroker(
  paths: StackPaths,
  libDir: string,
  settings: BrokerSettings,
  logger: Logger,
): Promise<{ pid: number; adopted: boolean }> {
  const log = logger.child('kafka-broker');
  const running = readLivePid(paths.kafkaPid, paths.kafkaProperties);
  if (running !== undefined) {
    await waitReady(settings, running, paths, log);
    return { pid: running, adopted: true };
  }

  await assertPortFree(settings.port, 'stack.kafkaPort');
  await assertPortFree(settings.controllerPort, 'stack.kafkaControllerPort');
  mkdirSync(paths.kafkaData, { recursive: true });
  mkdirSync(paths.kafkaLogs, { recursive: true });
  writeFileSync(paths.kafkaProperties, serverProperties(paths, settings));
  if (!existsSync(join(paths.kafkaData, 'meta.properties'))) {
    formatStorage(paths, libDir);
  }

  const pid = spawnDetached(
    'java',
    [
      `-Xms${Math.min(256, settings.heapMb)}m`,
      `-Xmx${settings.heapMb}m`,
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${paths.kafkaLog4j}`,
      `-Dleadscore.kafka.log=${join(paths.kafkaLogs, 'server.log')}`,
      '-cp',
      classPath(libDir),
      'kafka.Kafka',
      paths.kafkaProperties,
    ],
    join(paths.kafkaLogs, 'stdout.log'),
    paths.kafkaPid,
  );
  log.info('broker starting', { pid, port: settings.port });
  await waitReady(settings, pid, paths, log);
  return { pid, adopted: false };
}

async function waitReady(
  settings: BrokerSettings,
  pid: number,
  paths: StackPaths,
  logger: Logger,
): Promise<void> {
  let exited = false;
  const ready = await waitFor(async () => {
    if (!readLivePid(paths.kafkaPid, paths.kafkaProperties)) {
      exited = true;
      return true;
    }
    return brokerAnswers(settings);
  }, settings.startTimeoutMs);

  if (exited || !ready) {
    const why = exited
      ? 'exited during start'
      : `not ready after ${settings.startTimeoutMs} ms`;
    throw new LeadscoreError(
      'stack_start_failed',
      `Kafka broker ${why}; last log lines:\n${tail(join(paths.kafkaLogs, 'server.log'))}\n${tail(join(paths.kafkaLogs, 'stdout.log'))}`,
      { context: { pid, port: settings.port } },
    );
  }
}

/** True when the broker answers a metadata request. */
export async function brokerAnswers(
  settings: BrokerSettings,
): Promise<boolean> {
  const client = createKafkaClient({
    brokers: [brokerAddress(settings)],
    clientId: 'leadscore-stack-probe',
    connectTimeoutMs: 1_000,
    requestTimeoutMs: 2_000,
    // Refused connections are expected while the broker starts: silence.
    logger: createLogger({ level: 'silent' }),
  });
  try {
    const cluster = await client.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    // Not up yet: the caller polls until its deadline.
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}
