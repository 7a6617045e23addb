import { metrics, type Attributes } from '@opentelemetry/api';

/**
 * The Kafka layer's instruments. They come from the global meter provider,
 * so telemetry must be started before the client is created; otherwise the
 * API's no-op meter is used and nothing is recorded.
 */
export function createKafkaMetrics() {
  const meter = metrics.getMeter('leadscore.kafka');
  const recordsOut = meter.createCounter('leadscore.kafka.records.out', {
    description: 'Records acknowledged by the broker',
  });
  const recordsIn = meter.createCounter('leadscore.kafka.records.in', {
    description: 'Records handed to a consumer handler and completed',
  });
  const errors = meter.createCounter('leadscore.kafka.errors', {
    description: 'Failed produce, consume and admin operations',
  });
  const batchSize = meter.createHistogram('leadscore.kafka.batch.size', {
    description: 'Records per produce request or fetched batch',
  });
  const latencyMs = meter.createHistogram('leadscore.kafka.latency', {
    description: 'Produce round trip and per-record handling time',
    unit: 'ms',
  });

  return {
    produced(topic: string, count: number, elapsedMs: number) {
      recordsOut.add(count, { topic });
      batchSize.record(count, { operation: 'produce' });
      latencyMs.record(elapsedMs, { operation: 'produce' });
    },
    consumed(topic: string, elapsedMs: number) {
      recordsIn.add(1, { topic });
      latencyMs.record(elapsedMs, { operation: 'handle' });
    },
    fetched(topic: string, count: number) {
      batchSize.record(count, { operation: 'consume', topic });
    },
    failed(operation: string, attributes: Attributes = {}) {
      errors.add(1, { operation, ...attributes });
    },
  };
}

export type KafkaMetrics = ReturnType<typeof createKafkaMetrics>;
