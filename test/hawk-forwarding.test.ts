import Hawk from 'hawk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStaticCredentialStore } from '../src/auth/credential-store.js';
import { createHawkEdge } from '../src/auth/edge.js';
import { captureLogs, hawkCallers, leakedKeys, logLeaks, postGraphQL } from './support/hawk.js';
import { startStack, type Stack } from './support/stack.js';

// Hawk forwarding end to end: a caller signs its request to the gateway, the gateway verifies
// it, and every upstream request made for it reaches the simulator signed with that caller's
// own credentials, which the simulator verifies with the hawk package and records.

const callers = hawkCallers(2, 'forwarding');
const [caller, other] = callers as [(typeof callers)[number], (typeof callers)[number]];
const logs = captureLogs();
let stack: Stack;
let graphqlUrl: string;

beforeAll(async () => {
  stack = await startStack({
    listen: true,
    logger: logs.logger,
    simulator: { scale: { pushesPerRepository: 6, jobsPerPush: 20 }, hawkCredentials: callers },
    hawkEdge: createHawkEdge({ store: createStaticCredentialStore(callers) }),
  });
  graphqlUrl = `${stack.gatewayUrl}/graphql`;
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => stack.resetLog());

/** Pushes with their jobs, jobs by id with their pushes, and signatures with their framework. */
function touchQuery(jobIds: readonly number[]): string {
  return `query Touch {
    pushes(repository: "autoland", first: 2) { nodes { id revision jobs(first: 5) { nodes { id result } } } }
    jobs(ids: [${jobIds.join(', ')}]) { id push { revision } }
    performanceSignatures(repository: "mozilla-central", framework: 1, first: 3) { id suite framework { name } }
  }`;
}

function someJobIds(): number[] {
  const push = stack.simulator.data.pushesOf('mozilla-central')[0]!;
  return stack.simulator.data.jobsOfPush(push.id).slice(0, 3).map((job) => job.id);
}

const HAWK_GET_HEADER = /^Hawk id="([^"]+)", ts="(\d+)", nonce="([^"]+)", mac="[^"]+"$/;

describe('a Hawk-signed GraphQL request', () => {
  it('reaches Treeherder as that caller on every upstream request: pushes, jobs and signatures, each signed afresh', async () => {
    const before = Math.floor(Date.now() / 1000);
    const response = await postGraphQL(graphqlUrl, touchQuery(someJobIds()), { credentials: caller });
    const after = Math.ceil(Date.now() / 1000);

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const latest = [...stack.simulator.data.pushesOf('autoland')].sort((a, b) => b.id - a.id).slice(0, 2);
    expect(response.body.data!['pushes'].nodes.map((push: { revision: string }) => push.revision)).toEqual(latest.map((push) => push.revision));
    expect(response.body.data!['jobs'].map((job: { id: string }) => Number(job.id))).toEqual(someJobIds());
    expect(response.body.data!['performanceSignatures']).toHaveLength(3);

    const upstream = stack.upstream();
    const paths = new Set(upstream.map((entry) => entry.path));
    expect(paths).toContain('/api/project/autoland/push/');
    expect(paths).toContain('/api/jobs/');
    expect(paths).toContain('/api/project/mozilla-central/performance/signatures/');
    expect(upstream.length).toBeGreaterThanOrEqual(4);

    const nonces = new Set<string>();
    for (const entry of upstream) {
      // The simulator verified the MAC over method, path with query, host and port, the
      // timestamp within 60 s and the nonce; hawkId is set only when all of that held.
      expect({ path: entry.path, status: entry.status, hawkId: entry.hawkId }).toEqual({ path: entry.path, status: 200, hawkId: caller.id });
      const [, id, ts, nonce] = HAWK_GET_HEADER.exec(entry.authorization ?? '') ?? [];
      expect(id).toBe(caller.id);
      expect(Number(ts)).toBeGreaterThanOrEqual(before);
      expect(Number(ts)).toBeLessThanOrEqual(after);
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(upstream.length);
  });

  it('signs the exact upstream URL, query string included: the header verifies for it and for no other query', async () => {
    await postGraphQL(graphqlUrl, touchQuery(someJobIds()), { credentials: caller });
    const withQuery = stack.upstream().filter((entry) => entry.query !== '');
    expect(withQuery.length).toBeGreaterThan(0);
    const host = new URL(stack.simulator.url).hostname;
    const port = Number(new URL(stack.simulator.url).port);
    const verify = (entry: (typeof withQuery)[number], resource: string) =>
      Hawk.server.authenticate(
        { method: entry.method, url: resource, host, port, authorization: entry.authorization! },
        (id: string) => callers.find((credential) => credential.id === id),
      );
    for (const entry of withQuery) {
      await expect(verify(entry, `${entry.path}?${entry.query}`)).resolves.toMatchObject({ credentials: { id: caller.id } });
      await expect(verify(entry, `${entry.path}?${entry.query}&x=1`)).rejects.toMatchObject({ message: 'Bad mac' });
    }
  });

  it('is anonymous upstream when the GraphQL request carries no Authorization', async () => {
    const response = await postGraphQL(graphqlUrl, touchQuery(someJobIds()));
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const upstream = stack.upstream();
    expect(upstream.length).toBeGreaterThanOrEqual(4);
    expect(upstream.map((entry) => [entry.authorization, entry.hawkId])).toEqual(upstream.map(() => [null, null]));
  });

  it('signs for each caller with its own credentials, one request after the other', async () => {
    await postGraphQL(graphqlUrl, touchQuery(someJobIds()), { credentials: caller, userAgent: 'first' });
    await postGraphQL(graphqlUrl, touchQuery(someJobIds()), { credentials: other, userAgent: 'second' });
    await postGraphQL(graphqlUrl, touchQuery(someJobIds()), { userAgent: 'third' });
    const byAgent = (agent: string) =>
      new Set(stack.upstream().filter((entry) => entry.userAgent?.endsWith(`(client: ${agent})`)).map((entry) => entry.hawkId));
    expect(byAgent('first')).toEqual(new Set([caller.id]));
    expect(byAgent('second')).toEqual(new Set([other.id]));
    expect(byAgent('third')).toEqual(new Set([null]));
  });

  it('answers a request signed with a wrong key with 401 before anything goes upstream', async () => {
    const response = await postGraphQL(graphqlUrl, touchQuery(someJobIds()), { credentials: { ...caller, key: other.key } });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ errors: [{ message: expect.stringContaining('bad MAC'), extensions: { code: 'HAWK_BAD_MAC' } }] });
    expect(stack.upstream()).toEqual([]);
  });
});

