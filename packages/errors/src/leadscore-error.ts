import type { ErrorCode } from './codes';

export type ErrorContext = Readonly<Record<string, unknown>>;

export interface LeadscoreErrorOptions {
  /** Whether the same call may succeed if tried again (network, leader
   * election). Programmer and input errors are never retriable. */
  retriable?: boolean;
  cause?: unknown;
  /** Ids that locate the failure: topic, partition, table, key, port. */
  context?: ErrorContext;
}

/** The one error type of the platform: a stable code, a retriable flag, the
 * underlying cause and the ids needed to find what failed. */
export class LeadscoreError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  readonly context: ErrorContext;

  constructor(
    code: ErrorCode,
    message: string,
    options: LeadscoreErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'LeadscoreError';
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.context = Object.freeze({ ...(options.context ?? {}) });
  }

  /** A plain object for structured logs: no stack of the cause chain's
   * payloads, only codes and messages. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retriable: this.retriable,
      context: this.context,
      cause: describeCause(this.cause),
    };
  }
}

function describeCause(cause: unknown): unknown {
  if (cause instanceof LeadscoreError) return cause.toJSON();
  if (cause instanceof Error)
    return { name: cause.name, message: cause.message };
  return cause === undefined ? undefined : String(cause);
}

export function isLeadscoreError(
  error: unknown,
  code?: ErrorCode,
): error is LeadscoreError {
  if (!(error instanceof LeadscoreError)) return false;
  return code === undefined || error.code === code;
}

/** Whether retrying may help: our flag when set, else the client library's
 * own `retriable` flag (kafkajs sets one), else no. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof LeadscoreError) return error.retriable;
  if (typeof error === 'object' && error !== null && 'retriable' in error) {
    return (error as { retriable?: unknown }).retriable === true;
  }
  return false;
}
