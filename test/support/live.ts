import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HawkEdge } from '../../src/auth/edge.js';
import { hawkAuthorization } from '../../src/auth/index.js';
import type { HawkCredentials } from '../../src/auth/credentials.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { createManualScheduler, type ManualScheduler } from '../../src/live/index.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { RequestLogEntry, Simulator, SimulatorOptions } from '../../src/simulator/types.js';

// The gateway over real HTTP (and WebSocket) on loopback, on top of the live simulator, with
// a manual scheduler: a test says when a poll interval has passed, so nothing races a timer.

export const LIVE_NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

export interface LiveStackOptions {
  simulator?: SimulatorOptions;
  env?: Record<string, string>;
  hawkEdge?: HawkEdge | null;
  /** Real timers instead of the manual scheduler. */
  realTimers?: boolean;
  /** Attaches the graphql-ws server to the HTTP server (see src/live/websocket.ts). */
  attach?: (server: Server, gateway: Gateway) => { close(): Promise<void> } | void;
}

export interface LiveStack {
  simulator: Simulator;
  gateway: Gateway;
  config: Config;
  scheduler: ManualScheduler;
  url: string;
  /** One poll interval passes: every scheduled poll runs, and this resolves when they are done. */
  tick(): Promise<void>;
  /** Upstream requests since the last `resetLog()`. */
  upstream(): RequestLogEntry[];
  resetLog(): void;
  close(): Promise<void>;
}

export async function startLiveStack(options: LiveStackOptions = {}): Promise<LiveStack> {
  const simulator = createSimulator({ seed: 7, now: LIVE_NOW, scale: { pushesPerRepository: 6, jobsPerPush: 40 }, ...options.simulator });
  const simulatorUrl = await simulator.listen(0, '127.0.0.1');
  const loaded = loadConfig({
    TREEHERDER_URL: simulatorUrl,
    USER_AGENT_CONTACT: 'https://example.test/contact',
    // One attempt per poll, so a fault shows in the poll it hits (retries wait on real timers).
    UPSTREAM_RETRIES: '0',
    ...options.env,
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const scheduler = createManualScheduler();
  const gateway = createGateway({
    config: loaded.config,
    hawkEdge: options.hawkEdge ?? null,
    ...(options.realTimers ? {} : { liveScheduler: scheduler }),
  });
  const server = createServer(gateway.yoga);
  const attached = options.attach?.(server, gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    simulator,
    gateway,
    config: loaded.config,
    scheduler,
    url,
    tick: () => scheduler.runPending(),
    upstream: () => simulator.requests().filter((entry) => entry.path.startsWith('/api/')),
    resetLog: () => simulator.clearRequests(),
    async close() {
      await attached?.close();
      gateway.live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
      await simulator.close();
    },
  };
}

/** Waits until `condition` holds, checking after each turn of the event loop (no time bar). */
export async function until(condition: () => boolean, what: string, maxTurns = 20_000): Promise<void> {
  for (let turn = 0; turn < maxTurns; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, turn < 100 ? 0 : 5));
  }
  throw new Error(`gave up waiting for ${what}`);
}

export interface StreamEvent {
  event: string;
  data: any;
}

/** A GraphQL-over-SSE subscriber: POST with `Accept: text/event-stream`, events parsed as they come. */
export interface SseSubscriber {
  status: number;
  events: StreamEvent[];
  /** Resolves with the `n`th `next` payload (0-based) once it has arrived. */
  nth(n: number): Promise<any>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function subscribeSse(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { credentials?: HawkCredentials; headers?: Record<string, string> } = {},
): Promise<SseSubscriber> {
  const body = JSON.stringify({ query, variables });
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream', ...options.headers };
  if (options.credentials) headers.authorization = hawkAuthorization(`${url}/graphql`, options.credentials, { payload: body });
  const abort = new AbortController();
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body, signal: abort.signal });
  const events: StreamEvent[] = [];
  const waiters: Array<() => void> = [];
  const notify = (): void => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  let done = false;
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const lines = block.split('\n').filter((line) => !line.startsWith(':'));
          if (lines.length === 0) continue;
          const event = lines.find((line) => line.startsWith('event:'))?.slice(6).trim() ?? 'message';
          const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
          events.push({ event, data: data ? JSON.parse(data) : null });
          notify();
        }
      }
    } catch {
      // Aborted by close().
    } finally {
      done = true;
      notify();
    }
  })();
  return {
    status: response.status,
    events,
    ended,
    nth(n) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const next = events.filter((e) => e.event === 'next');
          if (next.length > n) resolve(next[n]!.data);
          else if (done) reject(new Error(`stream ended after ${next.length} events: ${JSON.stringify(events).slice(0, 500)}`));
          else waiters.push(check);
        };
        check();
      });
    },
    close: () => abort.abort(),
  };
}