describe('secrets', () => {
  it('GraphiQL neither shows nor embeds a key', async () => {
    const page = await fetch(graphqlUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('graphiql');
    expect(leakedKeys(html, callers)).toEqual([]);
  });

  it('GET /metrics holds no key after signed requests', async () => {
    await postGraphQL(graphqlUrl, touchQuery(someJobIds()), { credentials: caller });
    const metrics = await fetch(`${stack.gatewayUrl}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('upstream');
    expect(leakedKeys(text, callers)).toEqual([]);
    expect(text).not.toMatch(/Hawk id=|mac=/);
  });

  it('the gateway logged requests, and not one key, Hawk header or Authorization in them', async () => {
    await postGraphQL(graphqlUrl, touchQuery(someJobIds()), { credentials: caller });
    await postGraphQL(graphqlUrl, '{ nope }', { credentials: caller });
    await postGraphQL(graphqlUrl, touchQuery(someJobIds()), { credentials: { ...caller, key: other.key } });
    expect(logs.lines.length).toBeGreaterThan(5);
    expect(logs.lines.some((line) => line.includes(`"hawkId":"${caller.id}"`))).toBe(true);
    expect(logLeaks(logs.lines, callers)).toEqual([]);
  });
});

describe('a caller the gateway accepts but Treeherder does not know', () => {
  const stranger = hawkCallers(1, 'unknown-upstream')[0]!;
  const strangerLogs = captureLogs();
  let partial: Stack;
  beforeAll(async () => {
    partial = await startStack({
      listen: true,
      logger: strangerLogs.logger,
      simulator: { scale: { pushesPerRepository: 3, jobsPerPush: 5 }, hawkCredentials: callers },
      hawkEdge: createHawkEdge({ store: createStaticCredentialStore([...callers, stranger]) }),
    });
  });
  afterAll(() => partial.close());

  it('gets UPSTREAM_UNAUTHENTICATED with Treeherder\'s words, and the log says to check the credentials', async () => {
    const response = await postGraphQL(`${partial.gatewayUrl}/graphql`, '{ repositories { name } }', { credentials: stranger });
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        extensions: { code: 'UPSTREAM_UNAUTHENTICATED', upstreamStatus: 403, upstreamDetail: `No authorised credentials found with id ${stranger.id}` },
      }),
    ]);
    const hint = strangerLogs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['level'] === 'warn');
    expect(hint).toMatchObject({ message: "Treeherder rejected the gateway's Hawk signature", hint: expect.stringContaining('check that the caller') });
    expect(logLeaks(strangerLogs.lines, [...callers, stranger])).toEqual([]);
  });
});
