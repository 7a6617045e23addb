import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  commonSchema,
  ENV_PREFIX,
  envNameOf,
  type ConfigSchema,
} from '@leadscore/config';
import { LeadscoreError } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import { schemaRegistrySchema } from '@leadscore/schema-registry/config';
import type { StackPaths } from './paths';
import {
  assertPortFree,
  readLivePid,
  spawnDetached,
  tail,
  waitFor,
} from './processes';

export interface RegistrySettings {
  port: number;
  /** The stack's own broker, which holds the registry's topic. */
  brokers: string;
  startTimeoutMs: number;
  /** Every setting the registry process reads, resolved by the caller. */
  config: Readonly<Record<string, unknown>>;
}

export function registryUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** Starts the registry as a Node process of its own, or adopts the one
 * this state folder already runs. Ready means GET /subjects answers,
 * which the registry does only once it has read its topic to the end. */
export async function startSchemaRegistry(
  paths: StackPaths,
  settings: RegistrySettings,
  logger: Logger,
): Promise<{ pid: number; adopted: boolean }> {
  const log = logger.child('schema-registry');
  const running = readLivePid(paths.registryPid, paths.registryState);
  if (running !== undefined) {
    await waitReady(paths, settings, running);
    return { pid: running, adopted: true };
  }

  await assertPortFree(settings.port, 'schemaRegistry.port');
  mkdirSync(paths.registryState, { recursive: true });
  const pid = spawnDetached(
    process.execPath,
    // The state folder is passed (and ignored) so the process's command
    // line names it: that is how a pid file is told from a recycled pid.
    ['--import', 'tsx', paths.registryEntry, paths.registryState],
    join(paths.registryState, 'registry.log'),
    paths.registryPid,
    registryEnv(settings),
    paths.root,
  );
  log.info('schema registry starting', { pid, port: settings.port });
  await waitReady(paths, settings, pid);
  return { pid, adopted: false };
}

/**
 * The registry's environment: the parent's, less every LEADSCORE_*
 * variable and config file (they may hold keys of other components, which
 * the registry would reject as unknown), plus each setting the registry
 * reads, from the caller's resolved configuration. Secrets it does not
 * need are left out.
 */
function registryEnv(settings: RegistrySettings): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith(ENV_PREFIX)) env[name] = value;
  }
  const schema: ConfigSchema = { ...commonSchema, ...schemaRegistrySchema };
  for (const [key, setting] of Object.entries(schema)) {
    const value = settings.config[key];
    if (value === undefined || setting.secret) continue;
    env[envNameOf(key)] = Array.isArray(value)
      ? value.join(',')
      : String(value);
  }
  env[envNameOf('kafka.brokers')] = settings.brokers;
  env[envNameOf('schemaRegistry.port')] = String(settings.port);
  return env;
}

async function waitReady(
  paths: StackPaths,
  settings: RegistrySettings,
  pid: number,
): Promise<void> {
  let exited = false;
  const ready = await waitFor(async () => {
    if (!readLivePid(paths.registryPid, paths.registryState)) {
      exited = true;
      return true;
    }
    return registryAnswers(settings.port);
  }, settings.startTimeoutMs);

  if (exited || !ready) {
    const why = exited
      ? 'exited during start'
      : `not ready after ${settings.startTimeoutMs} ms`;
    throw new LeadscoreError(
      'stack_start_failed',
      `schema registry ${why}; last log lines:\n${tail(join(paths.registryState, 'registry.log'))}`,
      { context: { pid, port: settings.port } },
    );
  }
}

/** True when GET /subjects answers 200. */
export async function registryAnswers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`${registryUrl(port)}/subjects`, {
      signal: AbortSignal.timeout(2_000),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    // Refused while starting: the caller polls until its deadline.
    return false;
  }
}
