import { createClient, type Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createStaticCredentialStore } from '../src/auth/credential-store.js';
import { createHawkEdge } from '../src/auth/edge.js';
import { hawkAuthorization } from '../src/auth/index.js';
import { attachWebSocket, type LiveWebSocket } from '../src/live/websocket.js';
import { hawkCallers } from './support/hawk.js';
import { startLiveStack, until, type LiveStack, type LiveStackOptions } from './support/live.js';

// The graphql-ws protocol over WebSocket on the same /graphql path, against the live simulator.

let stack: LiveStack | null = null;
let websocket: LiveWebSocket | null = null;
let clients: Client[] = [];
afterEach(async () => {
  for (const client of clients) await client.dispose();
  clients = [];
  await stack?.close();
  stack = null;
  websocket = null;
});

async function start(options: LiveStackOptions = {}): Promise<LiveStack> {
  stack = await startLiveStack({
    ...options,
    attach: (server, gateway) => (websocket = attachWebSocket({ server, gateway, hawkEdge: options.hawkEdge ?? null })),
  });
  return stack;
}

function connect(s: LiveStack, headers: Record<string, string> = {}): Client {
  const url = `${s.url.replace('http:', 'ws:')}/graphql`;
  const client = createClient({
    url,
    retryAttempts: 0,
    // Stay connected when no subscription is left, so that a close comes from the server.
    lazyCloseTimeout: 3_600_000,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    },
  });
  clients.push(client);
  return client;
}

interface Sink {
  events: any[];
  errors: unknown[];
  completed: boolean;
  /** Resolves with the `n`th event once it is there. */
  nth(n: number): Promise<any>;
  done: Promise<void>;
  unsubscribe: () => void;
}

function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}): Sink {
  const waiters: Array<() => void> = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  let finish!: () => void;
  const sink: Sink = {
    events: [],
    errors: [],
    completed: false,
    done: new Promise((resolve) => (finish = resolve)),
    nth(n) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (sink.events.length > n) resolve(sink.events[n]);
          else if (sink.completed || sink.errors.length > 0) reject(new Error(`ended after ${sink.events.length} events: ${JSON.stringify(sink.errors)}`));
          else waiters.push(check);
        };
        check();
      });
    },
    unsubscribe: () => {},
  };
  sink.unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (value) => {
        sink.events.push(value);
        notify();
      },
      error: (error) => {
        sink.errors.push(error);
        notify();
        finish();
      },
      complete: () => {
        sink.completed = true;
        notify();
        finish();
      },
    },
  );
  return sink;
}

const JOBS = 'subscription { jobsChanged(repository: "autoland") { id state result } }';

function advanceUntilChange(s: LiveStack): number[] {
  const since = s.simulator.data.clockMs() * 1000;
  for (let i = 0; i < 500; i++) {
    s.simulator.advance(1);
    const changed = s.simulator.data
      .pushesOf('autoland')
      .flatMap((p) => s.simulator.data.jobsOfPush(p.id))
      .filter((j) => j.lastModifiedUs > since)
      .map((j) => j.id)
      .sort((a, b) => a - b);
    if (changed.length > 0) return changed;
  }
  throw new Error('nothing changed');
}

