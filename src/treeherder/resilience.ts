import { ErrorCode, UpstreamError } from '../errors.js';
import type { FleetSlots } from '../stores/types.js';
import { createCircuitBreaker, type BreakerState, type CircuitBreaker } from './breaker.js';

// How the gateway treats Treeherder when Treeherder is slow, failing or down: at most
// `maxConcurrency` requests at once with a bounded queue behind them, a circuit breaker that
// fails fast while Treeherder is down, and a few jittered retries of idempotent requests for
// the failures a retry can fix. Treeherder has no rate limiting of its own and its workers
// stop at 30 s, so restraint has to come from here.
//
// Why not undici's `interceptors.retry`: it sends the same headers again (a Hawk nonce
// replayed, refused by any Hawk server), cuts a long `Retry-After` down to its `maxTimeout`
// (retrying earlier than asked), has no jitter, and resumes bodies with `Range`, which
// Treeherder does not serve. Here every attempt is a fresh call of the request function, so
// it is signed afresh, and its body is read whole before anything is decided.

export interface ResilienceOptions {
  /** Retries after the first attempt (0: never retry). */
  retries: number;
  /** First backoff; each retry doubles it, up to `retryMaxDelayMs`. */
  retryBaseMs: number;
  retryMaxDelayMs: number;
  /** The longest `Retry-After` a 429 may ask for and still be retried; longer ones fail at once. */
  retryAfterMaxMs: number;
  /** Consecutive failures that open the breaker. */
  breakerThreshold: number;
  /** How long the breaker stays open before a probe. */
  breakerCooldownMs: number;
  /** Upstream requests in flight at once (per upstream origin: one Resilience per upstream). */
  maxConcurrency: number;
  /** Requests waiting for a slot; beyond it a request fails at once with UPSTREAM_OVERLOADED. */
  maxQueue: number;
  /** This replica's slots; by default `createFairSlots(maxConcurrency, maxQueue)`. */
  slots?: UpstreamSlots;
  /** With Redis: the same limit held for all replicas together, taken after this replica's own slot. */
  fleetSlots?: FleetSlots | null;
  /** [0, 1); `Math.random` by default (tests inject a fixed source). */
  random?: () => number;
  /** Monotonic milliseconds, for the breaker; `performance.now` by default. */
  now?: () => number;
  /** An attempt failed and will be retried after `delayMs`. */
  onRetry?: (facts: { endpoint: string; retry: number; delayMs: number; code: ErrorCode }) => void;
  onBreakerState?: (state: BreakerState, facts: { consecutiveFailures: number }) => void;
}

/** One upstream request as the resilience layer sees it. */
export interface UpstreamCall {
  method: string;
  /** The route template (`/api/project/{repo}/push/`), for errors and metrics. */
  endpoint: string;
  /** The GraphQL request's signal: client gone or deadline passed. */
  signal?: AbortSignal;
  /** Whose call it is (one GraphQL request): slots are shared fairly between owners. Calls without one share a queue. */
  owner?: object;
  /** Runs once the call has its slot, before each attempt; throwing refuses the attempt unsent (an exhausted budget). */
  beforeSend?: () => void;
}

export interface Resilience {
  /**
   * Runs `attempt` (one request, fully read, throwing an `UpstreamError`) under the
   * concurrency cap and the breaker, retrying it when that is safe and useful.
   */
  run<T>(call: UpstreamCall, attempt: () => Promise<T>): Promise<T>;
  readonly breaker: CircuitBreaker;
  /** Requests in flight and waiting, now. */
  load(): { inFlight: number; queued: number };
}

/** Methods whose repetition cannot change anything upstream (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The `Retry-After` of a response in milliseconds: delay-seconds or an HTTP-date
 * (RFC 9110 §10.2.3). Null when absent or unreadable.
 */
