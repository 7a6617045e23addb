import { spawn } from 'node:child_process';
import {
  existsSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { LeadscoreError } from '@leadscore/errors';

/** Whether a process with this pid exists (signal 0 checks, sends nothing). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a pid file when that process is alive and its command line
 * mentions `marker` (our state folder), so a recycled pid of some other
 * program is never taken for ours. A stale file is removed. */
export function readLivePid(
  pidFile: string,
  marker: string,
): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (
    Number.isInteger(pid) &&
    pid > 0 &&
    isAlive(pid) &&
    commandLine(pid).includes(marker)
  ) {
    return pid;
  }
  rmSync(pidFile, { force: true });
  return undefined;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    // No /proc entry: the process is gone or not visible to us.
    return '';
  }
}

/** Fails fast, naming the port and the setting, when something else
 * listens there; binding would otherwise fail inside the child process
 * and look like a slow start. */
export async function assertPortFree(
  port: number,
  setting: string,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') return reject(error);
      reject(
        new LeadscoreError(
          'port_in_use',
          `port ${port} (${setting}) is already in use by another process; stop that process or choose another port`,
          { context: { port, setting } },
        ),
      );
    });
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.close(() => resolve());
    });
  });
}

/** Starts a long-running child in its own process group, so Ctrl-C in the
 * terminal reaches only our process, which then stops the children in
 * order. Output goes to `logFile`. */
export function spawnDetached(
  command: string,
  args: readonly string[],
  logFile: string,
  pidFile: string,
  env: NodeJS.ProcessEnv = process.env,
  cwd?: string,
): number {
  const out = openSync(logFile, 'a');
  const child = spawn(command, [...args], {
    detached: true,
    stdio: ['ignore', out, out],
    env,
    cwd,
  });
  if (child.pid === undefined) {
    throw new LeadscoreError(
      'stack_start_failed',
      `could not start ${command}`,
      {
        context: { command },
      },
    );
  }
  child.unref();
  writeFileSync(pidFile, `${child.pid}\n`);
  return child.pid;
}

/** SIGTERM, then SIGKILL if the process outlives `graceMs`. Resolves once
 * it is gone and the pid file removed. */
export async function stopProcess(
  pid: number,
  pidFile: string,
  graceMs: number,
): Promise<'stopped' | 'killed'> {
  let outcome: 'stopped' | 'killed' = 'stopped';
  signal(pid, 'SIGTERM');
  if (!(await waitFor(() => !isAlive(pid), graceMs))) {
    signal(pid, 'SIGKILL');
    outcome = 'killed';
    await waitFor(() => !isAlive(pid), 10_000);
  }
  rmSync(pidFile, { force: true });
  return outcome;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    // ESRCH: it exited between our check and the signal; that is the goal.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Polls a condition every 50-200 ms until it holds or time runs out. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let delayMs = 50;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, delayMs));
    delayMs = Math.min(200, delayMs * 2);
  }
}

export function tail(file: string, lines = 20): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}
