import { defineSchema } from '@leadscore/config';

/** Confluent's compatibility levels. BACKWARD: the new schema reads data
 * written with the previous one; FORWARD: the previous one reads data
 * written with the new one; FULL: both. _TRANSITIVE checks every live
 * version instead of the latest only. */
export const compatibilityLevels = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;

export type CompatibilityLevel = (typeof compatibilityLevels)[number];

export function isCompatibilityLevel(
  value: unknown,
): value is CompatibilityLevel {
  return compatibilityLevels.includes(value as CompatibilityLevel);
}

/** Settings of the embedded schema registry. Production points the
 * services at Confluent's own registry (compose.yaml) and never runs this
 * one; the services only ever see `schemaRegistry.url`. */
export const schemaRegistrySchema = defineSchema({
  'schemaRegistry.port': {
    type: 'int',
    default: 18081,
    min: 1024,
    max: 65535,
    doc: 'Loopback port the embedded schema registry listens on (it has no authentication, so never on another interface).',
  },
  'schemaRegistry.topic': {
    type: 'string',
    default: '_schemas',
    doc: 'Compacted topic that holds every registration, deletion and compatibility setting of the embedded registry.',
  },
  'schemaRegistry.defaultCompatibility': {
    type: 'enum',
    values: compatibilityLevels,
    default: 'BACKWARD_TRANSITIVE',
    doc: 'Compatibility level of subjects with none of their own, until PUT /config sets a global one.',
  },
  'schemaRegistry.storeTimeoutMs': {
    type: 'int',
    default: 30_000,
    min: 100,
    max: 300_000,
    doc: 'How long a write may take to be acknowledged and read back from the topic (else the request fails with 50002), and the start-up read to the end of the topic (else the process stops).',
  },
});

export type SchemaRegistrySchema = typeof schemaRegistrySchema;
