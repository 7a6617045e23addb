import t from 'tap';
import { decodeRecord, encodeRecord, type StoreRecord } from '../src/records';
import { createRegistryState } from '../src/state';

// No stack needed: the state is pure, and what the topic holds is plain
// JSON. These pin down the replay a restart relies on.

const schema = (field: string) =>
  JSON.stringify({
    type: 'record',
    name: 'Lead',
    fields: [{ name: field, type: 'string' }],
  });

const put = (
  subject: string,
  version: number,
  id: number,
  field: string,
  deleted = false,
): StoreRecord => ({
  kind: 'schema',
  subject,
  version,
  value: { subject, version, id, schema: schema(field), deleted },
});

/** Through the topic's byte form and back, as a restart reads them. */
function replay(records: StoreRecord[]) {
  const state = createRegistryState();
  for (const record of records) {
    const { key, value } = encodeRecord(record);
    const decoded = decodeRecord(
      Buffer.from(key),
      value === null ? null : Buffer.from(value),
    );
    if (decoded) state.apply(decoded);
  }
  return state;
}

t.test('records keep the layout of Confluent’s _schemas topic', async (t) => {
  t.same(encodeRecord(put('s', 2, 7, 'a')), {
    key: '{"keytype":"SCHEMA","subject":"s","version":2,"magic":1}',
    value: `{"subject":"s","version":2,"id":7,"schema":${JSON.stringify(schema('a'))},"deleted":false}`,
  });
  t.same(
    encodeRecord({ kind: 'config', subject: null, compatibility: 'FULL' }),
    {
      key: '{"keytype":"CONFIG","subject":null,"magic":0}',
      value: '{"compatibilityLevel":"FULL"}',
    },
  );
  t.same(encodeRecord({ kind: 'noop' }), {
    key: '{"keytype":"NOOP","magic":0}',
    value: null,
  });
  t.equal(
    decodeRecord(Buffer.from('{"keytype":"MODE","magic":0}'), null),
    undefined,
    'key types this registry does not use are passed over',
  );
  t.throws(() => decodeRecord(Buffer.from('not json'), null));
  t.throws(() =>
    decodeRecord(
      Buffer.from('{"keytype":"SCHEMA","subject":"s","version":1,"magic":1}'),
      Buffer.from('{"subject":"s","version":1,"schema":"\\"int\\""}'),
    ),
  );
});

t.test(
  'a replay gives the same subjects, versions, ids and levels',
  async (t) => {
    const history: StoreRecord[] = [
      put('a', 1, 1, 'x'),
      put('a', 2, 2, 'y'),
      put('b', 1, 1, 'x'),
      put('a', 1, 1, 'x', true),
      { kind: 'config', subject: 'a', compatibility: 'FORWARD' },
      { kind: 'config', subject: null, compatibility: 'NONE' },
      { kind: 'noop' },
    ];
    const state = replay(history);
    t.same(state.subjectNames(), ['a', 'b']);
    t.same(
      state.versionsOf('a').map((e) => [e.version, e.id, e.deleted]),
      [
        [1, 1, true],
        [2, 2, false],
      ],
    );
    t.same(
      state.entriesOfId(1).map((e) => `${e.subject}/${e.version}`),
      ['a/1', 'b/1'],
    );
    t.equal(state.compatibilityOf('a'), 'FORWARD');
    t.equal(state.compatibilityOf(null), 'NONE');
    t.equal(state.nextId(), 3);
    t.same(replay(history).versionsOf('a'), state.versionsOf('a'));
  },
);

t.test('tombstones forget a version, and its schema once unused', async (t) => {
  const state = replay([
    put('a', 1, 1, 'x'),
    put('b', 1, 1, 'x'),
    put('a', 2, 2, 'y'),
    { kind: 'schema', subject: 'a', version: 1, value: null },
    { kind: 'schema', subject: 'a', version: 2, value: null },
    { kind: 'config', subject: 'a', compatibility: 'FULL' },
    { kind: 'config', subject: 'a', compatibility: null },
  ]);
  t.same(state.subjectNames(), ['b']);
  t.ok(state.schemaById(1), 'id 1 is still held by b');
  t.equal(state.schemaById(2), undefined, 'id 2 is held by nobody');
  t.equal(state.idOfIdentity(state.schemaById(1)?.identity ?? ''), 1);
  t.equal(state.nextId(), 3, 'a forgotten id is not handed out again');
  t.equal(state.compatibilityOf('a'), undefined);
});
