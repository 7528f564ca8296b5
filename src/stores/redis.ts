import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { HawkAuthError } from '../auth/errors.js';
import { StartupError } from '../startup.js';
import type { JobsPerPushEstimate } from '../job-plan.js';
import { createJobsEstimate } from '../loaders/index.js';
import type { Logger } from '../log.js';
import { sha256Hex } from '../persisted-documents.js';
import { createLocalNonceStore, createLocalPersistedQueryStore } from './local.js';
import type { CacheEntry, CacheLevel2, FleetSlots, NonceStore, PersistedQueryStore, StoreState } from './types.js';
import type { PollerRegistry } from '../live/types.js';
import { hostname } from 'node:os';
import { createFleetPollerRegistry } from './live.js';

// The Redis implementations: every replica pointed at the same REDIS_URL shares them. Each call
// has a timeout (REDIS_TIMEOUT_MS) and none is queued while Redis is unreachable: a failing Redis
// answers at once, and what then happens is decided per kind of state:
// - cache level 2, estimates: a miss, nothing stored; the in-process level answers;
// - persisted queries: this replica's own learnt ones only;
// - fleet slots: this replica's own cap only (N replicas are then N times less polite);
// - nonces: a coded 503 (HAWK_REPLAY_CHECK_UNAVAILABLE), or with HAWK_REDIS_FALLBACK=local,
//   this replica's own nonces (a header could then be replayed once to each other replica).
// ioredis reconnects by itself; sharing resumes as soon as Redis answers again.

export interface RedisStoreSettings {
  url: string;
  /** Put before every key, so one Redis can serve several deployments. */
  keyPrefix: string;
  /** Every call's timeout. */
  timeoutMs: number;
  /** How long start-up waits for Redis. */
  connectTimeoutMs: number;
  /** How long Redis keeps cache entries the in-process level keeps until evicted (pushes, job lists). */
  cacheTtlMs: number;
  /** How long Redis keeps a learnt persisted query after it was last learnt. */
  persistedQueryTtlMs: number;
  /** How often a replica reads the fleet's learnt estimates. */
  syncIntervalMs: number;
  /** What signed requests get while Redis is down: `closed` (a 503) or `local` nonces. */
  hawkFallback: 'closed' | 'local';
}

export interface RedisStoreOptions extends RedisStoreSettings {
  /** The Hawk skew window in seconds: how long a nonce is remembered. */
  nonceWindowSec: number;
  /** Learnt persisted queries kept in this process, in front of Redis. */
  maxPersistedQueries: number;
  /** Upstream requests in flight at once, for the whole fleet. */
  maxConcurrency: number;
  /** How long a slot is held at most if its holder dies without releasing it. */
  slotLeaseMs: number;
  /** Separates caches of different gateway versions and Treeherders sharing one Redis. */
  namespace: string;
  logger?: Logger;
}

/**
 * Thrown at start-up when REDIS_URL is set but Redis does not answer: the process should not
 * serve. A StartupError, so the entry point prints its one line and exits 2.
 */
export class StoreUnavailableError extends StartupError {
  readonly code = 'REDIS_UNREACHABLE';
}

export interface StoreObserver {
  state?(state: StoreState): void;
  /** A call that failed (timed out, refused, Redis down), by kind of state. */
  failure?(operation: string): void;
}

