import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { settingsEnvFor, type ConfigSchema } from '@leadscore/config';
import { repoRoot } from '@leadscore/stack';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs: number): Promise<void>;
}

/**
 * Starts a service as a child of the main job, with only its own settings
 * from `env`. Its JSON log goes to the main job's stderr at warn and above;
 * it is ready once it logs `service started` (or fails if it exits first).
 */
export async function startServiceProcess(
  name: string,
  entry: string,
  schema: ConfigSchema,
  env: Record<string, string | undefined>,
  timeoutMs: number,
): Promise<ServiceProcess> {
  // CPU_PROF_DIR=DIR has each service write a V8 CPU profile
  // (.cpuprofile, open in Chrome's DevTools) to DIR when it exits.
  const profileDir = process.env['CPU_PROF_DIR'];
  const profile = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]
    : [];
  const child = spawn('node', [...profile, '--import', 'tsx', entry], {
    cwd: repoRoot(),
    env: { ...settingsEnvFor(schema, env), LEADSCORE_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let lastError = '';
  const started = new Promise<void>((resolve) => {
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (line.includes('"msg":"service started"')) resolve();
      if (/"level":"(warn|error)"/.test(line) || !line.startsWith('{')) {
        lastError = line;
        process.stderr.write(`[${name}] ${line}\n`);
      }
    });
  });

  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    started.then(() => 'started' as const),
    exited.then(() => 'exited' as const),
    new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
    ),
  ]);
  clearTimeout(timer);
  const handle: ServiceProcess = {
    name,
    child,
    exited,
    stop: async (graceMs) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killTimer);
    },
  };
  if (outcome !== 'started') {
    await handle.stop(5_000);
    throw new Error(
      `${name} ${outcome === 'exited' ? 'exited during start' : 'did not start in time'}: ${lastError}`,
    );
  }
  return handle;
}
