import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHawkEdge } from '../src/auth/edge.js';
import { createStaticCredentialStore } from '../src/auth/credential-store.js';
import { signHawkRequest } from '../src/auth/sign.js';
import type { HawkCredentials } from '../src/auth/credentials.js';
import { loadConfig } from '../src/config.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import { createJsonLogger, redactText } from '../src/log.js';
import { createRegistry } from '../src/metrics.js';
import { MAX_OPERATION_LABELS, createOperationLabeler, endpointLabel } from '../src/plugins/metrics.js';
import { createSimulator, type Simulator } from '../src/simulator/index.js';

// What an operator sees: one JSON log line per request, Prometheus metrics, health and
// readiness — and never a credential.

const CALLER: HawkCredentials = { id: 'dashboard-bot', key: 'dashboard-b0t-k3y-that-must-never-be-logged-7f6e5d', algorithm: 'sha256' };

let simulator: Simulator;
let simulatorUrl: string;
const gateways: Gateway[] = [];

function gatewayWith(options: { env?: Record<string, string>; lines?: string[]; hawk?: boolean } = {}): Gateway {
  const loaded = loadConfig({ TREEHERDER_URL: simulatorUrl, USER_AGENT_CONTACT: 'https://example.test/contact', ...options.env });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const gateway = createGateway({
    config: loaded.config,
    logger: createJsonLogger((line) => options.lines?.push(line)),
    hawkEdge: options.hawk ? createHawkEdge({ store: createStaticCredentialStore([CALLER]) }) : null,
  });
  gateways.push(gateway);
  return gateway;
}

const post = (gateway: Gateway, query: string, headers: Record<string, string> = {}, variables?: unknown) =>
  gateway.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });

