import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { LeadscoreError } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import type { StackPaths } from './paths';

const clickhouseCandidates = [
  '/usr/sbin/clickhouse-server',
  '/usr/bin/clickhouse-server',
];

/** Path of the ClickHouse server binary, installing Debian's
 * `clickhouse-server` package first when none is present. */
export function ensureClickhouseServer(logger: Logger): string {
  const found = clickhouseCandidates.find((p) => existsSync(p));
  if (found) return found;

  logger.info('installing clickhouse-server from Debian packages');
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo'];
  const steps = [
    [...sudo, 'apt-get', 'update', '-qq'],
    [
      ...sudo,
      'apt-get',
      'install',
      '-y',
      '-qq',
      '--no-install-recommends',
      'clickhouse-server',
    ],
  ];
  for (const [command, ...args] of steps) {
    run(
      command as string,
      args,
      { DEBIAN_FRONTEND: 'noninteractive' },
      'stack_install_failed',
    );
  }

  const installed = clickhouseCandidates.find((p) => existsSync(p));
  if (!installed) {
    throw new LeadscoreError(
      'stack_install_failed',
      'clickhouse-server is still missing after apt-get install',
      {},
    );
  }
  return installed;
}

/**
 * The broker's class path folder. Maven resolves the jars named in
 * stack/kafka/pom.xml from Maven Central into an ignored cache; a stamp of
 * the pom's hash skips the work when nothing changed, so a second setup
 * costs nothing.
 */
export function ensureKafkaJars(paths: StackPaths, logger: Logger): string {
  const stampFile = join(paths.kafkaLib, '.pom-sha256');
  const pomHash = createHash('sha256')
    .update(readFileSync(paths.kafkaPom))
    .digest('hex');
  const cached =
    existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === pomHash;
  if (cached) return paths.kafkaLib;

  assertJava17();
  logger.info('resolving Kafka jars with Maven (first setup only)');
  rmSync(paths.kafkaLib, { recursive: true, force: true });
  mkdirSync(paths.kafkaLib, { recursive: true });
  run(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      paths.kafkaPom,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${paths.kafkaLib}`,
      '-DincludeScope=runtime',
    ],
    {},
    'stack_install_failed',
  );
  const jars = readdirSync(paths.kafkaLib).filter((f) => f.endsWith('.jar'));
  if (!jars.some((f) => f.startsWith('kafka_2.13-'))) {
    throw new LeadscoreError(
      'stack_install_failed',
      'Maven finished but no kafka_2.13 jar was copied',
      {
        context: { dir: paths.kafkaLib },
      },
    );
  }
  writeFileSync(stampFile, pomHash + '\n');
  return paths.kafkaLib;
}

/** Kafka 4 brokers need Java 17 or newer. */
export function assertJava17(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const text = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const major = Number(/version "(\d+)/.exec(text)?.[1] ?? NaN);
  if (result.error || !(major >= 17)) {
    throw new LeadscoreError(
      'stack_install_failed',
      `Kafka 4 needs Java 17 or newer on PATH; found ${result.error ? 'no java' : `Java ${major}`}`,
      {},
    );
  }
}

function run(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  code: 'stack_install_failed',
): void {
  // Output is kept back unless the step fails: Maven and apt are chatty.
  const result = spawnSync(command, [...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
      .split('\n')
      .slice(-30)
      .join('\n');
    throw new LeadscoreError(
      code,
      `${command} ${args.join(' ')} failed (exit ${result.status}):\n${output}`,
      {
        cause: result.error,
        context: { command },
      },
    );
  }
}
