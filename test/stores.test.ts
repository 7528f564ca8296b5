import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HawkAuthError } from '../src/auth/errors.js';
import { loadConfig, type Config } from '../src/config.js';
import { sha256Hex } from '../src/persisted-documents.js';
import { createStores, StoreUnavailableError, type Stores } from '../src/stores/index.js';
import type { StoreState } from '../src/stores/types.js';
import { startRedis, type RedisServer } from './support/redis.js';

// The Redis stores against a real redis-server: two store sets on one Redis stand for two
// replicas. Then Redis is killed and restarted under them.

let redis: RedisServer;
const opened: Stores[] = [];

function configFor(env: Record<string, string> = {}): Config {
  const loaded = loadConfig({ TREEHERDER_URL: 'http://127.0.0.1:9', REDIS_URL: redis.url, REDIS_TIMEOUT_MS: '500', ...env });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return loaded.config;
}

async function replica(env: Record<string, string> = {}): Promise<Stores> {
  const stores = await createStores(configFor(env));
  opened.push(stores);
  return stores;
}

/** Resolves when `stores` reports `state` (at once if it is in it already). */
function reaches(stores: Stores, state: StoreState): Promise<void> {
  return new Promise((resolve) => stores.watch({ state: (now) => now === state && resolve() }));
}

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const stores of opened) await stores.close();
  await redis?.stop();
});

describe('the Redis stores, shared by two replicas', () => {
  it('accept a nonce once across replicas', async () => {
    const [a, b] = [await replica(), await replica()];
    const ts = Math.floor(Date.now() / 1000);

    expect(await a.nonces.claim('sheriff', 'n-1', ts)).toBe(true);
    expect(await b.nonces.claim('sheriff', 'n-1', ts)).toBe(false);
    expect(await a.nonces.claim('sheriff', 'n-1', ts)).toBe(false);
    // Another id, nonce or timestamp is another request.
    expect(await b.nonces.claim('perf', 'n-1', ts)).toBe(true);
    expect(await b.nonces.claim('sheriff', 'n-2', ts)).toBe(true);
    expect(await b.nonces.claim('sheriff', 'n-1', ts + 1)).toBe(true);
  });

  it('share cache entries with their expiry, and answer misses for unknown keys', async () => {
    const [a, b] = [await replica(), await replica()];
    const expiresAt = Date.now() + 60_000;
    a.cacheLevel2!.set('push:1', { value: { id: 1, revision: 'abc' }, bytes: 100, expiresAt });
    a.cacheLevel2!.set('push:2', { value: { id: 2 }, bytes: 50, expiresAt: null });
    // Writes are in the background; a read on the same connection comes after them.
    await a.cacheLevel2!.getMany(['push:1']);

    expect(await b.cacheLevel2!.getMany(['push:1', 'push:2', 'push:3'])).toEqual([
      { value: { id: 1, revision: 'abc' }, bytes: 100, expiresAt },
      { value: { id: 2 }, bytes: 50, expiresAt: null },
      undefined,
    ]);
  });

  it('share learnt persisted queries, and ignore a text that does not match its hash', async () => {
    const [a, b] = [await replica(), await replica()];
    const query = '{ repositories { name } }';
    a.persistedQueries.set(sha256Hex(query), query);
    // The write is not awaited (APQ never waits on Redis). A read of a hash A does not hold goes
    // to Redis on A's connection, after the write: once it answers, the write is there. (A read
    // of the hash just set is answered from A's own memory and proves nothing.)
    await a.persistedQueries.get('0'.repeat(64));
    expect(await b.persistedQueries.get(sha256Hex(query))).toBe(query);

    const forged = sha256Hex('{ something { else } }');
    a.persistedQueries.set(forged, query);
    await a.persistedQueries.get('0'.repeat(64));
    const c = await replica();
    expect(await c.persistedQueries.get(forged)).toBeUndefined();
  });

  it('share the learnt jobs-per-push estimate', async () => {
    const [a, b] = [await replica({ REDIS_SYNC_INTERVAL_MS: '10' }), await replica({ REDIS_SYNC_INTERVAL_MS: '60000' })];
    a.jobsPerPush.observe('result=testfailed', 10, 470);
    await a.cacheLevel2!.getMany(['flush']);
    const c = await replica();
    // A replica started after the estimate was learnt reads it at start.
    expect(c.jobsPerPush.get('result=testfailed')).toBe(47);
    expect(b.jobsPerPush.get('result=testfailed')).toBe(0);
    await (b.jobsPerPush as unknown as { sync(): Promise<void> }).sync();
    expect(b.jobsPerPush.get('result=testfailed')).toBe(47);
  });

  it('hold UPSTREAM_MAX_CONCURRENCY for both replicas together', async () => {
    const env = { UPSTREAM_MAX_CONCURRENCY: '2', REDIS_KEY_PREFIX: 'slots-test:' };
    const [a, b] = [await replica(env), await replica(env)];
    const first = await a.fleetSlots!.acquire();
    const second = await b.fleetSlots!.acquire();
    let third = false;
    const waiting = a.fleetSlots!.acquire().then((release) => {
      third = true;
      return release;
    });
    // A fourth that gives up while waiting is not granted later.
    const gaveUp = new AbortController();
    const abandoned = b.fleetSlots!.acquire(gaveUp.signal);
    gaveUp.abort(new Error('client gone'));
    await expect(abandoned).rejects.toThrow('client gone');
    expect(third).toBe(false);

    second();
    const release = await waiting;
    expect(third).toBe(true);
    first();
    release();
  });
});

