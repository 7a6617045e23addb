import t from 'tap';
import { testConfig } from '@leadscore/testkit';
import {
  call,
  errorOf,
  leadSchema,
  path,
  uniqueSubject,
  type Field,
} from './helpers';

const registry = testConfig()['schemaRegistry.url'];

const id: Field = { name: 'lead_id', type: 'string' };
const stage: Field = { name: 'stage', type: 'string' };
const base = leadSchema([id, stage]);

/** The changes a contract goes through, each against `base`. */
const changes = {
  'add an optional field with a default': leadSchema([
    id,
    stage,
    { name: 'note', type: ['null', 'string'], default: null },
  ]),
  'add a field without a default': leadSchema([
    id,
    stage,
    { name: 'score', type: 'int' },
  ]),
  'remove a field that has no default': leadSchema([id]),
  'change a field type (string to int)': leadSchema([
    id,
    { name: 'stage', type: 'int' },
  ]),
};
type Change = keyof typeof changes;

/** What Avro resolution allows: BACKWARD (new reads old) refuses a new
 * field without default; FORWARD (old reads new) refuses dropping a field
 * old readers need; FULL refuses both; nobody reads a string as an int. */
const allowed: Record<string, Change[]> = {
  NONE: Object.keys(changes) as Change[],
  BACKWARD: [
    'add an optional field with a default',
    'remove a field that has no default',
  ],
  FORWARD: [
    'add an optional field with a default',
    'add a field without a default',
  ],
  FULL: ['add an optional field with a default'],
};

async function subjectAt(level: string, schemas: string[]) {
  const subject = uniqueSubject(`it.compat.${level.toLowerCase()}`);
  // Earlier versions are registered under NONE, so a test can build a
  // history its level would refuse, then switch to the level under test.
  await call(registry, 'PUT', `/config/${subject}`, { compatibility: 'NONE' });
  for (const schema of schemas) {
    const answer = await call(registry, 'POST', `${path(subject)}/versions`, {
      schema,
    });
    if (answer.status !== 200) throw new Error(JSON.stringify(answer.body));
  }
  await call(registry, 'PUT', `/config/${subject}`, { compatibility: level });
  return subject;
}

for (const level of ['NONE', 'BACKWARD', 'FORWARD', 'FULL']) {
  for (const suffix of level === 'NONE' ? [''] : ['', '_TRANSITIVE']) {
    const full = `${level}${suffix}`;
    t.test(`${full}: each change against one earlier version`, async (t) => {
      for (const [change, schema] of Object.entries(changes)) {
        const subject = await subjectAt(full, [base]);
        const answer = await call(
          registry,
          'POST',
          `${path(subject)}/versions`,
          { schema },
        );
        if (allowed[level]?.includes(change as Change)) {
          t.equal(answer.status, 200, `${change}: registered`);
          continue;
        }
        t.equal(answer.status, 409, `${change}: refused`);
        t.equal(errorOf(answer).error_code, 409);
        t.match(
          errorOf(answer).message,
          new RegExp(`incompatible.*${full}: .*version 1`),
          `${change}: the reason names the level and the version`,
        );
      }
    });
  }
}

t.test('the default level is BACKWARD_TRANSITIVE', async (t) => {
  const subject = uniqueSubject('it.compat.default');
  t.same(
    (await call(registry, 'GET', `/config/${subject}?defaultToGlobal=true`))
      .body,
    { compatibilityLevel: 'BACKWARD_TRANSITIVE' },
  );
  t.equal(
    errorOf(await call(registry, 'GET', `/config/${subject}`)).error_code,
    40408,
    'no subject-level config until one is set',
  );
  await call(registry, 'POST', `${path(subject)}/versions`, { schema: base });
  const refused = await call(registry, 'POST', `${path(subject)}/versions`, {
    schema: changes['add a field without a default'],
  });
  t.equal(refused.status, 409);
  t.match(errorOf(refused).message, /BACKWARD_TRANSITIVE.*score/);
});

/** Histories where the latest version accepts the candidate and an
 * earlier one does not: only the _TRANSITIVE level refuses it. */
const transitiveCases: [string, string[], string][] = [
  [
    // v2 dropped `stage`; a string-typed `stage` from v1 cannot be read
    // as the candidate's int, though v2's data (no stage) can.
    'BACKWARD',
    [base, leadSchema([id])],
    leadSchema([id, { name: 'stage', type: 'int', default: 0 }]),
  ],
  [
    // v1 readers need `stage`, which v2 (written under NONE) and the
    // candidate lack; v2 readers read the candidate fine.
    'FORWARD',
    [base, leadSchema([id])],
    leadSchema([id, { name: 'channel', type: 'string' }]),
  ],
  [
    'FULL',
    [base, leadSchema([id])],
    leadSchema([id, { name: 'stage', type: 'int', default: 0 }]),
  ],
];

for (const [level, history, candidate] of transitiveCases) {
  t.test(
    `${level}_TRANSITIVE checks every version, ${level} only the latest`,
    async (t) => {
      const latestOnly = await subjectAt(level, history);
      const accepted = await call(
        registry,
        'POST',
        `${path(latestOnly)}/versions`,
        { schema: candidate },
      );
      t.equal(accepted.status, 200, `${level} accepts`);

      const all = await subjectAt(`${level}_TRANSITIVE`, history);
      const refused = await call(registry, 'POST', `${path(all)}/versions`, {
        schema: candidate,
      });
      t.equal(refused.status, 409, `${level}_TRANSITIVE refuses`);
      t.match(errorOf(refused).message, /version 1/);
      t.notMatch(errorOf(refused).message, /version 2/);
    },
  );
}

t.test('the compatibility endpoint answers without registering', async (t) => {
  const subject = await subjectAt('BACKWARD', [base]);
  const endpoint = `/compatibility${path(subject)}/versions`;
  const bad = changes['add a field without a default'];
  const good = changes['add an optional field with a default'];

  t.same(
    (await call(registry, 'POST', `${endpoint}/latest`, { schema: good })).body,
    {
      is_compatible: true,
    },
  );
  const verbose = await call(registry, 'POST', `${endpoint}/1?verbose=true`, {
    schema: bad,
  });
  t.equal((verbose.body as { is_compatible: boolean }).is_compatible, false);
  t.match((verbose.body as { messages: string[] }).messages, [
    /BACKWARD: the new schema cannot read data written with version 1: .*score/,
  ]);
  t.same((await call(registry, 'POST', endpoint, { schema: bad })).body, {
    is_compatible: false,
  });
  t.equal(
    errorOf(await call(registry, 'POST', `${endpoint}/9`, { schema: good }))
      .error_code,
    40402,
  );
  t.same(
    (await call(registry, 'GET', `${path(subject)}/versions`)).body,
    [1],
    'nothing was registered',
  );
});

t.test('a subject level set, read back, and removed', async (t) => {
  const subject = uniqueSubject('it.compat.config');
  t.same(
    (
      await call(registry, 'PUT', `/config/${subject}`, {
        compatibility: 'full',
      })
    ).body,
    { compatibility: 'FULL' },
  );
  t.same((await call(registry, 'GET', `/config/${subject}`)).body, {
    compatibilityLevel: 'FULL',
  });
  t.same((await call(registry, 'DELETE', `/config/${subject}`)).body, {
    compatibilityLevel: 'FULL',
  });
  t.equal(
    errorOf(await call(registry, 'GET', `/config/${subject}`)).error_code,
    40408,
  );
});
