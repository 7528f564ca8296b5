import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticCredentialStore } from '../src/auth/credential-store.js';
import { createHawkEdge } from '../src/auth/edge.js';
import { createTlsIdentity } from '../src/simulator/index.js';
import type { RequestLogEntry } from '../src/simulator/types.js';
import { captureLogs, hawkCallers, leakedKeys, logLeaks, postGraphQL } from './support/hawk.js';
import { requestLines, startStack, type Stack } from './support/stack.js';

// HTTP/2 to Treeherder: the gateway against the simulator serving TLS on loopback (HTTP/2 by
// ALPN, HTTP/1.1 for clients that do not offer it), compared with the same query over plain
// HTTP/1.1. Requests are counted, and their protocol and connection read, in the simulator's log.

const REPO = 'mozilla-central';
const SCALE = { pushesPerRepository: 6, jobsPerPush: 60 };
// Long enough that requests sent together are certainly in flight together.
const LATENCY_MS = 150;

/** A push's failed jobs with their notes and bug suggestions: two requests per failed job, no batch form. */
const fanOut = (revision: string): string => `query FanOut {
  push(repository: "${REPO}", revision: "${revision}") {
    revision
    failed: jobs(result: "testfailed", first: 50) { nodes { id notes { text who } bugSuggestions { search } } }
  }
}`;

/** The push with the most failed jobs (the same in every stack: same seed and anchor). */
function busiestPush(stack: Stack): { revision: string; failed: number } {
  const data = stack.simulator.data;
  const ranked = data.pushesOf(REPO).map((push) => ({ revision: push.revision, failed: data.jobsOfPush(push.id).filter((job) => job.result === 'testfailed').length }));
  return ranked.sort((a, b) => b.failed - a.failed)[0]!;
}

/** The most requests the simulator was answering at once. */
function peakInFlight(entries: readonly RequestLogEntry[]): number {
  const edges = entries.flatMap((entry) => [
    [entry.receivedAt, 1],
    [entry.receivedAt + entry.durationMs, -1],
  ] as const);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of edges) peak = Math.max(peak, (current += delta));
  return peak;
}

const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)];

