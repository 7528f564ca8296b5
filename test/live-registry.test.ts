import { describe, expect, it } from 'vitest';
import { ErrorCode, UpstreamError } from '../src/errors.js';
import { createLiveService, createManualScheduler, type LiveEvent, type LiveSource, type Topic } from '../src/live/index.js';
import type { Upstream } from '../src/treeherder/http.js';

// The poller registry and the streams on their own, with a scripted source: when polls run,
// how failures back off, how slow subscribers are cut off.

const settings = {
  pollIntervalMs: 1_000,
  maxBackoffMs: 6_000,
  maxSubscriptions: 100,
  maxPerCaller: 100,
  maxPerConnection: 10,
  maxQueuedEvents: 3,
  keepAliveMs: 15_000,
};
const upstream = { baseUrl: 'http://treeherder.test', url: () => '', getJson: () => Promise.reject(new Error('no network here')) } as unknown as Upstream;
const owner = { identity: null, caller: 'address:test', connection: null };

/** A source whose polls answer from a script: a list of items, or an error to throw. */
function scripted(script: Array<number[] | UpstreamError>): { topic: Topic<number>; polls: () => number } {
  let polls = 0;
  const source: LiveSource<number> = {
    start: async () => undefined,
    poll: async () => {
      const next = script[polls++] ?? [];
      if (next instanceof UpstreamError) throw next;
      return next;
    },
  };
  return { topic: { key: 'scripted', source: () => source }, polls: () => polls };
}

const down = () => new UpstreamError(ErrorCode.UPSTREAM_UNAVAILABLE, 'Treeherder is down.', 503);

async function take<T>(stream: AsyncIterator<LiveEvent<T>>, n: number): Promise<Array<LiveEvent<T>>> {
  const events: Array<LiveEvent<T>> = [];
  for (let i = 0; i < n; i++) events.push((await stream.next()).value as LiveEvent<T>);
  return events;
}

describe('the poller registry', () => {
  it('polls every LIVE_POLL_INTERVAL_MS; failures double the wait up to LIVE_MAX_BACKOFF_MS, and success resets it', async () => {
    const scheduler = createManualScheduler();
    const service = createLiveService({ settings: { ...settings, maxQueuedEvents: 100 }, upstream, pollTimeoutMs: 1_000, scheduler });
    const { topic } = scripted([[1], down(), down(), down(), down(), [2], []]);
    const stream = service.open(topic, owner);
    for (let i = 0; i < 8; i++) await scheduler.runPending();
    // start at once, then: ok, 4 failures (2 s, 4 s, 6 s capped, 6 s), ok, ok.
    expect(scheduler.delays).toEqual([0, 1_000, 1_000, 2_000, 4_000, 6_000, 6_000, 1_000, 1_000]);
    const events = await take(stream, 6);
    expect(events.map((e) => (e.kind === 'items' ? e.items : e.error.extensions['code']))).toEqual([
      [1],
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_UNAVAILABLE',
      [2],
    ]);
    await stream.return(undefined);
    expect(service.registry.stats().pollers).toBe(0);
    expect(scheduler.pending).toBe(0);
  });

  it('return() ends a subscription at once, even while it waits for an event', async () => {
    const scheduler = createManualScheduler();
    const service = createLiveService({ settings, upstream, pollTimeoutMs: 1_000, scheduler });
    const stream = service.open(scripted([]).topic, owner);
    const waiting = stream.next();
    await stream.return(undefined);
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(service.subscriptions).toBe(0);
    expect(service.registry.stats().pollers).toBe(0);
  });

  it('a subscriber more than LIVE_MAX_QUEUED_EVENTS behind is told, and its stream ends', async () => {
    const scheduler = createManualScheduler();
    const service = createLiveService({ settings, upstream, pollTimeoutMs: 1_000, scheduler });
    const stream = service.open(scripted([[1], [2], [3], [4], [5]]).topic, owner);
    for (let i = 0; i < 6; i++) await scheduler.runPending();
    const [event] = await take(stream, 1);
    expect(event).toMatchObject({ kind: 'error', final: true, error: { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } } });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(service.registry.stats().pollers).toBe(0);
  });

  it('close() ends every stream and stops every poller', async () => {
    const scheduler = createManualScheduler();
    const service = createLiveService({ settings, upstream, pollTimeoutMs: 1_000, scheduler });
    const streams = [service.open(scripted([]).topic, owner), service.open({ key: 'other', source: scripted([]).topic.source }, owner)];
    const pulls = streams.map((s) => s.next());
    service.close();
    expect(await Promise.all(pulls)).toEqual([
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
    expect(service.registry.stats()).toMatchObject({ pollers: 0, subscribers: 0 });
    expect(() => service.open(scripted([]).topic, owner)).toThrow(/shutting down/);
  });
});
