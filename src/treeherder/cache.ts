// The gateway's shared caches: what one GraphQL request learnt from Treeherder that another
// may reuse. Only anonymous requests read or fill them (a Hawk-signed request never sees a
// cached answer, nor leaves one), every cache is bounded, and `CACHE=false` turns them off.
//
// - `reference`: the small lists (repositories, frameworks, option collections, failure
//   classifications, tags, platforms), kept for a TTL and refreshed by one request at a time.
// - `entities`: one LRU bounded in (estimated) bytes for data Treeherder does not change, or
//   changes in ways the gateway can ask about cheaply: pushes by id and revision (immutable),
//   completed jobs by id (kept for `jobTtlMs`: a sheriff may still classify them), each
//   push's whole job list (revalidated with `last_modified__gt`, see `loaders/push-jobs.ts`) and
//   signature listings (kept for the reference TTL).
//
// With `REDIS_URL`, each has a second level shared by the replicas (src/stores/): same keys,
// same TTLs, read on an in-process miss and written through; see `CacheLevel2`.

import type { CacheLevel2 } from '../stores/types.js';

export type CacheKind = 'reference' | 'push' | 'job' | 'push-jobs' | 'signatures';

export interface CacheSettings {
  /** Estimated bytes the entity LRU may hold. */
  maxBytes: number;
  referenceTtlMs: number;
  /** How long a completed job, or a job list whose jobs are all completed, is reused without asking. */
  jobTtlMs: number;
}

export interface CacheObserver {
  /** A lookup served from a shared cache (`hit`) or not (`miss`). */
  (kind: CacheKind, outcome: 'hit' | 'miss'): void;
}

export interface ByteLru {
  get<V>(key: string): V | undefined;
  /** Stores `value`, evicting the least recently used entries beyond the byte bound. */
  set<V>(key: string, value: V, bytes: number, ttlMs?: number): void;
  delete(key: string): void;
  clear(): void;
  readonly bytes: number;
  readonly size: number;
}

interface Entry {
  value: unknown;
  bytes: number;
  expiresAt: number;
}

export function createByteLru(maxBytes: number, now: () => number = Date.now): ByteLru {
  // A Map iterates in insertion order: re-inserting on every hit keeps the oldest use first.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const remove = (key: string, entry: Entry): void => {
    entries.delete(key);
    bytes -= entry.bytes;
  };
  return {
    get<V>(key: string): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        remove(key, entry);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      return entry.value as V;
    },
    set(key, value, size, ttlMs = Number.POSITIVE_INFINITY) {
      const previous = entries.get(key);
      if (previous) remove(key, previous);
      // An entry larger than the whole cache would only evict everything else.
      if (size > maxBytes) return;
      entries.set(key, { value, bytes: size, expiresAt: now() + ttlMs });
      bytes += size;
      for (const [oldest, entry] of entries) {
        if (bytes <= maxBytes) break;
        remove(oldest, entry);
      }
    },
    delete(key) {
      const entry = entries.get(key);
      if (entry) remove(key, entry);
    },
    clear() {
      entries.clear();
      bytes = 0;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
  };
}

/** The entity LRU with a second level under it: `warm` fills the first level from the second. */
export interface EntityCache extends ByteLru {
  /**
   * Copies into the in-process level whatever the shared level holds of `keys` that this one
   * lacks. Call it before the synchronous `get`s of a batch; it never rejects and costs
   * nothing without a second level.
   */
  warm(keys: readonly string[]): Promise<void>;
}

export function withLevel2(lru: ByteLru, level2: CacheLevel2 | null, maxBytes: number, now: () => number = Date.now): EntityCache {
  if (level2 === null) return Object.assign(lru, { warm: () => Promise.resolve() });
  return {
    get: (key) => lru.get(key),
    set(key, value, size, ttlMs = Number.POSITIVE_INFINITY) {
      lru.set(key, value, size, ttlMs);
      if (size <= maxBytes) level2.set(key, { value, bytes: size, expiresAt: Number.isFinite(ttlMs) ? now() + ttlMs : null });
    },
    delete: (key) => lru.delete(key),
    clear: () => lru.clear(),
    get bytes() {
      return lru.bytes;
    },
    get size() {
      return lru.size;
    },
    async warm(keys) {
      const missing = [...new Set(keys)].filter((key) => lru.get(key) === undefined);
      if (missing.length === 0) return;
      const found = await level2.getMany(missing);
      const at = now();
      missing.forEach((key, index) => {
        const entry = found[index];
        if (!entry || (entry.expiresAt !== null && entry.expiresAt <= at)) return;
        lru.set(key, entry.value, entry.bytes, entry.expiresAt === null ? Number.POSITIVE_INFINITY : entry.expiresAt - at);
      });
    },
  };
}

