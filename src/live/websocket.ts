import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HawkEdge, HawkIdentity } from '../auth/edge.js';
import { isHawkAuthError } from '../auth/errors.js';
import { rememberRequestIdentity } from '../auth/use-hawk-auth.js';
import type { Gateway } from '../gateway.js';

// The graphql-ws protocol (Apollo Client, urql) on the same /graphql path as HTTP: an upgrade
// request there becomes a WebSocket. Each connection is one caller: Hawk is verified on the
// upgrade (a GET signed for the /graphql URL), and every operation on the connection runs as
// that caller, through the same envelop plugins (limits, cost) as over HTTP.

export interface WebSocketOptions {
  server: Server;
  gateway: Gateway;
  /** Verifies Hawk on the upgrade request; without one every connection is anonymous. */
  hawkEdge?: HawkEdge | null;
  /** The path to accept upgrades on. */
  path?: string;
}

export interface LiveWebSocket {
  /** Open connections. */
  readonly connections: number;
  /**
   * Ends every subscription (each gets its `complete`, waited for at most `waitMs`), then
   * closes every connection (1001, going away).
   */
  close(waitMs?: number): Promise<void>;
}

interface Connection {
  id: string;
  request: Request;
  abort: AbortController;
}

const connections = new WeakMap<WebSocket, Connection>();

function refuse(socket: Duplex, status: number, reason: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ errors: [{ message: reason, extensions: { code: status === 401 ? 'UNAUTHENTICATED' : 'BAD_REQUEST' } }] });
  const lines = [`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Bad Request'}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

export function attachWebSocket(options: WebSocketOptions): LiveWebSocket {
  const { server, gateway } = options;
  const path = options.path ?? '/graphql';
  const wss = new WebSocketServer({ noServer: true });

  async function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const host = request.headers.host ?? 'localhost';
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (url.pathname !== path) {
      socket.destroy();
      return;
    }
    let identity: HawkIdentity | null = null;
    if (options.hawkEdge) {
      try {
        const result = await options.hawkEdge.authenticate({ method: 'GET', url: url.toString(), headers: request.headers, body: async () => '' });
        if (result.kind === 'hawk') identity = { id: result.id, credentials: result.credentials };
      } catch (error) {
        if (isHawkAuthError(error)) refuse(socket, error.status, error.message, error.headers);
        else refuse(socket, 400, 'The upgrade request could not be verified.');
        return;
      }
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const abort = new AbortController();
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string') headers.set(name, value);
      }
      // The connection's stand-in for Yoga's Request: its signal ends with the socket.
      const fetchRequest = new Request(url, { headers, signal: abort.signal });
      if (identity) rememberRequestIdentity(fetchRequest, identity);
      connections.set(ws, { id: randomUUID(), request: fetchRequest, abort });
      ws.once('close', () => abort.abort());
      wss.emit('connection', ws, request);
    });
  }
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    onUpgrade(request, socket, head).catch(() => socket.destroy());
  };
  server.on('upgrade', upgrade);

  /** Operations running on some connection (`connection id:operation id`), until their `complete`. */
  const running = new Set<string>();
  const disposable = useServer(
    {
      onComplete(ctx, id) {
        const connection = connections.get(ctx.extra.socket);
        if (connection) running.delete(`${connection.id}:${id}`);
      },
      onClose(ctx) {
        const connection = connections.get(ctx.extra.socket);
        if (connection) for (const key of [...running]) if (key.startsWith(`${connection.id}:`)) running.delete(key);
      },
      execute: (args: ExecutionArgs) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args: ExecutionArgs) => (args.rootValue as Enveloped).subscribe(args),
      async onSubscribe(ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        const connection = connections.get(ctx.extra.socket);
        if (!connection) throw new Error('unknown connection');
        const enveloped = gateway.yoga.getEnveloped({
          request: connection.request,
          req: ctx.extra.request,
          connectionId: connection.id,
          params: payload,
        } as never);
        let document;
        try {
          document = enveloped.parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const args = {
          schema: enveloped.schema,
          operationName: payload.operationName ?? null,
          document,
          variableValues: payload.variables ?? {},
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        } as unknown as ExecutionArgs;
        const errors = enveloped.validate(args.schema, args.document);
        if (errors.length > 0) return errors;
        running.add(`${connection.id}:${id}`);
        return args;
      },
    },
    wss,
    gateway.live.settings.keepAliveMs,
  );

  let closing: Promise<void> | null = null;
  return {
    get connections() {
      return wss.clients.size;
    },
    async close(waitMs = 2_000) {
      if (closing) return closing;
      closing = (async () => {
        server.off('upgrade', upgrade);
        // Streams end first, so each subscriber gets its `complete`; then the sockets go.
        gateway.live.close();
        // Each ended stream sends its `complete` a few turns later: wait for them (briefly).
        const until = Date.now() + waitMs;
        while (running.size > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
        for (const ws of wss.clients) ws.close(1001, 'The gateway is shutting down.');
        await disposable.dispose();
      })();
      return closing;
    },
  };
}

interface Enveloped {
  execute(args: ExecutionArgs): never;
  subscribe(args: ExecutionArgs): never;
}
