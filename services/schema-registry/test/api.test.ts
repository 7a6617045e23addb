import t from 'tap';
import { testConfig } from '@leadscore/testkit';
import { call, CONTENT_TYPE, leadSchema, path, uniqueSubject } from './helpers';

const registry = testConfig()['schemaRegistry.url'];

t.test(
  'register, register again, look up, get by id, list subjects and versions',
  async (t) => {
    const subject = uniqueSubject('it.api');
    // The subject in a doc makes the schemas this test's own: ids of a
    // schema some other test registered would be reused.
    const v1 = leadSchema([{ name: 'lead_id', type: 'string', doc: subject }]);
    const v2 = leadSchema([
      { name: 'lead_id', type: 'string', doc: subject },
      { name: 'note', type: ['null', 'string'], default: null },
    ]);
    const first = await call(registry, 'POST', `${path(subject)}/versions`, {
      schema: v1,
    });
    t.equal(first.status, 200);
    t.equal(first.contentType, CONTENT_TYPE);
    const id1 = (first.body as { id: number }).id;
    t.ok(Number.isInteger(id1) && id1 > 0, 'a positive integer id');

    const again = await call(registry, 'POST', `${path(subject)}/versions`, {
      schema: v1,
      schemaType: 'AVRO',
    });
    t.same(again.body, { id: id1 }, 'the same schema keeps its id');
    const { type, name, namespace, fields } = JSON.parse(v1);
    const reordered = JSON.stringify(
      { fields, namespace, name, type },
      null,
      2,
    );
    const same = await call(registry, 'POST', `${path(subject)}/versions`, {
      schema: reordered,
    });
    t.same(
      same.body,
      { id: id1 },
      'key order and whitespace do not make a new schema',
    );

    const second = await call(registry, 'POST', `${path(subject)}/versions`, {
      schema: v2,
    });
    const id2 = (second.body as { id: number }).id;
    t.ok(id2 > id1, 'a new schema gets a new, larger id');

    t.same(
      (await call(registry, 'GET', `${path(subject)}/versions`)).body,
      [1, 2],
    );
    t.same(
      (await call(registry, 'GET', `${path(subject)}/versions/latest`)).body,
      { subject, version: 2, id: id2, schema: v2 },
    );
    t.same((await call(registry, 'GET', `${path(subject)}/versions/1`)).body, {
      subject,
      version: 1,
      id: id1,
      schema: v1,
    });
    t.same(
      (await call(registry, 'GET', `${path(subject)}/versions/1/schema`)).body,
      JSON.parse(v1),
      '.../schema answers the schema itself',
    );
    t.same((await call(registry, 'GET', `/schemas/ids/${id2}`)).body, {
      schema: v2,
    });

    const lookup = await call(registry, 'POST', path(subject), { schema: v1 });
    t.same(lookup.body, { subject, version: 1, id: id1, schema: v1 });

    const subjects = (await call(registry, 'GET', '/subjects')).body;
    t.ok((subjects as string[]).includes(subject), 'listed in /subjects');
    t.same((await call(registry, 'GET', '/schemas/types')).body, ['AVRO']);
  },
);

t.test(
  'the same schema under another subject reuses its global id',
  async (t) => {
    const a = uniqueSubject('it.api.a');
    const b = uniqueSubject('it.api.b');
    const schema = leadSchema([{ name: 'shared', type: 'long', doc: a }]);
    const first = await call(registry, 'POST', `${path(a)}/versions`, {
      schema,
    });
    const second = await call(registry, 'POST', `${path(b)}/versions`, {
      schema,
    });
    t.same(second.body, first.body);

    const id = (first.body as { id: number }).id;
    t.same((await call(registry, 'GET', `/schemas/ids/${id}/versions`)).body, [
      { subject: a, version: 1 },
      { subject: b, version: 1 },
    ]);
    t.same((await call(registry, 'GET', `/schemas/ids/${id}/subjects`)).body, [
      a,
      b,
    ]);
  },
);

t.test('plain application/json is accepted too', async (t) => {
  const subject = uniqueSubject('it.api.json');
  const answer = await call(
    registry,
    'POST',
    `${path(subject)}/versions`,
    { schema: '"string"' },
    'application/json',
  );
  t.equal(answer.status, 200);
  t.equal(answer.contentType, CONTENT_TYPE);
});

t.test('a subject name holding a slash is percent-encoded', async (t) => {
  const subject = `${uniqueSubject('it.api')}/with/slash`;
  const registered = await call(registry, 'POST', `${path(subject)}/versions`, {
    schema: '"bytes"',
  });
  t.equal(registered.status, 200);
  const latest = await call(
    registry,
    'GET',
    `${path(subject)}/versions/latest`,
  );
  t.equal((latest.body as { subject: string }).subject, subject);
});
