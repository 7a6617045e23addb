import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLeadscoreError } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import { badRequest, confluentCodeOf, httpStatusOf } from '../errors';

export const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** Bound on a request body: Avro schemas are kilobytes; this stops a
 * runaway client from filling memory. */
const maxBodyBytes = 8 * 1024 * 1024;

export interface RouteRequest {
  /** Decoded path parameters, in pattern order. */
  params: string[];
  query: URLSearchParams;
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path segments; `:name` matches one segment. */
  pattern: string;
  handle(request: RouteRequest): unknown;
}

export type Dispatch = (
  request: IncomingMessage,
  response: ServerResponse,
) => Promise<void>;

/**
 * Matches a request to a route and answers JSON in Confluent's media
 * type. Failures become Confluent's `{error_code, message}` bodies: the
 * registry's own errors carry their code, anything else is a 500 and is
 * logged. Subject names are percent-decoded per segment, so a subject may
 * hold a `/` written as %2F.
 */
export function createDispatch(
  routes: readonly Route[],
  logger: Logger,
): Dispatch {
  const compiled = routes.map((route) => ({
    route,
    segments: route.pattern.split('/').filter(Boolean),
  }));

  return async (request, response) => {
    const startedAt = performance.now();
    const url = new URL(request.url ?? '/', 'http://registry');
    const path = url.pathname.split('/').filter(Boolean);
    let status = 200;
    let pattern = '(none)';

    try {
      const byPath = compiled
        .map((c) => ({ ...c, params: matchPath(c.segments, path) }))
        .filter((c) => c.params !== undefined);
      const match = byPath.find((c) => c.route.method === request.method);
      if (!match) {
        status = byPath.length > 0 ? 405 : 404;
        const message =
          status === 405 ? 'HTTP 405 Method Not Allowed' : 'HTTP 404 Not Found';
        request.resume();
        return send(response, status, { error_code: status, message });
      }
      pattern = match.route.pattern;

      const body = await readBody(request);
      const result = await match.route.handle({
        params: match.params ?? [],
        query: url.searchParams,
        body,
      });
      send(response, status, result);
    } catch (error) {
      const code = isLeadscoreError(error) ? confluentCodeOf(error) : undefined;
      status = code === undefined ? 500 : httpStatusOf(code);
      if (status >= 500) {
        logger.error('request failed', {
          method: request.method,
          pattern,
          error,
        });
      }
      send(response, status, bodyOf(error, code));
    } finally {
      if (logger.isLevelEnabled('debug')) {
        logger.debug('request', {
          method: request.method,
          pattern,
          status,
          elapsedMs: Math.round(performance.now() - startedAt),
        });
      }
    }
  };
}

/** Confluent's body for a failure: the registry's own errors as they
 * are; a Kafka failure as a store error (50001); anything else as a bare
 * 500, its details left to the log. */
function bodyOf(error: unknown, code: number | undefined) {
  if (code !== undefined) {
    return { error_code: code, message: (error as Error).message };
  }
  if (isLeadscoreError(error) && error.code.startsWith('kafka_')) {
    return { error_code: 50001, message: 'Error in the backend data store' };
  }
  return { error_code: 500, message: 'Internal Server Error' };
}

function matchPath(pattern: string[], path: string[]): string[] | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: string[] = [];
  for (const [i, part] of pattern.entries()) {
    const actual = path[i] ?? '';
    if (part.startsWith(':')) {
      try {
        params.push(decodeURIComponent(actual));
      } catch {
        // Malformed percent-encoding cannot name any subject.
        return undefined;
      }
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) {
      throw badRequest(`request body is over ${maxBodyBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;

  const type = request.headers['content-type'] ?? '';
  if (type !== '' && !/json|octet-stream/i.test(type)) {
    throw badRequest(`unsupported content type ${type}; send ${CONTENT_TYPE}`);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badRequest('request body is not valid JSON');
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
