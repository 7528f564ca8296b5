import type { YogaInitialContext } from 'graphql-yoga';
import { signHawkRequest } from './auth/sign.js';
import { getRequestIdentity } from './auth/use-hawk-auth.js';
import type { HawkIdentity } from './auth/edge.js';
import { linkSignals, type LinkedSignal } from './deadline.js';
import type { JobsPerPushEstimate } from './job-plan.js';
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
  return function createContext({ request }: YogaInitialContext): GatewayContext {
    // A plain timer drives the deadline, so no garbage collection can cancel it.
    const deadline = linkSignals([request.signal], options.deadlineMs);
    deadlines.get(request)?.dispose();
    deadlines.set(request, deadline);
    const identity = getRequestIdentity(request);
    const stats: GatewayContext['upstream'] = { count: 0, events: [] };
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
      signal: deadline.signal,
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
    return { api, loaders, identity, upstream: stats };
  };
}