describe('the fan-out query over HTTP/2 and over HTTP/1.1', () => {
  let plain: Stack;
  let h2: Stack;
  let h1OverTls: Stack;
  beforeAll(async () => {
    const simulator = { scale: SCALE, latencyMs: LATENCY_MS };
    [plain, h2, h1OverTls] = await Promise.all([
      startStack({ simulator }),
      startStack({ simulator: { ...simulator, tls: true } }),
      startStack({ simulator: { ...simulator, tls: true }, env: { UPSTREAM_HTTP2: 'false' } }),
    ]);
  });
  afterAll(() => Promise.all([plain?.close(), h2?.close(), h1OverTls?.close()]));

  it('gives the same answer with the same upstream requests, all HTTP/2 streams of one TLS connection', async () => {
    const target = busiestPush(plain);
    expect(target.failed).toBeGreaterThanOrEqual(4);
    expect(h2.simulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const overH1 = await plain.query(fanOut(target.revision));
    const overH2 = await h2.query(fanOut(target.revision));
    expect(overH1.body.errors).toBeUndefined();
    expect(overH2.body).toEqual(overH1.body);
    expect(overH2.body.data!['push'].failed.nodes).toHaveLength(target.failed);

    const h1Log = plain.upstream();
    const h2Log = h2.upstream();
    // The push, its failed jobs, then notes and suggestions of each failed job.
    expect(h2Log).toHaveLength(2 + 2 * target.failed);
    expect(requestLines(h2Log).sort()).toEqual(requestLines(h1Log).sort());
    expect(distinct(h1Log.map((entry) => entry.httpVersion))).toEqual(['1.1']);
    expect(distinct(h2Log.map((entry) => entry.httpVersion))).toEqual(['2.0']);
    // One connection, the per-job requests on it at once as streams (HTTP/1.1 needs a connection each).
    expect(distinct(h2Log.map((entry) => entry.connection))).toHaveLength(1);
    expect(h2.simulator.connections()).toEqual({ accepted: 1, tls: 1, h2: 1 });
    expect(peakInFlight(h2Log)).toBeGreaterThan(1);
    expect(distinct(h1Log.map((entry) => entry.connection)).length).toBeGreaterThan(1);
  });

  it('sends the readiness probe over the same dispatcher: the same HTTP/2 connection', async () => {
    const ready = await h2.gateway.yoga.fetch('http://gateway.test/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, treeherder: 'up', redis: 'off' });
    const probe = h2.simulator.requests().filter((entry) => entry.path === '/__lbheartbeat__');
    expect(probe.map((entry) => [entry.httpVersion, entry.connection])).toEqual([['2.0', 1]]);
    expect(h2.simulator.connections().tls).toBe(1);
  });

  it('UPSTREAM_HTTP2=false speaks HTTP/1.1 to the same TLS server, with the same answer and requests', async () => {
    const target = busiestPush(plain);
    plain.resetLog();
    const overH1 = await plain.query(fanOut(target.revision));
    const overTls = await h1OverTls.query(fanOut(target.revision));
    expect(overTls.body).toEqual(overH1.body);
    const log = h1OverTls.upstream();
    expect(requestLines(log).sort()).toEqual(requestLines(plain.upstream()).sort());
    expect(distinct(log.map((entry) => entry.httpVersion))).toEqual(['1.1']);
    const connections = h1OverTls.simulator.connections();
    expect(connections.h2).toBe(0);
    expect(connections.tls).toBe(distinct(log.map((entry) => entry.connection)).length);
    expect(connections.tls).toBeGreaterThan(1);
  });
});

describe('Hawk over HTTP/2', () => {
  const callers = hawkCallers(2, 'h2');
  const [caller, stranger] = callers as [(typeof callers)[number], (typeof callers)[number]];
  const logs = captureLogs();
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      listen: true,
      logger: logs.logger,
      // The simulator knows `caller` only; the gateway accepts both.
      simulator: { scale: SCALE, tls: true, hawkCredentials: [caller] },
      hawkEdge: createHawkEdge({ store: createStaticCredentialStore(callers) }),
    });
  });
  afterAll(() => stack?.close());

  it("signs each upstream stream for the host and port in :authority, and Treeherder's verifier accepts it", async () => {
    const target = busiestPush(stack);
    const response = await postGraphQL(`${stack.gatewayUrl}/graphql`, fanOut(target.revision), { credentials: caller });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!['push'].failed.nodes).toHaveLength(target.failed);
    const log = stack.upstream();
    expect(log).toHaveLength(2 + 2 * target.failed);
    expect(distinct(log.map((entry) => [entry.httpVersion, entry.hawkId, entry.status].join(' ')))).toEqual([`2.0 ${caller.id} 200`]);
    expect(distinct(log.map((entry) => entry.connection))).toHaveLength(1);
  });

  it('a signature Treeherder does not know is refused over HTTP/2 too (the verifier really checks)', async () => {
    stack.resetLog();
    const response = await postGraphQL(`${stack.gatewayUrl}/graphql`, '{ repositories { name } }', { credentials: stranger });
    expect(response.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['UPSTREAM_UNAUTHENTICATED']);
    expect(stack.upstream().map((entry) => [entry.httpVersion, entry.status, entry.hawkId])).toEqual([['2.0', 403, null]]);
    expect(logLeaks(logs.lines, callers)).toEqual([]);
  });
});

describe('a Treeherder certificate the gateway does not trust', () => {
  const callers = hawkCallers(1, 'untrusted');
  const logs = captureLogs();
  let workDir: string;
  let stack: Stack;
  beforeAll(async () => {
    // A CA file, but of another server: the simulator's own certificate is not in it.
    workDir = await mkdtemp(join(tmpdir(), 'treeherder-graphql-other-ca-'));
    const otherCa = join(workDir, 'other.pem');
    await writeFile(otherCa, createTlsIdentity().cert);
    stack = await startStack({
      listen: true,
      logger: logs.logger,
      simulator: { scale: SCALE, tls: true, hawkCredentials: callers },
      hawkEdge: createHawkEdge({ store: createStaticCredentialStore(callers) }),
      env: { UPSTREAM_CA_FILE: otherCa, UPSTREAM_RETRIES: '0' },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('fails the fields with UPSTREAM_UNAVAILABLE naming the TLS problem; nothing reaches Treeherder, nothing leaks', async () => {
    const response = await postGraphQL(`${stack.gatewayUrl}/graphql`, '{ repositories { name } }', { credentials: callers[0]! });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          message: 'Treeherder could not be reached for /api/repository/: its TLS certificate was not accepted (DEPTH_ZERO_SELF_SIGNED_CERT).',
          extensions: { code: 'UPSTREAM_UNAVAILABLE' },
        }),
      ],
    });
    expect(leakedKeys(response.text, callers)).toEqual([]);
    expect(response.text).not.toMatch(/Hawk id=|mac=/);
    expect(logLeaks(logs.lines, callers)).toEqual([]);
    // The handshake failed: no request was ever sent on it.
    expect(stack.simulator.requests()).toEqual([]);
    expect(stack.simulator.connections()).toMatchObject({ tls: 0, h2: 0 });
    expect(stack.simulator.connections().accepted).toBeGreaterThan(0);

    const ready = await stack.gateway.yoga.fetch('http://gateway.test/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, treeherder: 'down' });
  });
});
