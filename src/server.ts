import { createServer, type RequestListener, type Server } from 'node:http';
import type { Config } from './config.js';

/**
 * The gateway's HTTP server, with the client-side timeouts set from config rather than
 * Node's defaults (300 s to send a request): a client that trickles its headers or body, or
 * holds idle keep-alive connections, is cut off (408, or the connection closed) instead of
 * holding a socket and its memory.
 *
 * - `headersTimeoutMs`: the request line and headers must have arrived by then;
 * - `requestTimeoutMs`: the whole request, body included (not the response: the GraphQL
 *   request's own deadline bounds that);
 * - `keepAliveTimeoutMs`: an idle keep-alive connection is closed after this long.
 */
export function createGatewayServer(listener: RequestListener, settings: Config['server']): Server {
  const server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      // How often Node checks those deadlines (default 30 s): a tenth of the shortest, within 100 ms to 1 s.
      connectionsCheckingInterval: Math.min(1_000, Math.max(100, Math.floor(Math.min(settings.headersTimeoutMs, settings.requestTimeoutMs) / 10))),
    },
    listener,
  );
  return server;
}