describe('subscriptions over graphql-ws', () => {
  it('100 subscriptions on 4 connections share one poller: one upstream request per interval, every one gets the event', async () => {
    const s = await start();
    const sinks = Array.from({ length: 4 }, () => connect(s)).flatMap((client) => Array.from({ length: 25 }, () => subscribe(client, JOBS)));
    await until(() => s.gateway.live.registry.stats().subscribers === 100, '100 subscribers');
    expect(websocket!.connections).toBe(4);
    expect(s.gateway.live.registry.stats().pollers).toBe(1);
    await s.tick();
    s.resetLog();
    const changed = advanceUntilChange(s);
    await s.tick();
    expect(s.upstream()).toHaveLength(1);
    const events = await Promise.all(sinks.map((sink) => sink.nth(0)));
    for (const event of events) expect(event.data.jobsChanged.map((j: { id: string }) => Number(j.id))).toEqual(changed);

    for (const sink of sinks) sink.unsubscribe();
    await until(() => s.gateway.live.registry.stats().pollers === 0, 'the poller to stop');
    expect(s.scheduler.pending).toBe(0);
  });

  it('limits per connection, coded; the operation limits apply over WebSocket too', async () => {
    const s = await start({ env: { LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2', MAX_DEPTH: '4' } });
    const client = connect(s);
    const ok = [subscribe(client, JOBS), subscribe(client, 'subscription { pushCreated(repository: "try") { id } }')];
    await until(() => s.gateway.live.subscriptions === 2, 'two subscriptions');
    const third = subscribe(client, 'subscription { pushCreated(repository: "autoland") { id } }');
    const refused = await third.nth(0);
    expect(refused.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 'connection', maxSubscriptions: 2 });
    // Another connection of the same caller has its own allowance.
    const other = subscribe(connect(s), 'subscription { pushCreated(repository: "autoland") { id } }');
    await until(() => s.gateway.live.subscriptions === 3, 'three subscriptions');
    const deep = subscribe(client, 'subscription { jobsChanged(repository: "autoland") { push { jobs { nodes { push { id } } } } } }');
    await deep.done;
    expect(JSON.stringify(deep.errors)).toContain('OPERATION_TOO_DEEP');
    expect(ok.every((sink) => sink.errors.length === 0) && other.errors.length === 0).toBe(true);
  });

  it('pings to keep the connection alive', async () => {
    const s = await start({ env: { LIVE_KEEPALIVE_MS: '1000' } });
    const socket = new WebSocket(`${s.url.replace('http:', 'ws:')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise((resolve) => socket.once('ping', resolve));
    socket.close();
  });

  it('closing (SIGTERM) completes every subscription, then closes the connections', async () => {
    const s = await start();
    const client = connect(s);
    const sinks = [subscribe(client, JOBS), subscribe(client, 'subscription { alertSummaryCreated { id } }')];
    await until(() => s.gateway.live.subscriptions === 2, 'two subscriptions');
    let closed: number | null = null;
    client.on('closed', (event) => (closed = (event as { code: number }).code));
    await websocket!.close();
    await Promise.all(sinks.map((sink) => sink.done));
    expect(sinks.map((sink) => sink.completed)).toEqual([true, true]);
    await until(() => closed !== null, 'the socket to close');
    expect(closed).toBe(1001);
    expect(s.gateway.live.registry.stats().pollers).toBe(0);
  });

  it('Hawk: the upgrade is verified, the connection polls as its caller, a bad signature is refused', async () => {
    const callers = hawkCallers(1, 'ws');
    const caller = callers[0]!;
    const s = await start({ simulator: { hawkCredentials: callers }, hawkEdge: createHawkEdge({ store: createStaticCredentialStore(callers) }) });
    const url = `${s.url}/graphql`;
    const signed = subscribe(connect(s, { authorization: hawkAuthorization(url, caller, { method: 'GET' }) }), JOBS);
    const anonymous = subscribe(connect(s), JOBS);
    await until(() => s.gateway.live.registry.stats().pollers === 2, 'two pollers');
    await s.tick();
    advanceUntilChange(s);
    s.resetLog();
    await s.tick();
    expect(s.upstream().map((e) => e.hawkId).sort()).toEqual([null, caller.id].sort());
    await Promise.all([signed.nth(0), anonymous.nth(0)]);

    const forged = new WebSocket(`${s.url.replace('http:', 'ws:')}/graphql`, 'graphql-transport-ws', {
      headers: { authorization: hawkAuthorization(url, { ...caller, key: 'not-the-key' }, { method: 'GET' }) },
    });
    const status = await new Promise<number>((resolve) => forged.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });
});
