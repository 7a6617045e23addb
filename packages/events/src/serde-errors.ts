/**
 * Whether a decode failure is the registry's (unreachable, overloaded:
 * worth retrying the same record) rather than the record's own (not the
 * wire format, an unknown schema id, a truncated body: dead-letter it).
 * The registry client throws a RestError with an HTTP `status` when the
 * registry answered, and an axios error without a response when it did
 * not.
 */
export function isTransientSerdeError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { status, isAxiosError, response } = error as {
    status?: unknown;
    isAxiosError?: unknown;
    response?: unknown;
  };
  if (typeof status === 'number') return status >= 500 || status === 429;
  return isAxiosError === true && response === undefined;
}
