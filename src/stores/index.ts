import type { JobsPerPushEstimate } from '../job-plan.js';
import { createJobsEstimate } from '../loaders/index.js';
import { createLocalNonceStore, createLocalPersistedQueryStore } from './local.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { VERSION } from '../version.js';
import { createHash } from 'node:crypto';
import { createRedisStores, type StoreObserver } from './redis.js';
import type { PollerRegistry } from '../live/types.js';
import type { CacheLevel2, FleetSlots, NonceStore, PersistedQueryStore, StoreState } from './types.js';

export { StoreUnavailableError, redactRedisUrl, type StoreObserver } from './redis.js';

export type { CacheEntry, CacheLevel2, FleetSlots, NonceStore, PersistedQueryStore, StoreState } from './types.js';

/** Every kind of shared state the gateway keeps, from one place. */
export interface Stores {
  /** `local`: no REDIS_URL; `up`/`down`: whether Redis answers now. */
  state(): StoreState;
  /** Told of state changes (at once, of the current one) and of failed calls. */
  watch(observer: StoreObserver): void;
  /** Hawk replay protection, for the verifier's skew window. */
  nonces: NonceStore;
  /** The replicas' shared cache level; null: the in-process caches are the only level. */
  cacheLevel2: CacheLevel2 | null;
  persistedQueries: PersistedQueryStore;
  /** Jobs per push, learnt from listings. */
  jobsPerPush: JobsPerPushEstimate;
  /** The fleet-wide upstream concurrency limit; null: each replica's own cap is the only one. */
  fleetSlots: FleetSlots | null;
  /**
   * Wraps this replica's poller registry so anonymous topics have one poller in the fleet (a
   * lease, events over pub/sub; src/stores/live.ts); null: every replica polls for its own.
   */
  livePollers: ((local: PollerRegistry, intervalMs: number) => PollerRegistry) | null;
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
    watch: (observer) => observer.state?.('local'),
    nonces: createLocalNonceStore(options.nonceWindowSec ?? 60),
    cacheLevel2: null,
    persistedQueries: createLocalPersistedQueryStore(options.maxPersistedQueries ?? 1000),
    jobsPerPush: createJobsEstimate(),
    fleetSlots: null,
    livePollers: null,
    close: () => Promise.resolve(),
  };
}

/**
 * The stores `config` asks for: in this process without REDIS_URL, else in Redis. Rejects with a
 * `StoreUnavailableError` when Redis does not answer at start-up.
 */
export async function createStores(config: Config, options: { logger?: Logger; nonceWindowSec?: number } = {}): Promise<Stores> {
  const nonceWindowSec = options.nonceWindowSec ?? 60;
  if (config.redis === null) return createLocalStores({ nonceWindowSec });
  // Cached data differs between gateway versions and Treeherders; one Redis may serve several.
  const namespace = `${VERSION}:${createHash('sha256').update(config.treeherderUrl).digest('hex').slice(0, 12)}`;
  return createRedisStores({
    ...config.redis,
    nonceWindowSec,
    maxPersistedQueries: 1000,
    maxConcurrency: config.resilience.maxConcurrency,
    // One attempt is bounded by UPSTREAM_TIMEOUT_MS; a dead holder's slot frees itself after that.
    slotLeaseMs: config.timeouts.upstreamTotalMs + 5_000,
    namespace,
    ...(options.logger ? { logger: options.logger } : {}),
  });
}
