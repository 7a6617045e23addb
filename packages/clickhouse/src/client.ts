import {
  ClickHouseLogLevel,
  createClient,
  type ClickHouseClient,
} from '@clickhouse/client';
import { LeadscoreError } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import { metrics } from '@opentelemetry/api';
import { sqlIdentifier } from './literal';

export interface ClickhouseOptions {
  url: string;
  database: string;
  username?: string;
  password?: string;
  requestTimeoutMs?: number;
  logger: Logger;
}

/**
 * The platform's one door to ClickHouse. Queries are plain SQL built with
 * `sqlLiteral` (the 18.16 server has no query parameters); rows come back
 * as objects through JSONEachRow, which every version reads and writes.
 */
export interface Clickhouse {
  readonly database: string;
  /** A statement with no result (DDL, INSERT ... VALUES). */
  command(sql: string): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
  insertRows(table: string, rows: readonly object[]): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export function createClickhouse(options: ClickhouseOptions): Clickhouse {
  const logger = options.logger.child('clickhouse', {
    database: options.database,
  });
  const meter = metrics.getMeter('leadscore.clickhouse');
  const operations = meter.createCounter('leadscore.clickhouse.operations', {
    description: 'Queries, commands and inserts sent to ClickHouse',
  });
  const errors = meter.createCounter('leadscore.clickhouse.errors', {
    description: 'Failed queries, commands and inserts',
  });
  const insertedRows = meter.createHistogram(
    'leadscore.clickhouse.insert.rows',
    { description: 'Rows per insert request' },
  );
  const latencyMs = meter.createHistogram('leadscore.clickhouse.latency', {
    description: 'Round trip of one request',
    unit: 'ms',
  });

  const client: ClickHouseClient = createClient({
    url: options.url,
    database: options.database,
    username: options.username ?? 'default',
    password: options.password ?? '',
    request_timeout: options.requestTimeoutMs ?? 30_000,
    application: 'leadscore',
    // Failures reach our logger as LeadscoreErrors; the client's own
    // console logging would print them twice, statement text included.
    log: { level: ClickHouseLogLevel.OFF },
  });
  let closing: Promise<void> | undefined;

  const timed = async <T>(
    operation: 'query' | 'command' | 'insert',
    context: Record<string, unknown>,
    fn: () => Promise<T>,
  ): Promise<T> => {
    const startedAt = performance.now();
    operations.add(1, { operation });
    try {
      return await fn();
    } catch (cause) {
      errors.add(1, { operation });
      logger.warn('clickhouse request failed', { operation, ...context });
      const code =
        operation === 'insert'
          ? 'clickhouse_insert_failed'
          : 'clickhouse_query_failed';
      throw new LeadscoreError(
        code,
        `ClickHouse ${operation} failed: ${messageOf(cause)}`,
        {
          cause,
          retriable: isTransient(cause),
          context: { operation, ...context },
        },
      );
    } finally {
      latencyMs.record(performance.now() - startedAt, { operation });
    }
  };

  return {
    database: options.database,
    command: (sql) =>
      timed('command', {}, async () => {
        await client.command({ query: sql });
      }),
    query: <T>(sql: string) =>
      timed('query', {}, async () => {
        const result = await client.query({
          query: sql,
          format: 'JSONEachRow',
        });
        return (await result.json()) as T[];
      }),
    insertRows: (table, rows) =>
      timed('insert', { table, rows: rows.length }, async () => {
        if (rows.length === 0) return;
        insertedRows.record(rows.length, { table });
        await client.insert({
          table: sqlIdentifier(table),
          values: rows as object[],
          format: 'JSONEachRow',
        });
      }),
    ping: async () => (await client.ping()).success,
    close: () => {
      closing ??= client.close();
      return closing;
    },
  };
}

function messageOf(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  // Server messages can quote the statement; keep the first line only.
  return text.split('\n')[0]?.slice(0, 300) ?? '';
}

/** Network failures and overload are worth a retry; SQL errors are not. */
function isTransient(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    return [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '202',
      '209',
      '210',
    ].includes(code);
  }
  return false;
}
