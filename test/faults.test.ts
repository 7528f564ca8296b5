import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../src/simulator/index.js';
import type { Job } from '../src/simulator/types.js';
import { startStack, type Stack } from './support/stack.js';

// Partial results under every kind of upstream fault. One job's bug suggestions misbehave
// while the rest of the query (the repository list, the other job) is served normally: the
// gateway must answer before its deadline, null exactly what failed (up to the nearest
// nullable parent, as GraphQL's rules say), code it as the README documents, and stay healthy.

const DEADLINE_MS = 2_000;
/** Scheduling slack on two shared cores; the deadline itself is what is being tested. */
const MARGIN_MS = 3_000;

let stack: Stack;
let faulted: Job;
let healthy: Job;
let repositoryCount: number;

beforeAll(async () => {
  stack = await startStack({
    simulator: { scale: { pushesPerRepository: 12, jobsPerPush: 20 } },
    env: {
      UPSTREAM_HEADERS_TIMEOUT_MS: '500',
      // Longer than a drip's pauses: only the deadline can stop a drip.
      UPSTREAM_BODY_TIMEOUT_MS: '1000',
      REQUEST_DEADLINE_MS: String(DEADLINE_MS),
      UPSTREAM_RETRIES: '2',
      UPSTREAM_RETRY_BASE_MS: '10',
      UPSTREAM_RETRY_MAX_DELAY_MS: '40',
      UPSTREAM_RETRY_AFTER_MAX_MS: '1500',
      // Faults here hit one route on purpose; the breaker has its own tests.
      UPSTREAM_BREAKER_THRESHOLD: '1000',
    },
  });
  const data = stack.simulator.data;
  const failedJobs = data.pushesOf('autoland').flatMap((push) => data.jobsOfPush(push.id)).filter((job) => job.result === 'testfailed');
  [faulted, healthy] = failedJobs as [Job, Job];
  repositoryCount = (await stack.query('{ repositories { name } }')).body.data!['repositories'].length;
});
afterAll(() => stack.close());
beforeEach(() => {
  stack.simulator.setFaults([]);
  stack.resetLog();
});

const PARTIAL = `query Partial($a: ID!, $b: ID!) {
  repositories { name }
  jobs(ids: [$a, $b]) { id bugSuggestions { search } }
}`;

/** A fault rule without its path (the path is the faulted job's, set by each test). */
type Fault = FaultRule extends infer Rule ? (Rule extends unknown ? Omit<Rule, 'path'> : never) : never;

const faultedPath = (): string => `/api/project/autoland/jobs/${faulted.id}/bug_suggestions/`;

async function health(): Promise<number> {
  return (await stack.gateway.yoga.fetch('http://gateway.test/health')).status;
}

