/**
 * Applies the platform's ClickHouse migrations to the configured server
 * and database, then exits. compose.yaml runs it once before the
 * services; the embedded stack applies the same migrations at start.
 */
import {
  createClickhouse,
  migrate,
  platformMigrationsDir,
  readMigrations,
} from '@leadscore/clickhouse';
import { commonSchema, loadConfig } from '@leadscore/config';
import { isLeadscoreError } from '@leadscore/errors';
import { createLogger } from '@leadscore/logging';

async function main(): Promise<void> {
  const config = loadConfig(commonSchema);
  const logger = createLogger({
    level: config['log.level'],
    base: { service: 'migrate' },
  });
  const connection = {
    url: config['clickhouse.url'],
    username: config['clickhouse.username'],
    password: config['clickhouse.password'],
    logger,
  };
  const clickhouse = createClickhouse({
    ...connection,
    database: config['clickhouse.database'],
  });
  const admin = createClickhouse({ ...connection, database: 'default' });
  try {
    const result = await migrate(
      clickhouse,
      admin,
      readMigrations(platformMigrationsDir),
      logger,
    );
    logger.info('migrations done', {
      applied: result.applied,
      alreadyApplied: result.alreadyApplied,
    });
  } finally {
    await Promise.all([clickhouse.close(), admin.close()]);
  }
}

main().catch((error: unknown) => {
  const text = isLeadscoreError(error)
    ? `${error.code}: ${error.message}`
    : String(error);
  process.stderr.write(`migrate: ${text}\n`);
  process.exit(1);
});
