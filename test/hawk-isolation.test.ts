import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticCredentialStore } from '../src/auth/credential-store.js';
import { createHawkEdge } from '../src/auth/edge.js';
import type { HawkCredentials } from '../src/auth/index.js';
import { captureLogs, hawkCallers, logLeaks, postGraphQL, type GraphQLOverHttp } from './support/hawk.js';
import { startStack, type Stack } from './support/stack.js';

// Isolation under load: many callers at once, identical queries, and the simulator's log as
// the witness. The gateway's edge and the simulator know the same ids (the deployment model:
// the gateway forwards each caller's own Treeherder credentials), and each GraphQL request
// carries a unique User-Agent, which the gateway appends to its own as `(client: …)`. So every
// upstream request names the GraphQL request that caused it, and the simulator records the id
// whose signature it verified. Any shared cache, de-duplication or mixed batch across callers
// shows up as a wrong id, a missing request or a surplus one.

const REQUESTS = 200;
const callers = hawkCallers(10, 'tenant');
const logs = captureLogs();
let stack: Stack;
let graphqlUrl: string;

// Identical for everyone: pushes with jobs, jobs by id with their pushes, and signatures, so
// several loaders batch and several endpoints are hit per request.
const QUERY = `{
  pushes(repository: "autoland", first: 3) { nodes { id revision author jobs(first: 10) { nodes { id result jobType { name } } } } }
  jobs(ids: [JOB_IDS]) { id result push { revision } }
  performanceSignatures(repository: "mozilla-central", framework: 1, first: 5) { id suite framework { name } }
}`;

/** Request `index` comes from `callers[index % 11]`, or anonymously for every eleventh. */
function callerOf(index: number): HawkCredentials | null {
  return callers[index % (callers.length + 1)] ?? null;
}

const marker = (index: number) => `isolation-test/${index}`;
const MARKER_IN_AGENT = /\(client: isolation-test\/(\d+)\)$/;

beforeAll(async () => {
  stack = await startStack({
    listen: true,
    logger: logs.logger,
    // A little upstream latency keeps many GraphQL requests in flight at the same time.
    simulator: { scale: { pushesPerRepository: 8, jobsPerPush: 30 }, hawkCredentials: callers, latencyMs: 3 },
    hawkEdge: createHawkEdge({ store: createStaticCredentialStore(callers) }),
  });
  graphqlUrl = `${stack.gatewayUrl}/graphql`;
});
afterAll(async () => {
  await stack.close();
});

