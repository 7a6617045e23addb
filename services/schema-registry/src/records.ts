import { isCompatibilityLevel, type CompatibilityLevel } from './config';

/** One registered version as the topic holds it. */
export interface SchemaValue {
  subject: string;
  version: number;
  id: number;
  schema: string;
  deleted: boolean;
}

/**
 * What the registry writes to its topic. Each record is keyed by what it
 * describes (a subject's version, a subject's config), so compaction keeps
 * the latest state of each and a replay rebuilds the same registry. A null
 * value is a tombstone: a permanent delete, or a config removed.
 */
export type StoreRecord =
  | {
      kind: 'schema';
      subject: string;
      version: number;
      value: SchemaValue | null;
    }
  | {
      kind: 'config';
      /** null: the global level. */
      subject: string | null;
      compatibility: CompatibilityLevel | null;
    }
  /** Written at start: reading back to it means the topic is read to its
   * end. A tombstone, so compaction drops the old ones. */
  | { kind: 'noop' };

// Keys and values use the JSON layout of Confluent's own `_schemas`
// topic, field order included (compaction compares key bytes).
export function encodeRecord(record: StoreRecord): {
  key: string;
  value: string | null;
} {
  switch (record.kind) {
    case 'schema':
      return {
        key: JSON.stringify({
          keytype: 'SCHEMA',
          subject: record.subject,
          version: record.version,
          magic: 1,
        }),
        value: record.value && JSON.stringify(record.value),
      };
    case 'config':
      return {
        key: JSON.stringify({
          keytype: 'CONFIG',
          subject: record.subject,
          magic: 0,
        }),
        value:
          record.compatibility &&
          JSON.stringify({ compatibilityLevel: record.compatibility }),
      };
    case 'noop':
      return {
        key: JSON.stringify({ keytype: 'NOOP', magic: 0 }),
        value: null,
      };
  }
}

/** The record a topic entry holds; undefined for key types this registry
 * does not use (Confluent's MODE or DELETE_SUBJECT). Throws on an entry
 * it cannot read, which the caller logs and skips. */
export function decodeRecord(
  key: Buffer | null,
  value: Buffer | null,
): StoreRecord | undefined {
  const parsedKey = parseObject(key, 'key');
  const body = value === null ? null : parseObject(value, 'value');

  switch (parsedKey['keytype']) {
    case 'NOOP':
      return { kind: 'noop' };
    case 'SCHEMA': {
      const subject = parsedKey['subject'];
      const version = parsedKey['version'];
      if (typeof subject !== 'string' || !isVersion(version)) {
        throw new Error('SCHEMA key without subject and version');
      }
      return {
        kind: 'schema',
        subject,
        version,
        value: body && schemaValueOf(body, subject, version),
      };
    }
    case 'CONFIG': {
      const subject = parsedKey['subject'] ?? null;
      if (subject !== null && typeof subject !== 'string') {
        throw new Error('CONFIG key with a subject that is not a string');
      }
      const level = body?.['compatibilityLevel'];
      if (body && !isCompatibilityLevel(level)) {
        throw new Error('CONFIG value without a known compatibilityLevel');
      }
      return {
        kind: 'config',
        subject,
        compatibility: body ? (level as CompatibilityLevel) : null,
      };
    }
    default:
      return undefined;
  }
}

function schemaValueOf(
  body: Record<string, unknown>,
  subject: string,
  version: number,
): SchemaValue {
  const { id, schema, deleted, schemaType } = body;
  if (!isVersion(id) || typeof schema !== 'string') {
    throw new Error('SCHEMA value without id and schema');
  }
  if (schemaType !== undefined && schemaType !== 'AVRO') {
    throw new Error(`SCHEMA value of unsupported type ${String(schemaType)}`);
  }
  return { subject, version, id, schema, deleted: deleted === true };
}

function isVersion(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

function parseObject(
  bytes: Buffer | null,
  what: string,
): Record<string, unknown> {
  if (bytes === null) throw new Error(`record without ${what}`);
  const parsed: unknown = JSON.parse(bytes.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`record ${what} is not a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
