import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStaticCredentialStore } from '../src/auth/credential-store.js';
import { createHawkEdge } from '../src/auth/edge.js';
import { ErrorCode, UpstreamError } from '../src/errors.js';
import type { RequestLogEntry } from '../src/simulator/types.js';
import { createCircuitBreaker, type BreakerState } from '../src/treeherder/breaker.js';
import { createResilience, parseRetryAfter, retryDelayMs } from '../src/treeherder/resilience.js';
import { captureLogs, hawkCallers, postGraphQL } from './support/hawk.js';
import { startStack, type Stack } from './support/stack.js';
import { peakConcurrency } from './support/request-log.js';

// Retries, the circuit breaker and the concurrency cap: the rules as tables, then each
// behaviour end to end against the simulator with faults on, counted in its request log.

const BUG_SUGGESTIONS = /^\/api\/project\/[^/]+\/jobs\/\d+\/bug_suggestions\/$/;
const RETRY_ENDPOINT = '/api/project/{repo}/jobs/{id}/bug_suggestions/';

/** The value of one series in the Prometheus text, or 0 when it has not been written. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

const error = (code: ErrorCode, retryAfterMs: number | null = null): UpstreamError => new UpstreamError(code, code, null, null, '/x/', retryAfterMs);

describe('the rules', () => {
  it.each([
    ['5', 5_000],
    [' 0 ', 0],
    [['3'], 3_000],
    [new Date(Date.UTC(2026, 0, 1, 0, 0, 10)).toUTCString(), 10_000],
    [new Date(Date.UTC(2025, 11, 31)).toUTCString(), 0],
    ['1.5', null],
    ['-1', null],
    ['soon', null],
    [undefined, null],
  ])('Retry-After %j is %j ms', (value, expected) => {
    expect(parseRetryAfter(value, Date.UTC(2026, 0, 1))).toBe(expected);
  });

  const options = { retryBaseMs: 100, retryMaxDelayMs: 1_000, retryAfterMaxMs: 5_000 };
  it.each<[string, UpstreamError, number, [number, number] | null]>([
    ['network error or 502/503/504, first retry: half to all of the base', error(ErrorCode.UPSTREAM_UNAVAILABLE), 1, [50, 100]],
    ['second retry: doubled', error(ErrorCode.UPSTREAM_UNAVAILABLE), 2, [100, 200]],
    ['tenth retry: capped', error(ErrorCode.UPSTREAM_UNAVAILABLE), 10, [500, 1_000]],
    ['429 with Retry-After within the bound: that long, plus jitter', error(ErrorCode.UPSTREAM_RATE_LIMITED, 2_000), 1, [2_000, 2_100]],
    ['429 with Retry-After beyond the bound: no retry', error(ErrorCode.UPSTREAM_RATE_LIMITED, 6_000), 1, null],
    ['429 without Retry-After: like a 503', error(ErrorCode.UPSTREAM_RATE_LIMITED), 1, [50, 100]],
    ['timeout: the time is spent', error(ErrorCode.UPSTREAM_TIMEOUT), 1, null],
    ['500: Treeherder fails on this lookup', error(ErrorCode.UPSTREAM_ERROR), 1, null],
    ['400', error(ErrorCode.UPSTREAM_BAD_REQUEST), 1, null],
    ['403', error(ErrorCode.UPSTREAM_FORBIDDEN), 1, null],
    ['404', error(ErrorCode.UPSTREAM_NOT_FOUND), 1, null],
    ['401 (Hawk)', error(ErrorCode.UPSTREAM_UNAUTHENTICATED), 1, null],
    ['bad body', error(ErrorCode.UPSTREAM_BAD_RESPONSE), 1, null],
  ])('%s', (_name, failure, retry, range) => {
    const low = retryDelayMs(failure, retry, options, () => 0);
    const high = retryDelayMs(failure, retry, options, () => 0.999_999);
    if (range === null) {
      expect([low, high]).toEqual([null, null]);
    } else {
      expect(low).toBe(range[0]);
      expect(high).toBe(range[1]);
    }
  });

  it('breaker: opens after N consecutive failures, a success in between resets the count', () => {
    let now = 0;
    const states: BreakerState[] = [];
    const breaker = createCircuitBreaker({ failureThreshold: 3, cooldownMs: 1_000, now: () => now, onStateChange: (state) => states.push(state) });
    breaker.acquire()!.failed();
    breaker.acquire()!.failed();
    breaker.acquire()!.succeeded();
    breaker.acquire()!.failed();
    breaker.acquire()!.failed();
    expect(breaker.state).toBe('closed');
    breaker.acquire()!.failed();
    expect([breaker.state, breaker.acquire(), breaker.rejects(), breaker.retryInMs()]).toEqual(['open', null, true, 1_000]);
    now = 999;
    expect(breaker.acquire()).toBeNull();
    now = 1_000;
    expect(breaker.state).toBe('half-open');
    expect(states).toEqual(['open', 'half-open']);
  });

  it('breaker: half-open lets one probe through; its success closes, its failure reopens for a new cooldown', () => {
    let now = 0;
    const states: BreakerState[] = [];
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 100, now: () => now, onStateChange: (state) => states.push(state) });
    breaker.acquire()!.failed();
    now = 100;
    const probe = breaker.acquire()!;
    expect([breaker.acquire(), breaker.rejects()]).toEqual([null, true]);
    probe.failed();
    expect([breaker.state, breaker.retryInMs()]).toEqual(['open', 100]);
    now = 200;
    const second = breaker.acquire()!;
    // A probe whose caller went away says nothing: the next request may probe instead.
    second.released();
    expect(breaker.state).toBe('half-open');
    breaker.acquire()!.succeeded();
    expect(breaker.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it('breaker: outcomes of requests sent before the last change of state are ignored', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 1, cooldownMs: 100, now: () => now });
    const slow = breaker.acquire()!;
    breaker.acquire()!.failed();
    expect(breaker.state).toBe('open');
    slow.succeeded();
    expect(breaker.state).toBe('open');
    now = 100;
    const probe = breaker.acquire()!;
    probe.succeeded();
    probe.failed();
    expect(breaker.state).toBe('closed');
  });

  const quiet = { retries: 2, retryBaseMs: 1, retryMaxDelayMs: 2, retryAfterMaxMs: 0, breakerThreshold: 100, breakerCooldownMs: 1_000, maxConcurrency: 1, maxQueue: 1 };

  it('retries only idempotent methods, and never a refusal by the queue', async () => {
    const resilience = createResilience(quiet);
    let calls = 0;
    const failing = async (): Promise<never> => {
      calls += 1;
      throw error(ErrorCode.UPSTREAM_UNAVAILABLE);
    };
    await expect(resilience.run({ method: 'POST', endpoint: '/x/' }, failing)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(calls).toBe(1);
    await expect(resilience.run({ method: 'GET', endpoint: '/x/' }, failing)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(calls).toBe(4);

    let finish!: () => void;
    const holding = resilience.run({ method: 'GET', endpoint: '/x/' }, () => new Promise<void>((resolve) => (finish = resolve)));
    const queued = resilience.run({ method: 'GET', endpoint: '/x/' }, async () => 'queued');
    await expect(resilience.run({ method: 'GET', endpoint: '/x/' }, async () => 'refused')).rejects.toMatchObject({ code: 'UPSTREAM_OVERLOADED' });
    expect(resilience.load()).toEqual({ inFlight: 1, queued: 1 });
    finish();
    await holding;
    expect(await queued).toBe('queued');
    expect(resilience.load()).toEqual({ inFlight: 0, queued: 0 });
  });

  it('a request waiting in the queue leaves it when its GraphQL request ends', async () => {
    const resilience = createResilience(quiet);
    let finish!: () => void;
    const holding = resilience.run({ method: 'GET', endpoint: '/x/' }, () => new Promise<void>((resolve) => (finish = resolve)));
    const controller = new AbortController();
    const queued = resilience.run({ method: 'GET', endpoint: '/x/', signal: controller.signal }, async () => 'never');
    expect(resilience.load().queued).toBe(1);
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    await expect(queued).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(resilience.load()).toEqual({ inFlight: 1, queued: 0 });
    finish();
    await holding;
  });
});

const RETRY_ENV = {
  UPSTREAM_RETRIES: '2',
  UPSTREAM_RETRY_BASE_MS: '10',
  UPSTREAM_RETRY_MAX_DELAY_MS: '40',
  UPSTREAM_RETRY_AFTER_MAX_MS: '1500',
  UPSTREAM_BREAKER_THRESHOLD: '1000',
};

/** The repository the faulted jobs come from; the scale gives it 17 failed jobs. */
const REPO = 'mozilla-central';
const SCALE = { pushesPerRepository: 20, jobsPerPush: 20 };