describe('200 concurrent GraphQL requests from 10 identities and anonymous callers', () => {
  it('attributes every upstream request to exactly the caller whose request caused it, and answers each correctly', async (context) => {
    const push = stack.simulator.data.pushesOf('mozilla-central')[0]!;
    const jobIds = stack.simulator.data.jobsOfPush(push.id).slice(0, 4).map((job) => job.id);
    const query = QUERY.replace('JOB_IDS', jobIds.join(', '));

    // One request alone first: the expected answer and how many upstream requests one costs.
    stack.resetLog();
    const reference = await postGraphQL(graphqlUrl, query);
    expect(reference.body.errors).toBeUndefined();
    const latest = [...stack.simulator.data.pushesOf('autoland')].sort((a, b) => b.id - a.id).slice(0, 3);
    expect(reference.body.data!['pushes'].nodes.map((node: { revision: string }) => node.revision)).toEqual(latest.map((node) => node.revision));
    expect(reference.body.data!['jobs'].map((job: { id: string }) => Number(job.id))).toEqual(jobIds);
    expect(reference.body.data!['jobs'].every((job: { push: { revision: string } }) => job.push.revision === push.revision)).toBe(true);
    expect(reference.body.data!['performanceSignatures']).toHaveLength(5);
    const perRequest = stack.upstream().length;
    expect(perRequest).toBeGreaterThanOrEqual(5);

    stack.resetLog();
    const started = performance.now();
    const responses: GraphQLOverHttp[] = await Promise.all(
      Array.from({ length: REQUESTS }, (_, index) => {
        const credentials = callerOf(index);
        return postGraphQL(graphqlUrl, query, { userAgent: marker(index), ...(credentials ? { credentials } : {}) });
      }),
    );
    const wallMs = performance.now() - started;

    // Each caller got the full, correct answer.
    responses.forEach((response, index) => {
      expect({ index, status: response.status, body: response.body }).toEqual({ index, status: 200, body: reference.body });
    });

    // Each upstream request names its GraphQL request; its verified id must be that caller's.
    const upstream = stack.upstream();
    const perGraphQLRequest = new Map<number, number>();
    const perIdentity = new Map<string, number>();
    const crossAttributions: string[] = [];
    for (const entry of upstream) {
      const index = Number(MARKER_IN_AGENT.exec(entry.userAgent ?? '')?.[1] ?? Number.NaN);
      expect(Number.isInteger(index), `upstream request without a marker: ${entry.userAgent}`).toBe(true);
      perGraphQLRequest.set(index, (perGraphQLRequest.get(index) ?? 0) + 1);
      const expected = callerOf(index)?.id ?? null;
      const signedAs = /^Hawk id="([^"]+)"/.exec(entry.authorization ?? '')?.[1] ?? null;
      if (entry.hawkId !== expected || signedAs !== expected || entry.status !== 200) {
        crossAttributions.push(`request ${index} (${expected ?? 'anonymous'}) reached upstream as ${entry.hawkId ?? 'anonymous'}, header id ${signedAs}, status ${entry.status}`);
      }
      perIdentity.set(entry.hawkId ?? 'anonymous', (perIdentity.get(entry.hawkId ?? 'anonymous') ?? 0) + 1);
    }
    expect(crossAttributions).toEqual([]);
    // Nothing shared with a signed request: each one made its own upstream requests, no more,
    // no fewer. Anonymous requests may share theirs (shared caches, in-flight de-duplication).
    const signed = Array.from({ length: REQUESTS }, (_, index) => index).filter((index) => callerOf(index) !== null);
    expect(signed.map((index) => perGraphQLRequest.get(index))).toEqual(signed.map(() => perRequest));
    for (const [index, count] of perGraphQLRequest) if (callerOf(index) === null) expect(count).toBeLessThanOrEqual(perRequest);
    expect(upstream.length).toBeGreaterThanOrEqual(signed.length * perRequest);
    expect(upstream.length).toBeLessThanOrEqual(REQUESTS * perRequest);
    // The upstream concurrency is real: requests of different callers were in flight together.
    expect(new Set(upstream.slice(0, 50).map((entry) => entry.hawkId)).size).toBeGreaterThan(2);

    const graphqlPerIdentity = new Map<string, number>();
    for (let index = 0; index < REQUESTS; index += 1) {
      const id = callerOf(index)?.id ?? 'anonymous';
      graphqlPerIdentity.set(id, (graphqlPerIdentity.get(id) ?? 0) + 1);
    }
    for (const [id, count] of graphqlPerIdentity) {
      if (id === 'anonymous') expect(perIdentity.get(id) ?? 0, id).toBeLessThanOrEqual(count * perRequest);
      else expect(perIdentity.get(id), id).toBe(count * perRequest);
    }

    expect(logLeaks(logs.lines, callers)).toEqual([]);

    context.annotate(
      JSON.stringify({
        graphqlRequests: REQUESTS,
        upstreamRequests: upstream.length,
        upstreamPerGraphQLRequest: perRequest,
        graphqlRequestsPerIdentity: Object.fromEntries(graphqlPerIdentity),
        upstreamRequestsPerIdentity: Object.fromEntries(perIdentity),
        crossAttributions: crossAttributions.length,
        wallMs: Math.round(wallMs),
      }),
      'figures',
    );
  });
});
