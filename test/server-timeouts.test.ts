import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createGatewayServer } from '../src/server.js';

// The server's own timeouts toward clients: a client that trickles its request or idles on
// a keep-alive connection is cut off after the configured time, not Node's 300 s.

function settings(env: Record<string, string>) {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return loaded.config.server;
}

/** Everything the server sends until it closes the connection. */
function untilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => resolve(received));
  });
}

describe('server timeouts', () => {
  const server = createGatewayServer(
    (request, response) => {
      request.resume();
      request.on('end', () => response.end('ok'));
    },
    settings({ SERVER_HEADERS_TIMEOUT_MS: '300', SERVER_REQUEST_TIMEOUT_MS: '600', SERVER_KEEP_ALIVE_TIMEOUT_MS: '300' }),
  );
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('are set from config, with documented defaults', () => {
    expect(settings({})).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
    const defaults = createGatewayServer(() => {}, settings({}));
    expect([defaults.headersTimeout, defaults.requestTimeout, defaults.keepAliveTimeout]).toEqual([10_000, 30_000, 5_000]);
    expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout]).toEqual([300, 600, 300]);
    expect(loadConfig({ SERVER_HEADERS_TIMEOUT_MS: '5000', SERVER_REQUEST_TIMEOUT_MS: '1000' })).toMatchObject({ ok: false });
  });

  it('answers 408 and closes a connection whose headers never finish', async () => {
    const socket = connect(port, '127.0.0.1');
    const closed = untilClosed(socket);
    socket.write('GET /health HTTP/1.1\r\nHost: gateway.test\r\nX-Slow: ');
    expect(await closed).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers 408 and closes a connection whose body trickles', async () => {
    const socket = connect(port, '127.0.0.1');
    const closed = untilClosed(socket);
    socket.write('POST /graphql HTTP/1.1\r\nHost: gateway.test\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
    expect(await closed).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes an idle keep-alive connection after its timeout', async () => {
    const socket = connect(port, '127.0.0.1');
    const closed = untilClosed(socket);
    socket.write('GET /health HTTP/1.1\r\nHost: gateway.test\r\n\r\n');
    const received = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toMatch(/Keep-Alive: timeout=0?\.?\d/i);
  });
});