/** Jobs with bug suggestions (failed jobs), to fault one at a time. */
function failedJobIds(stack: Stack): number[] {
  const data = stack.simulator.data;
  return data.pushesOf(REPO).flatMap((push) => data.jobsOfPush(push.id)).filter((job) => job.result === 'testfailed').map((job) => job.id);
}

const suggestionsPath = (jobId: number): string => `/api/project/${REPO}/jobs/${jobId}/bug_suggestions/`;
const SUGGESTIONS_QUERY = 'query($ids: [ID!]!) { jobs(ids: $ids) { id bugSuggestions { search } } }';

describe('retries, end to end', () => {
  let stack: Stack;
  let jobIds: number[];
  let next = 0;
  /** A job no earlier test has asked about. */
  const freshJob = (): number => jobIds[next++]!;
  const retries = (): number => sample(stack.gateway.metrics.render(), `upstream_retries_total{endpoint="${RETRY_ENDPOINT}"}`);

  beforeAll(async () => {
    stack = await startStack({ simulator: { scale: SCALE }, env: RETRY_ENV });
    jobIds = failedJobIds(stack);
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.simulator.setFaults([]);
    stack.resetLog();
  });

  it('503 twice, then 200: the field answers, after exactly two retries', async () => {
    const job = freshJob();
    const before = retries();
    stack.simulator.setFaults([{ path: suggestionsPath(job), kind: 'status', status: 503, times: 2 }]);
    const response = await stack.query(SUGGESTIONS_QUERY, { ids: [String(job)] });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!['jobs'][0].bugSuggestions.length).toBeGreaterThan(0);
    expect(stack.upstream().filter((entry) => entry.path === suggestionsPath(job)).map((entry) => entry.status)).toEqual([503, 503, 200]);
    expect(retries() - before).toBe(2);
  });

  it('a connection reset once: retried, and the field answers', async () => {
    const job = freshJob();
    stack.simulator.setFaults([{ path: suggestionsPath(job), kind: 'reset', times: 1 }]);
    const response = await stack.query(SUGGESTIONS_QUERY, { ids: [String(job)] });
    expect(response.body.errors).toBeUndefined();
    expect(stack.upstream().filter((entry) => entry.path === suggestionsPath(job)).map((entry) => entry.fault)).toEqual(['reset', null]);
  });

  it.each<[string, object, string]>([
    ['400', { kind: 'status', status: 400, body: 'json' }, 'UPSTREAM_BAD_REQUEST'],
    ['403', { kind: 'status', status: 403, body: 'html' }, 'UPSTREAM_FORBIDDEN'],
    ['404', { kind: 'status', status: 404, body: 'json' }, 'UPSTREAM_NOT_FOUND'],
    ['500', { kind: 'status', status: 500 }, 'UPSTREAM_ERROR'],
    ['HTML 200', { kind: 'html200' }, 'UPSTREAM_BAD_RESPONSE'],
    ['truncated JSON', { kind: 'truncated' }, 'UPSTREAM_BAD_RESPONSE'],
  ])('%s is not retried: one request, %s', async (_name, fault, code) => {
    const job = freshJob();
    const before = retries();
    stack.simulator.setFaults([{ path: suggestionsPath(job), ...fault } as never]);
    const response = await stack.query(SUGGESTIONS_QUERY, { ids: [String(job)] });
    expect(response.body.errors!.map((failure) => [failure.path, failure.extensions!['code']])).toEqual([[['jobs', 0, 'bugSuggestions'], code]]);
    expect(stack.upstream().filter((entry) => entry.path === suggestionsPath(job))).toHaveLength(1);
    expect(retries() - before).toBe(0);
  });

  it('429 with Retry-After: 1 is retried no sooner than a second later, and answers', async () => {
    const job = freshJob();
    stack.simulator.setFaults([{ path: suggestionsPath(job), kind: 'rate-limit', retryAfter: 1, times: 1 }]);
    const response = await stack.query(SUGGESTIONS_QUERY, { ids: [String(job)] });
    expect(response.body.errors).toBeUndefined();
    const [first, second] = stack.upstream().filter((entry) => entry.path === suggestionsPath(job)) as [RequestLogEntry, RequestLogEntry];
    expect([first.status, second.status]).toEqual([429, 200]);
    // receivedAt has millisecond resolution; the wait is at least the whole second.
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(999);
  });

  it('429 asking for longer than UPSTREAM_RETRY_AFTER_MAX_MS fails at once, passing the wait on to the client', async () => {
    const job = freshJob();
    stack.simulator.setFaults([{ path: suggestionsPath(job), kind: 'rate-limit', retryAfter: 2 }]);
    const response = await stack.query(SUGGESTIONS_QUERY, { ids: [String(job)] });
    expect(response.body.errors![0]!.extensions).toEqual({
      code: 'UPSTREAM_RATE_LIMITED',
      upstreamStatus: 429,
      retryAfterSeconds: 2,
      upstreamDetail: 'Request was throttled. Expected available in 2 seconds.',
    });
    expect(stack.upstream().filter((entry) => entry.path === suggestionsPath(job))).toHaveLength(1);
  });
});

