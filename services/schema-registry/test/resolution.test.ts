import t from 'tap';
import { parseAvroSchema } from '../src/avro-schema';
import { compatibilityProblems } from '../src/compatibility';

// No stack needed: compatibility is decided by Avro schema resolution
// alone. These are the rules of the Avro specification that the HTTP
// tests do not reach, each checked as BACKWARD (new reads old).

const type = (schema: unknown) => parseAvroSchema(JSON.stringify(schema)).type;

const record = (fields: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'record',
  name: 'Lead',
  fields,
  ...extra,
});

function backward(older: unknown, newer: unknown): string[] {
  return compatibilityProblems('BACKWARD', type(newer), [
    { version: 1, type: type(older) },
  ]);
}

t.test(
  'numeric promotion: int widens to long and double, not back',
  async (t) => {
    const asInt = record([{ name: 'n', type: 'int' }]);
    const asLong = record([{ name: 'n', type: 'long' }]);
    const asDouble = record([{ name: 'n', type: 'double' }]);
    t.same(backward(asInt, asLong), []);
    t.same(backward(asInt, asDouble), []);
    t.match(backward(asLong, asInt), [
      /cannot read data written with version 1/,
    ]);
  },
);

t.test(
  'enums: a reader needs every symbol unless it has a default',
  async (t) => {
    const enumOf = (symbols: string[], extra = {}) =>
      record([
        {
          name: 'stage',
          type: { type: 'enum', name: 'Stage', symbols, ...extra },
        },
      ]);
    t.same(backward(enumOf(['new']), enumOf(['new', 'won'])), []);
    t.match(backward(enumOf(['new', 'won']), enumOf(['new'])), [/Stage/]);
    t.same(
      backward(enumOf(['new', 'won']), enumOf(['new'], { default: 'new' })),
      [],
    );
  },
);

t.test(
  'unions: widening is fine, dropping a written branch is not',
  async (t) => {
    const nullableString = record([
      { name: 'note', type: ['null', 'string'], default: null },
    ]);
    const plainString = record([{ name: 'note', type: 'string' }]);
    t.same(backward(plainString, nullableString), []);
    t.match(backward(nullableString, plainString), [/null/]);
  },
);

t.test('a renamed record needs an alias to the old name', async (t) => {
  const old = record([{ name: 'id', type: 'string' }]);
  const renamed = { ...old, name: 'Prospect' };
  t.match(backward(old, renamed), [/Lead/]);
  t.same(backward(old, { ...renamed, aliases: ['Lead'] }), []);
});

t.test(
  'a schema registers as written; identity ignores key order',
  async (t) => {
    const text = '{ "type": "record", "name": "L", "fields": [] }';
    const reordered = '{"fields":[],"name":"L","type":"record"}';
    t.equal(
      parseAvroSchema(text).text,
      '{"type":"record","name":"L","fields":[]}',
    );
    t.equal(
      parseAvroSchema(text).identity,
      parseAvroSchema(reordered).identity,
    );
    const withDoc = '{"type":"record","name":"L","doc":"d","fields":[]}';
    t.not(
      parseAvroSchema(withDoc).identity,
      parseAvroSchema(text).identity,
      'a doc is part of the schema',
    );
  },
);
