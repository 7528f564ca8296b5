import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, UpstreamError } from '../src/errors.js';
import type { Listener, LiveEvent, PollIdentity, PollerRegistry, Topic } from '../src/live/types.js';
import { alertSummaryCreatedSource, jobsChangedSource, pushCreatedSource } from '../src/live/sources.js';
import { createFleetPollerRegistry, decodeEvent, encodeEvent } from '../src/stores/live.js';
import { startRedis, type RedisServer } from './support/redis.js';

// The fleet's poller registry on a real Redis, each "replica" over a stand-in for its in-process
// registry whose polls the test makes happen (emit): who polls, and who hears it.

let redis: RedisServer;
const connections: Redis[] = [];
const registries: PollerRegistry[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(() => {
  for (const registry of registries.splice(0)) registry.close();
});
afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  await redis?.stop();
});

/** An in-process registry whose pollers run when the test says: emit(key, event). */
function localRegistry() {
  const pollers = new Map<string, { who: PollIdentity; listeners: Set<Listener<unknown>> }>();
  const registry: PollerRegistry = {
    subscribe<T>(topic: Topic<T>, who: PollIdentity, listener: Listener<T>) {
      let poller = pollers.get(topic.key);
      if (!poller) pollers.set(topic.key, (poller = { who, listeners: new Set() }));
      const own = poller;
      own.listeners.add(listener as Listener<unknown>);
      return () => {
        own.listeners.delete(listener as Listener<unknown>);
        if (own.listeners.size === 0) pollers.delete(topic.key);
      };
    },
    stats: () => ({ pollers: pollers.size, subscribers: 0, topics: [...pollers.keys()].map((key) => ({ key, subscribers: 1 })) }),
    close: () => pollers.clear(),
  };
  return { registry, polling: (key: string) => pollers.has(key), emit: (key: string, event: LiveEvent<unknown>) => pollers.get(key)?.listeners.forEach((l) => l(event)) };
}

async function connect(): Promise<Redis> {
  const connection = new Redis(redis.url, { lazyConnect: true, commandTimeout: 1_000, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 50 });
  connection.on('error', () => {});
  connections.push(connection);
  await connection.connect();
  return connection;
}

async function replica(name: string, intervalMs = 200) {
  const local = localRegistry();
  const client = await connect();
  const subscriber = await connect();
  const registry = createFleetPollerRegistry(local.registry, { client, subscriber, key: (n) => `test:live:${n}`, intervalMs, replicaId: `${name}:0:x` });
  registries.push(registry);
  return { ...local, fleet: registry, client, subscriber };
}

async function eventually(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}

const topic = (key: string): Topic<unknown> => ({ key, source: () => ({ start: async () => {}, poll: async () => [] }) });