export interface ReferenceCache {
  /**
   * The list named `name`: from the cache while fresh; else loaded by `load`, once however
   * many requests ask at the same time. A failed load is not cached.
   */
  get<T>(name: string, load: () => Promise<T>): Promise<T>;
  clear(): void;
}

export function createReferenceCache(
  ttlMs: number,
  observe: CacheObserver,
  now: () => number = Date.now,
  level2: CacheLevel2 | null = null,
): ReferenceCache {
  // On a miss, the shared level first (its entry keeps the expiry it was stored with), then Treeherder.
  const fill = async (name: string, load: () => Promise<unknown>): Promise<{ value: unknown; expiresAt: number }> => {
    const key = `reference:${name}`;
    const [shared] = level2 ? await level2.getMany([key]) : [];
    if (shared && shared.expiresAt !== null && shared.expiresAt > now()) return { value: shared.value, expiresAt: shared.expiresAt };
    const value = await load();
    const expiresAt = now() + ttlMs;
    level2?.set(key, { value, bytes: estimateBytes(value), expiresAt });
    return { value, expiresAt };
  };
  const fresh = new Map<string, { value: unknown; expiresAt: number }>();
  const pending = new Map<string, Promise<unknown>>();
  return {
    get<T>(name: string, load: () => Promise<T>): Promise<T> {
      const cached = fresh.get(name);
      if (cached && cached.expiresAt > now()) {
        observe('reference', 'hit');
        return Promise.resolve(cached.value as T);
      }
      const inFlight = pending.get(name);
      if (inFlight) {
        observe('reference', 'hit');
        return inFlight as Promise<T>;
      }
      observe('reference', 'miss');
      const started = fill(name, load).then(
        ({ value, expiresAt }) => {
          if (pending.get(name) === started) {
            pending.delete(name);
            fresh.set(name, { value, expiresAt });
          }
          return value as T;
        },
        (error: unknown) => {
          if (pending.get(name) === started) pending.delete(name);
          throw error;
        },
      );
      pending.set(name, started);
      return started;
    },
    clear() {
      fresh.clear();
      pending.clear();
    },
  };
}

export interface SharedCaches {
  settings: CacheSettings;
  reference: ReferenceCache;
  entities: EntityCache;
  observe: CacheObserver;
  /** Empties every cache (tests and the benchmark start cold with it). */
  clear(): void;
}

export function createSharedCaches(
  settings: CacheSettings,
  observe: CacheObserver = () => {},
  now: () => number = Date.now,
  level2: CacheLevel2 | null = null,
): SharedCaches {
  const reference = createReferenceCache(settings.referenceTtlMs, observe, now, level2);
  const entities = withLevel2(createByteLru(settings.maxBytes, now), level2, settings.maxBytes, now);
  return {
    settings,
    reference,
    entities,
    observe,
    clear() {
      reference.clear();
      entities.clear();
    },
  };
}

/**
 * Rough heap bytes of a JSON-like value: enough to bound the cache by memory, cheap enough
 * to run on every stored object (strings count two bytes a character, as V8 may store them).
 */
export function estimateBytes(value: unknown): number {
  if (value === null || value === undefined) return 8;
  switch (typeof value) {
    case 'string':
      return 16 + value.length * 2;
    case 'number':
    case 'boolean':
      return 8;
    case 'object': {
      let total = 32;
      if (Array.isArray(value)) {
        for (const item of value) total += 8 + estimateBytes(item);
      } else {
        for (const key in value) total += 16 + estimateBytes((value as Record<string, unknown>)[key]);
      }
      return total;
    }
    default:
      return 16;
  }
}
