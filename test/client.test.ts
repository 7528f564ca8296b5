import Hawk from 'hawk';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signHawkRequest } from '../src/auth/sign.js';
import { ErrorCode, UpstreamError } from '../src/errors.js';
import { createTreeherderApi } from '../src/treeherder/api.js';
import { composeUserAgent, createUpstream, type RequestScope, type UpstreamEvent } from '../src/treeherder/http.js';

// Client tests: the exact request the client sends (path, query, headers) and how each
// kind of Treeherder answer comes back, against undici's MockAgent with the network off.

const ORIGIN = 'https://treeherder.example';
const AGENT = 'treeherder-graphql/0.0.0-test (+https://example.test/contact)';

let mock: MockAgent;
let events: UpstreamEvent[];

function api(scope: Partial<RequestScope> = {}) {
  const upstream = createUpstream({
    baseUrl: ORIGIN,
    userAgent: AGENT,
    dispatcher: mock,
    timeouts: { headersMs: 1000, bodyMs: 1000, totalMs: 2000 },
  });
  return createTreeherderApi(upstream, { sign: null, callerUserAgent: null, onUpstream: (event) => events.push(event), ...scope });
}

const json = { headers: { 'content-type': 'application/json' } };
const html = { headers: { 'content-type': 'text/html; charset=utf-8' } };

function calls() {
  return mock.getCallHistory()?.calls() ?? [];
}

beforeEach(() => {
  mock = new MockAgent({ enableCallHistory: true });
  mock.disableNetConnect();
  events = [];
});
afterEach(async () => {
  await mock.close();
});

const repositoryPayload = {
  id: 77,
  repository_group: { name: 'development', description: 'Where code lands first' },
  name: 'autoland',
  dvcs_type: 'hg',
  url: 'https://hg.example/integration/autoland',
  codebase: 'gecko',
  description: '',
  active_status: 'active',
  life_cycle_order: 9999,
  performance_alerts_enabled: true,
  expire_performance_data: false,
  is_try_repo: false,
  tc_root_url: 'https://tc.example',
};

describe('request shape', () => {
  it('sends the trailing-slash path, the gateway User-Agent with the caller appended, and Accept JSON', async () => {
    mock.get(ORIGIN).intercept({ path: '/api/repository/', method: 'GET' }).reply(200, [repositoryPayload], json);
    const repositories = await api({ callerUserAgent: 'my-dashboard/2.1 (linux)' }).repositories();

    expect(repositories).toEqual([
      {
        id: 77,
        name: 'autoland',
        dvcsType: 'hg',
        url: 'https://hg.example/integration/autoland',
        codebase: 'gecko',
        description: '',
        groupName: 'development',
        groupDescription: 'Where code lands first',
        lifeCycleOrder: 9999,
        performanceAlertsEnabled: true,
        expirePerformanceData: false,
        isTryRepo: false,
        taskclusterRootUrl: 'https://tc.example',
        acceptsPullRequests: null,
      },
    ]);
    const [call] = calls();
    expect(call?.fullUrl).toBe(`${ORIGIN}/api/repository/`);
    expect(call?.headers).toMatchObject({
      'user-agent': `${AGENT} (client: my-dashboard/2.1 linux)`,
      accept: 'application/json',
    });
    expect(call?.headers).not.toHaveProperty('authorization');
    expect(events).toEqual([expect.objectContaining({ endpoint: '/api/repository/', status: 200, errorCode: null })]);
  });

  it('keeps commas of CSV filters literal and repeats repeated parameters', async () => {
    mock
      .get(ORIGIN)
      .intercept({ path: '/api/project/autoland/job-log-url/?job_id=1&job_id=22', method: 'GET' })
      .reply(200, [{ id: 5, job_id: 22, name: 'live_backing_log', url: 'https://logs.example/5', parse_status: 'parsed' }], json);
    mock
      .get(ORIGIN)
      .intercept({ path: '/api/project/autoland/push/?id__in=3,4&count=2', method: 'GET' })
      .reply(200, { meta: { count: 0, repository: 'autoland', filter_params: {} }, results: [] }, json);

    const client = api();
    expect(await client.jobLogs('autoland', [1, 22])).toEqual([
      { id: 5, jobId: 22, name: 'live_backing_log', url: 'https://logs.example/5', parseStatus: 'parsed' },
    ]);
    expect(await client.pushes('autoland', [['id__in', '3,4'], ['count', 2]])).toEqual([]);
    expect(calls().map((call) => call.fullUrl)).toEqual([
      `${ORIGIN}/api/project/autoland/job-log-url/?job_id=1&job_id=22`,
      `${ORIGIN}/api/project/autoland/push/?id__in=3,4&count=2`,
    ]);
  });

  it('signs each request with a fresh Hawk header for its exact URL when the scope has credentials', async () => {
    const credentials = { id: 'dashboard', key: 'not-a-real-secret-0123456789', algorithm: 'sha256' as const };
    const pool = mock.get(ORIGIN);
    pool.intercept({ path: '/api/performance/framework/', method: 'GET' }).reply(200, [{ id: 1, name: 'talos' }], json).times(2);
    const client = api({ sign: (method, url) => signHawkRequest({ method, url, credentials }) });
    await client.frameworks();
    await client.frameworks();

    const headers = calls().map((call) => String((call.headers as Record<string, string>)['authorization']));
    expect(headers).toHaveLength(2);
    expect(headers[0]).not.toBe(headers[1]);
    for (const header of headers) {
      // The header verifies with the hawk package for GET of exactly this URL.
      const { credentials: verified } = await Hawk.server.authenticate(
        { method: 'GET', url: '/api/performance/framework/', host: 'treeherder.example', port: 443, authorization: header },
        (id: string) => (id === credentials.id ? credentials : undefined),
      );
      expect(verified.id).toBe('dashboard');
    }
  });
});

