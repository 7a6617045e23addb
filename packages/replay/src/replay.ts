import { retryWithBackoff, LeadscoreError } from '@leadscore/errors';
import { readDatasetLines, type DatasetLine } from './dataset-lines';
import { createProgress, type ProgressSink } from './progress';

export interface ReplayOptions {
  datasetDir: string;
  /** Ingestor base URL, e.g. http://127.0.0.1:18080. */
  ingestorUrl: string;
  /** Events per second offered; 0 sends as fast as the ingestor answers. */
  ratePerS: number;
  batchEvents: number;
  progress?: ProgressSink;
  /** Called after each acknowledged batch with the events sent so far. */
  onProgress?: (sent: number, total: number) => void;
  /** Rejections reported with line numbers, at most this many. */
  maxReportedRejections?: number;
}

export interface ReplaySummary {
  sent: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  elapsedMs: number;
  rejections: { line: number; field: string; problem: string }[];
}

interface BatchAnswer {
  sent: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  errors?: { index: number; field: string; problem: string }[];
}

/**
 * Streams a dataset through the ingestor in event-time order, one NDJSON
 * batch at a time (one request in flight, so a lead's events arrive in
 * order), pacing batches to the offered rate. A batch the broker did not
 * acknowledge (503) is sent again: the ingestor drops repeats by event_id.
 */
export async function replayDataset(
  options: ReplayOptions,
): Promise<ReplaySummary> {
  const lines = readDatasetLines(options.datasetDir);
  const progress = createProgress(
    lines.length,
    options.progress ?? { write: () => undefined },
  );
  const maxReported = options.maxReportedRejections ?? 20;
  const summary: ReplaySummary = {
    sent: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    elapsedMs: 0,
    rejections: [],
  };
  const startedAt = performance.now();

  for (let start = 0; start < lines.length; start += options.batchEvents) {
    const batch = lines.slice(start, start + options.batchEvents);
    if (options.ratePerS > 0) await pace(startedAt, start, options.ratePerS);

    const answer = await postBatch(options.ingestorUrl, batch);
    summary.sent += answer.sent;
    summary.accepted += answer.accepted;
    summary.rejected += answer.rejected;
    summary.duplicates += answer.duplicates;
    for (const error of answer.errors ?? []) {
      if (summary.rejections.length >= maxReported) break;
      const line = batch[error.index]?.lineNumber ?? -1;
      summary.rejections.push({
        line,
        field: error.field,
        problem: error.problem,
      });
    }
    progress.update(start + batch.length);
    options.onProgress?.(start + batch.length, lines.length);
  }

  summary.elapsedMs = Math.round(performance.now() - startedAt);
  progress.finish(lines.length);
  return summary;
}

async function pace(
  startedAt: number,
  eventsSoFar: number,
  ratePerS: number,
): Promise<void> {
  const dueMs = (eventsSoFar / ratePerS) * 1000;
  const waitMs = dueMs - (performance.now() - startedAt);
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
}

async function postBatch(
  url: string,
  batch: DatasetLine[],
): Promise<BatchAnswer> {
  const body = batch.map((line) => line.text).join('\n') + '\n';
  return retryWithBackoff(
    async () => {
      const response = await fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson' },
        body,
      });
      const answer = (await response.json()) as BatchAnswer & {
        error?: string;
      };
      if (response.status === 200 || response.status === 422) return answer;
      throw new LeadscoreError(
        'request_invalid',
        `ingestor answered ${response.status}: ${answer.error ?? ''}`,
        {
          retriable: response.status === 503,
          context: { status: response.status },
        },
      );
    },
    {
      deadlineMs: 60_000,
      shouldRetry: (error) => (error as LeadscoreError).retriable ?? true,
    },
  );
}
