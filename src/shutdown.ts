import type { Server, ServerResponse } from 'node:http';
import type { Logger } from './log.js';

export interface ShutdownOptions {
  server: Server;
  /** Releases what the server used (Yoga, the upstream connections) once no request is left. */
  dispose(): Promise<void>;
  logger: Logger;
  /** How long in-flight requests may take before their connections are cut. */
  timeoutMs: number;
  /** Called first: stop what would keep the process busy (file watchers…). */
  onStop?: () => void;
  /** Ends the process (a test passes its own). */
  exit?: (code: number) => void;
}

/**
 * Graceful shutdown, as orchestrators expect on SIGTERM: stop accepting connections at once,
 * let the requests in flight finish (for at most `timeoutMs`), release upstream connections,
 * exit 0. Create it right after the server so that it sees every request.
 */
export function createShutdown(options: ShutdownOptions): (signal: string) => void {
  const { server, logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const inFlight = new Set<ServerResponse>();
  let stopping = false;

  // A keep-alive connection stays open after its last response until the client drops it,
  // which would hold `server.close()` up: answers sent while stopping close their connection.
  server.on('request', (_request, response: ServerResponse) => {
    if (stopping && !response.headersSent) response.setHeader('connection', 'close');
    inFlight.add(response);
    response.on('close', () => inFlight.delete(response));
  });

  return (signal) => {
    if (stopping) return;
    stopping = true;
    const draining = inFlight.size;
    options.onStop?.();
    for (const response of inFlight) if (!response.headersSent) response.setHeader('connection', 'close');

    const force = setTimeout(() => {
      logger.log('warn', 'drain timed out; closing the remaining connections', { inFlight: inFlight.size });
      server.closeAllConnections();
    }, options.timeoutMs);
    force.unref();

    server.close(() => {
      clearTimeout(force);
      options.dispose().then(
        () => {
          logger.log('info', 'stopped');
          exit(0);
        },
        (error: unknown) => {
          logger.log('error', 'shutdown failed', { error });
          exit(1);
        },
      );
    });
    server.closeIdleConnections();
    // Logged once the listening socket is closed: whoever reads this line may rely on new
    // connections being refused.
    logger.log('info', 'shutting down: draining in-flight requests', { signal, inFlight: draining });
  };
}
