import { randomBytes } from 'node:crypto';
import { commonSchema, loadConfig } from '@leadscore/config';
import { createLogger, type Logger } from '@leadscore/logging';
import { stackSchema } from '@leadscore/stack';

/**
 * Settings of the running test stack, read from the environment that
 * `npm test` sets. A test file run on its own needs that stack up first:
 * `npm run stack -- up --test`, then the same variables (see README).
 */
export function testConfig() {
  if (!process.env['LEADSCORE_KAFKA_BROKERS']) {
    throw new Error(
      'no test stack: run through `npm test`, or `npm run stack -- up --test` and export the LEADSCORE_* variables of scripts/embedded-config.ts',
    );
  }
  return loadConfig({ ...commonSchema, ...stackSchema });
}

/** A name no other test or run uses: topics, groups, tables. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Quiet unless a test fails: warnings and errors only, to stderr. */
export function testLogger(): Logger {
  return createLogger({ level: 'warn' });
}

/** Polls until `condition` returns a value other than undefined, or fails
 * with `what` after `timeoutMs`. Never a fixed sleep. */
export async function waitUntil<T>(
  what: string,
  condition: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delayMs = 20;
  for (;;) {
    const value = await condition();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delayMs));
    delayMs = Math.min(250, delayMs * 2);
  }
}
