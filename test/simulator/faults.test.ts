import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultRuleError, createSimulator, type FaultRule } from '../../src/simulator/index.js';
import { ANCHOR, startSimulator, type Running } from './support.js';

// Fault injection over real HTTP: each kind of fault as a client sees it on the wire, which
// requests a rule hits (route, method, rate, times), the seeded draws, and the control API.

/** A raw GET that keeps what arrived before an error: status, headers, each chunk, and the error. */
function rawGet(url: string): Promise<{ status: number; headers: IncomingHttpHeaders; chunks: Buffer[]; error: Error | null }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false, headers: { 'user-agent': 'simulator-tests/1.0' } }, (res) => {
      const chunks: Buffer[] = [];
      let error: Error | null = null;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (caught) => (error = caught));
      res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, chunks, error: error ?? (res.complete ? null : new Error('incomplete body')) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const REPOSITORIES = '/api/repository/';

/** The body as text, without parsing it (a truncated JSON body is the point). */
async function getText(url: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(url, { headers: { 'user-agent': 'simulator-tests/1.0' } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

let sim: Running;
let plainRepositories: string;
beforeAll(async () => {
  sim = await startSimulator({ scale: { pushesPerRepository: 3, jobsPerPush: 20 } });
  plainRepositories = (await sim.get(REPOSITORIES)).text;
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.simulator.setFaults([]);
  sim.simulator.clearRequests();
});

describe('each kind of fault', () => {
  it('status: the chosen status with a JSON detail, or an HTML page (the default for 5xx)', async () => {
    sim.simulator.setFaults([
      { path: '/api/repository/', kind: 'status', status: 404, body: 'json' },
      { path: '/api/optioncollectionhash/', kind: 'status', status: 503 },
      { path: '/api/failureclassification/', kind: 'status', status: 500 },
    ]);
    const notFound = await sim.get(REPOSITORIES);
    expect([notFound.status, notFound.headers.get('content-type'), notFound.json]).toEqual([404, 'application/json', { detail: 'Not Found (simulated fault).' }]);
    const unavailable = await sim.get('/api/optioncollectionhash/');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(unavailable.text).toContain('<p><b>503.</b>');
    const failed = await sim.get('/api/failureclassification/');
    expect([failed.status, failed.text.includes('<h1>Server Error (500)</h1>')]).toEqual([500, true]);
    expect(sim.simulator.requests().map((entry) => [entry.path, entry.status, entry.fault])).toEqual([
      [REPOSITORIES, 404, 'status'],
      ['/api/optioncollectionhash/', 503, 'status'],
      ['/api/failureclassification/', 500, 'status'],
    ]);
  });

  it('latency: waits the fixed delay, or the spike for its share of hits, then answers normally', async () => {
    sim.simulator.setFaults([{ path: REPOSITORIES, kind: 'latency', ms: 120 }]);
    let started = performance.now();
    expect((await sim.get(REPOSITORIES)).text).toBe(plainRepositories);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);

    sim.simulator.setFaults([{ path: REPOSITORIES, kind: 'latency', ms: 0, spikeMs: 250, spikeRate: 1 }]);
    started = performance.now();
    expect((await sim.get(REPOSITORIES)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    expect(sim.simulator.requests().map((entry) => entry.fault)).toEqual(['latency', 'latency']);
  });

  it('rate-limit: 429 with Retry-After and DRF\'s throttling message', async () => {
    sim.simulator.setFaults([{ path: REPOSITORIES, kind: 'rate-limit', retryAfter: 7 }]);
    const response = await sim.get(REPOSITORIES);
    expect([response.status, response.headers.get('retry-after'), response.json]).toEqual([
      429,
      '7',
      { detail: 'Request was throttled. Expected available in 7 seconds.' },
    ]);
  });

  it('reset: the real headers and part of the body, then the connection is gone', async () => {
    sim.simulator.setFaults([{ path: REPOSITORIES, kind: 'reset', afterBytes: 100 }]);
    const response = await rawGet(`${sim.url}${REPOSITORIES}`);
    expect(response.status).toBe(200);
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(plainRepositories));
    const received = Buffer.concat(response.chunks).toString('utf8');
    expect(received).toBe(plainRepositories.slice(0, 100));
    expect(response.error).not.toBeNull();
    expect(sim.simulator.requests()[0]!.fault).toBe('reset');
  });

  it('truncated: well-formed HTTP whose JSON stops short', async () => {
    sim.simulator.setFaults([{ path: REPOSITORIES, kind: 'truncated' }]);
    const response = await getText(`${sim.url}${REPOSITORIES}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(response.text));
    expect(response.text).toBe(plainRepositories.slice(0, Math.floor(plainRepositories.length / 2)));
    expect(() => JSON.parse(response.text)).toThrow(SyntaxError);
  });

  it('truncated never sends the whole body, even when asked to keep more than there is', async () => {
    sim.simulator.setFaults([{ path: REPOSITORIES, kind: 'truncated', keepBytes: 10_000_000 }]);
    const response = await getText(`${sim.url}${REPOSITORIES}`);
    expect(response.text).toBe(plainRepositories.slice(0, -1));
  });

  it('html200: 200 with the web app page, as for an unknown path', async () => {
    sim.simulator.setFaults([{ path: REPOSITORIES, kind: 'html200' }]);
    const response = await sim.get(REPOSITORIES);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(response.text).toContain('<div id="root"></div>');
  });

  it('drip: the real body, a few bytes at a time', async () => {
    sim.simulator.setFaults([{ path: '/api/failureclassification/', kind: 'drip', chunkBytes: 64, intervalMs: 20 }]);
    const plain = await (async () => {
      const faults = sim.simulator.faults();
      sim.simulator.setFaults([]);
      const text = (await sim.get('/api/failureclassification/')).text;
      sim.simulator.setFaults(faults);
      return text;
    })();
    const started = performance.now();
    const response = await rawGet(`${sim.url}/api/failureclassification/`);
    const chunksExpected = Math.ceil(Buffer.byteLength(plain) / 64);
    expect(response.error).toBeNull();
    expect(Buffer.concat(response.chunks).toString('utf8')).toBe(plain);
    expect(response.chunks.length).toBeGreaterThan(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual((chunksExpected - 1) * 20 * 0.9);
  });

  it('drip stops when the client goes away (no timers left dripping into a closed socket)', async () => {
    sim.simulator.setFaults([{ path: REPOSITORIES, kind: 'drip', chunkBytes: 8, intervalMs: 60_000 }]);
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${sim.url}${REPOSITORIES}`, { agent: false }, (res) => {
        res.once('data', () => req.destroy());
        res.on('error', () => undefined);
        res.on('close', () => resolve());
      });
      req.on('error', () => undefined);
      req.on('close', () => resolve());
      req.once('error', reject);
      req.end();
    });
    // durationMs is written when the delivery loop ends: long before its next 60 s pause would.
    const deadline = Date.now() + 5_000;
    while (sim.simulator.requests()[0]!.durationMs === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sim.simulator.requests()[0]!.durationMs).toBeGreaterThan(0);
    expect(sim.simulator.requests()[0]!.durationMs).toBeLessThan(60_000);
  });
});

describe('which requests a rule hits', () => {
  it('matches `*` within one segment, `**` across segments, and an exact path only exactly', async () => {
    const push = sim.simulator.data.pushesOf('autoland')[0]!;
    const job = sim.simulator.data.jobsOfPush(push.id)[1]!;
    sim.simulator.setFaults([
      { path: '/api/project/*/jobs/*/bug_suggestions/', kind: 'status', status: 502 },
      { path: '/api/performance/**', kind: 'status', status: 504 },
      { path: '/api/repository/', kind: 'status', status: 418, body: 'json' },
    ]);
    const statuses = async (paths: string[]): Promise<number[]> => Promise.all(paths.map(async (path) => (await sim.get(path)).status));
    expect(
      await statuses([
        `/api/project/autoland/jobs/${job.id}/bug_suggestions/`,
        `/api/project/autoland/jobs/${job.id}/text_log_errors/`,
        '/api/performance/framework/',
        '/api/performance/tag/',
        '/api/repository/',
        '/api/repositoryx/',
      ]),
    ).toEqual([502, 200, 504, 504, 418, 200]);
  });

  it('honours the method, lets a rule that misses pass to the next, and stops after `times` hits', async () => {
    sim.simulator.setFaults([
      { path: REPOSITORIES, method: 'HEAD', kind: 'status', status: 500 },
      { path: REPOSITORIES, kind: 'status', status: 503, times: 2 },
      { path: '/**', kind: 'status', status: 429, rate: 0 },
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await sim.get(REPOSITORIES)).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect((await sim.request('HEAD', REPOSITORIES)).status).toBe(500);
    expect(sim.simulator.faults().map((rule) => rule.hits)).toEqual([1, 2, 0]);
  });

  it('draws hits from a seeded stream per rule: the same seed gives the same requests, another seed others', async () => {
    const rules: FaultRule[] = [{ path: REPOSITORIES, kind: 'status', status: 503, rate: 0.3 }];
    const pattern = async (seed: number): Promise<string> => {
      const simulator = createSimulator({ seed: 1, now: ANCHOR, scale: { pushesPerRepository: 1, jobsPerPush: 5 }, faults: rules, faultSeed: seed });
      const url = await simulator.listen(0);
      let marks = '';
      for (let i = 0; i < 40; i += 1) marks += (await fetch(`${url}${REPOSITORIES}`).then(async (r) => (await r.arrayBuffer(), r.status))) === 503 ? 'x' : '.';
      await simulator.close();
      return marks;
    };
    const first = await pattern(11);
    expect(await pattern(11)).toBe(first);
    expect(await pattern(12)).not.toBe(first);
    const hits = [...first].filter((mark) => mark === 'x').length;
    expect(hits).toBeGreaterThan(3);
    expect(hits).toBeLessThan(25);
  });

  it('leaves the control API alone', async () => {
    sim.simulator.setFaults([{ path: '/**', kind: 'status', status: 503 }]);
    expect((await sim.get('/__simulator/faults')).status).toBe(200);
    expect((await sim.get('/__simulator/requests')).status).toBe(200);
  });
});

describe('configuring faults', () => {
  it('takes rules at start, and setFaults refuses bad rules with every problem named', () => {
    const simulator = createSimulator({ scale: { pushesPerRepository: 1, jobsPerPush: 5 }, faults: [{ path: '/api/**', kind: 'html200' }] });
    expect(simulator.faults()).toEqual([{ path: '/api/**', kind: 'html200', hits: 0 }]);
    let caught: unknown;
    try {
      simulator.setFaults([
        { path: 'api/', kind: 'status', status: 503 },
        { path: '/x/', kind: 'latency' } as unknown as FaultRule,
        { path: '/x/', kind: 'drip', rate: 2, speed: 1 } as unknown as FaultRule,
        { path: '/x/', kind: 'explode' } as unknown as FaultRule,
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FaultRuleError);
    expect((caught as FaultRuleError).problems).toEqual([
      'Rule 0: path must be a string starting with "/".',
      'Rule 1: ms is required for kind latency.',
      'Rule 2: unknown field "speed" for kind drip.',
      'Rule 2: rate must be a number from 0 to 1.',
      'Rule 3: kind must be one of status, latency, rate-limit, reset, truncated, html200, drip.',
    ]);
    // A refused set leaves the rules in force unchanged.
    expect(simulator.faults()).toHaveLength(1);
  });

  it('over HTTP: PUT replaces the rules (array or {rules, seed}), GET lists them with hits, DELETE clears them', async () => {
    const put = async (body: string) => {
      const response = await fetch(`${sim.url}/__simulator/faults`, { method: 'PUT', body, headers: { 'content-type': 'application/json' } });
      return { status: response.status, json: (await response.json()) as unknown };
    };
    expect(await put(JSON.stringify([{ path: REPOSITORIES, kind: 'rate-limit', retryAfter: 2 }]))).toEqual({
      status: 200,
      json: [{ path: REPOSITORIES, kind: 'rate-limit', retryAfter: 2, hits: 0 }],
    });
    expect((await sim.get(REPOSITORIES)).status).toBe(429);
    expect((await sim.get('/__simulator/faults')).json).toEqual([{ path: REPOSITORIES, kind: 'rate-limit', retryAfter: 2, hits: 1 }]);

    expect(await put(JSON.stringify({ rules: [{ path: REPOSITORIES, kind: 'truncated', keepBytes: 3 }], seed: 5 }))).toMatchObject({ status: 200 });
    expect((await getText(`${sim.url}${REPOSITORIES}`)).text).toBe(plainRepositories.slice(0, 3));

    expect(await put('{"rules": [{"path": "/", "kind": "status"}]}')).toEqual({ status: 400, json: { errors: ['Rule 0: status is required for kind status.'] } });
    expect(await put('not json')).toEqual({ status: 400, json: { errors: ['The body must be JSON: an array of rules or {"rules": [...], "seed": n}.'] } });
    expect(sim.simulator.faults()).toEqual([{ path: REPOSITORIES, kind: 'truncated', keepBytes: 3, hits: 1 }]);

    expect((await sim.request('DELETE', '/__simulator/faults')).status).toBe(204);
    expect(sim.simulator.faults()).toEqual([]);
    expect((await sim.get(REPOSITORIES)).text).toBe(plainRepositories);
    expect((await sim.request('POST', '/__simulator/faults')).status).toBe(405);
  });

  it('notes the fault in the request log, and null when there was none', async () => {
    sim.simulator.setFaults([{ path: REPOSITORIES, kind: 'html200', times: 1 }]);
    await sim.get(REPOSITORIES);
    await sim.get(REPOSITORIES);
    expect(sim.simulator.requests().map((entry) => [entry.status, entry.fault])).toEqual([
      [200, 'html200'],
      [200, null],
    ]);
  });
});
