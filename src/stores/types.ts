// The gateway's shared state, one interface per kind. Each has an in-process implementation
// (one replica, or no REDIS_URL: everything stays in this process, as before) and a Redis one
// (every replica behind the load balancer shares it). Which is used is decided once, in
// `createStores` (src/stores/index.ts); nothing else in the gateway knows whether Redis is there.

/** Hawk replay protection: a nonce is good for one request. */
export interface NonceStore {
  /**
   * Records that `id` used `nonce` at `tsSec`; false when that triple was already recorded within
   * the skew window (a replay). Rejects with a `HawkAuthError` when the check cannot be made.
   */
  claim(id: string, nonce: string, tsSec: number): boolean | Promise<boolean>;
}

/** One cached value as the second level keeps it. */
export interface CacheEntry {
  value: unknown;
  /** Estimated heap bytes (the in-process level's bound counts them). */
  bytes: number;
  /** Epoch milliseconds, or null: kept until evicted. */
  expiresAt: number | null;
}

/**
 * A cache level shared by the replicas, under each one's in-process cache: same keys, same TTLs.
 * It never fails a request: when it cannot answer, every key is a miss and nothing is stored.
 */
export interface CacheLevel2 {
  getMany(keys: readonly string[]): Promise<Array<CacheEntry | undefined>>;
  /** Stores in the background; the caller does not wait. */
  set(key: string, entry: CacheEntry): void;
}

/** Automatic persisted queries learnt from clients, by hash. */
export interface PersistedQueryStore {
  get(hash: string): string | undefined | Promise<string | undefined>;
  set(hash: string, query: string): void;
}

/**
 * Upstream slots held by the whole fleet: with Redis, `UPSTREAM_MAX_CONCURRENCY` is the limit
 * for all replicas together. Each replica's own cap (src/treeherder/resilience.ts) stays in front.
 */
export interface FleetSlots {
  /** Resolves to the slot's release once one is free; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void>;
}

/** What `/ready` and the metrics say about the shared store. */
export type StoreState = 'local' | 'up' | 'down';
