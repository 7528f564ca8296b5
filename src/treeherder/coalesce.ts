import { getMaxListeners, setMaxListeners } from 'node:events';
import { ErrorCode, UpstreamError } from '../errors.js';
import { endpointOf, type QueryParams, type RequestScope, type Upstream } from './http.js';

// In-flight de-duplication of identical anonymous GETs across concurrent GraphQL requests:
// while a request for a URL is on its way, another caller asking for the same URL waits for
// that answer instead of sending its own. A Hawk-signed request is never shared, in either
// direction: it neither joins an anonymous request nor lets anyone join it.
//
// The shared request belongs to no single caller: it is cancelled only when every caller
// waiting for it has gone (client disconnected, deadline passed), and each caller stops
// waiting on its own signal. The upstream event (metrics, the request's upstream count) is
// reported to the caller whose request was sent.

export interface CoalescingUpstream extends Upstream {
  /** URLs being fetched now (for tests). */
  readonly inFlight: number;
}

const MAX_WAITS_PER_SIGNAL = 1000;

interface Shared {
  promise: Promise<unknown>;
  controller: AbortController;
  waiting: number;
}

export function createCoalescingUpstream(upstream: Upstream, onJoin: () => void = () => {}): CoalescingUpstream {
  const inFlight = new Map<string, Shared>();

  function cancelled(path: string): UpstreamError {
    return new UpstreamError(
      ErrorCode.UPSTREAM_TIMEOUT,
      `The request to ${endpointOf(path)} was cancelled: the GraphQL request ended or ran out of time.`,
      null,
      null,
      endpointOf(path),
    );
  }

  function wait<T>(shared: Shared, path: string, signal: AbortSignal | undefined): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelled(path));
    shared.waiting += 1;
    if (!signal) return shared.promise as Promise<T>;
    // One GraphQL request may wait on dozens of upstream requests at once (pages of a large
    // listing), each listening to its signal: that is no leak.
    if (getMaxListeners(signal) < MAX_WAITS_PER_SIGNAL) setMaxListeners(MAX_WAITS_PER_SIGNAL, signal);
    return new Promise<T>((resolve, reject) => {
      const leave = (): void => {
        shared.waiting -= 1;
        if (shared.waiting === 0) shared.controller.abort();
        reject(cancelled(path));
      };
      signal.addEventListener('abort', leave, { once: true });
      shared.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          resolve(value as T);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }

  return {
    baseUrl: upstream.baseUrl,
    url: upstream.url,
    get inFlight() {
      return inFlight.size;
    },
    getJson<T>(path: string, params: QueryParams, scope: RequestScope): Promise<T> {
      if (scope.sign !== null) return upstream.getJson<T>(path, params, scope);
      const key = upstream.url(path, params);
      const existing = inFlight.get(key);
      if (existing && !existing.controller.signal.aborted) {
        onJoin();
        return wait<T>(existing, path, scope.signal);
      }
      const controller = new AbortController();
      const shared: Shared = { promise: Promise.resolve(), controller, waiting: 0 };
      shared.promise = upstream.getJson<T>(path, params, { ...scope, signal: controller.signal }).finally(() => {
        if (inFlight.get(key) === shared) inFlight.delete(key);
      });
      // Callers that leave early must not see an unhandled rejection from the shared request.
      shared.promise.catch(() => {});
      inFlight.set(key, shared);
      return wait<T>(shared, path, scope.signal);
    },
  };
}
