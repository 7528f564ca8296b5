import type { JobsPerPushEstimate } from '../job-plan.js';
import { createJobsEstimate } from '../loaders/index.js';
import { createLocalNonceStore, createLocalPersistedQueryStore } from './local.js';
import type { CacheLevel2, FleetSlots, NonceStore, PersistedQueryStore, StoreState } from './types.js';

export type { CacheEntry, CacheLevel2, FleetSlots, NonceStore, PersistedQueryStore, StoreState } from './types.js';

/** Every kind of shared state the gateway keeps, from one place. */
export interface Stores {
  /** `local`: no REDIS_URL; `up`/`down`: whether Redis answers now. */
  state(): StoreState;
  /** Hawk replay protection, for the verifier's skew window. */
  nonces: NonceStore;
  /** The replicas' shared cache level; null: the in-process caches are the only level. */
  cacheLevel2: CacheLevel2 | null;
  persistedQueries: PersistedQueryStore;
  /** Jobs per push, learnt from listings. */
  jobsPerPush: JobsPerPushEstimate;
  /** The fleet-wide upstream concurrency limit; null: each replica's own cap is the only one. */
  fleetSlots: FleetSlots | null;
  close(): Promise<void>;
}

export interface LocalStoreOptions {
  /** The Hawk skew window, in seconds (60). */
  nonceWindowSec?: number;
  /** Learned persisted queries kept (1000). */
  maxPersistedQueries?: number;
}

/** Everything in this process: one replica, exactly as without REDIS_URL. */
export function createLocalStores(options: LocalStoreOptions = {}): Stores {
  return {
    state: () => 'local',
    nonces: createLocalNonceStore(options.nonceWindowSec ?? 60),
    cacheLevel2: null,
    persistedQueries: createLocalPersistedQueryStore(options.maxPersistedQueries ?? 1000),
    jobsPerPush: createJobsEstimate(),
    fleetSlots: null,
    close: () => Promise.resolve(),
  };
}
