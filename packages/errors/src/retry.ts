import { isRetriable } from './leadscore-error';

export interface RetryOptions {
  /** Give up once this much time has passed since the first attempt. */
  deadlineMs: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Source of jitter in [0, 1); pass a seeded one in tests. */
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Which failures to retry; defaults to isRetriable. */
  shouldRetry?: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `fn` until it succeeds, a failure is not retriable, or the deadline
 * passes. Delays grow exponentially with full jitter, so many clients that
 * failed together do not retry together.
 */
export async function retryWithBackoff<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const shouldRetry = options.shouldRetry ?? isRetriable;
  const initialDelayMs = options.initialDelayMs ?? 50;
  const maxDelayMs = options.maxDelayMs ?? 2_000;
  const startedAt = now();

  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const elapsedMs = now() - startedAt;
      if (!shouldRetry(error) || elapsedMs >= options.deadlineMs) throw error;

      const ceilingMs = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
      const remainingMs = options.deadlineMs - elapsedMs;
      const delayMs = Math.min(remainingMs, Math.floor(random() * ceilingMs));
      options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs);
    }
  }
}
