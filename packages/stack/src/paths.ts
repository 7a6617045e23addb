import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file whose
 * package.json declares workspaces. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as {
        workspaces?: unknown;
      };
      if (parsed.workspaces) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
}

export interface StackPaths {
  root: string;
  state: string;
  kafkaData: string;
  kafkaLogs: string;
  kafkaPid: string;
  kafkaProperties: string;
  clickhouseState: string;
  clickhousePid: string;
  clickhouseConfig: string;
  /** Holds only the registry's pid file and log: its state is in Kafka. */
  registryState: string;
  registryPid: string;
  registryEntry: string;
  /** Jars resolved by Maven, shared by every state folder. */
  kafkaLib: string;
  kafkaPom: string;
  kafkaLog4j: string;
  clickhouseTemplates: string;
}

export function stackPaths(stateDir: string): StackPaths {
  const root = repoRoot();
  const state = isAbsolute(stateDir) ? stateDir : resolve(root, stateDir);
  return {
    root,
    state,
    kafkaData: join(state, 'kafka', 'data'),
    kafkaLogs: join(state, 'kafka', 'logs'),
    kafkaPid: join(state, 'kafka', 'broker.pid'),
    kafkaProperties: join(state, 'kafka', 'server.properties'),
    clickhouseState: join(state, 'clickhouse'),
    clickhousePid: join(state, 'clickhouse', 'server.pid'),
    clickhouseConfig: join(state, 'clickhouse', 'config.xml'),
    registryState: join(state, 'schema-registry'),
    registryPid: join(state, 'schema-registry', 'registry.pid'),
    registryEntry: join(root, 'services', 'schema-registry', 'src', 'main.ts'),
    kafkaLib: join(root, '.stack', 'cache', 'kafka-lib'),
    kafkaPom: join(root, 'stack', 'kafka', 'pom.xml'),
    kafkaLog4j: join(root, 'stack', 'kafka', 'log4j2.properties'),
    clickhouseTemplates: join(root, 'stack', 'clickhouse'),
  };
}
