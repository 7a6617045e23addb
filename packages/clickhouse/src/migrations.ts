import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LeadscoreError } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import type { Clickhouse } from './client';
import { sqlIdentifier, sqlLiteral } from './literal';

export interface Migration {
  version: number;
  name: string;
  /** The file name without `.sql`, e.g. `0007_lead_scores`. */
  id: string;
  statements: string[];
  checksum: string;
}

export interface MigrationResult {
  applied: number[];
  alreadyApplied: number[];
}

const fileNamePattern = /^(\d{4})_([a-z0-9_]+)\.sql$/;
export const MIGRATIONS_TABLE = 'schema_migrations';

/** Default folder of the platform's own migrations. */
export const platformMigrationsDir = new URL('../migrations', import.meta.url)
  .pathname;

/**
 * Reads `NNNN_name.sql` files in version order. Statements are separated
 * by a `;` at the end of a line; `--` comment lines are dropped.
 */
export function readMigrations(dir: string): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const migrations = files.map((file) => {
    const match = fileNamePattern.exec(file);
    if (!match) {
      throw new LeadscoreError(
        'migration_failed',
        `migration file ${file} is not named NNNN_name.sql`,
        {
          context: { file, dir },
        },
      );
    }
    const text = readFileSync(join(dir, file), 'utf8');
    return {
      version: Number(match[1]),
      name: match[2] ?? file,
      id: file.slice(0, -'.sql'.length),
      statements: splitStatements(text),
      checksum: createHash('sha256').update(text).digest('hex').slice(0, 16),
    };
  });
  const versions = migrations.map((m) => m.version);
  const repeated = versions.find((v, i) => versions.indexOf(v) !== i);
  if (repeated !== undefined) {
    throw new LeadscoreError(
      'migration_failed',
      `two migrations share version ${repeated}`,
      {
        context: { dir, version: repeated },
      },
    );
  }
  return migrations;
}

export function splitStatements(text: string): string[] {
  const body = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
  return body
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Creates the database if missing and applies the migrations not yet
 * recorded. Every statement must be safe to run twice (`IF NOT EXISTS`),
 * because a migration interrupted half-way is re-run whole. A recorded
 * migration whose file changed since is an error, not a silent skip.
 * One process migrates at a time: the services start after the stack has
 * migrated, so there is no lock table.
 */
export async function migrate(
  clickhouse: Clickhouse,
  admin: Clickhouse,
  migrations: readonly Migration[],
  logger: Logger,
): Promise<MigrationResult> {
  const log = logger.child('migrations');
  await admin.command(
    `CREATE DATABASE IF NOT EXISTS ${sqlIdentifier(clickhouse.database)}`,
  );
  await clickhouse.command(
    `CREATE TABLE IF NOT EXISTS ${sqlIdentifier(MIGRATIONS_TABLE)} (
       version UInt32, name String, checksum String, applied_at DateTime
     ) ENGINE = ReplacingMergeTree ORDER BY version`,
  );
  const recorded = await clickhouse.query<{
    version: number;
    checksum: string;
  }>(`SELECT version, checksum FROM ${sqlIdentifier(MIGRATIONS_TABLE)} FINAL`);
  const checksums = new Map(
    recorded.map((r) => [Number(r.version), r.checksum]),
  );
  const result: MigrationResult = { applied: [], alreadyApplied: [] };

  for (const migration of migrations) {
    const known = checksums.get(migration.version);
    if (known !== undefined) {
      if (known !== migration.checksum) {
        throw new LeadscoreError(
          'migration_failed',
          `migration ${migration.id} changed after it was applied; add a new migration instead`,
          {
            context: {
              version: migration.version,
              database: clickhouse.database,
            },
          },
        );
      }
      result.alreadyApplied.push(migration.version);
      continue;
    }

    for (const [index, statement] of migration.statements.entries()) {
      try {
        await clickhouse.command(statement);
      } catch (cause) {
        throw new LeadscoreError(
          'migration_failed',
          `migration ${migration.id} statement ${index + 1} failed`,
          {
            cause,
            context: { version: migration.version, statement: index + 1 },
          },
        );
      }
    }
    await clickhouse.command(
      `INSERT INTO ${sqlIdentifier(MIGRATIONS_TABLE)} (version, name, checksum, applied_at) VALUES (${[
        sqlLiteral(migration.version),
        sqlLiteral(migration.name),
        sqlLiteral(migration.checksum),
        sqlLiteral(new Date()),
      ].join(', ')})`,
    );
    result.applied.push(migration.version);
    log.info('migration applied', {
      version: migration.version,
      name: migration.name,
    });
  }
  return result;
}
