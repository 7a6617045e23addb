import { LeadscoreError } from '@leadscore/errors';

export function connectError(brokers: readonly string[], cause: unknown) {
  return new LeadscoreError(
    'kafka_connect_failed',
    `could not connect to Kafka at ${brokers.join(',')}`,
    { cause, retriable: true, context: { brokers: brokers.join(',') } },
  );
}

export function isRetriableCause(cause: unknown): boolean {
  return (
    typeof cause === 'object' &&
    cause !== null &&
    (cause as { retriable?: unknown }).retriable === true
  );
}
