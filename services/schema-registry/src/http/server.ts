import { createServer, type Server } from 'node:http';
import { LeadscoreError } from '@leadscore/errors';
import type { Logger } from '@leadscore/logging';
import type { Dispatch } from './router';

/** Loopback only: the embedded registry has no authentication. */
export const LISTEN_HOST = '127.0.0.1';

export interface HttpServer {
  readonly port: number;
  /** Stops accepting, lets requests in flight finish; safe twice. */
  close(): Promise<void>;
}

export async function startHttpServer(
  dispatch: Dispatch,
  port: number,
  logger: Logger,
): Promise<HttpServer> {
  const server: Server = createServer((request, response) => {
    // dispatch answers every failure itself; this only guards a socket
    // that broke while the answer was being written.
    dispatch(request, response).catch((error: unknown) => {
      logger.warn('response not delivered', { error });
    });
  });
  // Idle keep-alive sockets are closed after 5 s, so a client that keeps
  // one open does not hold shutdown to the deadline.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') return reject(error);
      reject(
        new LeadscoreError(
          'port_in_use',
          `port ${port} (schemaRegistry.port) is already in use by another process; stop that process or choose another port`,
          { context: { port, setting: 'schemaRegistry.port' } },
        ),
      );
    });
    server.listen({ port, host: LISTEN_HOST, exclusive: true }, resolve);
  });

  let closing: Promise<void> | undefined;
  return {
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        // Node 20 closes idle connections here and waits for busy ones.
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
