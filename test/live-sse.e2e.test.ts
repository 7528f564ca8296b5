import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../src/simulator/types.js';
import { startLiveStack, subscribeSse, until, type LiveStack, type SseSubscriber } from './support/live.js';

// Subscriptions over Server-Sent Events, on real HTTP against the live simulator. The manual
// scheduler stands in for the poll interval: `tick()` is "one interval passed".

let stack: LiveStack | null = null;
let clients: SseSubscriber[] = [];
afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  await stack?.close();
  stack = null;
});

const JOBS = 'subscription Watch($repository: String!, $pushId: ID) { jobsChanged(repository: $repository, pushId: $pushId) { id state result lastModified } }';

/** Jobs of a repository the simulator changed after `sinceMs` (what a poll should report). */
function changedSince(s: LiveStack, repository: string, sinceMs: number): Job[] {
  return s.simulator.data
    .pushesOf(repository)
    .flatMap((push) => s.simulator.data.jobsOfPush(push.id))
    .filter((job) => job.lastModifiedUs > sinceMs * 1000)
    .sort((a, b) => a.id - b.id);
}

/** Steps the simulator until something changed in the repository's jobs; returns when it started. */
function advanceUntilJobsChange(s: LiveStack, repository: string): number {
  const since = s.simulator.data.clockMs();
  for (let i = 0; i < 500; i++) {
    s.simulator.advance(1);
    if (changedSince(s, repository, since).length > 0) return since;
  }
  throw new Error('nothing changed');
}

