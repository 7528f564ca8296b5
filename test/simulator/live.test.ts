import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/index.js';
import { toPythonIso } from '../../src/simulator/time.js';
import { ANCHOR, startSimulator, type Running } from './support.js';

// The live simulator: frozen until told to move, then deterministic from the seed, and every
// endpoint agrees with every other about what moved.

const SCALE = { pushesPerRepository: 8, jobsPerPush: 40 };
let running: Running | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${running!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

type Row = Record<string, unknown>;
/** `/api/jobs/` rows zipped by their property names. */
async function jobsOf(query: string): Promise<Row[]> {
  const { json, status } = await running!.get(`/api/jobs/?${query}`);
  expect(status).toBe(200);
  return (json.results as unknown[][]).map((row) => Object.fromEntries((json.job_property_names as string[]).map((name, i) => [name, row[i]])));
}

/** Advances until `done` says so, one step at a time, within `max` steps; returns the steps taken. */
async function advanceUntil(done: (result: any) => boolean, max = 500): Promise<number> {
  for (let i = 1; i <= max; i++) {
    const { json } = await post('/__simulator/advance', { steps: 1 });
    if (done(json)) return i;
  }
  throw new Error(`not within ${max} steps`);
}

describe('live simulator', () => {
  it('is frozen by default: the clock and the data stay put until advanced', async () => {
    running = await startSimulator({ scale: SCALE });
    const first = await running.get('/api/project/autoland/push/?count=3');
    const jobs = await jobsOf(`push_id=${first.json.results[0].id}`);
    const state = await running.get('/__simulator/advance');
    expect(state.json).toEqual({ step: 0, now: ANCHOR, liveStepMs: null });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await running.get('/api/project/autoland/push/?count=3')).text).toBe(first.text);
    expect(await jobsOf(`push_id=${first.json.results[0].id}`)).toEqual(jobs);
  });

  it('moves the same way for the same seed, however the steps are batched', async () => {
    const a = createSimulator({ seed: 4, now: ANCHOR, scale: SCALE });
    const b = createSimulator({ seed: 4, now: ANCHOR, scale: SCALE });
    const batched = a.advance(40);
    const single = Array.from({ length: 40 }, () => b.advance(1));
    expect(batched.pushes).toEqual(single.flatMap((r) => r.pushes));
    expect(batched.pushes.length).toBeGreaterThan(0);
    expect(batched.now).toBe(ANCHOR + 40 * 60_000);
    const newest = a.data.pushes[a.data.pushes.length - 1]!;
    expect(b.data.push(newest.id)).toEqual(newest);
    expect(a.data.jobsOfPush(newest.id)).toEqual(b.data.jobsOfPush(newest.id));
    // A different seed moves differently.
    const c = createSimulator({ seed: 5, now: ANCHOR, scale: SCALE });
    expect(c.advance(40).pushes.map((id) => c.data.push(id)?.revision)).not.toEqual(batched.pushes.map((id) => a.data.push(id)?.revision));
  });

  it('new pushes arrive in the push list, newest first, found by id__gt, with their jobs pending', async () => {
    running = await startSimulator({ scale: SCALE });
    const before = await running.get('/api/project/autoland/push/?count=1');
    const latest = before.json.results[0].id as number;
    await advanceUntil((r) => r.pushes.some((id: number) => running!.simulator.data.push(id)?.repositoryName === 'autoland'));
    const arrived = running.simulator.data.pushesOf('autoland').filter((p) => p.id > latest);
    expect(arrived.length).toBeGreaterThan(0);
    const list = await running.get(`/api/project/autoland/push/?count=10&id__gt=${latest}`);
    expect(list.json.results.map((p: Row) => p.id)).toEqual(arrived.map((p) => p.id).reverse());
    expect((await running.get('/api/project/autoland/push/?count=1')).json.results[0].id).toBe(arrived[arrived.length - 1]!.id);
    const push = arrived[arrived.length - 1]!;
    expect(push.pushTimestamp * 1000).toBeLessThanOrEqual(running.simulator.data.clockMs());
    const jobs = await jobsOf(`push_id=${push.id}`);
    expect(jobs.length).toBe(push.jobCount);
    expect(new Set(jobs.map((j) => j.state))).toEqual(new Set(['pending']));
    const status = await running.get(`/api/project/autoland/push/${push.id}/status/`);
    expect(status.json).toMatchObject({ pending: push.jobCount, running: 0, completed: 0 });
  });

  it('jobs move pending → running → completed; last_modified__gt returns exactly the ones that changed', async () => {
    running = await startSimulator({ scale: SCALE });
    const push = running.simulator.data.pushesOf('autoland').at(-1)!;
    const before = new Map((await jobsOf(`push_id=${push.id}`)).map((j) => [j.id, j]));
    const since = toPythonIso(running.simulator.data.clockMs() * 1000);
    expect(await jobsOf(`push_id=${push.id}&last_modified__gt=${since}`)).toEqual([]);
    await post('/__simulator/advance', { steps: 120 });
    const after = await jobsOf(`push_id=${push.id}`);
    const changed = after.filter((j) => JSON.stringify({ ...j, duration: 0 }) !== JSON.stringify({ ...before.get(j.id), duration: 0 }));
    expect(changed.length).toBeGreaterThan(0);
    const incremental = await jobsOf(`push_id=${push.id}&last_modified__gt=${since}`);
    expect(incremental.map((j) => j.id)).toEqual(changed.map((j) => j.id));
    for (const job of incremental) {
      const was = before.get(job.id)!;
      expect(Date.parse(`${job.last_modified as string}Z`)).toBeGreaterThan(Date.parse(`${since}Z`));
      // Never backwards: pending → running/completed, running → completed, or a classification.
      const order = ['pending', 'running', 'completed'];
      expect(order.indexOf(job.state as string)).toBeGreaterThanOrEqual(order.indexOf(was.state as string));
      if (job.state === 'completed') expect(job.result).not.toBe('unknown');
    }
    // The finished ones have their logs, as Treeherder would.
    const finished = incremental.filter((j) => j.state === 'completed');
    expect(finished.length).toBeGreaterThan(0);
    const id = finished[0]!.id as number;
    const logs = await running.get(`/api/project/autoland/job-log-url/?job_id=${id}`);
    expect(logs.json.length).toBeGreaterThan(0);
    expect(logs.json.every((l: Row) => l.parse_status !== 'pending')).toBe(true);
    // Push status (tier 1–2, unclassified jobs) agrees with the job list.
    const status = await running.get(`/api/project/autoland/push/${push.id}/status/`);
    const counted = after.filter((j) => j.tier !== 3 && j.failure_classification_id === 1);
    expect(status.json.completed).toBe(counted.filter((j) => j.state === 'completed').length);
    expect(status.json.running).toBe(counted.filter((j) => j.state === 'running').length);
  });

  it('alert summaries appear, newest first in the list', async () => {
    running = await startSimulator({ scale: SCALE });
    const before = (await running.get('/api/performance/alertsummary/?limit=1')).json.results[0].id as number;
    await advanceUntil((r) => r.alertSummaries.length > 0);
    const list = await running.get('/api/performance/alertsummary/?limit=1');
    const newest = list.json.results[0];
    expect(newest.id).toBeGreaterThan(before);
    expect(newest.status).toBe(0);
    expect(newest.alerts).toHaveLength(1);
    expect(running.simulator.data.push(newest.push_id)).toBeDefined();
  });

  it('runs live at the rate asked, and freezes again', async () => {
    running = await startSimulator({ scale: SCALE });
    expect((await post('/__simulator/live', { stepMs: 10 })).json).toMatchObject({ liveStepMs: 10 });
    while (running.simulator.data.step < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const frozen = await post('/__simulator/live', { stepMs: null });
    expect(frozen.json.liveStepMs).toBeNull();
    const step = frozen.json.step as number;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(running.simulator.data.step).toBe(step);
  });

  it('refuses bad control requests with a 400 that says why', async () => {
    running = await startSimulator({ scale: SCALE });
    for (const body of [{ steps: 0 }, { steps: 1.5 }, { steps: 'x' }, '[1]', 'nope']) {
      const response = await post('/__simulator/advance', body);
      expect(response.status).toBe(400);
      expect(response.json.errors[0]).toMatch(/steps|JSON object/);
    }
    expect((await post('/__simulator/live', { stepMs: 1 })).status).toBe(400);
    expect(running.simulator.data.step).toBe(0);
  });
});
