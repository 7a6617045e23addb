import { LeadscoreError } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';

export type ShutdownHook = () => Promise<void> | void;

export interface ShutdownOptions {
  deadlineMs: number;
  logger: Logger;
  /** Called once every hook settled or the deadline passed; the default
   * exits the process with the given code. */
  exit?: (code: number) => void;
}

export interface Shutdown {
  /** Hooks run in reverse order of registration: what started last (a
   * consumer) stops first, before what it depends on (a producer). */
  onShutdown(name: string, hook: ShutdownHook): void;
  /** Runs the hooks once; later calls return the same promise. */
  shutdown(reason: string): Promise<number>;
  /** Calls shutdown on SIGTERM and SIGINT. Returns a function that removes
   * the handlers. */
  installSignalHandlers(): () => void;
  readonly started: boolean;
}

/**
 * Graceful shutdown with a deadline. Every hook gets the time left; a hook
 * that fails is logged and the rest still run, so one stuck component
 * cannot keep the others from flushing.
 */
export function createShutdown(options: ShutdownOptions): Shutdown {
  const hooks: { name: string; hook: ShutdownHook }[] = [];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const logger = options.logger.child('shutdown');
  let running: Promise<number> | undefined;

  const runHooks = async (reason: string): Promise<number> => {
    logger.info('shutting down', { reason, hooks: hooks.length });
    const pending = [...hooks].reverse();
    let failures = 0;

    const all = (async () => {
      for (const { name, hook } of pending) {
        try {
          await hook();
        } catch (error) {
          failures++;
          logger.error('shutdown hook failed', { hook: name, error });
        }
      }
    })();

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      // Not unref'd: a stuck hook may hold no handle of its own, and the
      // process must still end through exit() with its code.
      timer = setTimeout(() => resolve('deadline'), options.deadlineMs);
    });
    const outcome = await Promise.race([
      all.then(() => 'done' as const),
      deadline,
    ]);
    clearTimeout(timer);

    if (outcome === 'deadline') {
      const error = new LeadscoreError(
        'shutdown_deadline_exceeded',
        `shutdown hooks still running after ${options.deadlineMs} ms`,
        { context: { deadlineMs: options.deadlineMs } },
      );
      logger.error('shutdown deadline exceeded', { error });
      exit(1);
      return 1;
    }

    const code = failures > 0 ? 1 : 0;
    logger.info('shutdown complete', { failures });
    exit(code);
    return code;
  };

  return {
    onShutdown(name, hook) {
      hooks.push({ name, hook });
    },
    shutdown(reason) {
      running ??= runHooks(reason);
      return running;
    },
    installSignalHandlers() {
      const onSignal = (signal: NodeJS.Signals) => {
        void this.shutdown(signal);
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      return () => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      };
    },
    get started() {
      return running !== undefined;
    },
  };
}
