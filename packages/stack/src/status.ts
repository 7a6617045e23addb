import type { Logger } from '@leadscore/logging';
import { brokerAddress, brokerAnswers } from './kafka-broker';
import { clickhouseAnswers, clickhouseUrl } from './clickhouse-server';
import { stackPaths, type StackPaths } from './paths';
import { readLivePid, stopProcess } from './processes';
import { registryAnswers, registryUrl } from './schema-registry';
import { settingsOf, type StackConfig } from './settings';

export interface ComponentStatus {
  name: 'kafka' | 'schema-registry' | 'clickhouse';
  endpoint: string;
  pid: number | undefined;
  healthy: boolean;
}

/** Stops what this state folder runs: the registry first (it needs the
 * broker to stop cleanly), then the broker (it may still be flushing to
 * disk), then ClickHouse. Pid files are removed; running it when nothing
 * runs is harmless. */
export async function stopStack(
  config: StackConfig,
  logger: Logger,
): Promise<string[]> {
  const log = logger.child('stack');
  const paths = stackPaths(config['stack.dir']);
  const stopped: string[] = [];

  for (const [name, pidFile, marker] of livePidFiles(paths)) {
    const pid = readLivePid(pidFile, marker);
    if (pid === undefined) continue;
    const outcome = await stopProcess(pid, pidFile, 30_000);
    log.info('component stopped', { component: name, pid, outcome });
    stopped.push(name);
  }
  return stopped;
}

function livePidFiles(paths: StackPaths): [string, string, string][] {
  return [
    ['schema-registry', paths.registryPid, paths.registryState],
    ['kafka', paths.kafkaPid, paths.kafkaProperties],
    ['clickhouse', paths.clickhousePid, paths.clickhouseConfig],
  ];
}

export async function stackStatus(
  config: StackConfig,
): Promise<ComponentStatus[]> {
  const paths = stackPaths(config['stack.dir']);
  const settings = settingsOf(config);
  return [
    {
      name: 'kafka',
      endpoint: brokerAddress(settings.broker),
      pid: readLivePid(paths.kafkaPid, paths.kafkaProperties),
      healthy: await brokerAnswers(settings.broker),
    },
    {
      name: 'schema-registry',
      endpoint: registryUrl(config['schemaRegistry.port']),
      pid: readLivePid(paths.registryPid, paths.registryState),
      healthy: await registryAnswers(config['schemaRegistry.port']),
    },
    {
      name: 'clickhouse',
      endpoint: clickhouseUrl(settings.clickhouse),
      pid: readLivePid(paths.clickhousePid, paths.clickhouseConfig),
      healthy: await clickhouseAnswers(settings.clickhouse),
    },
  ];
}
