import t from 'tap';
import { sqlIdentifier, sqlLiteral } from '../src/index';

t.test('writes scalars', async (t) => {
  t.equal(sqlLiteral(null), 'NULL');
  t.equal(sqlLiteral(true), '1');
  t.equal(sqlLiteral(false), '0');
  t.equal(sqlLiteral(42), '42');
  t.equal(sqlLiteral(-0), '0');
  t.equal(sqlLiteral(1.5e-7), '1.5e-7');
  t.equal(sqlLiteral(12345678901234567890n), '12345678901234567890');
  t.equal(
    sqlLiteral(new Date('2026-03-01T08:00:00.999Z')),
    "toDateTime('2026-03-01 08:00:00', 'UTC')",
  );
  t.equal(sqlLiteral([1, 'a', null]), "[1, 'a', NULL]");
  t.equal(sqlLiteral(Buffer.from([0, 255, 39])), "'\\x00\\xff\\x27'");
});

t.test('escapes quotes, backslashes and control characters', async (t) => {
  t.equal(sqlLiteral("it's"), "'it\\'s'");
  t.equal(sqlLiteral('a\\b'), "'a\\\\b'");
  t.equal(sqlLiteral('\0\n\r\t\b\f'), "'\\0\\n\\r\\t\\b\\f'");
  t.equal(sqlLiteral('\u0001\u007f'), "'\\x01\\x7f'");
  t.equal(sqlLiteral('试驾 🚗'), "'试驾 🚗'");
});

t.test('refuses what it cannot write faithfully', async (t) => {
  t.throws(() => sqlLiteral(Number.NaN), { code: 'sql_literal_invalid' });
  t.throws(() => sqlLiteral(Infinity), { code: 'sql_literal_invalid' });
  t.throws(() => sqlLiteral(new Date('nope')), { code: 'sql_literal_invalid' });
  t.throws(() => sqlLiteral('\ud800 lone surrogate'), {
    code: 'sql_literal_invalid',
  });
  t.throws(() => sqlLiteral({} as never), { code: 'sql_literal_invalid' });
});

t.test('quotes identifiers', async (t) => {
  t.equal(sqlIdentifier('lead_scores'), '`lead_scores`');
  t.equal(sqlIdentifier('a`b\\c'), '`a\\`b\\\\c`');
  t.throws(() => sqlIdentifier(''), { code: 'sql_literal_invalid' });
  t.throws(() => sqlIdentifier('a\0b'), { code: 'sql_literal_invalid' });
});