describe('a Hawk-signed request that is retried', () => {
  const [caller] = hawkCallers(1, 'retry') as [ReturnType<typeof hawkCallers>[number]];
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      listen: true,
      simulator: { scale: SCALE, hawkCredentials: [caller] },
      hawkEdge: createHawkEdge({ store: createStaticCredentialStore([caller]) }),
      env: RETRY_ENV,
    });
  });
  afterAll(() => stack.close());

  it('is signed afresh for every attempt: the simulator, which refuses replayed nonces, verifies both', async () => {
    const job = failedJobIds(stack)[0]!;
    // The reset comes after the simulator has verified the header and remembered its nonce.
    stack.simulator.setFaults([{ path: suggestionsPath(job), kind: 'reset', times: 1 }]);
    stack.resetLog();
    const response = await postGraphQL(`${stack.gatewayUrl}/graphql`, `{ jobs(ids: [${job}]) { id bugSuggestions { search } } }`, { credentials: caller });
    expect(response.body.errors).toBeUndefined();
    const attempts = stack.upstream().filter((entry) => entry.path === suggestionsPath(job));
    expect(attempts.map((entry) => [entry.fault, entry.status, entry.hawkId])).toEqual([
      ['reset', 200, caller.id],
      [null, 200, caller.id],
    ]);
    const nonces = attempts.map((entry) => /nonce="([^"]+)"/.exec(entry.authorization ?? '')?.[1]);
    expect(new Set(nonces).size).toBe(2);
  });
});

