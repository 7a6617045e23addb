export {
  createClickhouse,
  type Clickhouse,
  type ClickhouseOptions,
} from './client';
export { sqlIdentifier, sqlLiteral, type SqlValue } from './literal';
export {
  migrate,
  readMigrations,
  splitStatements,
  platformMigrationsDir,
  MIGRATIONS_TABLE,
  type Migration,
  type MigrationResult,
} from './migrations';
export {
  createBatchInserter,
  type BatchInserter,
  type BatchInserterOptions,
} from './batch-inserter';
