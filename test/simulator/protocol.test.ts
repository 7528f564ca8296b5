import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectHtml500, startSimulator, type Running } from './support.js';

// Cross-cutting HTTP behaviour and the reference-data endpoints.

let sim: Running;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

describe('routing and protocol', () => {
  it('answers JSON with the production headers', async () => {
    const r = await sim.get('/api/repository/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('vary')).toBe('Accept, Cookie, Origin');
    expect(r.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it.each(['/api/repository', '/api/project/autoland/push', '/api/nothing-here/', '/', '/jobs?repo=autoland'])(
    'serves the SPA index.html with 200 for %s',
    async (path) => {
      const r = await sim.get(path);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(r.text).toContain('<title>Treeherder</title>');
    },
  );

  it.each(['python-requests/2.0', 'Python-urllib/3.12', 'Go-http-client/1.1', 'libcurl/8.0', 'Go 1.1 package http'])(
    'blocks the user agent %s with the 403 HTML page',
    async (agent) => {
      const r = await sim.get('/api/repository/', { 'user-agent': agent });
      expect(r.status).toBe(403);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(r.text).toContain('<h1>403 Forbidden</h1>');
    },
  );

  it('lets curl, node and descriptive agents through (prefix matches only)', async () => {
    for (const agent of ['curl/8.5.0', 'node', 'treeherder-graphql/0.1 python-requests/2.0']) {
      expect((await sim.get('/api/user/', { 'user-agent': agent })).status).toBe(200);
    }
  });

  it('honours Accept versions 1.0 and 1.1 and rejects others with 406', async () => {
    const ok = await sim.get('/api/user/', { accept: 'application/json; version=1.1' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json; version=1.1');
    const bad = await sim.get('/api/user/', { accept: 'application/json; version=2.0' });
    expect(bad.status).toBe(406);
    expect(bad.json).toEqual({ detail: 'Invalid version in "Accept" header.' });
    const html = await sim.get('/api/user/', { accept: 'text/html' });
    expect(html.status).toBe(406);
    expect(html.json).toEqual({ detail: 'Could not satisfy the request Accept header.' });
  });

  it('adds the CORS header when an Origin is sent and answers pre-flights', async () => {
    const r = await sim.get('/api/user/', { origin: 'https://example.test' });
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const pre = await sim.request('OPTIONS', '/api/jobs/', { origin: 'https://example.test', 'access-control-request-method': 'GET' });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-max-age')).toBe('86400');
  });

  it("keeps gunicorn's 4094-byte request line: one byte more is its 400 HTML page", async () => {
    // `GET <target> HTTP/1.1` without CRLF: 4 + target + 9 bytes.
    const target = (bytes: number): string => {
      const head = '/api/jobs/?id__in=';
      return head + '1,'.repeat(Math.ceil(bytes / 2)).slice(0, bytes - 13 - head.length);
    };
    const fits = await sim.get(target(4094));
    expect(fits.status).toBe(200);
    const over = await sim.get(target(4095));
    expect(over.status).toBe(400);
    expect(over.headers.get('content-type')).toBe('text/html');
    expect(over.headers.get('connection')).toBe('close');
    expect(over.text).toContain('<h1><p>Bad Request</p></h1>');
    expect(over.text).toContain('Request Line is too large (4095 &gt; 4094)');
    // Far past Node's own 16 KiB header limit it is still gunicorn's answer, not a 431.
    expect((await sim.get(target(40_000))).status).toBe(400);
    const logged = sim.simulator.requests().slice(-3);
    expect(logged.map((entry) => [entry.requestLineBytes, entry.status])).toEqual([
      [4094, 200],
      [4095, 400],
      [40_000, 400],
    ]);
  });

  it('refuses anonymous writes like session auth does (403, not 401)', async () => {
    const r = await sim.request('POST', '/api/performance/alertsummary/');
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ detail: 'Authentication credentials were not provided.' });
  });

  it('serves the Dockerflow endpoints', async () => {
    expect((await sim.get('/__heartbeat__')).json.status).toBe('ok');
    expect((await sim.get('/__lbheartbeat__')).status).toBe(200);
    expect(Object.keys((await sim.get('/__version__')).json)).toEqual(['source', 'version', 'commit', 'build']);
  });
});

describe('reference data', () => {
  it('lists only active repositories with the serializer fields', async () => {
    const r = await sim.get('/api/repository/');
    const names = r.json.map((repo: { name: string }) => repo.name);
    expect(names).toContain('mozilla-central');
    expect(names).toContain('autoland');
    expect(names).toContain('try');
    expect(names).not.toContain('mozilla-inbound');
    const central = r.json[0];
    expect(Object.keys(central)).toEqual([
      'id',
      'repository_group',
      'name',
      'dvcs_type',
      'url',
      'codebase',
      'description',
      'active_status',
      'life_cycle_order',
      'performance_alerts_enabled',
      'expire_performance_data',
      'is_try_repo',
      'tc_root_url',
      'accepts_pull_requests',
    ]);
    const tryRepo = r.json.find((repo: { name: string }) => repo.name === 'try');
    expect(tryRepo.is_try_repo).toBe(true);
    expect(tryRepo.tc_root_url).toBe('https://firefox-ci-tc.services.mozilla.com');
  });

  it('distinguishes a missing repository id from a malformed one', async () => {
    expect((await sim.get('/api/repository/1/')).json.name).toBe('mozilla-central');
    expect((await sim.get('/api/repository/999/')).json).toEqual({ detail: 'No Repository matches the given query.' });
    expect((await sim.get('/api/repository/abc/')).json).toEqual({ detail: 'Not found.' });
  });

  it('maps option collection hashes (sha1 of the option names)', async () => {
    const r = await sim.get('/api/optioncollectionhash/');
    expect(r.json[0]).toEqual({ option_collection_hash: '102210fe594ee9b33d82058545b1ed14f4c8206e', options: [{ name: 'opt' }] });
  });

  it('lists failure classifications 1–8, frameworks, tags, issue trackers and an empty user list', async () => {
    const fc = (await sim.get('/api/failureclassification/')).json;
    expect(fc.map((f: { id: number }) => f.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(fc[3]).toEqual({ id: 4, name: 'intermittent' });
    const frameworks = (await sim.get('/api/performance/framework/')).json;
    for (const [id, name] of [[1, 'talos'], [2, 'build_metrics'], [4, 'awsy'], [11, 'js-bench'], [12, 'devtools'], [13, 'browsertime'], [15, 'mozperftest']]) {
      expect(frameworks).toContainEqual({ id, name });
    }
    expect((await sim.get('/api/performance/framework/?ordering=-id')).json[0].id).toBe(18);
    expect((await sim.get('/api/performance/tag/')).json[0]).toEqual({ id: 1, name: 'harness' });
    expect((await sim.get('/api/performance/issue-tracker/')).json[0]).toEqual({
      id: 1,
      text: 'Bugzilla',
      issue_tracker_url: 'https://bugzilla.mozilla.org/show_bug.cgi?id=',
    });
    expect((await sim.get('/api/user/')).json).toEqual([]);
    const platforms = (await sim.get('/api/machineplatforms/')).json;
    expect(platforms).toContainEqual({ id: expect.any(Number), platform: 'linux1804-64' });
  });

  it('serves bug templates per framework and rejects unknown framework choices', async () => {
    const all = (await sim.get('/api/performance/bug-template/')).json;
    expect(all.map((t: { framework: number }) => t.framework)).toContain(13);
    const one = (await sim.get('/api/performance/bug-template/?framework=1')).json;
    expect(one).toHaveLength(1);
    expect(Object.keys(one[0])).toEqual([
      'framework',
      'keywords',
      'status_whiteboard',
      'default_component',
      'default_product',
      'cc_list',
      'text',
      'critical_text',
      'no_action_required_text',
    ]);
    expect((await sim.get('/api/performance/bug-template/?framework=99')).status).toBe(400);
  });

  it('maps job ids to task ids and breaks (500) without job_ids, as Treeherder does', async () => {
    const job = sim.simulator.data.jobsOfPush(sim.simulator.data.pushesOf('autoland')[0]!.id)[3]!;
    const r = await sim.get(`/api/taskclustermetadata/?job_ids=${job.id},1`);
    expect(r.json).toEqual([{ job: job.id, task_id: job.taskId, retry_id: job.retryId }]);
    expect(job.taskId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expectHtml500(await sim.get('/api/taskclustermetadata/'));
  });
});
