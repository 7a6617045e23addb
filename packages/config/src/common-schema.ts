import { defineSchema } from './schema';

/**
 * Keys every service reads. Service-specific keys live beside each service
 * and are merged with these (`{ ...commonSchema, ...own }`).
 */
export const commonSchema = defineSchema({
  'service.name': {
    type: 'string',
    default: 'leadscore',
    doc: 'Name reported in logs and telemetry.',
  },
  'log.level': {
    type: 'enum',
    values: ['debug', 'info', 'warn', 'error', 'silent'],
    default: 'info',
    doc: 'Lowest level written to the JSON log on stderr.',
  },
  'kafka.brokers': {
    type: 'list',
    default: ['127.0.0.1:19092'],
    doc: 'Bootstrap brokers, host:port, comma-separated.',
  },
  'kafka.clientId': {
    type: 'string',
    default: 'leadscore',
    doc: 'Client id this process reports to the brokers (quotas, broker logs).',
  },
  'kafka.connectTimeoutMs': {
    type: 'int',
    default: 5_000,
    min: 100,
    max: 120_000,
    doc: 'Time allowed for a broker connection to open.',
  },
  'kafka.requestTimeoutMs': {
    type: 'int',
    default: 30_000,
    min: 100,
    max: 300_000,
    doc: 'Time allowed for one broker request.',
  },
  'schemaRegistry.url': {
    type: 'url',
    default: 'http://127.0.0.1:18081',
    doc: 'Confluent-compatible schema registry base URL.',
  },
  'clickhouse.url': {
    type: 'url',
    default: 'http://127.0.0.1:18123',
    doc: 'ClickHouse HTTP endpoint.',
  },
  'clickhouse.database': {
    type: 'string',
    default: 'leadscore',
    doc: 'Database that holds the platform tables.',
  },
  'clickhouse.username': {
    type: 'string',
    default: 'default',
    doc: 'ClickHouse user.',
  },
  'clickhouse.password': {
    type: 'string',
    default: '',
    secret: true,
    doc: 'ClickHouse password.',
  },
  'clickhouse.requestTimeoutMs': {
    type: 'int',
    default: 30_000,
    min: 100,
    max: 600_000,
    doc: 'Time allowed for one ClickHouse request.',
  },
  'otel.exporterOtlpEndpoint': {
    type: 'url',
    optional: true,
    doc: 'OTLP/HTTP collector base URL; traces and metrics are exported there when set, nowhere when unset.',
  },
  'otel.metricIntervalMs': {
    type: 'int',
    default: 10_000,
    min: 100,
    max: 600_000,
    doc: 'How often metrics are pushed to the OTLP endpoint.',
  },
  'shutdown.deadlineMs': {
    type: 'int',
    default: 10_000,
    min: 100,
    max: 120_000,
    doc: 'Time shutdown hooks get before the process exits anyway.',
  },
});

export type CommonSchema = typeof commonSchema;