describe('envelopes', () => {
  it('zips /api/jobs/ rows by job_property_names, whatever their order, and fetches later pages side by side', async () => {
    const names = ['id', 'push_id', 'push_revision', 'failure_classification_id', 'job_group_name', 'job_group_symbol', 'job_type_name', 'job_type_symbol', 'last_modified', 'platform', 'result', 'signature', 'state', 'tier', 'task_id', 'retry_id', 'duration', 'platform_option'];
    const reversed = [...names].reverse();
    const row = (id: number) => {
      const values: Record<string, unknown> = {
        id, push_id: 9, push_revision: 'a'.repeat(40), failure_classification_id: 1, job_group_name: 'Mochitests', job_group_symbol: 'M',
        job_type_name: `test-linux1804-64/opt-mochitest-${id}`, job_type_symbol: `m${id}`, last_modified: '2026-11-01T10:00:00.123456',
        platform: 'linux1804-64', result: 'success', signature: 'b'.repeat(40), state: 'completed', tier: 1, task_id: 'AAAAAAAAAAAAAAAAAAAAAA', retry_id: 0,
        duration: 12, platform_option: 'opt',
      };
      return reversed.map((name) => values[name]);
    };
    const pool = mock.get(ORIGIN);
    pool.intercept({ path: '/api/jobs/?push_id=9&count=2', method: 'GET' }).reply(200, {
      count: 5, next: `${ORIGIN}/api/jobs/?count=2&page=2&push_id=9`, previous: null, results: [row(1), row(2)], job_property_names: reversed,
    }, json);
    pool.intercept({ path: '/api/jobs/?push_id=9&count=2&page=2', method: 'GET' }).reply(200, {
      count: 5, next: `${ORIGIN}/api/jobs/?count=2&page=3&push_id=9`, previous: null, results: [row(3), row(4)], job_property_names: reversed,
    }, json);
    pool.intercept({ path: '/api/jobs/?push_id=9&count=2&page=3', method: 'GET' }).reply(200, {
      count: 5, next: null, previous: null, results: [row(5)], job_property_names: reversed,
    }, json);

    // A limit of 5 with a page size of 2 is the small-scale version of 2000-job pages.
    const jobs = await api().jobSummaries([['push_id', 9]], { limit: 5, pageSize: 2 });
    expect(jobs.map((job) => job.id)).toEqual([1, 2, 3, 4, 5]);
    expect(jobs[0]).toEqual({
      id: 1, pushId: 9, pushRevision: 'a'.repeat(40), failureClassificationId: 1, jobGroupName: 'Mochitests', jobGroupSymbol: 'M',
      jobTypeName: 'test-linux1804-64/opt-mochitest-1', jobTypeSymbol: 'm1', lastModified: '2026-11-01T10:00:00.123Z', platform: 'linux1804-64',
      result: 'success', signature: 'b'.repeat(40), state: 'completed', tier: 1, taskId: 'AAAAAAAAAAAAAAAAAAAAAA', retryId: 0, duration: 12, platformOption: 'opt',
    });
  });

  it('unkeys signatures and fills in the keys Treeherder omits', async () => {
    mock.get(ORIGIN).intercept({ path: '/api/project/mozilla-central/performance/signatures/?id=12&id=11', method: 'GET' }).reply(200, {
      '12': { id: 12, signature_hash: 'c'.repeat(40), framework_id: 1, option_collection_hash: 'd'.repeat(40), machine_platform: 'linux1804-64-shippable-qr', suite: 'tp5n', should_alert: null, lower_is_better: false, has_subtests: true, tags: ['cold'], extra_options: ['e10s'] },
      '11': { id: 11, signature_hash: 'e'.repeat(40), framework_id: 1, option_collection_hash: 'd'.repeat(40), machine_platform: 'linux1804-64-shippable-qr', suite: 'tp5n', test: 'amazon', parent_signature: 'c'.repeat(40), measurement_unit: 'ms' },
    }, json);
    const signatures = await api().signatures('mozilla-central', [['id', 12], ['id', 11]]);
    expect(signatures).toEqual([
      { id: 11, repository: 'mozilla-central', signatureHash: 'e'.repeat(40), frameworkId: 1, optionCollectionHash: 'd'.repeat(40), platform: 'linux1804-64-shippable-qr', suite: 'tp5n', test: 'amazon', lowerIsBetter: true, hasSubtests: false, tags: [], parentSignatureHash: 'c'.repeat(40), extraOptions: [], application: null, measurementUnit: 'ms', shouldAlert: null },
      { id: 12, repository: 'mozilla-central', signatureHash: 'c'.repeat(40), frameworkId: 1, optionCollectionHash: 'd'.repeat(40), platform: 'linux1804-64-shippable-qr', suite: 'tp5n', test: null, lowerIsBetter: false, hasSubtests: true, tags: ['cold'], parentSignatureHash: null, extraOptions: ['e10s'], application: null, measurementUnit: null, shouldAlert: null },
    ]);
  });
});

