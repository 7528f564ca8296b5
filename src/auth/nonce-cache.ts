/** Remembers which Hawk nonces have been used, so a captured request cannot be sent twice. */
export interface NonceCache {
  /**
   * Records that `id` used `nonce` at `tsSec`. Returns `false` when that triple was already
   * recorded and has not yet expired, i.e. the request is a replay.
   */
  claim(id: string, nonce: string, tsSec: number): boolean;
  /** Entries currently held (expired ones may linger until the next sweep). */
  readonly size: number;
}

export interface NonceCacheOptions {
  /**
   * How long after its timestamp a request can still pass the staleness check, in seconds. Match
   * the verifier's skew: past that point a replay is refused as stale, so the entry can go.
   */
  windowSec?: number;
  /** Upper bound on remembered entries; the oldest are evicted first once it is reached. */
  maxEntries?: number;
  /** Clock in milliseconds. */
  now?: () => number;
}

const FULL_SWEEP_INTERVAL_MS = 1_000;

/**
 * A bounded, time-limited nonce cache.
 *
 * Entries live until their timestamp plus the window. When the cache is full, expired entries
 * are swept and then the oldest-inserted entries are evicted: evicting reopens a replay window
 * for those requests, which is the price of a fixed memory bound (refusing new requests instead
 * would let one busy client lock everyone out).
 */
export function createNonceCache(options: NonceCacheOptions = {}): NonceCache {
  const windowMs = (options.windowSec ?? 60) * 1000;
  const maxEntries = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  if (!(windowMs > 0)) {
    throw new RangeError('nonce cache windowSec must be positive');
  }
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError('nonce cache maxEntries must be a positive integer');
  }

  // Insertion-ordered, so the first entries are the oldest; value = expiry in ms.
  const entries = new Map<string, number>();
  let lastFullSweepAt = Number.NEGATIVE_INFINITY;

  function sweepFront(nowMs: number): void {
    for (const [key, expiresAt] of entries) {
      if (expiresAt > nowMs) {
        return;
      }
      entries.delete(key);
    }
  }

  // Clients' clocks differ, so insertion order is only roughly expiry order; a full pass finds
  // expired entries stuck behind younger ones. Rate-limited so a full cache costs O(n) at most
  // once a second rather than on every request.
  function sweepAll(nowMs: number): void {
    if (nowMs - lastFullSweepAt < FULL_SWEEP_INTERVAL_MS) {
      return;
    }
    lastFullSweepAt = nowMs;
    for (const [key, expiresAt] of entries) {
      if (expiresAt <= nowMs) {
        entries.delete(key);
      }
    }
  }

  return {
    claim(id, nonce, tsSec) {
      const nowMs = now();
      sweepFront(nowMs);
      // Neither id nor nonce can contain a newline (Hawk header attributes cannot), so the
      // joined key is unambiguous.
      const key = `${id}\n${nonce}\n${tsSec}`;
      const seenUntil = entries.get(key);
      if (seenUntil !== undefined && seenUntil > nowMs) {
        return false;
      }
      if (entries.size >= maxEntries) {
        sweepAll(nowMs);
      }
      while (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done === true) {
          break;
        }
        entries.delete(oldest.value);
      }
      // Re-inserting moves an expired key to the back, where its new expiry belongs.
      entries.delete(key);
      // One second past the window: the staleness check accepts a request exactly at the edge.
      entries.set(key, tsSec * 1000 + windowMs + 1_000);
      return true;
    },
    get size() {
      return entries.size;
    },
  };
}
