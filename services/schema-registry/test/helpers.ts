import { createServer, type AddressInfo } from 'node:net';
import { uniqueName } from '@leadscore/testkit';

export const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
}

/** One HTTP call to a registry, the way Confluent's clients make them. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  contentType = CONTENT_TYPE,
): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': contentType, accept: CONTENT_TYPE },
    body:
      body === undefined
        ? undefined
        : typeof body === 'string'
          ? body
          : JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.json(),
  };
}

/** The fields of an error body, for `t.match`. */
export function errorOf(answer: Answer): {
  error_code?: number;
  message?: string;
} {
  return answer.body as { error_code?: number; message?: string };
}

export type Field = {
  name: string;
  type: unknown;
  default?: unknown;
  doc?: string;
};

/** A record schema named Lead, as the string a client registers. */
export function leadSchema(fields: Field[]): string {
  return JSON.stringify({
    type: 'record',
    name: 'Lead',
    namespace: 'leadscore.test',
    fields,
  });
}

/** A subject no other test or run uses; `-value` as TopicNameStrategy. */
export function uniqueSubject(prefix: string): string {
  return `${uniqueName(prefix)}-value`;
}

export const path = (subject: string) =>
  `/subjects/${encodeURIComponent(subject)}`;

/** A loopback port free at the time of the call, for a registry process
 * a test starts on its own. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
