import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HawkEdge } from '../../src/auth/edge.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import type { Logger } from '../../src/log.js';
import { createSimulator } from '../../src/simulator/index.js';
import type { RequestLogEntry, Simulator, SimulatorOptions } from '../../src/simulator/types.js';

// The gateway on top of the project's own Treeherder simulator, with real HTTP between
// them on loopback. Tests count upstream requests in the simulator's request log.

/** A fixed anchor so generated data (and "last 7 days" windows) are the same every run. */
export const FIXED_NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

export interface StackOptions {
  simulator?: SimulatorOptions;
  env?: Record<string, string>;
  hawkEdge?: HawkEdge | null;
  /** Also serve the gateway on a loopback port (for tests that need real HTTP to it). */
  listen?: boolean;
  /** Receives the gateway's log lines (tests capture them to grep for secrets). */
  logger?: Logger;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> };
}

export interface Stack {
  simulator: Simulator;
  gateway: Gateway;
  config: Config;
  /** The gateway's base URL when `listen` was set. */
  gatewayUrl: string | null;
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Upstream requests the simulator received since the last `resetLog()`, control requests excluded. */
  upstream(): RequestLogEntry[];
  /** Empties the request log and the gateway's shared caches: what follows starts cold. */
  resetLog(): void;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const simulator = createSimulator({ seed: 7, now: FIXED_NOW, ...options.simulator });
  const simulatorUrl = await simulator.listen(0, '127.0.0.1');
  // A TLS simulator's certificate is trusted through UPSTREAM_CA_FILE, as an operator would
  // trust an internal proxy's (`env` may replace it; an empty value trusts Node's list only).
  let caDir: string | null = null;
  const trust: Record<string, string> = {};
  if (simulator.tls) {
    caDir = mkdtempSync(join(tmpdir(), 'treeherder-graphql-ca-'));
    trust['UPSTREAM_CA_FILE'] = join(caDir, 'simulator.pem');
    writeFileSync(trust['UPSTREAM_CA_FILE'], simulator.tls.cert);
  }
  // COMPILE_AFTER_RUNS=1: every query the tests send runs on the compiled executor, which a
  // deployed gateway uses from a document's second run; test/compiled-execution.test.ts
  // compares it with the general one.
  const loaded = loadConfig({ TREEHERDER_URL: simulatorUrl, USER_AGENT_CONTACT: 'https://example.test/contact', COMPILE_AFTER_RUNS: '1', ...trust, ...options.env });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const gateway = createGateway({ config: loaded.config, hawkEdge: options.hawkEdge ?? null, ...(options.logger ? { logger: options.logger } : {}) });

  let server: Server | null = null;
  let gatewayUrl: string | null = null;
  if (options.listen) {
    server = createServer(gateway.yoga);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  return {
    simulator,
    gateway,
    config: loaded.config,
    gatewayUrl,
    async query(query, variables, headers = {}) {
      const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<any>['body'] };
    },
    upstream: () => simulator.requests().filter((entry) => entry.path.startsWith('/api/')),
    resetLog: () => {
      simulator.clearRequests();
      gateway.caches?.clear();
    },
    async close() {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await gateway.dispose();
      await simulator.close();
      if (caDir) rmSync(caDir, { recursive: true, force: true });
    },
  };
}

/** `path?query` of each upstream request, for readable assertions. */
export function requestLines(entries: readonly RequestLogEntry[]): string[] {
  return entries.map((entry) => (entry.query ? `${entry.path}?${entry.query}` : entry.path));
}
