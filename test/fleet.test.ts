import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hawkAuthorization } from '../src/auth/index.js';
import { sha256Hex } from '../src/sdk/persisted-documents.js';
import { createSimulator, type Simulator } from '../src/simulator/index.js';
import { compileEntry } from './support/compile-entry.js';
import { hawkCallers } from './support/hawk.js';
import { startRedis, type RedisServer } from './support/redis.js';
import { startReplica, type Replica } from './support/replica.js';
import { peakConcurrency } from './support/request-log.js';
import { FIXED_NOW } from './support/stack.js';

// A fleet: three gateway processes (the real entry point) behind no balancer, one real Redis,
// one simulator standing for Treeherder. Whatever one replica learnt or accepted, the others
// know; Redis dying is a state the fleet lives through, and its return resumes the sharing.

const PUBLIC_URL = 'https://graphql.example.org/graphql';
const [caller] = hawkCallers(1, 'fleet');
const BUG_SUGGESTIONS = /^\/api\/project\/[^/]+\/jobs\/\d+\/bug_suggestions\/$/;

let buildDir: string;
let workDir: string;
let redis: RedisServer;
let simulator: Simulator;
let replicas: Replica[];

interface Answer {
  status: number;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function post(replica: Replica, body: Record<string, unknown>, authorization?: string): Promise<Answer> {
  const response = await fetch(replica.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const anonymous = (replica: Replica, query: string, variables?: Record<string, unknown>) => post(replica, { query, variables });

/** A request signed for the public address, as a caller behind the load balancer would send it. */
function signed(query: string): { body: Record<string, unknown>; authorization: string } {
  const body = { query };
  return { body, authorization: hawkAuthorization(PUBLIC_URL, caller!, { payload: JSON.stringify(body) }) };
}

const upstream = () => simulator.requests().filter((entry) => entry.path.startsWith('/api/'));
const codes = (answer: Answer) => (answer.body.errors ?? []).map((error) => error.extensions?.['code']);

beforeAll(async () => {
  buildDir = await compileEntry('treeherder-graphql-fleet-build-');
  workDir = await mkdtemp(join(tmpdir(), 'treeherder-graphql-fleet-'));
  const credentialsFile = join(workDir, 'credentials.json');
  await writeFile(credentialsFile, JSON.stringify([caller]));
  redis = await startRedis();
  simulator = createSimulator({ seed: 11, now: FIXED_NOW, scale: { pushesPerRepository: 12, jobsPerPush: 12 }, hawkCredentials: [caller!] });
  const simulatorUrl = await simulator.listen(0, '127.0.0.1');
  const env = {
    TREEHERDER_URL: simulatorUrl,
    REDIS_URL: redis.url,
    REDIS_TIMEOUT_MS: '1000',
    HAWK_CREDENTIALS_FILE: credentialsFile,
    PUBLIC_HOST: 'graphql.example.org',
    PUBLIC_PORT: '443',
    UPSTREAM_MAX_CONCURRENCY: '3',
    UPSTREAM_RETRIES: '0',
  };
  replicas = await Promise.all([0, 1, 2].map(() => startReplica(buildDir, env)));
}, 180_000);

afterAll(async () => {
  await Promise.all((replicas ?? []).map((replica) => replica.stop()));
  await simulator?.close();
  await redis?.stop();
  await rm(buildDir, { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(() => simulator.clearRequests());

describe('three replicas sharing one Redis', () => {
  it('start up saying they share state', () => {
    for (const replica of replicas) {
      expect(replica.lines.find((line) => line['message'] === 'treeherder-graphql listening')).toMatchObject({ redis: 'shared', hawk: 'verifying' });
    }
  });

  it('accept a signed header once: replayed to another replica it is refused, and nothing is sent for it', async () => {
    const [a, b, c] = replicas as [Replica, Replica, Replica];
    const request = signed('{ repositories { name } }');

    expect(await post(a, request.body, request.authorization)).toMatchObject({ status: 200, body: { data: { repositories: expect.any(Array) } } });
    const sentByA = upstream().length;
    expect(upstream().map((entry) => entry.hawkId)).toEqual(Array(sentByA).fill(caller!.id));

    for (const other of [b, c, a]) {
      const replay = await post(other, request.body, request.authorization);
      expect([replay.status, codes(replay)]).toEqual([401, ['HAWK_REPLAYED_NONCE']]);
    }
    expect(upstream()).toHaveLength(sentByA);
  });

  it('refuse a body swapped under a header, with or without a payload hash', async () => {
    const [, b] = replicas as [Replica, Replica];
    const { authorization } = signed('{ repositories { name } }');
    const swapped = await post(b, { query: '{ repositories { name dvcsType } }' }, authorization);
    expect([swapped.status, codes(swapped)]).toEqual([401, ['HAWK_BAD_PAYLOAD_HASH']]);

    const unhashed = hawkAuthorization(PUBLIC_URL, caller!);
    const uncovered = await post(b, { query: '{ repositories { name dvcsType } }' }, unhashed);
    expect([uncovered.status, codes(uncovered)]).toEqual([401, ['HAWK_MISSING_PAYLOAD_HASH']]);
    expect(upstream()).toEqual([]);
  });

  it('share the caches: what replica A fetched, replica B serves with no upstream request', async () => {
    const [a, b, c] = replicas as [Replica, Replica, Replica];
    const listing = await anonymous(a, '{ pushes(repository: "autoland", first: 3) { nodes { id revision } } }');
    const [push] = listing.body.data!['pushes'].nodes as Array<{ id: string; revision: string }>;
    const query = `{
      repositories { name }
      byId: push(repository: "autoland", id: "${push!.id}") { id revision author }
      byRevision: push(repository: "autoland", revision: "${push!.revision}") { id revision }
    }`;
    const filled = await anonymous(a, query);
    expect(filled.body.errors).toBeUndefined();
    simulator.clearRequests();

    const fromB = await anonymous(b, query);
    expect(fromB.body).toEqual(filled.body);
    expect(upstream()).toEqual([]);
    expect((await anonymous(c, query)).body).toEqual(filled.body);
    expect(upstream()).toEqual([]);
  });

  it('share learnt persisted queries: a hash A learnt runs on B', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const query = '{ repositories { name dvcsType } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } };
    const unknown = await post(b, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(`${query} `) } } });
    expect(codes(unknown)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);

    expect((await post(a, { query, extensions })).body.errors).toBeUndefined();
    const byHash = await post(b, { extensions });
    expect(byHash.status).toBe(200);
    expect(byHash.body.data!['repositories'].length).toBeGreaterThan(0);
  });

  it('hold UPSTREAM_MAX_CONCURRENCY for the fleet: 3 at once across all replicas, not 3 each', async () => {
    const jobIds = simulator.data.pushesOf('autoland').flatMap((push) => simulator.data.jobsOfPush(push.id)).map((job) => job.id);
    simulator.setFaults([{ path: '/api/project/*/jobs/*/bug_suggestions/', kind: 'latency', ms: 60 }]);
    try {
      const answers = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((group) =>
          anonymous(replicas[group % 3]!, 'query($ids: [ID!]!) { jobs(ids: $ids) { id bugSuggestions { search } } }', {
            ids: jobIds.slice(group * 6, group * 6 + 6).map(String),
          }),
        ),
      );
      expect(answers.flatMap((answer) => answer.body.errors ?? [])).toEqual([]);
      const suggestions = upstream().filter((entry) => BUG_SUGGESTIONS.test(entry.path));
      expect(suggestions).toHaveLength(36);
      // Each replica alone would allow 3: 9 at once without the shared slots.
      expect(peakConcurrency(suggestions, 1)).toBeLessThanOrEqual(3);
    } finally {
      simulator.setFaults([]);
    }
  });
});

describe('Redis failing under the fleet', () => {
  const READ = '{ pushes(repository: "autoland", first: 2) { nodes { id revision jobCounts { completed } } } repositories { name } }';

  it('killed under load: anonymous reads all answer, signed ones get the documented 503, /ready and /metrics say so', async () => {
    const down = Promise.all(replicas.map((replica) => replica.nextLine((line) => String(line['message']).startsWith('Redis unreachable'))));
    const load = Array.from({ length: 30 }, (_, index) => anonymous(replicas[index % 3]!, READ));
    await redis.kill();
    const during = await Promise.all([...load, ...Array.from({ length: 9 }, (_, index) => anonymous(replicas[index % 3]!, READ))]);
    expect(during.map((answer) => answer.status)).toEqual(Array(39).fill(200));
    expect(during.flatMap((answer) => answer.body.errors ?? [])).toEqual([]);
    const warnings = await down;
    expect(warnings.map((line) => line['level'])).toEqual(['warn', 'warn', 'warn']);

    const after = await Promise.all(replicas.map((replica) => anonymous(replica, READ)));
    expect(after.map((answer) => [answer.status, answer.body.errors])).toEqual(Array(3).fill([200, undefined]));

    const request = signed('{ repositories { name } }');
    const refused = await post(replicas[0]!, request.body, request.authorization);
    expect([refused.status, codes(refused)]).toEqual([503, ['HAWK_REPLAY_CHECK_UNAVAILABLE']]);

    const base = replicas[1]!.url.replace(/\/graphql$/, '');
    const ready = await fetch(`${base}/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { ready: true, treeherder: 'up', redis: 'down' }]);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^gateway_shared_store_up 0$/m);
    expect(metrics).toMatch(/^gateway_shared_store_failures_total\{store="cache"\} [1-9]/m);
  });

  it('restarted: every replica says so, and sharing resumes (replays refused, caches shared again)', async () => {
    const up = Promise.all(replicas.map((replica) => replica.nextLine((line) => String(line['message']).startsWith('Redis reachable'))));
    await redis.restart();
    await up;
    const [a, b] = replicas as [Replica, Replica];

    const request = signed('{ repositories { name } }');
    expect((await post(a, request.body, request.authorization)).status).toBe(200);
    expect(codes(await post(b, request.body, request.authorization))).toEqual(['HAWK_REPLAYED_NONCE']);

    // Redis came back empty: A fills it again, B reads it.
    const id = String(simulator.data.pushesOf('try')[0]!.id);
    const query = `{ push(repository: "try", id: "${id}") { id revision author } }`;
    const filled = await anonymous(a, query);
    simulator.clearRequests();
    expect((await anonymous(b, query)).body).toEqual(filled.body);
    expect(upstream()).toEqual([]);

    const ready = await fetch(`${b.url.replace(/\/graphql$/, '')}/ready`);
    expect(await ready.json()).toEqual({ ready: true, treeherder: 'up', redis: 'up' });
  });
});
