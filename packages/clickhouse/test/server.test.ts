import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { testConfig, testLogger, uniqueName } from '@leadscore/testkit';
import {
  createBatchInserter,
  createClickhouse,
  migrate,
  readMigrations,
  sqlIdentifier,
  sqlLiteral,
} from '../src/index';

const config = testConfig();
const logger = testLogger();
const database = uniqueName('it_clickhouse');
const clickhouse = createClickhouse({
  url: config['clickhouse.url'],
  database,
  logger,
});
const admin = createClickhouse({
  url: config['clickhouse.url'],
  database: 'default',
  logger,
});

t.before(async () => {
  await admin.command(
    `CREATE DATABASE IF NOT EXISTS ${sqlIdentifier(database)}`,
  );
});
t.teardown(async () => {
  await admin.command(`DROP DATABASE IF EXISTS ${sqlIdentifier(database)}`);
  await Promise.all([clickhouse.close(), admin.close()]);
});

const hostile = [
  "O'Brien",
  "''; DROP TABLE leads; --",
  'back\\slash\\',
  "\\'",
  'nul\0byte',
  'line\nbreak\r\ntab\t',
  '\u0001\u0002\u001f\u007f',
  '试驾预约，客户想了解续航',
  'emoji 🚗⚡ and combining é',
  "' OR 1=1 UNION SELECT version() --",
  '`backtick` "double" $dollar {brace} ?',
  '',
];

t.test(
  'hostile strings survive a real insert and select unchanged',
  async (t) => {
    const table = uniqueName('literals');
    await clickhouse.command(
      `CREATE TABLE ${sqlIdentifier(table)} (id UInt32, s String) ENGINE = MergeTree ORDER BY id`,
    );
    const values = hostile
      .map((s, i) => `(${sqlLiteral(i)}, ${sqlLiteral(s)})`)
      .join(', ');
    await clickhouse.command(
      `INSERT INTO ${sqlIdentifier(table)} (id, s) VALUES ${values}`,
    );

    const rows = await clickhouse.query<{ id: number; s: string }>(
      `SELECT id, s FROM ${sqlIdentifier(table)} ORDER BY id`,
    );
    t.same(
      rows.map((r) => r.s),
      hostile,
    );

    for (const [i, s] of hostile.entries()) {
      const found = await clickhouse.query<{ id: number }>(
        `SELECT id FROM ${sqlIdentifier(table)} WHERE s = ${sqlLiteral(s)}`,
      );
      t.same(
        found.map((r) => Number(r.id)),
        [i],
        `lookup by value ${i}`,
      );
    }
  },
);

t.test('bytes and numbers round-trip through literals', async (t) => {
  const rows = await clickhouse.query<{ b: string; n: number; big: string }>(
    `SELECT hex(${sqlLiteral(Buffer.from([0, 1, 254, 255]))}) AS b, ${sqlLiteral(-2.5)} AS n, toString(${sqlLiteral(18446744073709551615n)}) AS big`,
  );
  t.same(rows, [{ b: '0001FEFF', n: -2.5, big: '18446744073709551615' }]);
});

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-migrations-'));
  for (const [name, text] of Object.entries(files))
    writeFileSync(join(dir, name), text);
  return dir;
}

t.test('migrations apply once; applying them twice is harmless', async (t) => {
  const db = uniqueName('it_migrate_twice');
  const own = createClickhouse({
    url: config['clickhouse.url'],
    database: db,
    logger,
  });
  t.teardown(async () => {
    await admin.command(`DROP DATABASE IF EXISTS ${sqlIdentifier(db)}`);
    await own.close();
  });
  const dir = migrationsDir({
    '0001_lead_scores.sql': `-- scores, one row per score_id
CREATE TABLE IF NOT EXISTS lead_scores (
  score_id String, lead_id String, score Float64, scored_at DateTime
) ENGINE = ReplacingMergeTree ORDER BY score_id;`,
    '0002_assignments.sql': `CREATE TABLE IF NOT EXISTS assignments (
  experiment_id String, lead_id String, arm String
) ENGINE = ReplacingMergeTree ORDER BY (experiment_id, lead_id);
CREATE TABLE IF NOT EXISTS assignment_notes (lead_id String) ENGINE = MergeTree ORDER BY lead_id;`,
  });
  const migrations = readMigrations(dir);
  t.same(
    migrations.map((m) => m.statements.length),
    [1, 2],
  );

  const first = await migrate(own, admin, migrations, logger);
  t.same(first, { applied: [1, 2], alreadyApplied: [] });
  const second = await migrate(own, admin, migrations, logger);
  t.same(second, { applied: [], alreadyApplied: [1, 2] });

  const tables = await own.query<{ name: string }>(
    `SELECT name FROM system.tables WHERE database = ${sqlLiteral(db)} ORDER BY name`,
  );
  t.same(
    tables.map((r) => r.name),
    ['assignment_notes', 'assignments', 'lead_scores', 'schema_migrations'],
  );
  const recorded = await own.query<{ n: string }>(
    'SELECT count() AS n FROM schema_migrations FINAL',
  );
  t.equal(Number(recorded[0]?.n), 2);
});

