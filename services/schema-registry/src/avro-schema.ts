import avro from 'avsc';
import { invalidSchema } from './errors';

export type AvroType = avro.Type;

/** The only schema type this registry takes. Confluent's registry also
 * takes JSON Schema and Protobuf; the platform's contracts are Avro. */
export const SCHEMA_TYPE = 'AVRO';

export interface ParsedSchema {
  /** The schema as stored and served: the client's JSON, whitespace
   * removed, attributes (doc, logicalType, custom ones) kept as written. */
  text: string;
  /** What decides that two registrations are the same schema, so they
   * share an id: the JSON with object keys sorted, so key order and
   * whitespace do not matter but every attribute does. */
  identity: string;
  type: AvroType;
}

/**
 * Validates a schema string the way Confluent's registry does for Avro:
 * JSON, every named type named, every default valid for its field's type.
 * Throws 42201 with the parser's reason.
 */
export function parseAvroSchema(text: string): ParsedSchema {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw invalidSchema(`schema is not JSON: ${(cause as Error).message}`);
  }

  let type: AvroType;
  try {
    // Avro's specification requires names on records, enums and fixed;
    // avsc would otherwise accept anonymous ones that Java clients refuse.
    type = avro.Type.forSchema(json as avro.Schema, {
      noAnonymousTypes: true,
    });
  } catch (cause) {
    throw invalidSchema(`invalid Avro schema: ${(cause as Error).message}`);
  }

  return {
    text: JSON.stringify(json),
    identity: stableStringify(json),
    type,
  };
}

/** JSON with the keys of every object sorted; arrays keep their order
 * (field order and union branch order are part of an Avro schema). */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => stableStringify(item)).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(
        ([key, inner]) => `${JSON.stringify(key)}:${stableStringify(inner)}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