/** A redis:// URL with any password masked, for log lines and errors. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.username && parsed.password === '') parsed.username = '***';
    return parsed.toString();
  } catch {
    return 'an unreadable REDIS_URL';
  }
}

const ACQUIRE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
return 0`;

type SlotRedis = Redis & { acquireSlot(key: string, max: number, leaseMs: number, token: string): Promise<number> };

export interface RedisStores {
  state(): StoreState;
  watch(observer: StoreObserver): void;
  nonces: NonceStore;
  cacheLevel2: CacheLevel2;
  persistedQueries: PersistedQueryStore;
  jobsPerPush: JobsPerPushEstimate;
  fleetSlots: FleetSlots;
  livePollers(local: PollerRegistry, intervalMs: number): PollerRegistry;
  close(): Promise<void>;
}

export async function createRedisStores(options: RedisStoreOptions): Promise<RedisStores> {
  const client = new Redis(options.url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs,
    commandTimeout: options.timeoutMs,
    // Fail at once while disconnected rather than queue: callers fall back, they do not wait.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    enableAutoPipelining: true,
    // Reconnect for ever, backing off to one try a second.
    retryStrategy: (times) => Math.min(50 * times, 1_000),
  }) as SlotRedis;
  client.defineCommand('acquireSlot', { numberOfKeys: 1, lua: ACQUIRE_SLOT });
  const key = (name: string): string => `${options.keyPrefix}${name}`;
  const observers: StoreObserver[] = [];
  const where = redactRedisUrl(options.url);

  let state: StoreState = 'down';
  let closing = false;
  const setState = (next: StoreState, problem?: string): void => {
    if (next === state || closing) return;
    state = next;
    if (next === 'down') {
      options.logger?.log('warn', 'Redis unreachable: each replica uses its own state until it is back', { redis: where, ...(problem ? { problem } : {}) });
    } else {
      options.logger?.log('info', 'Redis reachable: replicas share state again', { redis: where });
    }
    for (const observer of observers) observer.state?.(next);
  };
  client.on('ready', () => setState('up'));
  client.on('close', () => setState('down', 'connection closed'));
  // ioredis also reports each failed reconnection here; the state change above logs once.
  client.on('error', () => {});

  /** Runs one call; on failure counts it, marks Redis down and answers `fallback`. */
  async function guarded<T>(operation: string, call: () => Promise<T>, fallback: T): Promise<T> {
    try {
      const value = await call();
      setState('up');
      return value;
    } catch (error) {
      for (const observer of observers) observer.failure?.(operation);
      setState('down', error instanceof Error ? error.message.slice(0, 120) : 'failed');
      return fallback;
    }
  }

  try {
    // Bounded here too: a server that accepts the connection but never answers would hang ioredis's ready check.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client.connect(),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('no answer')), options.connectTimeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (error) {
    client.disconnect();
    throw new StoreUnavailableError(
      `REDIS_URL ${where} did not answer within ${options.connectTimeoutMs} ms (${error instanceof Error ? error.message.slice(0, 120) : 'failed'}); unset REDIS_URL to run a single replica without it.`,
    );
  }
  state = 'up';

  // Nonces: SET NX with the skew window as expiry, so a header is accepted once in the fleet.
  const localNonces = createLocalNonceStore(options.nonceWindowSec);
  const unavailable = Symbol('unavailable');
  const nonces: NonceStore = {
    async claim(id, nonce, tsSec) {
      // This replica's own memory first: a replay to the same replica is refused even without Redis.
      if (!(await localNonces.claim(id, nonce, tsSec))) return false;
      const ttlMs = Math.max(1_000, tsSec * 1000 + options.nonceWindowSec * 1000 + 1_000 - Date.now());
      const digest = createHash('sha256').update(`${id}\n${nonce}\n${tsSec}`).digest('base64url');
      const outcome = await guarded<string | null | typeof unavailable>('nonce', () => client.set(key(`nonce:${digest}`), '1', 'PX', ttlMs, 'NX'), unavailable);
      if (outcome !== unavailable) return outcome === 'OK';
      if (options.hawkFallback === 'local') return true;
      throw new HawkAuthError(
        'HAWK_REPLAY_CHECK_UNAVAILABLE',
        'Hawk authentication is unavailable for a moment: the replay check shared by the replicas cannot be reached. Retry shortly; anonymous requests are still served.',
        { status: 503, headers: { 'Retry-After': '1' } },
      );
    },
  };

  // Cache level 2: JSON under the same keys, with the same expiry.
  const cacheKey = (name: string): string => key(`cache:${options.namespace}:${name}`);
  const cacheLevel2: CacheLevel2 = {
    async getMany(keys) {
      if (keys.length === 0) return [];
      const values = await guarded('cache', () => client.mget(keys.map(cacheKey)), keys.map(() => null));
      return values.map((text): CacheEntry | undefined => {
        if (text === null) return undefined;
        try {
          const { v, b, e } = JSON.parse(text) as { v: unknown; b: number; e: number | null };
          return { value: v, bytes: b, expiresAt: e };
        } catch {
          return undefined;
        }
      });
    },
    set(name, entry) {
      const ttlMs = entry.expiresAt === null ? options.cacheTtlMs : Math.min(options.cacheTtlMs, entry.expiresAt - Date.now());
      if (ttlMs <= 0) return;
      const text = JSON.stringify({ v: entry.value, b: entry.bytes, e: entry.expiresAt });
      void guarded('cache', () => client.set(cacheKey(name), text, 'PX', Math.ceil(ttlMs)), null);
    },
  };

  // Persisted queries: this replica's LRU in front, Redis behind; a text read back is checked
  // against its hash, so nothing written into Redis by someone else can stand in for a query.
  const localQueries = createLocalPersistedQueryStore(options.maxPersistedQueries);
  const persistedQueries: PersistedQueryStore = {
    async get(hash) {
      const known = localQueries.get(hash) as string | undefined;
      if (known !== undefined) return known;
      const text = await guarded('persisted-query', () => client.get(key(`apq:${hash}`)), null);
      if (text === null || sha256Hex(text) !== hash) return undefined;
      localQueries.set(hash, text);
      return text;
    },
    set(hash, query) {
      localQueries.set(hash, query);
      void guarded('persisted-query', () => client.set(key(`apq:${hash}`), query, 'PX', options.persistedQueryTtlMs), null);
    },
  };

  // Jobs per push: each replica learns as before and publishes what it learnt; all use the
  // most recently published value of each filter, read every `syncIntervalMs`.
  const localEstimate = createJobsEstimate();
  const fleetEstimate = new Map<string, number>();
  const estimatesKey = key(`estimates:${options.namespace}`);
  let syncedAt = Number.NEGATIVE_INFINITY;
  let syncing: Promise<void> | null = null;
  const sync = (): Promise<void> =>
    (syncing ??= guarded('estimate', () => client.hgetall(estimatesKey), {} as Record<string, string>)
      .then((values) => {
        for (const [filter, text] of Object.entries(values).slice(0, 100)) {
          const value = Number(text);
          if (Number.isFinite(value) && value >= 0) fleetEstimate.set(filter, value);
        }
      })
      .finally(() => {
        syncedAt = Date.now();
        syncing = null;
      }));
  const jobsPerPush: JobsPerPushEstimate & { sync(): Promise<void> } = {
    get(filter) {
      if (Date.now() - syncedAt >= options.syncIntervalMs) void sync();
      return fleetEstimate.get(filter) ?? localEstimate.get(filter);
    },
    observe(filter, pushes, jobs) {
      localEstimate.observe(filter, pushes, jobs);
      const value = localEstimate.get(filter);
      fleetEstimate.set(filter, value);
      void guarded('estimate', () => client.hset(estimatesKey, filter, String(value)), 0);
    },
    sync,
  };
  await sync();

  // Fleet slots: a sorted set of holders scored by lease expiry, taken in one script; a waiter
  // polls with a jittered backoff (at most the replica's own cap of waiters, which hold a local
  // slot meanwhile). Redis failing lets the request through: the local cap still holds.
  const slotsKey = key(`slots:${options.namespace}`);
  const fleetSlots: FleetSlots = {
    async acquire(signal) {
      const token = randomUUID();
      const release = (): void => {
        void guarded('slots', () => client.zrem(slotsKey, token), 0);
      };
      for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
        if (signal?.aborted) throw signal.reason;
        const granted = await guarded('slots', () => client.acquireSlot(slotsKey, options.maxConcurrency, options.slotLeaseMs, token), -1);
        if (granted === 1) return release;
        if (granted === -1) return () => {};
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(done, wait / 2 + Math.random() * (wait / 2));
          function done(): void {
            signal?.removeEventListener('abort', aborted);
            resolve();
          }
          function aborted(): void {
            clearTimeout(timer);
            reject(signal!.reason);
          }
          signal?.addEventListener('abort', aborted, { once: true });
        });
      }
    },
  };

  // Live pollers: a lease per topic and its events over pub/sub (src/stores/live.ts), on a
  // connection of their own (a subscribing connection can run nothing else), opened when needed.
  let subscriber: Redis | null = null;
  const replicaId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const livePollers = (local: PollerRegistry, intervalMs: number): PollerRegistry => {
    subscriber ??= client.duplicate();
    subscriber.connect().catch(() => {});
    return createFleetPollerRegistry(local, {
      client,
      subscriber,
      key: (name) => key(`live:${options.namespace}:${name}`),
      intervalMs,
      replicaId,
      onFailure: (operation) => {
        for (const observer of observers) observer.failure?.(operation);
      },
    });
  };

  return {
    state: () => state,
    watch(observer) {
      observers.push(observer);
      observer.state?.(state);
    },
    nonces,
    cacheLevel2,
    persistedQueries,
    jobsPerPush,
    fleetSlots,
    livePollers,
    async close() {
      closing = true;
      subscriber?.disconnect();
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}