t.test('a migration edited after it was applied is refused', async (t) => {
  const db = uniqueName('it_migrate_edit');
  const own = createClickhouse({
    url: config['clickhouse.url'],
    database: db,
    logger,
  });
  t.teardown(async () => {
    await admin.command(`DROP DATABASE IF EXISTS ${sqlIdentifier(db)}`);
    await own.close();
  });
  const table =
    'CREATE TABLE IF NOT EXISTS t (a String) ENGINE = MergeTree ORDER BY a;';
  await migrate(
    own,
    admin,
    readMigrations(migrationsDir({ '0001_t.sql': table })),
    logger,
  );
  const edited = readMigrations(
    migrationsDir({ '0001_t.sql': table + '\n-- edited' }),
  );
  await t.rejects(migrate(own, admin, edited, logger), {
    code: 'migration_failed',
    message: /changed after it was applied/,
  });
});

t.test('a bad migration names its version and statement', async (t) => {
  const db = uniqueName('it_migrate_bad');
  const own = createClickhouse({
    url: config['clickhouse.url'],
    database: db,
    logger,
  });
  t.teardown(async () => {
    await admin.command(`DROP DATABASE IF EXISTS ${sqlIdentifier(db)}`);
    await own.close();
  });
  const dir = migrationsDir({
    '0007_broken.sql':
      'CREATE TABLE IF NOT EXISTS ok1 (a String) ENGINE = MergeTree ORDER BY a;\nCREATE TABLEX nope;',
  });
  await t.rejects(migrate(own, admin, readMigrations(dir), logger), {
    code: 'migration_failed',
    message: /0007_broken statement 2 failed/,
  });
});

t.test(
  'the batch inserter writes full batches at once and the rest after the linger',
  async (t) => {
    const table = uniqueName('batched');
    await clickhouse.command(
      `CREATE TABLE ${sqlIdentifier(table)} (id UInt32, note String) ENGINE = MergeTree ORDER BY id`,
    );
    const inserter = createBatchInserter(clickhouse, {
      table,
      maxBatchRows: 100,
      lingerMs: 50,
      maxBufferedRows: 1_000,
      logger,
    });
    const rows = Array.from({ length: 250 }, (_, id) => ({
      id,
      note: `n${id}`,
    }));
    const pending = [];
    for (let i = 0; i < rows.length; i += 10)
      pending.push(inserter.add(rows.slice(i, i + 10)));
    await Promise.all(pending);

    const counted = await clickhouse.query<{ n: string }>(
      `SELECT count() AS n FROM ${sqlIdentifier(table)}`,
    );
    t.equal(Number(counted[0]?.n), 250);
    t.equal(inserter.bufferedRows, 0);
    await inserter.close();
    await t.rejects(inserter.add([{ id: 1, note: 'late' }]), {
      code: 'clickhouse_insert_failed',
    });
  },
);

t.test(
  'the batch inserter refuses rows beyond its bound instead of growing',
  async (t) => {
    const table = uniqueName('bounded');
    await clickhouse.command(
      `CREATE TABLE ${sqlIdentifier(table)} (id UInt32) ENGINE = MergeTree ORDER BY id`,
    );
    const inserter = createBatchInserter(clickhouse, {
      table,
      maxBatchRows: 1_000,
      lingerMs: 10_000,
      maxBufferedRows: 5,
      logger,
    });
    const accepted = inserter.add([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
    await t.rejects(inserter.add([{ id: 5 }, { id: 6 }]), {
      code: 'clickhouse_buffer_full',
      retriable: true,
    });
    await inserter.close();
    await accepted;
    const counted = await clickhouse.query<{ n: string }>(
      `SELECT count() AS n FROM ${sqlIdentifier(table)}`,
    );
    t.equal(Number(counted[0]?.n), 4);
  },
);

t.test(
  'a rejected insert fails the rows that were in it, with the table named',
  async (t) => {
    const inserter = createBatchInserter(clickhouse, {
      table: uniqueName('missing_table'),
      maxBatchRows: 10,
      lingerMs: 10,
      maxBufferedRows: 100,
      retryDeadlineMs: 500,
      logger,
    });
    await t.rejects(inserter.add([{ id: 1 }]), {
      code: 'clickhouse_insert_failed',
    });
    await inserter.close();
  },
);
