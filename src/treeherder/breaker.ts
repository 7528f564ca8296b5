// A circuit breaker in front of Treeherder. While Treeherder is down, every GraphQL request
// would otherwise spend its whole deadline on connects and retries that cannot succeed, and
// the gateway would keep knocking on a server that is trying to come back up.

export type BreakerState = 'closed' | 'half-open' | 'open';

export interface CircuitBreakerOptions {
  /** Consecutive failed requests (Treeherder unreachable or too slow) that open the breaker. */
  failureThreshold: number;
  /** How long the breaker stays open before it lets one probe request through. */
  cooldownMs: number;
  /** A monotonic clock in milliseconds; `performance.now` by default. */
  now?: () => number;
  /** Told on every change of state (metrics, logs). */
  onStateChange?: (state: BreakerState, facts: { consecutiveFailures: number }) => void;
}

/** The right to send one request; settle it exactly once with what happened. */
export interface BreakerPermit {
  /** Treeherder answered (whatever the status, as long as it is not a gateway error page). */
  succeeded(): void;
  /** Treeherder could not be reached, answered 502/503/504, or did not answer in time. */
  failed(): void;
  /** The outcome says nothing about Treeherder (the caller went away). */
  released(): void;
}

export interface CircuitBreaker {
  readonly state: BreakerState;
  /** Consecutive failures counted so far (in the closed state). */
  readonly consecutiveFailures: number;
  /** True when a request would be refused now, without taking a permit. */
  rejects(): boolean;
  /** A permit to send one request, or null: the breaker is open, or half-open with its probe out. */
  acquire(): BreakerPermit | null;
  /** Milliseconds until the breaker lets a probe through (0 unless open). */
  retryInMs(): number;
}

/**
 * closed → open after `failureThreshold` consecutive failures → half-open once `cooldownMs`
 * has passed, letting exactly one request through as a probe → closed when it succeeds,
 * open again (for another cooldown) when it fails. The open → half-open step happens when
 * the next request asks, so no timer outlives the gateway.
 *
 * Outcomes of requests sent before the last change of state are ignored: a slow success
 * that started before Treeherder went down proves nothing about now.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const now = options.now ?? (() => performance.now());
  let state: BreakerState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let probeOut = false;
  /** Bumped on every change of state, so stale permits can be recognised. */
  let generation = 0;

  const moveTo = (next: BreakerState): void => {
    if (next === state) return;
    state = next;
    generation += 1;
    if (next === 'open') openedAt = now();
    if (next !== 'half-open') probeOut = false;
    options.onStateChange?.(next, { consecutiveFailures: failures });
  };

  const coolDown = (): void => {
    if (state === 'open' && now() - openedAt >= options.cooldownMs) moveTo('half-open');
  };

  function permit(isProbe: boolean): BreakerPermit {
    const issuedIn = generation;
    let settled = false;
    const settle = (outcome: 'success' | 'failure' | 'released'): void => {
      if (settled) return;
      settled = true;
      if (issuedIn !== generation) return;
      if (isProbe) {
        probeOut = false;
        if (outcome === 'success') {
          failures = 0;
          moveTo('closed');
        } else if (outcome === 'failure') {
          moveTo('open');
        }
        return;
      }
      if (outcome === 'success') failures = 0;
      else if (outcome === 'failure') {
        failures += 1;
        if (failures >= options.failureThreshold) moveTo('open');
      }
    };
    return {
      succeeded: () => settle('success'),
      failed: () => settle('failure'),
      released: () => settle('released'),
    };
  }

  return {
    get state() {
      coolDown();
      return state;
    },
    get consecutiveFailures() {
      return failures;
    },
    rejects() {
      coolDown();
      return state === 'open' || (state === 'half-open' && probeOut);
    },
    acquire() {
      coolDown();
      if (state === 'closed') return permit(false);
      if (state === 'open' || probeOut) return null;
      probeOut = true;
      return permit(true);
    },
    retryInMs() {
      coolDown();
      return state === 'open' ? Math.max(0, options.cooldownMs - (now() - openedAt)) : 0;
    },
  };
}
