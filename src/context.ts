import type { YogaInitialContext } from 'graphql-yoga';
import { signHawkRequest } from './auth/sign.js';
import { getRequestIdentity } from './auth/use-hawk-auth.js';
import type { HawkIdentity } from './auth/edge.js';
import { linkSignals, type LinkedSignal } from './deadline.js';
import type { JobsPerPushEstimate } from './job-plan.js';
import type { LiveService } from './live/service.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import type { SharedCaches } from './treeherder/cache.js';
import { createTreeherderApi, type TreeherderApi } from './treeherder/api.js';
import { createUpstreamBudget } from './treeherder/budget.js';
import type { RequestScope, Upstream, UpstreamEvent } from './treeherder/http.js';

/** What every resolver of one GraphQL request shares, and nothing another request can see. */
export interface GatewayContext {
  api: TreeherderApi;
  loaders: Loaders;
  /** The verified Hawk caller, or null for an anonymous request. */
  identity: HawkIdentity | null;
  /** Upstream requests this GraphQL request has made so far (for logs and metrics). */
  upstream: { count: number; events: UpstreamEvent[] };
  /** Subscriptions' access to live updates; null when the gateway serves none. */
  live: LiveRequest | null;
}

export interface LiveRequest {
  service: LiveService;
  /** The caller's address, for the per-caller limit of anonymous subscribers. */
  clientAddress: string | null;
  /** The WebSocket connection the operation runs on; null over HTTP (SSE). */
  connection: string | null;
  /** Fresh loaders, API and deadline for the next event. */
  renew(): void;
  /** Clears the last event's deadline (the subscription ended). */
  end(): void;
}

export interface ContextOptions {
  upstream: Upstream;
  /** Upstream requests at once, per GraphQL request, for endpoints with no batch form. */
  fanoutConcurrency: number;
  /** Told about every upstream request (metrics). */
  onUpstream?: (event: UpstreamEvent) => void;
  /** Shared caches, for anonymous requests only; null or absent: none. */
  caches?: SharedCaches | null;
  /** The gateway-wide estimate of jobs per push. */
  jobsPerPush?: JobsPerPushEstimate;
  /** After this long, the GraphQL request's upstream requests are cut and it answers with what it has. */
  deadlineMs?: number;
  /** Upstream requests one GraphQL request may send (MAX_OPERATION_COST); unbounded when absent. */
  upstreamBudget?: number;
  /** Live updates for subscriptions. */
  live?: LiveService | null;
}

/** The deadline of each request in flight, cleared by `endRequestDeadline` when it answers. */
const deadlines = new WeakMap<Request, LinkedSignal>();

/**
 * Clears the request's deadline timer (its answer has gone); safe to call twice. The request's
 * signal stays linked: a client that leaves in the middle of an answer in parts aborts what
 * is still in flight upstream for it.
 */
export function endRequestDeadline(request: Request): void {
  deadlines.get(request)?.stopTimer();
  deadlines.delete(request);
}

export function createContextFactory(options: ContextOptions) {
  return function createContext(initial: YogaInitialContext): GatewayContext {
    const { request } = initial;
    // A plain timer drives the deadline, so no garbage collection can cancel it.
    let deadline = linkSignals([request.signal], options.deadlineMs);
    deadlines.get(request)?.dispose();
    deadlines.set(request, deadline);
    const identity = getRequestIdentity(request);
    const stats: GatewayContext['upstream'] = { count: 0, events: [] };
    const build = (signal: AbortSignal): Pick<GatewayContext, 'api' | 'loaders'> => {
      // Per request, or per event of a subscription.
      const budget = options.upstreamBudget === undefined ? undefined : createUpstreamBudget(options.upstreamBudget);
      const scope: RequestScope = {
        ...(budget ? { budget } : {}),
        // A fresh Hawk header (new nonce, current time) for every upstream request, signed
        // with this caller's credentials only.
        sign: identity
          ? (method, url) => signHawkRequest({ method, url, credentials: identity.credentials })
          : null,
        callerUserAgent: request.headers.get('user-agent'),
        // Ends with the HTTP request, or at the deadline: then pending upstream requests, queued
        // ones and retry waits stop, their fields become UPSTREAM_TIMEOUT errors, the rest answers.
        signal,
        onUpstream(event) {
          stats.count += 1;
          if (stats.events.length < 1000) stats.events.push(event);
          options.onUpstream?.(event);
        },
      };
      const api = createTreeherderApi(options.upstream, scope);
      const loaders = createLoaders(api, {
        fanoutConcurrency: options.fanoutConcurrency,
        // A Hawk-signed request neither reads nor fills a shared cache.
        shared: identity ? null : (options.caches ?? null),
        ...(options.jobsPerPush ? { jobsPerPush: options.jobsPerPush } : {}),
      });
      return { api, loaders };
    };
    const context: GatewayContext = { ...build(deadline.signal), identity, upstream: stats, live: null };
    if (options.live) {
      const server = initial as { req?: { socket?: { remoteAddress?: string } }; connectionId?: string };
      context.live = {
        service: options.live,
        clientAddress: server.req?.socket?.remoteAddress ?? null,
        connection: server.connectionId ?? null,
        // A subscription runs each event like a request of its own: new loaders (so an event's
        // fields batch among themselves) and a new deadline.
        renew() {
          deadline.dispose();
          deadline = linkSignals([request.signal], options.deadlineMs);
          Object.assign(context, build(deadline.signal));
        },
        end() {
          deadline.dispose();
        },
      };
    }
    return context;
  };
}
