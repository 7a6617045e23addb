import { SCHEMA_TYPE } from '../avro-schema';
import type { createConfigs } from '../configs';
import type { createDeletions } from '../deletions';
import { schemaNotFound, subjectNotFound } from '../errors';
import type { createSchemaOperations, RegistryView } from '../registry';
import { parseVersion } from '../requests';
import type { Route, RouteRequest } from './router';

export interface RegistryOperations {
  view: RegistryView;
  schemas: ReturnType<typeof createSchemaOperations>;
  deletions: ReturnType<typeof createDeletions>;
  configs: ReturnType<typeof createConfigs>;
}

const flag = (request: RouteRequest, name: string) =>
  request.query.get(name) === 'true';

/** The path parameter at `index`; the router guarantees it exists. */
const param = (request: RouteRequest, index: number) =>
  request.params[index] ?? '';

/**
 * The endpoints of Confluent's REST API that clients use. Bodies follow
 * Confluent's: `schemaType` is left out for Avro, as Confluent does, and
 * query parameters this registry has no use for (normalize, format,
 * subject on GET /schemas/ids) are accepted and ignored.
 */
export function registryRoutes(ops: RegistryOperations): Route[] {
  const { view, schemas, deletions, configs } = ops;

  const storedSchema = (request: RouteRequest) => {
    const id = Number(param(request, 0));
    const stored = Number.isSafeInteger(id)
      ? view.state.schemaById(id)
      : undefined;
    if (!stored) throw schemaNotFound(Number.isNaN(id) ? undefined : id);
    return stored;
  };
  const versionOf = (request: RouteRequest) =>
    view.view(
      view.entryOf(
        param(request, 0),
        parseVersion(param(request, 1)),
        flag(request, 'deleted'),
      ),
    );
  const liveEntriesOf = (request: RouteRequest) => {
    const stored = storedSchema(request);
    return view.state
      .entriesOfId(stored.id)
      .filter((e) => flag(request, 'deleted') || !e.deleted);
  };

  return [
    { method: 'GET', pattern: '/', handle: () => ({}) },
    { method: 'GET', pattern: '/schemas/types', handle: () => [SCHEMA_TYPE] },
    {
      method: 'GET',
      pattern: '/schemas/ids/:id',
      handle: (r) => ({ schema: storedSchema(r).text }),
    },
    {
      method: 'GET',
      pattern: '/schemas/ids/:id/schema',
      handle: (r) => JSON.parse(storedSchema(r).text),
    },
    {
      method: 'GET',
      pattern: '/schemas/ids/:id/versions',
      handle: (r) =>
        liveEntriesOf(r).map((e) => ({
          subject: e.subject,
          version: e.version,
        })),
    },
    {
      method: 'GET',
      pattern: '/schemas/ids/:id/subjects',
      handle: (r) => [...new Set(liveEntriesOf(r).map((e) => e.subject))],
    },
    {
      method: 'GET',
      pattern: '/subjects',
      handle: (r) =>
        view.state
          .subjectNames()
          .filter((s) => view.visible(s, flag(r, 'deleted')).length > 0),
    },
    {
      method: 'POST',
      pattern: '/subjects/:subject',
      handle: (r) => schemas.lookup(param(r, 0), r.body, flag(r, 'deleted')),
    },
    {
      method: 'DELETE',
      pattern: '/subjects/:subject',
      handle: (r) => deletions.deleteSubject(param(r, 0), flag(r, 'permanent')),
    },
    {
      method: 'GET',
      pattern: '/subjects/:subject/versions',
      handle: (r) => {
        const versions = view.visible(param(r, 0), flag(r, 'deleted'));
        if (versions.length === 0) throw subjectNotFound(param(r, 0));
        return versions.map((e) => e.version);
      },
    },
    {
      method: 'POST',
      pattern: '/subjects/:subject/versions',
      handle: (r) => schemas.register(param(r, 0), r.body),
    },
    {
      method: 'GET',
      pattern: '/subjects/:subject/versions/:version',
      handle: (r) => versionOf(r),
    },
    {
      method: 'GET',
      pattern: '/subjects/:subject/versions/:version/schema',
      handle: (r) => JSON.parse(versionOf(r).schema),
    },
    {
      method: 'DELETE',
      pattern: '/subjects/:subject/versions/:version',
      handle: (r) =>
        deletions.deleteVersion(
          param(r, 0),
          parseVersion(param(r, 1)),
          flag(r, 'permanent'),
        ),
    },
    ...configRoutes(configs),
    ...compatibilityRoutes(schemas),
  ];
}

function configRoutes(configs: RegistryOperations['configs']): Route[] {
  return [
    { method: 'GET', pattern: '/config', handle: () => configs.global() },
    {
      method: 'PUT',
      pattern: '/config',
      handle: (r) => configs.setGlobal(r.body),
    },
    {
      method: 'DELETE',
      pattern: '/config',
      handle: () => configs.deleteGlobal(),
    },
    {
      method: 'GET',
      pattern: '/config/:subject',
      handle: (r) => configs.subject(param(r, 0), flag(r, 'defaultToGlobal')),
    },
    {
      method: 'PUT',
      pattern: '/config/:subject',
      handle: (r) => configs.setSubject(param(r, 0), r.body),
    },
    {
      method: 'DELETE',
      pattern: '/config/:subject',
      handle: (r) => configs.deleteSubject(param(r, 0)),
    },
  ];
}

function compatibilityRoutes(schemas: RegistryOperations['schemas']): Route[] {
  // Confluent answers the reasons only when asked with verbose=true.
  const answer = (r: RouteRequest, problems: string[]) => ({
    is_compatible: problems.length === 0,
    ...(flag(r, 'verbose') ? { messages: problems } : {}),
  });
  return [
    {
      method: 'POST',
      pattern: '/compatibility/subjects/:subject/versions/:version',
      handle: (r) =>
        answer(r, schemas.test(param(r, 0), parseVersion(param(r, 1)), r.body)),
    },
    {
      method: 'POST',
      pattern: '/compatibility/subjects/:subject/versions',
      handle: (r) => answer(r, schemas.test(param(r, 0), undefined, r.body)),
    },
  ];
}
