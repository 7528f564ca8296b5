import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/index.js';
import { ANCHOR, startSimulator, type Running } from './support.js';

interface HawkClient {
  header(uri: string, method: string, options: Record<string, unknown>): { header: string; artifacts: object };
  authenticate(res: { headers: Record<string, string> }, credentials: object, artifacts: object, options: { payload: string }): unknown;
}
// hawk ships no type declarations; this is the one client call the tests need.
const Hawk = createRequire(import.meta.url)('hawk') as { client: HawkClient };

describe('determinism', () => {
  it('generates the same data from the same seed and different data from another', () => {
    const scale = { pushesPerRepository: 6, jobsPerPush: 40, signaturesPerFramework: 3, alertSummaries: 4 };
    const a = createSimulator({ seed: 42, now: ANCHOR, scale }).data;
    const b = createSimulator({ seed: 42, now: ANCHOR, scale }).data;
    const c = createSimulator({ seed: 43, now: ANCHOR, scale }).data;
    expect(b.pushes).toEqual(a.pushes);
    const push = a.pushes.at(-1)!;
    expect(b.jobsOfPush(push.id)).toEqual(a.jobsOfPush(push.id));
    expect(b.signatures).toEqual(a.signatures);
    expect(b.data).toEqual(a.data);
    expect(b.alertSummaries).toEqual(a.alertSummaries);
    expect(c.pushes.map((p) => p.revision)).not.toEqual(a.pushes.map((p) => p.revision));
  });

  it('regenerates identical jobs after they were evicted from the cache', () => {
    const sim = createSimulator({ seed: 5, now: ANCHOR, jobCacheSize: 1, scale: { pushesPerRepository: 4, jobsPerPush: 30 } });
    const [first, second] = sim.data.pushes;
    const before = sim.data.jobsOfPush(first!.id);
    sim.data.jobsOfPush(second!.id);
    expect(sim.data.jobsOfPush(first!.id)).toEqual(before);
    expect(sim.data.jobCacheStats().generations).toBe(3);
  });

  it('lays out ids the way Treeherder does: global, ascending with push time', () => {
    const data = createSimulator({ seed: 1, now: ANCHOR, scale: { pushesPerRepository: 5, jobsPerPush: 20 } }).data;
    const pushes = data.pushes;
    for (let i = 1; i < pushes.length; i++) {
      expect(pushes[i]!.id).toBe(pushes[i - 1]!.id + 1);
      expect(pushes[i]!.pushTimestamp).toBeGreaterThanOrEqual(pushes[i - 1]!.pushTimestamp);
      expect(pushes[i]!.firstJobId).toBe(pushes[i - 1]!.firstJobId + pushes[i - 1]!.jobCount);
    }
    const job = data.jobsOfPush(pushes[7]!.id)[2]!;
    expect(data.pushOfJob(job.id)!.id).toBe(pushes[7]!.id);
    expect(data.job(job.id)).toEqual(job);
    expect(job.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\/\d+$/);
  });

  it('keeps newest pushes busy and older ones finished', () => {
    const data = createSimulator({ seed: 1, now: ANCHOR }).data;
    const autoland = data.pushesOf('autoland');
    const newest = data.jobsOfPush(autoland.at(-1)!.id);
    expect(newest.some((j) => j.state !== 'completed')).toBe(true);
    const old = data.jobsOfPush(autoland[0]!.id);
    expect(old.every((j) => j.state === 'completed')).toBe(true);
    expect(old.filter((j) => j.result === 'success').length / old.length).toBeGreaterThan(0.8);
    expect(newest[0]!.jobTypeName).toBe('Gecko Decision Task');
  });
});

describe('scale', () => {
  let sim: Running;
  beforeAll(async () => {
    sim = await startSimulator({ scale: { pushesPerRepository: 3, jobsPerPush: 5000, signaturesPerFramework: 2, alertSummaries: 2 } });
  });
  afterAll(() => sim.close());

  it('does not generate jobs up front and serves a 5000-job push lazily in pages', async () => {
    const data = sim.simulator.data;
    expect(data.jobCacheStats()).toEqual({ cachedJobs: 0, cachedPushes: 0, generations: 0 });
    const push = [...data.pushes].sort((a, b) => b.jobCount - a.jobCount)[0]!;
    expect(push.jobCount).toBeGreaterThanOrEqual(5000);
    let path: string | null = `/api/jobs/?push_id=${push.id}`;
    let total = 0;
    while (path) {
      const r = await sim.get(path);
      total += r.json.results.length;
      path = r.json.next ? (r.json.next as string).slice(sim.url.length) : null;
    }
    expect(total).toBe(push.jobCount);
    const stats = data.jobCacheStats();
    expect(stats.generations).toBe(1);
    expect(stats.cachedJobs).toBe(push.jobCount);
    expect(data.totalJobs).toBeGreaterThan(stats.cachedJobs * 10);
  });
});