describe('the fleet poller registry on Redis', () => {
  it('one replica polls an anonymous topic; its events reach every replica; its last subscriber leaving hands the topic on at once', async () => {
    const [a, b, c] = [await replica('a'), await replica('b'), await replica('c')];
    const seen: Record<string, unknown[]> = { a: [], b: [], c: [] };
    const offA = a.fleet.subscribe(topic('t1'), null, (event) => seen['a']!.push(event));
    await eventually(() => a.polling('t1'));
    b.fleet.subscribe(topic('t1'), null, (event) => seen['b']!.push(event));
    c.fleet.subscribe(topic('t1'), null, (event) => seen['c']!.push(event));
    const inspect = await connect();
    await eventually(async () => ((await inspect.pubsub('CHANNELS', 'test:live:events:*')) as string[]).length === 1);
    const [channel] = (await inspect.pubsub('CHANNELS', 'test:live:events:*')) as string[];
    await eventually(async () => ((await inspect.pubsub('NUMSUB', channel!)) as [string, number])[1] === 3);
    expect([a.polling('t1'), b.polling('t1'), c.polling('t1')]).toEqual([true, false, false]);

    a.emit('t1', { kind: 'items', items: [{ id: 1, revision: 'abc' }] });
    await eventually(() => seen['a']!.length + seen['b']!.length + seen['c']!.length === 3);
    expect(seen).toEqual({ a: [{ kind: 'items', items: [{ id: 1, revision: 'abc' }] }], b: [{ kind: 'items', items: [{ id: 1, revision: 'abc' }] }], c: [{ kind: 'items', items: [{ id: 1, revision: 'abc' }] }] });

    // A's last subscriber leaves: A gives the lease up (deleted, not left to expire), B or C takes it.
    const [lease] = (await inspect.keys('test:live:lease:*')) as string[];
    expect(await inspect.get(lease!)).toBe('a:0:x');
    offA();
    expect(a.polling('t1')).toBe(false);
    await eventually(() => b.polling('t1') || c.polling('t1'));
    expect(b.polling('t1') && c.polling('t1')).toBe(false);
    expect(['b:0:x', 'c:0:x']).toContain(await inspect.get(lease!));
  });

  it('a holder that stops renewing (dead) loses the topic to another replica, which then polls alone', async () => {
    const [a, b] = [await replica('a'), await replica('b')];
    a.fleet.subscribe(topic('t2'), null, () => {});
    await eventually(() => a.polling('t2'));
    b.fleet.subscribe(topic('t2'), null, () => {});
    // A dies as a process would: its connections go, nothing more from it (it falls back to polling
    // alone, as a replica cut off from Redis does).
    a.client.disconnect();
    a.subscriber.disconnect();
    await eventually(() => b.polling('t2'));
    const inspect = await connect();
    const holders = await Promise.all(((await inspect.keys('test:live:lease:*')) as string[]).map((key) => inspect.get(key)));
    expect(holders).toContain('b:0:x');
    expect(holders).not.toContain('a:0:x');
  });

  it('signed topics never touch Redis: the caller\'s own poller on this replica, nothing leased or published', async () => {
    const a = await replica('a');
    const seen: unknown[] = [];
    const who = { id: 'sheriff', credentials: { id: 'sheriff', key: 'k', algorithm: 'sha256' } } as unknown as PollIdentity;
    const inspect = await connect();
    const before = await inspect.keys('test:live:*');
    a.fleet.subscribe(topic('signed'), who, (event) => seen.push(event));
    expect(a.polling('signed')).toBe(true);
    a.emit('signed', { kind: 'items', items: [{ id: 9 }] });
    expect(seen).toEqual([{ kind: 'items', items: [{ id: 9 }] }]);
    expect(await inspect.keys('test:live:*')).toEqual(before);
    expect(await inspect.pubsub('CHANNELS', 'test:live:*')).toEqual([]);
  });

  it('Redis unreachable: each replica polls its own subscribers\' topics and hands their events out itself', async () => {
    const a = await replica('a');
    a.client.disconnect();
    const seen: unknown[] = [];
    a.fleet.subscribe(topic('t3'), null, (event) => seen.push(event));
    await eventually(() => a.polling('t3'));
    a.emit('t3', { kind: 'items', items: [{ id: 3 }] });
    expect(seen).toEqual([{ kind: 'items', items: [{ id: 3 }] }]);
  });

  it('carries errors with their code, and whether they end the stream', () => {
    const error = new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, 'Treeherder has no push 9 in autoland.', 404);
    const back = decodeEvent(encodeEvent({ kind: 'error', error, final: true }));
    expect(back).toMatchObject({ kind: 'error', final: true, error: { code: 'UPSTREAM_NOT_FOUND', message: error.message, status: 404 } });
    expect((back as { error: unknown }).error).toBeInstanceOf(UpstreamError);
    expect(decodeEvent('not json')).toBeNull();
    expect(decodeEvent('{"something":"else"}')).toBeNull();
  });

  it('hands a source\'s position over as JSON, and refuses one it cannot use', () => {
    for (const make of [() => pushCreatedSource('autoland'), () => alertSummaryCreatedSource({ repositoryId: 77, framework: 1 })]) {
      const source = make();
      expect(source.resume!(JSON.parse(JSON.stringify({ lastId: 4242 })))).toBe(true);
      expect(source.position!()).toEqual({ lastId: 4242 });
      expect(make().resume!({ lastId: '4242' })).toBe(false);
      expect(make().resume!(null)).toBe(false);
    }
    const jobs = jobsChangedSource({ repository: 'autoland', pushId: 3, revision: null, filter: [] });
    const position = { pushParams: [['push_id', 3]], watermark: '2026-11-20T12:00:00.123Z', atWatermark: [[101, '2026-11-20T12:00:00.123Z']] };
    expect(jobs.resume!(JSON.parse(JSON.stringify(position)))).toBe(true);
    expect(JSON.parse(JSON.stringify(jobs.position!()))).toEqual(position);
    expect(jobsChangedSource({ repository: 'autoland', pushId: null, revision: null, filter: [] }).resume!({ watermark: 5 })).toBe(false);
  });
});
