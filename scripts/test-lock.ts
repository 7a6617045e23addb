import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/**
 * One test run at a time per checkout: the test stack has fixed ports and
 * one state folder, and a second `npm test` would stop and wipe it under
 * the first. A run takes the lock (a file holding its pid, created with
 * O_EXCL) and waits while a live process holds it; a lock left by a dead
 * process is taken over.
 */
export async function acquireTestLock(
  path: string,
  log: (line: string) => void,
): Promise<() => void> {
  mkdirSync(dirname(path), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(path, 'utf8').trim() || 'NaN');
    if (!isAlive(holder)) {
      rmSync(path, { force: true });
      continue;
    }
    if (!announced) {
      log(`another test run (pid ${holder}) holds ${path}; waiting for it`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: gone. (EPERM cannot happen here: same user.)
    return false;
  }
}