describe('request log', () => {
  let sim: Running;
  beforeAll(async () => {
    sim = await startSimulator({ scale: { pushesPerRepository: 3, jobsPerPush: 20 } });
  });
  afterAll(() => sim.close());

  it('records path, raw query, decoded params, user agent, authorization and status in order', async () => {
    sim.simulator.clearRequests();
    await sim.get('/api/project/try/push/?count=2&author=a%40b.c', { authorization: 'Bearer nope' });
    await sim.get('/api/repository', { 'user-agent': 'python-requests/2.31' });
    const log = sim.simulator.requests();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      method: 'GET',
      path: '/api/project/try/push/',
      query: 'count=2&author=a%40b.c',
      params: [
        ['count', '2'],
        ['author', 'a@b.c'],
      ],
      userAgent: 'simulator-tests/1.0',
      authorization: 'Bearer nope',
      hawkId: null,
      status: 200,
    });
    expect(log[1]).toMatchObject({ path: '/api/repository', status: 403, userAgent: 'python-requests/2.31' });
    expect(log[1]!.seq).toBe(log[0]!.seq + 1);
    expect(log[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('exposes the log over HTTP for out-of-process use, and clears it', async () => {
    sim.simulator.clearRequests();
    await sim.get('/api/user/');
    const over = await sim.get('/__simulator/requests');
    expect(over.json.map((e: { path: string }) => e.path)).toEqual(['/api/user/']);
    expect((await sim.request('DELETE', '/__simulator/requests')).status).toBe(204);
    expect(sim.simulator.requests()).toEqual([]);
  });

  it('delays every response by the configured latency', async () => {
    sim.simulator.setLatency(150);
    const started = Date.now();
    await sim.get('/api/user/');
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    sim.simulator.setLatency(0);
  });
});

describe('Hawk verification', () => {
  const credentials = { id: 'gateway', key: 'werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn', algorithm: 'sha256' as const };
  let sim: Running;
  beforeAll(async () => {
    sim = await startSimulator({ hawkCredentials: [credentials], scale: { pushesPerRepository: 2, jobsPerPush: 10 } });
  });
  afterAll(() => sim.close());

  const sign = (path: string, options: Record<string, unknown> = {}): string =>
    Hawk.client.header(`${sim.url}${path}`, 'GET', { credentials, ...options }).header;

  it('accepts a valid signature and logs the verified id', async () => {
    sim.simulator.clearRequests();
    const signed = Hawk.client.header(`${sim.url}/api/repository/`, 'GET', { credentials });
    const r = await sim.get('/api/repository/', { authorization: signed.header });
    expect(r.status).toBe(200);
    const [entry] = sim.simulator.requests();
    expect(entry!.hawkId).toBe('gateway');
    // Responses to Hawk requests are signed, as hawkrest's response middleware did.
    const serverAuthorization = r.headers.get('server-authorization')!;
    expect(serverAuthorization).toMatch(/^Hawk mac="[^"]+", hash="[^"]+"$/);
    const res = { headers: { 'server-authorization': serverAuthorization, 'content-type': r.headers.get('content-type')! } };
    expect(() => Hawk.client.authenticate(res, credentials, signed.artifacts, { payload: r.text })).not.toThrow();
    expect(entry!.authorization).toMatch(/^Hawk id="gateway", ts="\d+", nonce="[^"]+", mac="[^"]+"/);
  });

  it('rejects a timestamp more than 60 s off with the clock hint', async () => {
    const r = await sim.get('/api/repository/', { authorization: sign('/api/repository/', { localtimeOffsetMsec: -120_000 }) });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ detail: 'Hawk authentication failed: The token has expired. Is your system clock correct?' });
  });

  it('names an unknown id in a 403', async () => {
    const header = Hawk.client.header(`${sim.url}/api/repository/`, 'GET', { credentials: { ...credentials, id: 'stranger' } }).header;
    const r = await sim.get('/api/repository/', { authorization: header });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ detail: 'No authorised credentials found with id stranger' });
  });

  it('rejects a bad MAC and a replayed nonce with 401', async () => {
    const forged = Hawk.client.header(`${sim.url}/api/repository/`, 'GET', { credentials: { ...credentials, key: 'wrong' } }).header;
    const bad = await sim.get('/api/repository/', { authorization: forged });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ detail: 'Hawk authentication failed' });
    const header = sign('/api/user/');
    expect((await sim.get('/api/user/', { authorization: header })).status).toBe(200);
    const replay = await sim.get('/api/user/', { authorization: header });
    expect(replay.status).toBe(401);
    expect(replay.json).toEqual({ detail: 'Hawk authentication failed' });
  });

  it('leaves anonymous reads alone', async () => {
    expect((await sim.get('/api/user/')).status).toBe(200);
  });

  it('checks timestamps against its own (skewed) clock', async () => {
    const skewed = await startSimulator({ hawkCredentials: [credentials], clockSkewMs: 300_000, scale: { pushesPerRepository: 1, jobsPerPush: 5 } });
    try {
      const header = Hawk.client.header(`${skewed.url}/api/user/`, 'GET', { credentials }).header;
      const r = await skewed.get('/api/user/', { authorization: header });
      expect(r.status).toBe(401);
      expect(r.json.detail).toContain('Is your system clock correct?');
      const adjusted = Hawk.client.header(`${skewed.url}/api/user/`, 'GET', { credentials, localtimeOffsetMsec: 300_000 }).header;
      expect((await skewed.get('/api/user/', { authorization: adjusted })).status).toBe(200);
    } finally {
      await skewed.close();
    }
  });
});
