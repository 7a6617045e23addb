// One error type for the package. Everything here is a programmer or input
// error, never worth retrying, but the flag keeps the project-wide shape.
export type HproErrorCode =
  | 'BAD_FUNNEL'
  | 'BAD_DATASET'
  | 'NO_POSITIVES'
  | 'BAD_ARGUMENT'
  | 'BAD_MODEL'
  | 'BAD_DURATION';

export class HproError extends Error {
  readonly code: HproErrorCode;
  readonly retriable = false;
  readonly context: Record<string, unknown>;

  constructor(
    code: HproErrorCode,
    message: string,
    context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HproError';
    this.code = code;
    this.context = context;
  }
}
