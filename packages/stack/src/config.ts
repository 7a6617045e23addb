import { defineSchema } from '@leadscore/config';
import { schemaRegistrySchema } from '@leadscore/schema-registry/config';

/** Settings of the embedded stack (the one-machine default). Production
 * deployments (compose.yaml) run their own Kafka, schema registry and
 * ClickHouse and never read these. The embedded registry's own keys are
 * part of them: the stack starts it, and every script and test that
 * shares the stack's environment must accept them. */
export const stackSchema = defineSchema({
  ...schemaRegistrySchema,
  'stack.dir': {
    type: 'string',
    default: '.stack/dev',
    doc: 'State folder (broker log, ClickHouse data, pid files), relative to the repository root unless absolute.',
  },
  'stack.kafkaPort': {
    type: 'int',
    default: 19092,
    min: 1024,
    max: 65535,
    doc: 'Loopback port of the broker listener.',
  },
  'stack.kafkaControllerPort': {
    type: 'int',
    default: 19093,
    min: 1024,
    max: 65535,
    doc: 'Loopback port of the KRaft controller listener.',
  },
  'stack.clickhouseHttpPort': {
    type: 'int',
    default: 18123,
    min: 1024,
    max: 65535,
    doc: 'Loopback HTTP port of ClickHouse (not 8123: the OS package may run its own server there).',
  },
  'stack.clickhouseTcpPort': {
    type: 'int',
    default: 19000,
    min: 1024,
    max: 65535,
    doc: 'Loopback native-protocol port of ClickHouse (not 9000).',
  },
  'stack.kafkaHeapMb': {
    type: 'int',
    default: 512,
    min: 128,
    max: 16384,
    doc: 'Broker JVM heap; the machine is shared with ClickHouse and the services.',
  },
  'stack.startTimeoutMs': {
    type: 'int',
    default: 120_000,
    min: 1_000,
    max: 600_000,
    doc: 'How long each component may take to become healthy.',
  },
});

export type StackSchema = typeof stackSchema;