describe('the circuit breaker, end to end', () => {
  const logs = captureLogs();
  let stack: Stack;
  let jobIds: number[];
  let next = 0;
  /** Each query asks for a job nobody asked for before: nothing cached, nothing shared. */
  const query = () => stack.query('query($id: ID!) { jobs(ids: [$id]) { id } }', { id: String(jobIds[next++]) });
  const gauge = (): number => sample(stack.gateway.metrics.render(), 'upstream_breaker_state');
  const transitions = (): string[] =>
    logs.lines.map((line) => JSON.parse(line) as { message: string; breaker?: string }).filter((line) => line.message.startsWith('upstream circuit breaker')).map((line) => line.breaker!);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const COOLDOWN_MS = 300;

  beforeAll(async () => {
    stack = await startStack({
      logger: logs.logger,
      simulator: { scale: SCALE },
      env: { UPSTREAM_RETRIES: '0', UPSTREAM_BREAKER_THRESHOLD: '3', UPSTREAM_BREAKER_COOLDOWN_MS: String(COOLDOWN_MS) },
    });
    const data = stack.simulator.data;
    jobIds = data.pushesOf('mozilla-central').flatMap((push) => data.jobsOfPush(push.id)).map((job) => job.id);
  });
  afterAll(() => stack.close());

  it('opens after 3 failures, then fails fast without asking Treeherder; one probe after the cooldown closes it', async () => {
    stack.simulator.setFaults([{ path: '/api/**', kind: 'status', status: 503 }]);
    stack.resetLog();
    for (let i = 0; i < 3; i += 1) {
      const response = await query();
      expect(response.body.errors![0]!.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: 503 });
    }
    expect(stack.upstream()).toHaveLength(3);
    expect(gauge()).toBe(2);

    for (let i = 0; i < 5; i += 1) {
      const response = await query();
      expect(response.body.errors![0]).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE' }, message: expect.stringContaining("circuit breaker is open") });
    }
    expect(stack.upstream()).toHaveLength(3);

    // Treeherder recovers, slowly: the probe takes a while, and nobody else gets through meanwhile.
    stack.simulator.setFaults([{ path: '/api/**', kind: 'latency', ms: 600 }]);
    await sleep(COOLDOWN_MS + 50);
    stack.resetLog();
    const together = await Promise.all([query(), query(), query()]);
    expect(stack.upstream()).toHaveLength(1);
    expect(together.filter((response) => response.body.errors === undefined)).toHaveLength(1);
    expect(together.filter((response) => response.body.errors?.[0]?.message.includes('one probe request'))).toHaveLength(2);
    expect(gauge()).toBe(0);

    stack.resetLog();
    expect((await query()).body.errors).toBeUndefined();
    expect(stack.upstream()).toHaveLength(1);
    expect(transitions()).toEqual(['open', 'half-open', 'closed']);
  });

  it('a failed probe opens it again for another cooldown', async () => {
    stack.simulator.setFaults([{ path: '/api/**', kind: 'reset' }]);
    for (let i = 0; i < 3; i += 1) await query();
    expect(gauge()).toBe(2);
    await sleep(COOLDOWN_MS + 50);
    stack.resetLog();
    expect((await query()).body.errors![0]!.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(stack.upstream()).toHaveLength(1);
    expect(gauge()).toBe(2);
    expect((await query()).body.errors![0]!.message).toContain('circuit breaker is open');
    expect(stack.upstream()).toHaveLength(1);
    expect(transitions().slice(-3)).toEqual(['open', 'half-open', 'open']);
    expect((await stack.gateway.yoga.fetch('http://gateway.test/health')).status).toBe(200);
  });
});


