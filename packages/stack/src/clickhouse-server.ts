import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LeadscoreError } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import type { StackPaths } from './paths';
import {
  assertPortFree,
  readLivePid,
  spawnDetached,
  tail,
  waitFor,
} from './processes';

export interface ClickhouseSettings {
  httpPort: number;
  tcpPort: number;
  startTimeoutMs: number;
}

export function clickhouseUrl(settings: ClickhouseSettings): string {
  return `http://127.0.0.1:${settings.httpPort}`;
}

/** Renders the project's config templates into the state folder. */
function writeConfig(paths: StackPaths, settings: ClickhouseSettings): void {
  const state = paths.clickhouseState;
  for (const dir of ['data', 'tmp', 'user_files', 'format_schemas', 'log']) {
    mkdirSync(join(state, dir), { recursive: true });
  }
  const template = readFileSync(
    join(paths.clickhouseTemplates, 'config.xml.in'),
    'utf8',
  );
  const config = template
    .replaceAll('@STATE_DIR@', state)
    .replaceAll('@HTTP_PORT@', String(settings.httpPort))
    .replaceAll('@TCP_PORT@', String(settings.tcpPort));
  writeFileSync(paths.clickhouseConfig, config);
  writeFileSync(
    join(state, 'users.xml'),
    readFileSync(join(paths.clickhouseTemplates, 'users.xml'), 'utf8'),
  );
}

/** Starts the server with the project's config, or adopts the one this
 * state folder already runs. Ready means `/ping` answers. */
export async function startClickhouse(
  paths: StackPaths,
  binary: string,
  settings: ClickhouseSettings,
  logger: Logger,
): Promise<{ pid: number; adopted: boolean }> {
  const log = logger.child('clickhouse-server');
  const running = readLivePid(paths.clickhousePid, paths.clickhouseConfig);
  if (running !== undefined) {
    await waitReady(paths, settings, running);
    return { pid: running, adopted: true };
  }

  await assertPortFree(settings.httpPort, 'stack.clickhouseHttpPort');
  await assertPortFree(settings.tcpPort, 'stack.clickhouseTcpPort');
  writeConfig(paths, settings);
  const pid = spawnDetached(
    binary,
    [`--config-file=${paths.clickhouseConfig}`],
    join(paths.clickhouseState, 'log', 'stdout.log'),
    paths.clickhousePid,
  );
  log.info('clickhouse starting', { pid, httpPort: settings.httpPort });
  await waitReady(paths, settings, pid);
  return { pid, adopted: false };
}

async function waitReady(
  paths: StackPaths,
  settings: ClickhouseSettings,
  pid: number,
): Promise<void> {
  let exited = false;
  const ready = await waitFor(async () => {
    if (!readLivePid(paths.clickhousePid, paths.clickhouseConfig)) {
      exited = true;
      return true;
    }
    return clickhouseAnswers(settings);
  }, settings.startTimeoutMs);

  if (exited || !ready) {
    const why = exited
      ? 'exited during start'
      : `not ready after ${settings.startTimeoutMs} ms`;
    const logDir = join(paths.clickhouseState, 'log');
    throw new LeadscoreError(
      'stack_start_failed',
      `ClickHouse ${why}; last log lines:\n${tail(join(logDir, 'server.err.log'))}\n${tail(join(logDir, 'stdout.log'))}`,
      { context: { pid, port: settings.httpPort } },
    );
  }
}

export async function clickhouseAnswers(
  settings: ClickhouseSettings,
): Promise<boolean> {
  try {
    const response = await fetch(`${clickhouseUrl(settings)}/ping`, {
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok && (await response.text()).startsWith('Ok');
  } catch {
    // Refused while starting: the caller polls until its deadline.
    return false;
  }
}
