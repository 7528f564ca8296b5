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

export interface ReferenceCache {
  /**
   * The list named `name`: from the cache while fresh; else loaded by `load`, once however
   * many requests ask at the same time. A failed load is not cached.
   */
  get<T>(name: string, load: () => Promise<T>): Promise<T>;
  clear(): void;
}

export function createReferenceCache(ttlMs: number, observe: CacheObserver, now: () => number = Date.now): ReferenceCache {
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
      const started = load().then(
        (value) => {
          if (pending.get(name) === started) {
            pending.delete(name);
            fresh.set(name, { value, expiresAt: now() + ttlMs });
          }
          return value;
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
  entities: ByteLru;
  observe: CacheObserver;
  /** Empties every cache (tests and the benchmark start cold with it). */
  clear(): void;
}

export function createSharedCaches(settings: CacheSettings, observe: CacheObserver = () => {}, now: () => number = Date.now): SharedCaches {
  const reference = createReferenceCache(settings.referenceTtlMs, observe, now);
  const entities = createByteLru(settings.maxBytes, now);
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