describe('the concurrency cap', () => {
  it('holds: 4 GraphQL requests wanting 24 bug-suggestion requests at once get at most UPSTREAM_MAX_CONCURRENCY (3)', async () => {
    const stack = await startStack({ simulator: { scale: SCALE }, env: { UPSTREAM_MAX_CONCURRENCY: '3' } });
    try {
      const data = stack.simulator.data;
      const jobIds = data.pushesOf('autoland').flatMap((push) => data.jobsOfPush(push.id)).map((job) => job.id);
      stack.simulator.setFaults([{ path: '/api/project/*/jobs/*/bug_suggestions/', kind: 'latency', ms: 60 }]);
      const responses = await Promise.all(
        [0, 1, 2, 3].map((group) => stack.query(SUGGESTIONS_QUERY, { ids: jobIds.slice(group * 6, group * 6 + 6).map(String) })),
      );
      expect(responses.flatMap((response) => response.body.errors ?? [])).toEqual([]);
      const suggestions = stack.upstream().filter((entry) => BUG_SUGGESTIONS.test(entry.path));
      expect(suggestions).toHaveLength(24);
      expect(peakConcurrency(stack.upstream(), 1)).toBe(3);
    } finally {
      await stack.close();
    }
  });

  it('has a bounded queue: past UPSTREAM_MAX_QUEUE, requests fail at once with UPSTREAM_OVERLOADED and are never sent', async () => {
    const stack = await startStack({
      simulator: { scale: SCALE },
      env: { UPSTREAM_MAX_CONCURRENCY: '1', UPSTREAM_MAX_QUEUE: '2', UPSTREAM_FANOUT_CONCURRENCY: '6' },
    });
    try {
      const jobIds = failedJobIds(stack).slice(0, 6);
      stack.simulator.setFaults([{ path: '/api/project/*/jobs/*/bug_suggestions/', kind: 'latency', ms: 100 }]);
      const response = await stack.query(SUGGESTIONS_QUERY, { ids: jobIds.map(String) });
      const codes = (response.body.errors ?? []).map((failure) => failure.extensions!['code']);
      expect(codes).toEqual(['UPSTREAM_OVERLOADED', 'UPSTREAM_OVERLOADED', 'UPSTREAM_OVERLOADED']);
      expect(response.body.data!['jobs'].filter((job: unknown) => job !== null)).toHaveLength(3);
      expect(stack.upstream().filter((entry) => BUG_SUGGESTIONS.test(entry.path))).toHaveLength(3);
    } finally {
      await stack.close();
    }
  });
});