describe('Redis failing', () => {
  it('refuses to start when Redis does not answer, with an error the entry point turns into exit 2', async () => {
    const loaded = loadConfig({ REDIS_URL: 'redis://:pw-not-shown@127.0.0.1:9', REDIS_CONNECT_TIMEOUT_MS: '500' });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const failed = await createStores(loaded.config).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(StoreUnavailableError);
    expect((failed as StoreUnavailableError).code).toBe('REDIS_UNREACHABLE');
    expect((failed as Error).message).toContain('redis://:***@127.0.0.1:9');
    expect((failed as Error).message).not.toContain('pw-not-shown');
  });

  it('is a state: misses, a 503 for nonces (or local ones), then sharing resumes by itself', async () => {
    const closed = await replica({ REDIS_KEY_PREFIX: 'outage:' });
    const local = await replica({ REDIS_KEY_PREFIX: 'outage:', HAWK_REDIS_FALLBACK: 'local' });
    const failures: string[] = [];
    closed.watch({ failure: (store) => failures.push(store) });
    const expiresAt = Date.now() + 60_000;
    closed.cacheLevel2!.set('job:1', { value: { id: 1 }, bytes: 10, expiresAt });
    expect(await local.cacheLevel2!.getMany(['job:1'])).toEqual([{ value: { id: 1 }, bytes: 10, expiresAt }]);

    const down = Promise.all([reaches(closed, 'down'), reaches(local, 'down')]);
    await redis.kill();
    await down;

    expect(closed.state()).toBe('down');
    expect(await closed.cacheLevel2!.getMany(['job:1'])).toEqual([undefined]);
    const ts = Math.floor(Date.now() / 1000);
    const refused = await Promise.resolve(closed.nonces.claim('sheriff', 'during-outage', ts)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HawkAuthError);
    expect(refused).toMatchObject({ status: 503, code: 'HAWK_REPLAY_CHECK_UNAVAILABLE', headers: { 'Retry-After': '1' } });
    // The documented weaker choice: this replica's own nonces, so a replay to it is still refused.
    expect(await local.nonces.claim('sheriff', 'during-outage', ts)).toBe(true);
    expect(await local.nonces.claim('sheriff', 'during-outage', ts)).toBe(false);
    // Politeness falls back to each replica's own cap: the request goes on.
    const slot = await closed.fleetSlots!.acquire();
    slot();
    expect(await closed.persistedQueries.get('f'.repeat(64))).toBeUndefined();
    expect(new Set(failures)).toEqual(new Set(['cache', 'nonce', 'slots', 'persisted-query']));

    const up = Promise.all([reaches(closed, 'up'), reaches(local, 'up')]);
    await redis.restart();
    await up;

    expect(await closed.nonces.claim('sheriff', 'after-outage', ts)).toBe(true);
    expect(await local.nonces.claim('sheriff', 'after-outage', ts)).toBe(false);
    closed.cacheLevel2!.set('job:2', { value: { id: 2 }, bytes: 10, expiresAt });
    await closed.cacheLevel2!.getMany(['job:2']);
    expect(await local.cacheLevel2!.getMany(['job:2'])).toEqual([{ value: { id: 2 }, bytes: 10, expiresAt }]);
  });
});
