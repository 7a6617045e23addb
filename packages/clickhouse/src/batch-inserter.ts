import { LeadscoreError, retryWithBackoff } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import type { Clickhouse } from './client';

export interface BatchInserterOptions {
  table: string;
  /** Rows per insert request. */
  maxBatchRows: number;
  /** How long the first buffered row may wait for the batch to fill. */
  lingerMs: number;
  /** Rows buffered at most, waiting or in flight; `add` beyond that is
   * refused with a retriable error rather than growing memory. */
  maxBufferedRows: number;
  /** A failed insert is retried until this deadline, then the rows'
   * `add` promises reject. */
  retryDeadlineMs?: number;
  logger: Logger;
}

export interface BatchInserter {
  /** Resolves once the rows are in ClickHouse: callers commit their input
   * offsets only then, which makes the pipeline at-least-once. */
  add(rows: readonly object[]): Promise<void>;
  flush(): Promise<void>;
  /** Flushes and stops the timer; safe to call twice. */
  close(): Promise<void>;
  readonly bufferedRows: number;
}

type Pending = {
  rows: readonly object[];
  resolve: () => void;
  reject: (e: unknown) => void;
};

/**
 * Buffers rows and writes them in batches of at most `maxBatchRows`, when
 * a batch fills or `lingerMs` after its first row, whichever comes first.
 * One insert is in flight at a time, which keeps the rows of a table in
 * arrival order and bounds the load on the server.
 */
export function createBatchInserter(
  clickhouse: Clickhouse,
  options: BatchInserterOptions,
): BatchInserter {
  const logger = options.logger.child('batch-inserter', {
    table: options.table,
  });
  const queue: Pending[] = [];
  let queuedRows = 0;
  let inFlightRows = 0;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let closing: Promise<void> | undefined;

  const takeBatch = (): Pending[] => {
    const batch: Pending[] = [];
    let rows = 0;
    while (queue.length > 0) {
      const next = queue[0] as Pending;
      if (batch.length > 0 && rows + next.rows.length > options.maxBatchRows)
        break;
      batch.push(next);
      rows += next.rows.length;
      queue.shift();
    }
    queuedRows -= rows;
    return batch;
  };

  const writeBatch = async (batch: Pending[]) => {
    const rows = batch.flatMap((p) => p.rows);
    inFlightRows += rows.length;
    try {
      await retryWithBackoff(() => clickhouse.insertRows(options.table, rows), {
        deadlineMs: options.retryDeadlineMs ?? 30_000,
        onRetry: (_error, attempt, delayMs) =>
          logger.warn('insert failed; retrying', {
            attempt,
            delayMs,
            rows: rows.length,
          }),
      });
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      inFlightRows -= rows.length;
    }
  };

  const schedule = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    chain = chain.then(async () => {
      while (queue.length > 0) await writeBatch(takeBatch());
    });
    return chain;
  };

  return {
    add(rows) {
      if (closing) {
        return Promise.reject(
          new LeadscoreError(
            'clickhouse_insert_failed',
            'batch inserter is closed',
            {
              context: { table: options.table },
            },
          ),
        );
      }
      if (queuedRows + inFlightRows + rows.length > options.maxBufferedRows) {
        return Promise.reject(
          new LeadscoreError(
            'clickhouse_buffer_full',
            `batch inserter for ${options.table} is full`,
            {
              retriable: true,
              context: {
                table: options.table,
                maxBufferedRows: options.maxBufferedRows,
              },
            },
          ),
        );
      }
      const done = new Promise<void>((resolve, reject) => {
        queue.push({ rows, resolve, reject });
      });
      queuedRows += rows.length;
      if (queuedRows >= options.maxBatchRows) void schedule();
      else timer ??= setTimeout(() => void schedule(), options.lingerMs);
      return done;
    },
    flush: () => schedule(),
    close() {
      closing ??= schedule();
      return closing;
    },
    get bufferedRows() {
      return queuedRows + inFlightRows;
    },
  };
}