const scrape = async (gateway: Gateway): Promise<string> => {
  const response = await gateway.yoga.fetch('http://yoga/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return response.text();
};

/** The value of one sample, e.g. `sample(text, 'graphql_errors_total{code="BAD_USER_INPUT"}')`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

beforeAll(async () => {
  simulator = createSimulator({ seed: 9, now: Date.UTC(2026, 10, 20, 12), scale: { pushesPerRepository: 5, jobsPerPush: 20 } });
  simulatorUrl = await simulator.listen(0, '127.0.0.1');
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.dispose();
  await simulator.close();
});
beforeEach(() => simulator.setLatency(0));

describe('request log', () => {
  it('writes one JSON line per request: id, operation, status, duration, upstream requests, error codes', async () => {
    const lines: string[] = [];
    const gateway = gatewayWith({ lines });
    const response = await post(gateway, 'query LatestPushes { pushes(repository: "autoland", first: 2) { nodes { id jobCounts { pending } } } }', {
      'x-request-id': 'trace-4f2a.9',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-4f2a.9');
    await post(gateway, '{ job(id: "-5") { id } }');

    expect(lines).toHaveLength(2);
    const [ok, refused] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(ok).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: 'info',
      message: 'request',
      requestId: 'trace-4f2a.9',
      method: 'POST',
      path: '/graphql',
      status: 200,
      durationMs: expect.any(Number),
      operation: 'LatestPushes',
      errorCodes: [],
      upstreamRequests: 3,
      estimatedUpstreamRequests: 3,
      hawkId: null,
    });
    expect(refused).toMatchObject({ operation: null, errorCodes: ['BAD_USER_INPUT'], upstreamRequests: 0, estimatedUpstreamRequests: 1, status: 200 });
    // A request id the caller did not send (or sent unusable) is made up, and echoed too.
    expect(refused!['requestId']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([['has spaces'], ['x'.repeat(200)], ['quote"and\\slash']])('replaces an unusable X-Request-Id (%s)', async (given) => {
    const lines: string[] = [];
    const response = await post(gatewayWith({ lines }), '{ __typename }', { 'x-request-id': given });
    const generated = response.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(lines[0]!).requestId).toBe(generated);
  });

  it('logs refused requests (a limit, a malformed body) with their codes, and leaves out probes and scrapes', async () => {
    const lines: string[] = [];
    const gateway = gatewayWith({ lines });
    await post(gateway, '{ pushes(repository: "autoland", first: 100) { nodes { jobs { nodes { notes { text } } } } } }');
    await gateway.yoga.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    await gateway.yoga.fetch('http://yoga/health');
    await gateway.yoga.fetch('http://yoga/ready');
    await gateway.yoga.fetch('http://yoga/metrics');

    expect(lines.map((line) => JSON.parse(line)).map(({ status, errorCodes, estimatedUpstreamRequests }) => ({ status, errorCodes, estimatedUpstreamRequests }))).toEqual([
      { status: 200, errorCodes: ['OPERATION_TOO_EXPENSIVE'], estimatedUpstreamRequests: 1 + 10 + 20_000 },
      { status: 400, errorCodes: ['BAD_REQUEST'], estimatedUpstreamRequests: null },
    ]);
  });

  it('names the Hawk caller by id, and never logs its key, the Authorization header or upstream query strings', async () => {
    const lines: string[] = [];
    const gateway = gatewayWith({ lines, hawk: true });
    const body = JSON.stringify({ query: '{ pushes(repository: "autoland", first: 1, author: "someone@example.com") { nodes { id } } }' });
    const authorization = signHawkRequest({ method: 'POST', url: 'http://yoga/graphql', credentials: CALLER, payload: body, contentType: 'application/json' });
    const signed = await gateway.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization },
      body,
    });
    expect(signed.status).toBe(200);
    // The upstream request was made, signed, with the filter in its query string.
    expect(simulator.requests().some((entry) => entry.query.includes('author=someone') && entry.authorization?.startsWith('Hawk '))).toBe(true);

    const forged = await gateway.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: authorization.replace(/mac="[^"]+"/, 'mac="AAAA"') },
      body,
    });
    expect(forged.status).toBe(401);

    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.map(({ status, hawkId, errorCodes }) => ({ status, hawkId, errorCodes }))).toEqual([
      { status: 200, hawkId: 'dashboard-bot', errorCodes: [] },
      { status: 401, hawkId: null, errorCodes: ['HAWK_BAD_MAC'] },
    ]);
    const text = lines.join('');
    expect(text).not.toContain(CALLER.key);
    expect(text).not.toMatch(/Hawk id=|mac=|authorization/i);
    expect(text).not.toMatch(/someone@example\.com|author=|https?:\/\/[^"\s]*\?/);
  });

  it.each([
    ['Authorization: Hawk id="a", ts="1", nonce="n", mac="m"', 'Authorization: Hawk [redacted]'],
    ['GET http://th.example/api/project/autoland/push/?author=me%40x&count=10 failed', 'GET http://th.example/api/project/autoland/push/?[redacted] failed'],
    ['no secrets here', 'no secrets here'],
  ])('redacts %j', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('redacts credential-named fields at any depth', () => {
    const lines: string[] = [];
    createJsonLogger((line) => lines.push(line)).log('info', 'x', { nested: { hawkKey: 'k', list: [{ authorization: 'a', id: 'ok' }] } });
    expect(JSON.parse(lines[0]!)).toMatchObject({ nested: { hawkKey: '[redacted]', list: [{ authorization: '[redacted]', id: 'ok' }] } });
  });
});

describe('GET /metrics', () => {
  it('counts operations, errors, upstream requests by route and status, and their latency', async () => {
    const gateway = gatewayWith();
    await post(gateway, 'query Repos { repositories { name } }');
    await post(gateway, 'query Repos { repositories { name } }');
    await post(gateway, 'query Missing { pushes(repository: "no-such-tree", first: 1) { nodes { id } } }');
    await post(gateway, '{ job(id: "0x10") { id } }');
    await post(gateway, '{ pushes(repository: "autoland", first: 2) { nodes { id jobCounts { pending } } } }');
    const text = await scrape(gateway);

    expect(sample(text, 'graphql_operations_total{operation="Repos",status="success"}')).toBe(2);
    expect(sample(text, 'graphql_operations_total{operation="Missing",status="error"}')).toBe(1);
    expect(sample(text, 'graphql_operations_total{operation="anonymous",status="partial"}')).toBe(1);
    expect(sample(text, 'graphql_operations_total{operation="anonymous",status="success"}')).toBe(1);
    expect(sample(text, 'graphql_operation_duration_seconds_count{operation="Repos"}')).toBe(2);
    expect(sample(text, 'graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
    expect(sample(text, 'graphql_errors_total{code="UPSTREAM_NOT_FOUND"}')).toBe(1);
    // The second Repos reads the shared reference cache.
    expect(sample(text, 'upstream_requests_total{endpoint="/api/repository/",status="200"}')).toBe(1);
    expect(sample(text, 'cache_lookups_total{cache="reference",outcome="hit"}')).toBe(1);
    expect(sample(text, 'upstream_requests_total{endpoint="/api/project/{repo}/push/",status="404"}')).toBe(1);
    expect(sample(text, 'upstream_requests_total{endpoint="/api/project/{repo}/push/",status="200"}')).toBe(1);
    expect(sample(text, 'upstream_requests_total{endpoint="/api/project/{repo}/push/{id}/status/",status="200"}')).toBe(2);
    expect(sample(text, 'upstream_request_duration_seconds_count{endpoint="/api/repository/"}')).toBe(1);
    expect(sample(text, 'upstream_request_duration_seconds_bucket{endpoint="/api/repository/",le="+Inf"}')).toBe(1);
    expect(sample(text, 'http_responses_total{status="200"}')).toBe(5);
    expect(sample(text, 'http_requests_in_flight')).toBe(0);
    expect(sample(text, 'upstream_retries_total')).toBeUndefined();
    expect(sample(text, 'upstream_breaker_state')).toBe(0);
    // Repository names and ids stay out of labels.
    expect(text).not.toMatch(/autoland|no-such-tree|0x10/);
  });

  it('is valid text format 0.0.4: every family has HELP and TYPE, buckets are cumulative and end at the count', async () => {
    const gateway = gatewayWith();
    for (let index = 0; index < 3; index += 1) await post(gateway, '{ repositories { name } }');
    const text = await scrape(gateway);
    const families = new Set<string>();
    for (const line of text.trimEnd().split('\n')) {
      const help = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+$/.exec(line);
      if (help) {
        families.add(help[1]!);
        continue;
      }
      if (line.startsWith('# TYPE ')) {
        expect(line).toMatch(/^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram)$/);
        continue;
      }
      expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*",?)*\})? (-?\d+(\.\d+)?(e[-+]?\d+)?|\+Inf|NaN)$/);
      const family = line.replace(/(_bucket|_sum|_count)?[{ ].*$/, '');
      expect(families.has(family) || families.has(line.replace(/[{ ].*$/, ''))).toBe(true);
    }
    for (const name of [
      'graphql_operations_total',
      'graphql_operation_duration_seconds',
      'graphql_errors_total',
      'upstream_requests_total',
      'upstream_request_duration_seconds',
      'upstream_retries_total',
      'upstream_breaker_state',
      'http_requests_in_flight',
    ]) {
      expect(families).toContain(name);
    }
    const buckets = text
      .split('\n')
      .filter((line) => line.startsWith('upstream_request_duration_seconds_bucket{endpoint="/api/repository/"'))
      .map((line) => Number(line.split(' ')[1]));
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(buckets.at(-1)).toBe(sample(text, 'upstream_request_duration_seconds_count{endpoint="/api/repository/"}'));
  });

  it('shows requests in flight while they wait on Treeherder', async () => {
    const gateway = gatewayWith();
    simulator.setLatency(300);
    simulator.clearRequests();
    const pending = post(gateway, '{ repositories { name } }');
    // Wait for the upstream request to arrive, not for a clock.
    while (!simulator.requests().some((entry) => entry.path === '/api/repository/')) await new Promise((resolve) => setImmediate(resolve));
    expect(sample(await scrape(gateway), 'http_requests_in_flight')).toBe(1);
    expect((await pending).status).toBe(200);
    expect(sample(await scrape(gateway), 'http_requests_in_flight')).toBe(0);
  });

  it('exposes hooks for the retry policy and the circuit breaker', async () => {
    const gateway = gatewayWith();
    gateway.metrics.countRetry('/api/project/{repo}/push/');
    gateway.metrics.setBreakerState('open');
    let text = await scrape(gateway);
    expect(sample(text, 'upstream_retries_total{endpoint="/api/project/{repo}/push/"}')).toBe(1);
    expect(sample(text, 'upstream_breaker_state')).toBe(2);
    gateway.metrics.setBreakerState('half-open');
    text = await scrape(gateway);
    expect(sample(text, 'upstream_breaker_state')).toBe(1);
  });

  it('caps operation names: made-up names past the cap count as "other"', async () => {
    const gateway = gatewayWith();
    for (let index = 0; index < MAX_OPERATION_LABELS + 5; index += 1) await post(gateway, `query Op${index} { __typename }`);
    const text = await scrape(gateway);
    const operations = new Set([...text.matchAll(/graphql_operations_total\{operation="([^"]+)"/g)].map((match) => match[1]));
    expect(operations.size).toBe(MAX_OPERATION_LABELS + 1);
    expect(sample(text, 'graphql_operations_total{operation="other",status="success"}')).toBe(5);
  });

  it('is off with METRICS=false, and refuses other methods', async () => {
    expect((await gatewayWith({ env: { METRICS: 'false' } }).yoga.fetch('http://yoga/metrics')).status).toBe(404);
    const response = await gatewayWith().yoga.fetch('http://yoga/metrics', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('labels and the registry', () => {
  it.each([
    ['/api/project/{repo}/jobs/{id}/bug_suggestions/', '/api/project/{repo}/jobs/{id}/bug_suggestions/'],
    ['/api/project/{repo}/push/abc123def/status/', '/api/project/{repo}/push/{value}/status/'],
    ['/api/performance/alertsummary/{id}/', '/api/performance/alertsummary/{id}/'],
    ['/api/project/auto"land/push/', '/api/project/{value}/push/'],
  ])('endpoint %s is labelled %s', (endpoint, label) => {
    expect(endpointLabel(endpoint)).toBe(label);
  });

  it('labels operations by GraphQL name only', () => {
    const label = createOperationLabeler(2);
    expect([label('A'), label(null), label('not a name'), label('B'), label('C'), label('A')]).toEqual(['A', 'anonymous', 'anonymous', 'B', 'other', 'A']);
  });

  it('escapes label values and refuses wrong label sets', () => {
    const registry = createRegistry();
    const counter = registry.counter('things_total', 'Things\nby kind.', ['kind']);
    counter.inc({ kind: 'a"b\\c\nd' }, 2);
    expect(registry.render()).toBe('# HELP things_total Things\\nby kind.\n# TYPE things_total counter\nthings_total{kind="a\\"b\\\\c\\nd"} 2\n');
    expect(() => counter.inc({ other: 'x' })).toThrow('things_total takes labels [kind]');
    expect(() => counter.inc({ kind: 'x' }, -1)).toThrow('only goes up');
  });
});

describe('/health and /ready', () => {
  it('/health answers 200 while the process is up, without asking Treeherder', async () => {
    simulator.clearRequests();
    const response = await gatewayWith().yoga.fetch('http://yoga/health');
    expect(response.status).toBe(200);
    expect(simulator.requests()).toEqual([]);
  });

  it('/ready answers 200 when Treeherder answers, and asks it at most once per 5 s', async () => {
    const gateway = gatewayWith();
    simulator.clearRequests();
    const first = await gateway.yoga.fetch('http://yoga/ready');
    expect(first.status).toBe(200);
    // Without REDIS_URL there is no shared store to report on.
    expect(await first.json()).toEqual({ ready: true, treeherder: 'up', redis: 'off' });
    expect((await gateway.yoga.fetch('http://yoga/ready')).status).toBe(200);
    expect(simulator.requests().map((entry) => entry.path)).toEqual(['/__lbheartbeat__']);
  });

  it('/ready answers 503 when Treeherder cannot be reached', async () => {
    const down = createSimulator({ seed: 1 });
    const url = await down.listen(0, '127.0.0.1');
    await down.close();
    const loaded = loadConfig({ TREEHERDER_URL: url, USER_AGENT_CONTACT: 'https://example.test/contact' });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const gateway = createGateway({ config: loaded.config });
    gateways.push(gateway);
    const ready = await gateway.yoga.fetch('http://yoga/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, treeherder: 'down', redis: 'off' });
    expect((await gateway.yoga.fetch('http://yoga/health')).status).toBe(200);
  });
});
