import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hawkAuthorization } from '../src/auth/index.js';
import { sha256Hex } from '../src/persisted-documents.js';
import { createSimulator, type Simulator } from '../src/simulator/index.js';
import { compileEntry } from './support/compile-entry.js';
import { hawkCallers } from './support/hawk.js';
import { startRedis, type RedisServer } from './support/redis.js';
import { startReplica, type Replica } from './support/replica.js';
import { subscribeSse, type SseSubscriber } from './support/live.js';
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
let env: Record<string, string>;
/** LIVE_POLL_INTERVAL_MS of the replicas (the smallest allowed). */
const INTERVAL_MS = 1_000;

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
  env = {
    LIVE_POLL_INTERVAL_MS: String(INTERVAL_MS),
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

describe('live updates across the fleet', () => {
  const WATCH = 'subscription { pushCreated(repository: "autoland") { id revision } }';
  const base = (replica: Replica) => replica.url.replace(/\/graphql$/, '');
  const pushRequests = () => upstream().filter((entry) => entry.path === '/api/project/autoland/push/');
  /** Polls after the start (the start asks for the newest push only). */
  const polls = () => pushRequests().filter((entry) => entry.params.some(([name]) => name === 'id__gt'));
  let inspect: Redis;
  let clients: SseSubscriber[] = [];

  beforeAll(() => {
    inspect = new Redis(redis.url, { commandTimeout: 5_000 });
  });
  afterAll(async () => {
    await inspect.quit();
  });
  afterEach(() => {
    for (const client of clients) client.close();
    clients = [];
  });

  /** Checks `condition` every 20 ms until it holds (no time bar: the test's own timeout is the limit). */
  async function eventually<T>(condition: () => Promise<T | undefined | false> | T | undefined | false): Promise<T> {
    for (;;) {
      const value = await condition();
      if (value !== undefined && value !== false) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  /** The replica holding the lease of each live topic, by PID. */
  async function leases(): Promise<Array<{ key: string; pid: number }>> {
    const keys = await inspect.keys('thgql:live:*:lease:*');
    const holders = await Promise.all(keys.map((key) => inspect.get(key)));
    // A lease can expire between KEYS and GET (its holder was killed): such a key holds nobody.
    return keys.flatMap((key, index) => (holders[index] ? [{ key, pid: Number(holders[index].split(':')[1]) }] : []));
  }
  /** Steps the simulator until autoland has a new push; its ids. */
  function newAutolandPushes(): number[] {
    const before = new Set(simulator.data.pushesOf('autoland').map((push) => push.id));
    for (let step = 0; step < 500; step++) {
      simulator.advance(1);
      const fresh = simulator.data.pushesOf('autoland').map((push) => push.id).filter((id) => !before.has(id));
      if (fresh.length > 0) return fresh.sort((a, b) => a - b);
    }
    throw new Error('no new autoland push');
  }
  /** Every replica with subscribers listens on the topic's channel. */
  async function listening(count: number): Promise<void> {
    await eventually(async () => {
      const channels = (await inspect.pubsub('CHANNELS', 'thgql:live:*:events:*')) as string[];
      if (channels.length !== 1) return false;
      const [, subscribers] = (await inspect.pubsub('NUMSUB', channels[0]!)) as [string, number];
      return subscribers === count;
    });
  }

  it('60 subscribers over three replicas: one poller for the fleet, one upstream request per interval, the event reaches all of them; a signed one polls on its own replica, not through Redis', async () => {
    clients = await Promise.all(Array.from({ length: 60 }, (_, index) => subscribeSse(base(replicas[index % 3]!), WATCH)));
    expect(clients.map((client) => client.status)).toEqual(Array(60).fill(200));
    // A signed subscriber of the same repository, on replica A.
    const body = JSON.stringify({ query: WATCH, variables: {} });
    const mine = await subscribeSse(base(replicas[0]!), WATCH, {}, { headers: { authorization: hawkAuthorization(PUBLIC_URL, caller!, { payload: body }) } });
    clients.push(mine);
    expect(mine.status).toBe(200);

    const [lease] = await eventually(async () => ((await leases()).length > 0 ? leases() : undefined));
    expect(replicas.map((replica) => replica.pid)).toContain(lease!.pid);
    await listening(3);
    // Only the anonymous topic has a lease; the signed one is its caller's, on replica A.
    expect(await leases()).toHaveLength(1);
    // Both pollers have learnt where "now" is (their start answered) before anything changes.
    await eventually(() => pushRequests().some((entry) => entry.hawkId === null && entry.status === 200) && pushRequests().some((entry) => entry.hawkId === caller!.id && entry.status === 200));

    const fresh = newAutolandPushes();
    const events = await Promise.all(clients.map((client) => client.nth(0)));
    for (const event of events) {
      expect(event.errors).toBeUndefined();
      expect(event.data.pushCreated.id).toBe(String(fresh[0]));
    }

    // Six anonymous polls take five intervals or more: one poller, not one per replica (three
    // would make six within two intervals). Late timers only make the span longer.
    simulator.clearRequests();
    const anonymousPolls = () => polls().filter((entry) => entry.hawkId === null);
    await eventually(() => anonymousPolls().length >= 6);
    const six = anonymousPolls().slice(0, 6);
    const spanMs = six[5]!.receivedAt - six[0]!.receivedAt;
    console.log(`fleet live: 6 anonymous polls for 60 subscribers on 3 replicas spanned ${spanMs} ms (${(spanMs / INTERVAL_MS).toFixed(2)} intervals)`);
    // One spare interval for a lease changing hands under load (a second poll at the hand-over).
    expect(spanMs).toBeGreaterThanOrEqual(4 * INTERVAL_MS - 50);
    // Nothing else went upstream for the anonymous subscribers; the signed one polled as its caller.
    expect(upstream().filter((entry) => entry.hawkId === null).every((entry) => entry.path === '/api/project/autoland/push/')).toBe(true);
    expect(upstream().filter((entry) => entry.hawkId !== null).every((entry) => entry.hawkId === caller!.id)).toBe(true);
  });

  it('the lease holder killed: another replica takes the topic over within two intervals, from where the dead one was, and the other replicas\' subscribers keep receiving', async () => {
    clients = await Promise.all(Array.from({ length: 30 }, (_, index) => subscribeSse(base(replicas[index % 3]!), WATCH)));
    await listening(3);
    const [lease] = await eventually(async () => ((await leases()).length > 0 ? leases() : undefined));
    const index = replicas.findIndex((replica) => replica.pid === lease!.pid);
    expect(index).toBeGreaterThanOrEqual(0);
    const others = clients.filter((_, n) => n % 3 !== index);

    simulator.clearRequests();
    const killedAt = Date.now();
    process.kill(replicas[index]!.pid, 'SIGKILL');
    // A push arrives while nobody polls: the next holder goes on from the dead one's position, so it is reported.
    const fresh = newAutolandPushes();
    const [taken] = await eventually(async () => {
      const now = await leases();
      return now.length === 1 && now[0]!.pid !== lease!.pid ? now : undefined;
    });
    expect(replicas.filter((_, n) => n !== index).map((replica) => replica.pid)).toContain(taken!.pid);
    // The new holder's first request (a poll from the saved position) is the takeover.
    const first = await eventually(() => pushRequests().find((entry) => entry.status === 200));
    const takeoverMs = first.receivedAt - killedAt;
    console.log(`fleet live: lease holder killed, the topic polled again by another replica after ${takeoverMs} ms (${(takeoverMs / INTERVAL_MS).toFixed(2)} intervals)`);
    // Two intervals by design (a lease lasts 1.5, the others try every half); generous under load.
    expect(takeoverMs).toBeLessThan(2 * INTERVAL_MS + 3_000);
    expect(first.params.find(([name]) => name === 'id__gt')).toBeDefined();
    const events = await Promise.all(others.map((client) => client.nth(0)));
    expect(events.map((event) => event.data?.pushCreated.id)).toEqual(Array(20).fill(String(fresh[0])));

    // A replica in its place, for the tests below.
    replicas[index] = await startReplica(buildDir, env);
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

  it('while it is down, each replica polls for its own live subscribers, and they keep receiving', async () => {
    const WATCH = 'subscription { pushCreated(repository: "autoland") { id } }';
    const clients = await Promise.all(replicas.map((replica) => subscribeSse(replica.url.replace(/\/graphql$/, ''), WATCH)));
    try {
      const starts = () => upstream().filter((entry) => entry.path === '/api/project/autoland/push/' && entry.status === 200);
      // One poller per replica now: three starts.
      for (;;) {
        if (starts().length >= 3) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const before = new Set(simulator.data.pushesOf('autoland').map((push) => push.id));
      let fresh: number[] = [];
      for (let step = 0; step < 500 && fresh.length === 0; step++) {
        simulator.advance(1);
        fresh = simulator.data.pushesOf('autoland').map((push) => push.id).filter((id) => !before.has(id));
      }
      const events = await Promise.all(clients.map((client) => client.nth(0)));
      expect(events.map((event) => event.data?.pushCreated.id)).toEqual(Array(3).fill(String(Math.min(...fresh))));
    } finally {
      for (const client of clients) client.close();
    }
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
