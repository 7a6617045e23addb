import { parseAvroSchema, SCHEMA_TYPE, type ParsedSchema } from './avro-schema';
import { isCompatibilityLevel, type CompatibilityLevel } from './config';
import {
  badRequest,
  invalidCompatibilityLevel,
  invalidSchema,
  invalidVersion,
} from './errors';

/** A version in a path: a number from 1, or `latest` (also `-1`, as
 * Confluent accepts). */
export type VersionSpec = number | 'latest';

const maxVersion = 2 ** 31 - 1;

export function parseVersion(text: string): VersionSpec {
  if (text === 'latest' || text === '-1') return 'latest';
  const version = Number(text);
  if (!/^\d+$/.test(text) || version < 1 || version > maxVersion) {
    throw invalidVersion(text);
  }
  return version;
}

/** The body of register, lookup and compatibility requests:
 * `{schema, schemaType?, references?}`. Other fields Confluent's newer
 * clients send (metadata, ruleSet) are accepted and ignored. */
export function parseSchemaRequest(body: unknown): ParsedSchema {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('request body must be a JSON object with a schema');
  }
  const { schema, schemaType, references } = body as Record<string, unknown>;

  if (schemaType !== undefined && schemaType !== null) {
    if (schemaType !== SCHEMA_TYPE) {
      throw invalidSchema(
        `schema type ${JSON.stringify(schemaType)} is not supported; this registry takes ${SCHEMA_TYPE} only`,
      );
    }
  }
  if (Array.isArray(references) && references.length > 0) {
    throw invalidSchema('schema references are not supported by this registry');
  }
  if (typeof schema !== 'string' || schema.trim() === '') {
    throw invalidSchema('the request has no schema string');
  }
  return parseAvroSchema(schema);
}

/** The body of PUT /config: `{compatibility}`, in any letter case as
 * Confluent accepts. */
export function parseConfigRequest(body: unknown): CompatibilityLevel {
  const level =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)['compatibility']
      : undefined;
  const upper = typeof level === 'string' ? level.toUpperCase() : level;
  if (!isCompatibilityLevel(upper)) throw invalidCompatibilityLevel(level);
  return upper;
}
