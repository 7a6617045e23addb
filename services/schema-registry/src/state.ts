import { parseAvroSchema, type AvroType } from './avro-schema';
import type { CompatibilityLevel } from './config';
import type { SchemaValue, StoreRecord } from './records';

/** A subject's version: which schema id it holds, and whether it was soft
 * deleted (kept, but hidden unless a request asks for deleted ones). */
export interface VersionEntry {
  subject: string;
  version: number;
  id: number;
  deleted: boolean;
}

export interface StoredSchema {
  id: number;
  text: string;
  identity: string;
  type: AvroType;
}

export interface RegistryState {
  /** Applies one record read back from the topic. Deterministic: the same
   * records in the same order give the same state, so a restart that
   * replays the topic serves the same ids and versions. Throws on a
   * schema that does not parse; the caller logs and skips it. */
  apply(record: StoreRecord): void;
  schemaById(id: number): StoredSchema | undefined;
  idOfIdentity(identity: string): number | undefined;
  /** The id a new schema gets: one above every id seen since start. */
  nextId(): number;
  subjectNames(): string[];
  /** Every version of a subject, soft-deleted ones included, oldest first. */
  versionsOf(subject: string): VersionEntry[];
  /** Every version, of any subject, that holds this id. */
  entriesOfId(id: number): VersionEntry[];
  /** A subject's own level (null: the global one), when set. */
  compatibilityOf(subject: string | null): CompatibilityLevel | undefined;
}

export function createRegistryState(): RegistryState {
  const schemas = new Map<number, StoredSchema>();
  const idsByIdentity = new Map<string, number>();
  const subjects = new Map<string, Map<number, VersionEntry>>();
  const configs = new Map<string | null, CompatibilityLevel>();
  let maxId = 0;

  const isReferenced = (id: number) =>
    [...subjects.values()].some((versions) =>
      [...versions.values()].some((entry) => entry.id === id),
    );

  // A permanently deleted schema is forgotten once no version holds it,
  // so a replay of the compacted topic (where its records are gone) and
  // the running registry agree.
  const release = (id: number) => {
    if (isReferenced(id)) return;
    const stored = schemas.get(id);
    if (stored && idsByIdentity.get(stored.identity) === id) {
      idsByIdentity.delete(stored.identity);
    }
    schemas.delete(id);
  };

  const putVersion = (value: SchemaValue) => {
    if (!schemas.has(value.id)) {
      const parsed = parseAvroSchema(value.schema);
      schemas.set(value.id, { id: value.id, ...parsed });
      if (!idsByIdentity.has(parsed.identity)) {
        idsByIdentity.set(parsed.identity, value.id);
      }
    }
    maxId = Math.max(maxId, value.id);

    const versions = subjects.get(value.subject) ?? new Map();
    const previous = versions.get(value.version);
    versions.set(value.version, {
      subject: value.subject,
      version: value.version,
      id: value.id,
      deleted: value.deleted,
    });
    subjects.set(value.subject, versions);
    if (previous && previous.id !== value.id) release(previous.id);
  };

  const removeVersion = (subject: string, version: number) => {
    const versions = subjects.get(subject);
    const previous = versions?.get(version);
    if (!versions || !previous) return;
    versions.delete(version);
    if (versions.size === 0) subjects.delete(subject);
    release(previous.id);
  };

  return {
    apply(record) {
      switch (record.kind) {
        case 'schema':
          if (record.value) putVersion(record.value);
          else removeVersion(record.subject, record.version);
          return;
        case 'config':
          if (record.compatibility) {
            configs.set(record.subject, record.compatibility);
          } else {
            configs.delete(record.subject);
          }
          return;
        case 'noop':
          return;
      }
    },
    schemaById: (id) => schemas.get(id),
    idOfIdentity: (identity) => idsByIdentity.get(identity),
    nextId: () => maxId + 1,
    subjectNames: () => [...subjects.keys()].sort(),
    versionsOf: (subject) =>
      [...(subjects.get(subject)?.values() ?? [])].sort(
        (a, b) => a.version - b.version,
      ),
    entriesOfId: (id) =>
      [...subjects.values()]
        .flatMap((versions) => [...versions.values()])
        .filter((entry) => entry.id === id)
        .sort((a, b) =>
          a.subject === b.subject
            ? a.version - b.version
            : a.subject < b.subject
              ? -1
              : 1,
        ),
    compatibilityOf: (subject) => configs.get(subject),
  };
}
