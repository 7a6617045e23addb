import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { isRetriable } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import { BodyError, parseBody } from './body';
import type { IngestOutcome, Pipeline } from './pipeline';

export interface HttpOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  maxBatchEvents: number;
  pipeline: Pipeline;
  logger: Logger;
}

export interface IngestHttpServer {
  readonly url: string;
  /** Stops accepting connections and waits for requests in flight. */
  close(): Promise<void>;
}

/**
 * POST /v1/events: one event, a JSON array, or NDJSON lines. The answer
 * comes after the broker acknowledged every accepted event: 200 when all
 * were accepted (or were repeats), 422 when some were rejected (the rest
 * are accepted all the same; the body lists each problem with its index),
 * 400/413/415 when the body itself is unusable, 503 when the broker did
 * not acknowledge (nothing of the request counts; retry it: repeats are
 * dropped by event_id).
 */
export async function startHttpServer(
  options: HttpOptions,
): Promise<IngestHttpServer> {
  const logger = options.logger.child('http');
  const server: Server = createServer((request, response) => {
    void handle(request, response, options, logger);
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${options.host}:${address.port}`;
  logger.info('ingestor listening', { url });

  let closing: Promise<void> | undefined;
  return {
    url,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: HttpOptions,
  logger: Logger,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/healthz' && request.method === 'GET')
    return reply(response, 200, { status: 'ok' });
  if (path !== '/v1/events')
    return reply(response, 404, { error: `no route ${path}` });
  if (request.method !== 'POST')
    return reply(response, 405, { error: 'use POST' });

  try {
    const body = await readBody(request, options.maxBodyBytes);
    const items = parseBody(
      body,
      request.headers['content-type'],
      options.maxBatchEvents,
    );
    const outcome = await options.pipeline.ingest(items);
    reply(response, outcome.rejected > 0 ? 422 : 200, summary(outcome));
  } catch (error) {
    if (error instanceof BodyError) {
      reply(response, error.status, {
        error: error.message,
        sent: 0,
        accepted: 0,
        rejected: 0,
        duplicates: 0,
      });
      return;
    }
    logger.warn('ingest request failed', {
      error,
      retriable: isRetriable(error),
    });
    const status = isRetriable(error) ? 503 : 500;
    reply(response, status, {
      error: 'events were not acknowledged by the broker; retry the request',
    });
  }
}

function summary(outcome: IngestOutcome) {
  return {
    sent: outcome.sent,
    accepted: outcome.accepted,
    rejected: outcome.rejected,
    duplicates: outcome.duplicates,
    errors: outcome.errors,
    duplicate_indexes: outcome.duplicateIndexes,
  };
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      request.resume();
      reject(
        new BodyError(
          413,
          `body is ${declared} bytes; the limit is ${maxBytes}`,
        ),
      );
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped rather than the socket
    // destroyed, so the client still gets its 413 with the reason.
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > maxBytes) {
        reject(
          new BodyError(413, `body is ${size} bytes; the limit is ${maxBytes}`),
        );
      } else {
        resolve(Buffer.concat(chunks));
      }
    });
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
