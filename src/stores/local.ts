import { createNonceCache } from '../auth/nonce-cache.js';
import type { NonceStore, PersistedQueryStore } from './types.js';

// The in-process implementations: what one replica, or a gateway without REDIS_URL, uses.

/** Nonces remembered by this process for the skew window (the Hawk verifier's default). */
export function createLocalNonceStore(windowSec: number): NonceStore {
  return createNonceCache({ windowSec });
}

/** A bounded map that forgets the least recently used entry: learned documents cannot grow memory without limit. */
export function createLocalPersistedQueryStore(max: number): PersistedQueryStore {
  const entries = new Map<string, string>();
  return {
    get(hash) {
      const query = entries.get(hash);
      if (query !== undefined) {
        entries.delete(hash);
        entries.set(hash, query);
      }
      return query;
    },
    set(hash, query) {
      entries.delete(hash);
      entries.set(hash, query);
      if (entries.size > max) entries.delete(entries.keys().next().value!);
    },
  };
}
