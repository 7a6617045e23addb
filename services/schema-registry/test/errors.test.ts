import t from 'tap';
import { testConfig } from '@leadscore/testkit';
import {
  call,
  CONTENT_TYPE,
  errorOf,
  leadSchema,
  path,
  uniqueSubject,
} from './helpers';

const registry = testConfig()['schemaRegistry.url'];
const schema = leadSchema([{ name: 'lead_id', type: 'string' }]);

t.test('404s carry Confluent error codes 40401, 40402, 40403', async (t) => {
  const missing = uniqueSubject('it.errors.missing');
  const subject = uniqueSubject('it.errors');
  await call(registry, 'POST', `${path(subject)}/versions`, { schema });

  const cases: [string, string, unknown, number][] = [
    ['GET', `${path(missing)}/versions`, undefined, 40401],
    ['GET', `${path(missing)}/versions/latest`, undefined, 40401],
    ['POST', path(missing), { schema }, 40401],
    ['GET', `${path(subject)}/versions/7`, undefined, 40402],
    ['DELETE', `${path(subject)}/versions/7`, undefined, 40402],
    ['GET', '/schemas/ids/2147483000', undefined, 40403],
    [
      'POST',
      path(subject),
      { schema: leadSchema([{ name: 'other', type: 'int' }]) },
      40403,
    ],
  ];
  for (const [method, where, body, code] of cases) {
    const answer = await call(registry, method, where, body);
    t.equal(answer.status, 404, `${method} ${where}`);
    t.equal(answer.contentType, CONTENT_TYPE);
    t.equal(errorOf(answer).error_code, code, `${method} ${where}`);
    t.type(errorOf(answer).message, 'string');
  }
});

t.test(
  'invalid schemas are 422 with error code 42201 and the reason',
  async (t) => {
    const subject = uniqueSubject('it.errors.invalid');
    const cases: [unknown, RegExp][] = [
      [{ schema: '{"type": "record", "name": "X", "fields": [' }, /not JSON/],
      [{ schema: leadSchema([{ name: 'a', type: 'strin' }]) }, /strin/],
      [
        { schema: leadSchema([{ name: 'a', type: 'int', default: 'x' }]) },
        /default/,
      ],
      [{ schema: '{"type": "record", "fields": []}' }, /name/],
      [{ schema, schemaType: 'PROTOBUF' }, /PROTOBUF.*not supported/],
      [
        {
          schema,
          references: [{ name: 'x', subject: 'y', version: 1 }],
        },
        /references/,
      ],
      [{ schemaType: 'AVRO' }, /no schema/],
    ];
    for (const [body, reason] of cases) {
      const answer = await call(
        registry,
        'POST',
        `${path(subject)}/versions`,
        body,
      );
      t.equal(answer.status, 422, JSON.stringify(body).slice(0, 60));
      t.equal(errorOf(answer).error_code, 42201);
      t.match(errorOf(answer).message, reason);
    }
    t.equal(
      errorOf(await call(registry, 'GET', `${path(subject)}/versions`))
        .error_code,
      40401,
      'nothing was registered',
    );
  },
);

t.test('invalid versions are 42202, invalid levels 42203', async (t) => {
  const subject = uniqueSubject('it.errors.version');
  await call(registry, 'POST', `${path(subject)}/versions`, { schema });
  for (const version of ['0', 'abc', '2147483648', '1.5']) {
    const answer = await call(
      registry,
      'GET',
      `${path(subject)}/versions/${version}`,
    );
    t.equal(answer.status, 422, version);
    t.equal(errorOf(answer).error_code, 42202, version);
  }
  for (const compatibility of ['SIDEWAYS', '', 7]) {
    const answer = await call(registry, 'PUT', `/config/${subject}`, {
      compatibility,
    });
    t.equal(answer.status, 422, String(compatibility));
    t.equal(errorOf(answer).error_code, 42203);
    t.match(errorOf(answer).message, /BACKWARD_TRANSITIVE/);
  }
});

t.test('malformed requests are refused without a stack trace', async (t) => {
  const subject = uniqueSubject('it.errors.body');
  const notJson = await call(
    registry,
    'POST',
    `${path(subject)}/versions`,
    '{"schema": ',
  );
  t.equal(notJson.status, 400);
  t.match(errorOf(notJson).message, /not valid JSON/);

  const text = await call(
    registry,
    'POST',
    `${path(subject)}/versions`,
    JSON.stringify({ schema }),
    'text/plain',
  );
  t.equal(text.status, 400);
  t.match(errorOf(text).message, /content type/);

  const unknownPath = await call(registry, 'GET', '/no/such/thing');
  t.same(unknownPath.status, 404);
  t.equal(errorOf(unknownPath).error_code, 404);
  const wrongMethod = await call(registry, 'PATCH', '/subjects');
  t.equal(wrongMethod.status, 405);
});
