import { compatibilityProblems } from './compatibility';
import type { CompatibilityLevel } from './config';
import {
  incompatibleSchema,
  schemaNotFound,
  subjectNotFound,
  versionNotFound,
} from './errors';
import { parseSchemaRequest, type VersionSpec } from './requests';
import type { VersionEntry } from './state';
import type { SchemaStore } from './store';

export interface RegistryOptions {
  /** Level of subjects with none of their own while no global one is set. */
  defaultCompatibility: CompatibilityLevel;
}

export interface SchemaVersionView {
  subject: string;
  version: number;
  id: number;
  schema: string;
}

/** Read access shared by the registry's operations. */
export function createRegistryView(
  store: SchemaStore,
  options: RegistryOptions,
) {
  const state = store.state;

  const visible = (subject: string, includeDeleted = false) =>
    state.versionsOf(subject).filter((e) => includeDeleted || !e.deleted);

  const schemaOf = (id: number) => {
    const stored = state.schemaById(id);
    // Every version's schema is applied with it; a miss is a bug.
    if (!stored) throw new Error(`schema ${id} of a live version is missing`);
    return stored;
  };

  return {
    state,
    visible,
    schemaOf,
    levelOf: (subject: string | null): CompatibilityLevel =>
      (subject === null ? undefined : state.compatibilityOf(subject)) ??
      state.compatibilityOf(null) ??
      options.defaultCompatibility,
    typesOf: (entries: readonly VersionEntry[]) =>
      entries.map((e) => ({ version: e.version, type: schemaOf(e.id).type })),
    view: (entry: VersionEntry): SchemaVersionView => ({
      subject: entry.subject,
      version: entry.version,
      id: entry.id,
      schema: schemaOf(entry.id).text,
    }),
    /** The version a path names, among those a request may see. */
    entryOf(subject: string, spec: VersionSpec, includeDeleted = false) {
      const candidates = visible(subject, includeDeleted);
      if (candidates.length === 0) throw subjectNotFound(subject);
      const entry =
        spec === 'latest'
          ? candidates[candidates.length - 1]
          : candidates.find((e) => e.version === spec);
      if (!entry) throw versionNotFound(subject, spec);
      return entry;
    },
  };
}

export type RegistryView = ReturnType<typeof createRegistryView>;

/** Runs writes one at a time: each decides (next version, next id,
 * compatibility) on the state its predecessor's write left. The registry
 * is the topic's only writer; two registries on one topic could both
 * take the same version number, and the later record would win. */
export function createWriteQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(operation: () => Promise<T>): Promise<T> => {
    const run = tail.then(operation, operation);
    tail = run.catch(() => undefined);
    return run;
  };
}

export type WriteQueue = ReturnType<typeof createWriteQueue>;

/** POST /subjects/{subject}/versions and POST /subjects/{subject}. */
export function createSchemaOperations(
  store: SchemaStore,
  view: RegistryView,
  exclusive: WriteQueue,
) {
  const { state } = view;

  return {
    /** Registers a schema, or returns the id it already has under the
     * subject. A schema registered under another subject keeps its id. */
    register(subject: string, body: unknown): Promise<{ id: number }> {
      const parsed = parseSchemaRequest(body);
      return exclusive(async () => {
        const versions = state.versionsOf(subject);
        const live = versions.filter((e) => !e.deleted);
        const same = live.find(
          (e) => view.schemaOf(e.id).identity === parsed.identity,
        );
        if (same) return { id: same.id };

        const level = view.levelOf(subject);
        const problems = compatibilityProblems(
          level,
          parsed.type,
          view.typesOf(live),
        );
        if (problems.length > 0) throw incompatibleSchema(subject, problems);

        const id = state.idOfIdentity(parsed.identity) ?? state.nextId();
        const version = (versions[versions.length - 1]?.version ?? 0) + 1;
        await store.write([
          {
            kind: 'schema',
            subject,
            version,
            value: {
              subject,
              version,
              id,
              schema: parsed.text,
              deleted: false,
            },
          },
        ]);
        return { id };
      });
    },

    /** The version under `subject` that holds this schema. */
    lookup(
      subject: string,
      body: unknown,
      includeDeleted: boolean,
    ): SchemaVersionView {
      const parsed = parseSchemaRequest(body);
      const candidates = view.visible(subject, includeDeleted);
      if (candidates.length === 0) throw subjectNotFound(subject);
      const matches = candidates.filter(
        (e) => view.schemaOf(e.id).identity === parsed.identity,
      );
      const match = matches[matches.length - 1];
      if (!match) throw schemaNotFound();
      return view.view(match);
    },

    /** POST /compatibility/subjects/{subject}/versions[/{version}]: the
     * subject's level against the named version, or against what the
     * level covers (latest, or every live version) when none or `latest`
     * is named. Nothing is written. */
    test(
      subject: string,
      spec: VersionSpec | undefined,
      body: unknown,
    ): string[] {
      const parsed = parseSchemaRequest(body);
      const level = view.levelOf(subject);
      const against =
        spec === undefined || spec === 'latest'
          ? view.visible(subject)
          : [view.entryOf(subject, spec)];
      return compatibilityProblems(level, parsed.type, view.typesOf(against));
    },
  };
}