describe('failures become coded errors, never parse crashes', () => {
  const cases: Array<[string, number, unknown, { headers: Record<string, string> }, ErrorCode, string | null]> = [
    ['200 HTML for an unknown path', 200, '<!doctype html><html>Treeherder</html>', html, ErrorCode.UPSTREAM_BAD_RESPONSE, null],
    ['403 HTML for a blocked User-Agent', 403, '<h1>403 Forbidden</h1>', html, ErrorCode.UPSTREAM_FORBIDDEN, null],
    ['404 with a JSON detail', 404, { detail: 'No project with name nope' }, json, ErrorCode.UPSTREAM_NOT_FOUND, 'No project with name nope'],
    ['404 with a bare JSON string', 404, '"No push with id: 5"', json, ErrorCode.UPSTREAM_NOT_FOUND, 'No push with id: 5'],
    ['400 with field errors', 400, { push_id: ['Enter a number.'] }, json, ErrorCode.UPSTREAM_BAD_REQUEST, 'push_id: Enter a number.'],
    ['400 with a message', 400, { message: 'One or more id values invalid (must be integer)' }, json, ErrorCode.UPSTREAM_BAD_REQUEST, 'One or more id values invalid (must be integer)'],
    ['500 HTML for an unguarded lookup', 500, '<h1>Server Error (500)</h1>', html, ErrorCode.UPSTREAM_ERROR, null],
    ['503 from the load balancer', 503, 'upstream connect error', { headers: { 'content-type': 'text/plain' } }, ErrorCode.UPSTREAM_UNAVAILABLE, null],
    ['429 with Retry-After', 429, '', { headers: { 'content-type': 'text/plain', 'retry-after': '7' } }, ErrorCode.UPSTREAM_RATE_LIMITED, null],
    ['401 Hawk expiry', 401, { detail: 'Hawk authentication failed: The token has expired. Is your system clock correct?' }, json, ErrorCode.UPSTREAM_UNAUTHENTICATED, 'Hawk authentication failed: The token has expired. Is your system clock correct?'],
    ['403 unknown Hawk id', 403, { detail: 'No authorised credentials found with id gateway' }, json, ErrorCode.UPSTREAM_UNAUTHENTICATED, 'No authorised credentials found with id gateway'],
    ['truncated JSON', 200, '{"meta": {"count": 1}, "resu', json, ErrorCode.UPSTREAM_BAD_RESPONSE, null],
  ];

  it.each(cases)('%s', async (_name, status, body, options, code, detail) => {
    mock.get(ORIGIN).intercept({ path: '/api/repository/', method: 'GET' }).reply(status, typeof body === 'string' ? body : JSON.stringify(body), options);
    const error = await api().repositories().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code, detail });
    expect(String((error as Error).message)).not.toContain(ORIGIN);
    expect(events.at(-1)).toMatchObject({ endpoint: '/api/repository/', errorCode: code });
  });

  it('maps a connection failure to UPSTREAM_UNAVAILABLE', async () => {
    mock.get(ORIGIN).intercept({ path: '/api/repository/', method: 'GET' }).replyWithError(new Error('ECONNRESET'));
    await expect(api().repositories()).rejects.toMatchObject({ code: ErrorCode.UPSTREAM_UNAVAILABLE });
  });
});

describe('composeUserAgent', () => {
  it.each([
    [null, AGENT],
    ['', AGENT],
    ['curl/8.5.0', `${AGENT} (client: curl/8.5.0)`],
    ['Mozilla/5.0 (X11; Linux x86_64)', `${AGENT} (client: Mozilla/5.0 X11; Linux x86_64)`],
    ['evil\r\nX-Injected: 1', `${AGENT} (client: evilX-Injected: 1)`],
    ['x'.repeat(500), `${AGENT} (client: ${'x'.repeat(200)})`],
  ])('caller %j', (caller, expected) => {
    expect(composeUserAgent(AGENT, caller)).toBe(expected);
  });
});