describe('subscriptions over SSE', () => {
  it('100 subscribers of one topic: one poller, one upstream request per interval, the event reaches all of them', async () => {
    stack = await startLiveStack();
    const s = stack;
    clients = await Promise.all(Array.from({ length: 100 }, () => subscribeSse(s.url, JOBS, { repository: 'autoland' })));
    expect(clients.every((c) => c.status === 200)).toBe(true);
    await until(() => s.gateway.live.registry.stats().subscribers === 100, '100 subscribers');
    expect(s.gateway.live.registry.stats().pollers).toBe(1);
    await s.tick(); // the poller learns where "now" is
    s.resetLog();

    const since = advanceUntilJobsChange(s, 'autoland');
    const expected = changedSince(s, 'autoland', since);
    await s.tick();
    const polls = s.upstream();
    expect(polls).toHaveLength(1);
    expect(polls[0]!.path).toBe('/api/project/autoland/jobs/');
    expect(polls[0]!.params.find(([k]) => k === 'last_modified__gt')).toBeDefined();

    const events = await Promise.all(clients.map((c) => c.nth(0)));
    for (const event of events) {
      expect(event.errors).toBeUndefined();
      expect(event.data.jobsChanged.map((j: { id: string }) => Number(j.id))).toEqual(expected.map((j) => j.id));
    }
    expect(events[0].data.jobsChanged.map((j: { state: string }) => j.state)).toEqual(expected.map((j) => j.state));

    // An interval with no change: still one request, and no (empty) event.
    s.resetLog();
    await s.tick();
    expect(s.upstream()).toHaveLength(1);
    expect(clients.every((c) => c.events.filter((e) => e.event === 'next').length === 1)).toBe(true);

    // The last unsubscribe stops the poller: nothing is scheduled and nothing is asked.
    for (const client of clients) client.close();
    await until(() => s.gateway.live.registry.stats().pollers === 0, 'the poller to stop');
    expect(s.gateway.live.subscriptions).toBe(0);
    expect(s.scheduler.pending).toBe(0);
    s.resetLog();
    s.simulator.advance(5);
    await s.tick();
    expect(s.upstream()).toEqual([]);
  });

  it('pushCreated: each new push once, found with id__gt', async () => {
    stack = await startLiveStack();
    const s = stack;
    const client = await subscribeSse(s.url, 'subscription { pushCreated(repository: "autoland") { id revision author revisionCount } }');
    clients.push(client);
    await until(() => s.gateway.live.registry.stats().subscribers === 1, 'the subscriber');
    await s.tick();
    const newest = s.simulator.data.pushesOf('autoland').at(-1)!.id;
    s.resetLog();
    let arrived: number[] = [];
    while (arrived.length === 0) arrived = s.simulator.advance(1).pushes.filter((id) => s.simulator.data.push(id)?.repositoryName === 'autoland');
    await s.tick();
    expect(s.upstream().map((e) => `${e.path}?${e.query}`)).toEqual([`/api/project/autoland/push/?id__gt=${newest}&count=1000`]);
    const push = s.simulator.data.push(arrived[0]!)!;
    expect((await client.nth(0)).data.pushCreated).toEqual({ id: String(push.id), revision: push.revision, author: push.author, revisionCount: push.commits.length });
    await s.tick();
    expect(client.events.filter((e) => e.event === 'next')).toHaveLength(arrived.length);
  });

  it('alertSummaryCreated: each new summary once, with its push', async () => {
    stack = await startLiveStack();
    const s = stack;
    const client = await subscribeSse(s.url, 'subscription { alertSummaryCreated(repository: "autoland") { id status push { id revision } alerts { isRegression } } }');
    clients.push(client);
    await until(() => s.gateway.live.registry.stats().subscribers === 1, 'the subscriber');
    await s.tick();
    const autoland = s.simulator.data.repository('autoland')!.id;
    let created: number[] = [];
    while (created.length === 0) created = s.simulator.advance(1).alertSummaries.filter((id) => s.simulator.data.alertSummary(id)?.repositoryId === autoland);
    s.resetLog();
    await s.tick();
    expect(s.upstream().filter((e) => e.path === '/api/performance/alertsummary/')).toHaveLength(1);
    const summary = s.simulator.data.alertSummary(created[0]!)!;
    const event = (await client.nth(0)).data.alertSummaryCreated;
    expect(event).toMatchObject({ id: String(summary.id), status: 'UNTRIAGED', push: { id: String(summary.pushId) } });
    expect(event.alerts).toHaveLength(1);
  });

  it('every field of the graph works on an event, batched per event (one logs request for all its jobs)', async () => {
    stack = await startLiveStack();
    const s = stack;
    const push = s.simulator.data.pushesOf('autoland').at(-1)!;
    const client = await subscribeSse(s.url, 'subscription W($p: ID) { jobsChanged(repository: "autoland", pushId: $p) { id state logs { name url } push { revision } } }', { p: String(push.id) });
    clients.push(client);
    await until(() => s.gateway.live.registry.stats().subscribers === 1, 'the subscriber');
    await s.tick();
    const since = s.simulator.data.clockMs();
    let changed: Job[] = [];
    while (changed.length < 2) {
      s.simulator.advance(1);
      changed = s.simulator.data.jobsOfPush(push.id).filter((j) => j.lastModifiedUs > since * 1000);
    }
    s.resetLog();
    await s.tick();
    const event = await client.nth(0);
    expect(event.errors).toBeUndefined();
    expect(event.data.jobsChanged.map((j: { id: string }) => Number(j.id))).toEqual(changed.map((j) => j.id));
    expect(event.data.jobsChanged.every((j: { push: { revision: string } }) => j.push.revision === push.revision)).toBe(true);
    const logRequests = s.upstream().filter((e) => e.path.endsWith('/job-log-url/'));
    expect(logRequests).toHaveLength(1);
    expect(logRequests[0]!.params.filter(([k]) => k === 'job_id').map(([, v]) => Number(v)).sort()).toEqual(changed.map((j) => j.id).sort());
  });

  it('an outage gives a coded error event, then the stream resumes with what changed; nothing leaks', async () => {
    stack = await startLiveStack();
    const s = stack;
    const client = await subscribeSse(s.url, JOBS, { repository: 'autoland' });
    clients.push(client);
    await until(() => s.gateway.live.registry.stats().subscribers === 1, 'the subscriber');
    await s.tick();
    s.simulator.setFaults([{ path: '/api/project/*/jobs/', kind: 'status', status: 503 }]);
    const since = advanceUntilJobsChange(s, 'autoland');
    await s.tick();
    const failed = await client.nth(0);
    expect(failed.data).toBeNull();
    expect(failed.errors[0].extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(s.gateway.live.registry.stats()).toMatchObject({ pollers: 1, subscribers: 1 });
    s.simulator.setFaults([]);
    await s.tick();
    const resumed = await client.nth(1);
    expect(resumed.data.jobsChanged.map((j: { id: string }) => Number(j.id))).toEqual(changedSince(s, 'autoland', since).map((j) => j.id));
  });

  it('arguments Treeherder refuses end the stream with a coded error, and free the poller', async () => {
    stack = await startLiveStack();
    const s = stack;
    const client = await subscribeSse(s.url, JOBS, { repository: 'autoland', pushId: '999999999' });
    clients.push(client);
    await until(() => s.gateway.live.registry.stats().subscribers === 1, 'the subscriber');
    await s.tick();
    const event = await client.nth(0);
    expect(event.errors[0].extensions.code).toBe('UPSTREAM_NOT_FOUND');
    await client.ended;
    expect(client.events.at(-1)!.event).toBe('complete');
    expect(s.gateway.live.registry.stats().pollers).toBe(0);

    const bad = await subscribeSse(s.url, 'subscription { jobsChanged(repository: "autoland", filter: { lastModifiedSince: "2026-01-01T00:00:00Z" }) { id } }');
    clients.push(bad);
    const refused = await bad.nth(0);
    expect(refused.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.lastModifiedSince' });
  });

  it('limits: per caller and per process, refused with TOO_MANY_SUBSCRIPTIONS; the operation limits apply too', async () => {
    stack = await startLiveStack({ env: { LIVE_MAX_SUBSCRIPTIONS_PER_CALLER: '2', MAX_DEPTH: '4', MAX_OPERATION_COST: '5' } });
    const s = stack;
    clients = await Promise.all([0, 1].map(() => subscribeSse(s.url, JOBS, { repository: 'autoland' })));
    await until(() => s.gateway.live.subscriptions === 2, 'two subscriptions');
    const third = await subscribeSse(s.url, JOBS, { repository: 'autoland' });
    clients.push(third);
    expect((await third.nth(0)).errors[0].extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 'caller', maxSubscriptions: 2 });

    const deep = await subscribeSse(s.url, 'subscription { jobsChanged(repository: "autoland") { push { jobs { nodes { push { id } } } } } }');
    clients.push(deep);
    expect((await deep.nth(0)).errors[0].extensions.code).toBe('OPERATION_TOO_DEEP');
    const costly = await subscribeSse(s.url, 'subscription { jobsChanged(repository: "autoland") { textLogErrors { line } } }');
    clients.push(costly);
    expect((await costly.nth(0)).errors[0].extensions.code).toBe('OPERATION_TOO_EXPENSIVE');
    expect(s.gateway.live.subscriptions).toBe(2);
  });

  it('the process-wide limit counts every caller', async () => {
    stack = await startLiveStack({ env: { LIVE_MAX_SUBSCRIPTIONS: '1' } });
    const s = stack;
    clients.push(await subscribeSse(s.url, JOBS, { repository: 'autoland' }));
    await until(() => s.gateway.live.subscriptions === 1, 'one subscription');
    const second = await subscribeSse(s.url, 'subscription { pushCreated(repository: "try") { id } }');
    clients.push(second);
    expect((await second.nth(0)).errors[0]).toMatchObject({
      message: 'Too many subscriptions: at most 1 at once for this gateway. End one first.',
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 'process', maxSubscriptions: 1 },
    });
  });
});