export function parseRetryAfter(value: unknown, nowMs: number = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP-date names its day or month; Date.parse alone would read "1.5" or "-1" as dates.
  if (!/[A-Za-z]{3}/.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

/** Failures that say Treeherder is down or overwhelmed; they count toward opening the breaker. */
export function isOutage(error: UpstreamError): boolean {
  return error.code === ErrorCode.UPSTREAM_UNAVAILABLE || error.code === ErrorCode.UPSTREAM_TIMEOUT;
}

/**
 * How long to wait before retry number `retry` (1-based) after `error`, or null when the
 * error is not worth retrying:
 * - network errors and 502/503/504 (`UPSTREAM_UNAVAILABLE`): a load balancer with no healthy
 *   worker, a restart, a dropped keep-alive connection. Exponential backoff with equal
 *   jitter (half fixed, half random), so that many requests failing together do not come
 *   back together;
 * - 429 (`UPSTREAM_RATE_LIMITED`): after its `Retry-After` (plus a little jitter) when that
 *   is within `retryAfterMaxMs`, else not at all; without the header, like a 503;
 * - nothing else: a 4xx will say the same again, a 500 is Treeherder failing on this very
 *   lookup, a bad body will be bad again, and a timeout has already spent the time a retry
 *   would need (Treeherder's workers stop at 30 s).
 */
export function retryDelayMs(
  error: UpstreamError,
  retry: number,
  options: Pick<ResilienceOptions, 'retryBaseMs' | 'retryMaxDelayMs' | 'retryAfterMaxMs'>,
  random: () => number,
): number | null {
  const backoff = (): number => {
    const ceiling = Math.min(options.retryMaxDelayMs, options.retryBaseMs * 2 ** (retry - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  };
  if (error.code === ErrorCode.UPSTREAM_RATE_LIMITED) {
    if (error.retryAfterMs === null) return backoff();
    if (error.retryAfterMs > options.retryAfterMaxMs) return null;
    return Math.round(error.retryAfterMs + random() * Math.min(options.retryBaseMs, 1000));
  }
  if (error.code === ErrorCode.UPSTREAM_UNAVAILABLE) return backoff();
  return null;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The gateway's upstream concurrency: at most a number of calls in flight, the others waiting.
 * An interface so that a fleet-wide implementation (Redis) can take this one's place.
 */
export interface UpstreamSlots {
  /** Waits for a slot; resolves to its release function. Rejects with the signal's reason if it aborts first, or with UPSTREAM_OVERLOADED. */
  acquire(call: UpstreamCall): Promise<() => void>;
  load(): { inFlight: number; queued: number };
}

interface Waiter {
  call: UpstreamCall;
  grant: () => void;
  refuse: (error: unknown) => void;
}

/** Calls without an owner share this one. */
const NO_OWNER = {};

/**
 * At most `max` calls in flight; the rest wait in one queue per owner (one GraphQL request),
 * served round-robin: each freed slot goes to the next owner in turn, so a request with 500
 * calls waiting delays a request with 2 by at most one slot per other waiting request, not by
 * its 500. At most `maxQueue` calls wait in all; when the queue is full, a call from an owner
 * with fewer waiting than the longest queue takes the place of that queue's newest call (which
 * fails with UPSTREAM_OVERLOADED), so only the greediest request is refused.
 */
export function createFairSlots(max: number, maxQueue: number): UpstreamSlots {
  let inFlight = 0;
  let queued = 0;
  // Insertion order is the round-robin order: an owner served goes to the back.
  const queues = new Map<object, Waiter[]>();

  const overloaded = (call: UpstreamCall): UpstreamError =>
    new UpstreamError(
      ErrorCode.UPSTREAM_OVERLOADED,
      `The gateway already has ${maxQueue} requests waiting for Treeherder; ${call.endpoint} was not sent. Try again shortly.`,
      null,
      null,
      call.endpoint,
    );

  const remove = (owner: object, waiter: Waiter): boolean => {
    const list = queues.get(owner);
    const index = list ? list.indexOf(waiter) : -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    if (list.length === 0) queues.delete(owner);
    queued -= 1;
    return true;
  };

  const grantNext = (): void => {
    while (inFlight < max && queued > 0) {
      const [owner, list] = queues.entries().next().value as [object, Waiter[]];
      const waiter = list.shift()!;
      queues.delete(owner);
      if (list.length > 0) queues.set(owner, list);
      queued -= 1;
      inFlight += 1;
      waiter.grant();
    }
  };

  const releaser = (): (() => void) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inFlight -= 1;
      grantNext();
    };
  };

  return {
    acquire(call) {
      if (call.signal?.aborted) return Promise.reject(call.signal.reason);
      if (inFlight < max && queued === 0) {
        inFlight += 1;
        return Promise.resolve(releaser());
      }
      const owner = call.owner ?? NO_OWNER;
      if (queued >= maxQueue) {
        let greediest: object | null = null;
        for (const [candidate, list] of queues) if (greediest === null || list.length > queues.get(greediest)!.length) greediest = candidate;
        const mine = queues.get(owner)?.length ?? 0;
        if (greediest === null || greediest === owner || queues.get(greediest)!.length <= mine + 1) return Promise.reject(overloaded(call));
        const list = queues.get(greediest)!;
        const evicted = list[list.length - 1]!;
        remove(greediest, evicted);
        evicted.refuse(overloaded(evicted.call));
      }
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          if (remove(owner, waiter)) reject(call.signal!.reason);
        };
        const waiter: Waiter = {
          call,
          grant: () => {
            call.signal?.removeEventListener('abort', onAbort);
            resolve(releaser());
          },
          refuse: (error) => {
            call.signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        };
        call.signal?.addEventListener('abort', onAbort, { once: true });
        const list = queues.get(owner);
        if (list) list.push(waiter);
        else queues.set(owner, [waiter]);
        queued += 1;
      });
    },
    load: () => ({ inFlight, queued }),
  };
}

export function createResilience(options: ResilienceOptions): Resilience {
  const random = options.random ?? Math.random;
  const breaker = createCircuitBreaker({
    failureThreshold: options.breakerThreshold,
    cooldownMs: options.breakerCooldownMs,
    ...(options.now ? { now: options.now } : {}),
    ...(options.onBreakerState ? { onStateChange: options.onBreakerState } : {}),
  });
  const slots = options.slots ?? createFairSlots(options.maxConcurrency, options.maxQueue);

  const breakerOpen = (endpoint: string): UpstreamError =>
    new UpstreamError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `Treeherder is failing, so the gateway's circuit breaker is open and did not send ${endpoint}; ` +
        (breaker.state === 'open'
          ? `it will try Treeherder again in ${Math.ceil(breaker.retryInMs() / 1000)} s.`
          : 'one probe request is finding out whether Treeherder is back.'),
      null,
      null,
      endpoint,
    );

  /**
   * One attempt: a slot, then the breaker's permit, then the request. `sent` tells a failure
   * of the request itself from a refusal before anything was sent.
   */
  async function once<T>(call: UpstreamCall, attempt: () => Promise<T>): Promise<{ value: T } | { error: unknown; sent: boolean }> {
    // Fail fast while open, rather than queueing behind requests that will fail too.
    if (breaker.rejects()) return { error: breakerOpen(call.endpoint), sent: false };
    let release: () => void;
    try {
      release = await slots.acquire(call);
    } catch (error) {
      return { error, sent: false };
    }
    if (options.fleetSlots) {
      try {
        const local = release;
        const fleet = await options.fleetSlots.acquire(call.signal);
        release = () => {
          fleet();
          local();
        };
      } catch (error) {
        release();
        return { error, sent: false };
      }
    }
    try {
      const permit = breaker.acquire();
      if (!permit) return { error: breakerOpen(call.endpoint), sent: false };
      try {
        call.beforeSend?.();
      } catch (error) {
        permit.released();
        return { error, sent: false };
      }
      try {
        const value = await attempt();
        permit.succeeded();
        return { value };
      } catch (error) {
        if (call.signal?.aborted || !(error instanceof UpstreamError)) permit.released();
        else if (isOutage(error)) permit.failed();
        else permit.succeeded(); // Treeherder answered: it is up, even if the answer was an error.
        return { error, sent: true };
      }
    } finally {
      release();
    }
  }

  return {
    breaker,
    load: () => slots.load(),
    async run(call, attempt) {
      const retries = IDEMPOTENT.has(call.method.toUpperCase()) ? options.retries : 0;
      for (let retry = 1; ; retry += 1) {
        const outcome = await once(call, attempt);
        if ('value' in outcome) return outcome.value;
        const { error, sent } = outcome;
        // Only a failure of the request itself is retried: never the breaker's or the
        // queue's refusals, never a cancelled request.
        const delayMs =
          sent && error instanceof UpstreamError && !call.signal?.aborted && retry <= retries
            ? retryDelayMs(error, retry, options, random)
            : null;
        if (delayMs === null) throw error;
        options.onRetry?.({ endpoint: call.endpoint, retry, delayMs, code: (error as UpstreamError).code });
        try {
          await sleep(delayMs, call.signal);
        } catch {
          // The GraphQL request ended while waiting: the failure that made us wait explains it best.
          throw error;
        }
      }
    },
  };
}
