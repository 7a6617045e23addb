import t from 'tap';
import { testConfig } from '@leadscore/testkit';
import { call, errorOf, leadSchema, path, uniqueSubject } from './helpers';

const registry = testConfig()['schemaRegistry.url'];

/** Registers `count` versions, each adding an optional field, and
 * answers their ids. The subject in a doc makes the schemas its own, so
 * no other subject shares their ids. */
async function registerVersions(subject: string, count: number) {
  const ids: number[] = [];
  const fields = [{ name: 'lead_id', type: 'string', doc: subject }];
  for (let i = 0; i < count; i++) {
    const extra = Array.from({ length: i }, (_, j) => ({
      name: `extra_${j}`,
      type: ['null', 'string'],
      default: null,
    }));
    const answer = await call(registry, 'POST', `${path(subject)}/versions`, {
      schema: leadSchema([...fields, ...extra]),
    });
    ids.push((answer.body as { id: number }).id);
  }
  return ids;
}

t.test(
  'a soft-deleted version is hidden, listed with deleted=true, and keeps its number',
  async (t) => {
    const subject = uniqueSubject('it.delete.version');
    const [, id2] = await registerVersions(subject, 3);

    const deleted = await call(
      registry,
      'DELETE',
      `${path(subject)}/versions/2`,
    );
    t.same(deleted, { status: 200, contentType: deleted.contentType, body: 2 });
    t.same(
      (await call(registry, 'GET', `${path(subject)}/versions`)).body,
      [1, 3],
    );
    t.same(
      (await call(registry, 'GET', `${path(subject)}/versions?deleted=true`))
        .body,
      [1, 2, 3],
    );
    const hidden = await call(registry, 'GET', `${path(subject)}/versions/2`);
    t.equal(errorOf(hidden).error_code, 40402);
    const shown = await call(
      registry,
      'GET',
      `${path(subject)}/versions/2?deleted=true`,
    );
    t.equal((shown.body as { id: number }).id, id2);
    t.equal(
      (await call(registry, 'GET', `/schemas/ids/${id2}`)).status,
      200,
      'the id still resolves: records written with it stay readable',
    );

    const twice = await call(registry, 'DELETE', `${path(subject)}/versions/2`);
    t.equal(twice.status, 404);
    t.equal(errorOf(twice).error_code, 40406);

    const next = await call(registry, 'POST', `${path(subject)}/versions`, {
      schema: leadSchema([
        { name: 'lead_id', type: 'string' },
        { name: 'later', type: ['null', 'long'], default: null },
      ]),
    });
    t.equal(next.status, 200);
    t.same(
      (await call(registry, 'GET', `${path(subject)}/versions`)).body,
      [1, 3, 4],
      'numbering continues after a deleted version',
    );
  },
);

t.test(
  'a permanent delete needs a soft delete first, then removes the version',
  async (t) => {
    const subject = uniqueSubject('it.delete.hard');
    const [, id2] = await registerVersions(subject, 2);

    const refused = await call(
      registry,
      'DELETE',
      `${path(subject)}/versions/2?permanent=true`,
    );
    t.equal(refused.status, 404);
    t.equal(errorOf(refused).error_code, 40407);

    await call(registry, 'DELETE', `${path(subject)}/versions/2`);
    const hard = await call(
      registry,
      'DELETE',
      `${path(subject)}/versions/2?permanent=true`,
    );
    t.same(hard.body, 2);
    t.same(
      (await call(registry, 'GET', `${path(subject)}/versions?deleted=true`))
        .body,
      [1],
    );
    const gone = await call(registry, 'GET', `/schemas/ids/${id2}`);
    t.equal(
      errorOf(gone).error_code,
      40403,
      'no version holds the id any more',
    );
  },
);

t.test('soft and permanent delete of a whole subject', async (t) => {
  const subject = uniqueSubject('it.delete.subject');
  await registerVersions(subject, 2);

  const refused = await call(
    registry,
    'DELETE',
    `${path(subject)}?permanent=true`,
  );
  t.equal(errorOf(refused).error_code, 40405);

  t.same((await call(registry, 'DELETE', path(subject))).body, [1, 2]);
  const listed = (await call(registry, 'GET', '/subjects')).body as string[];
  t.notOk(listed.includes(subject), 'gone from /subjects');
  const withDeleted = (await call(registry, 'GET', '/subjects?deleted=true'))
    .body as string[];
  t.ok(withDeleted.includes(subject), 'listed with deleted=true');
  t.equal(
    errorOf(await call(registry, 'GET', `${path(subject)}/versions`))
      .error_code,
    40401,
  );
  t.equal(
    errorOf(await call(registry, 'DELETE', path(subject))).error_code,
    40404,
    'soft-deleting twice is refused',
  );

  const hard = await call(
    registry,
    'DELETE',
    `${path(subject)}?permanent=true`,
  );
  t.same(hard.body, [1, 2]);
  const after = (await call(registry, 'GET', '/subjects?deleted=true'))
    .body as string[];
  t.notOk(after.includes(subject), 'gone even with deleted=true');
  t.equal(
    errorOf(await call(registry, 'DELETE', path(subject))).error_code,
    40401,
  );

  const fresh = await call(registry, 'POST', `${path(subject)}/versions`, {
    schema: leadSchema([{ name: 'other', type: 'int' }]),
  });
  t.equal(fresh.status, 200, 'the name can be used again');
  t.same((await call(registry, 'GET', `${path(subject)}/versions`)).body, [1]);
});
