import {
  subjectNotFound,
  subjectNotSoftDeleted,
  subjectSoftDeleted,
  versionNotFound,
  versionNotSoftDeleted,
  versionSoftDeleted,
} from './errors';
import type { StoreRecord } from './records';
import type { RegistryView, WriteQueue } from './registry';
import type { VersionSpec } from './requests';
import type { VersionEntry } from './state';
import type { SchemaStore } from './store';

/**
 * Deletes as Confluent's registry does them: a soft delete hides a
 * version (or every version of a subject) but keeps its id and number;
 * `permanent=true` then removes it from the topic with a tombstone, and
 * is refused for what was not soft deleted first.
 */
export function createDeletions(
  store: SchemaStore,
  view: RegistryView,
  exclusive: WriteQueue,
) {
  const { state } = view;

  const softDelete = (entry: VersionEntry): StoreRecord => ({
    kind: 'schema',
    subject: entry.subject,
    version: entry.version,
    value: {
      subject: entry.subject,
      version: entry.version,
      id: entry.id,
      schema: view.schemaOf(entry.id).text,
      deleted: true,
    },
  });

  const tombstone = (entry: VersionEntry): StoreRecord => ({
    kind: 'schema',
    subject: entry.subject,
    version: entry.version,
    value: null,
  });

  return {
    /** DELETE /subjects/{subject}: the versions deleted. */
    deleteSubject(subject: string, permanent: boolean): Promise<number[]> {
      return exclusive(async () => {
        const all = state.versionsOf(subject);
        if (all.length === 0) throw subjectNotFound(subject);
        const live = all.filter((e) => !e.deleted);

        if (!permanent) {
          if (live.length === 0) throw subjectSoftDeleted(subject);
          await store.write(live.map(softDelete));
          return live.map((e) => e.version);
        }

        if (live.length > 0) throw subjectNotSoftDeleted(subject);
        const records = all.map(tombstone);
        if (state.compatibilityOf(subject)) {
          records.push({ kind: 'config', subject, compatibility: null });
        }
        await store.write(records);
        return all.map((e) => e.version);
      });
    },

    /** DELETE /subjects/{subject}/versions/{version}: the version deleted. */
    deleteVersion(
      subject: string,
      spec: VersionSpec,
      permanent: boolean,
    ): Promise<number> {
      return exclusive(async () => {
        const all = state.versionsOf(subject);
        const live = all.filter((e) => !e.deleted);
        // A subject whose versions are all soft deleted is gone, except
        // to a permanent delete.
        const candidates = permanent ? all : live;
        if (candidates.length === 0) throw subjectNotFound(subject);
        const entry =
          spec === 'latest'
            ? candidates[candidates.length - 1]
            : all.find((e) => e.version === spec);
        if (!entry) throw versionNotFound(subject, spec);

        if (!permanent) {
          if (entry.deleted) throw versionSoftDeleted(subject, entry.version);
          await store.write([softDelete(entry)]);
        } else {
          if (!entry.deleted) {
            throw versionNotSoftDeleted(subject, entry.version);
          }
          await store.write([tombstone(entry)]);
        }
        return entry.version;
      });
    },
  };
}