/** Every upstream slot comes back once the request is over (a cut request a moment later). */
async function expectSlotsReturned(): Promise<void> {
  const until = Date.now() + 2_000;
  while (stack.gateway.resilience.load().inFlight > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(stack.gateway.resilience.load()).toEqual({ inFlight: 0, queued: 0 });
}

async function partialQuery() {
  const started = performance.now();
  const response = await stack.query(PARTIAL, { a: String(faulted.id), b: String(healthy.id) });
  return { ...response, elapsedMs: performance.now() - started };
}

describe('one field under each kind of fault', () => {
  it.each<[string, string, Fault, number, Record<string, unknown>]>([
    // [name, code, fault, requests to the faulted route, other extensions]
    ['503 from the load balancer (HTML), retried twice', 'UPSTREAM_UNAVAILABLE', { kind: 'status', status: 503 }, 3, { upstreamStatus: 503 }],
    ['502 with a JSON detail, retried twice', 'UPSTREAM_UNAVAILABLE', { kind: 'status', status: 502, body: 'json' }, 3, { upstreamStatus: 502, upstreamDetail: 'Bad Gateway (simulated fault).' }],
    ['500 HTML page, not retried', 'UPSTREAM_ERROR', { kind: 'status', status: 500 }, 1, { upstreamStatus: 500 }],
    ['404, not retried', 'UPSTREAM_NOT_FOUND', { kind: 'status', status: 404, body: 'json' }, 1, { upstreamStatus: 404, upstreamDetail: 'Not Found (simulated fault).' }],
    ['a latency spike past the headers timeout, not retried', 'UPSTREAM_TIMEOUT', { kind: 'latency', ms: 0, spikeMs: 10_000, spikeRate: 1 }, 1, {}],
    ['429 asking for longer than the gateway waits', 'UPSTREAM_RATE_LIMITED', { kind: 'rate-limit', retryAfter: 30 }, 1, { upstreamStatus: 429, retryAfterSeconds: 30, upstreamDetail: 'Request was throttled. Expected available in 30 seconds.' }],
    ['a connection reset mid-body, retried twice', 'UPSTREAM_UNAVAILABLE', { kind: 'reset' }, 3, {}],
    ['truncated JSON, not retried', 'UPSTREAM_BAD_RESPONSE', { kind: 'truncated' }, 1, { upstreamStatus: 200 }],
    ['200 with HTML, not retried', 'UPSTREAM_BAD_RESPONSE', { kind: 'html200' }, 1, { upstreamStatus: 200 }],
    ['a slow drip, cut at the deadline', 'UPSTREAM_TIMEOUT', { kind: 'drip', chunkBytes: 1, intervalMs: 100 }, 1, {}],
  ])('%s: that job is null, %s at its path, the rest answers', async (_name, code, fault, requests, extensions) => {
    stack.simulator.setFaults([{ ...fault, path: faultedPath() } as FaultRule]);
    const response = await partialQuery();

    expect(response.elapsedMs).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    expect(response.status).toBe(200);
    // Job.bugSuggestions is non-null, so its failure nulls the nearest nullable parent: the list item.
    expect(response.body.errors).toEqual([{ message: expect.any(String), path: ['jobs', 0, 'bugSuggestions'], locations: expect.any(Array), extensions: { code, ...extensions } }]);
    const data = response.body.data!;
    expect(data['repositories']).toHaveLength(repositoryCount);
    expect(data['jobs'][0]).toBeNull();
    expect(data['jobs'][1]).toMatchObject({ id: String(healthy.id) });
    expect(data['jobs'][1].bugSuggestions.length).toBeGreaterThan(0);

    const log = stack.upstream();
    expect(log.filter((entry) => entry.path === faultedPath())).toHaveLength(requests);
    expect(log.filter((entry) => entry.path === faultedPath()).every((entry) => entry.fault === fault.kind)).toBe(true);
    expect(log.filter((entry) => entry.fault !== null && entry.path !== faultedPath())).toEqual([]);
    expect(await health()).toBe(200);
    await expectSlotsReturned();
  });

  it('latency within the timeouts: everything answers, nothing is retried', async () => {
    stack.simulator.setFaults([{ path: '/api/**', kind: 'latency', ms: 40 }]);
    const response = await partialQuery();
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!['jobs'].map((job: { id: string }) => job.id)).toEqual([String(faulted.id), String(healthy.id)]);
    expect(stack.upstream().filter((entry) => entry.path === faultedPath())).toHaveLength(1);
    expect(stack.upstream().every((entry) => entry.fault === 'latency')).toBe(true);
  });

  it('the deadline cuts the upstream request still outstanding (Treeherder sees the connection close)', async () => {
    stack.simulator.setFaults([{ path: faultedPath(), kind: 'drip', chunkBytes: 1, intervalMs: 100 }]);
    const response = await partialQuery();
    expect(response.body.errors?.[0]).toMatchObject({ path: ['jobs', 0, 'bugSuggestions'], extensions: { code: 'UPSTREAM_TIMEOUT' } });
    // The simulator stops dripping when its client goes away; left alone it would drip for minutes.
    const entry = () => stack.upstream().find((candidate) => candidate.path === faultedPath())!;
    const until = Date.now() + 5_000;
    while (entry().durationMs === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(entry().durationMs).toBeGreaterThan(0);
    expect(entry().durationMs).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    await expectSlotsReturned();
  });
});

describe('where a failure lands (GraphQL null propagation)', () => {
  it('a nullable field fails alone: both jobs keep their id, only taskclusterMetadata is null', async () => {
    stack.simulator.setFaults([{ path: '/api/taskclustermetadata/', kind: 'status', status: 500 }]);
    const response = await stack.query(`query($a: ID!, $b: ID!) { jobs(ids: [$a, $b]) { id taskclusterMetadata { taskId } } }`, {
      a: String(faulted.id),
      b: String(healthy.id),
    });
    expect(response.body.data).toEqual({
      jobs: [
        { id: String(faulted.id), taskclusterMetadata: null },
        { id: String(healthy.id), taskclusterMetadata: null },
      ],
    });
    expect(response.body.errors!.map((error) => [error.path, error.extensions!['code']])).toEqual([
      [['jobs', 0, 'taskclusterMetadata'], 'UPSTREAM_ERROR'],
      [['jobs', 1, 'taskclusterMetadata'], 'UPSTREAM_ERROR'],
    ]);
  });

  it('a non-null root field takes `data` with it: then nothing else of the query is returned', async () => {
    stack.simulator.setFaults([{ path: '/api/project/*/push/', kind: 'html200' }]);
    const response = await stack.query(`query($a: ID!) { pushes(repository: "autoland", first: 1) { nodes { id } } jobs(ids: [$a]) { id } }`, { a: String(healthy.id) });
    expect(response.body.data).toBeNull();
    expect(response.body.errors!.map((error) => [error.path, error.extensions!['code']])).toEqual([[['pushes'], 'UPSTREAM_BAD_RESPONSE']]);
    expect(await health()).toBe(200);
  });
});
