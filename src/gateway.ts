import { createSchema, createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Dispatcher } from 'undici';
import type { HawkEdge } from './auth/edge.js';
import { useHawkAuth } from './auth/use-hawk-auth.js';
import { gatewayUserAgent, type Config } from './config.js';
import { createContextFactory, endRequestDeadline, type GatewayContext } from './context.js';
import { maskGatewayError } from './errors.js';
import { LIVE_EXAMPLE_QUERY, createLiveService, type LiveService, type PollerRegistry, type Scheduler } from './live/index.js';
import { toYogaLogger, type Logger } from './log.js';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { UNFILTERED } from './job-filter.js';
import { expectedJobsPerPush } from './job-plan.js';
import { useCostLimit } from './plugins/cost.js';
import { useIntrospectionCache } from './plugins/introspection-cache.js';
import { useCompiledExecution } from './plugins/compiled-execution.js';
import { listedJobResolvers, listsJobsOnly } from './listed-jobs.js';
import type { GraphQLSchema } from 'graphql';
import { useDeferFallback } from './plugins/defer-fallback.js';
import { createGatewayMetrics, useMetrics, type GatewayMetrics } from './plugins/metrics.js';
import { useOperationLimits } from './plugins/operation-limits.js';
import { createRequestFacts } from './plugins/request-facts.js';
import { logRequest } from './plugins/request-log.js';
import { useRequestErrorCodes } from './plugins/request-errors.js';
import { toCorsOptions, useVaryOrigin } from './plugins/cors.js';
import { createGraphiQL } from './plugins/graphiql.js';
import { useHttpCaching } from './plugins/http-caching.js';
import { usePersistedOperations } from './plugins/persisted-operations.js';
import { useRequestEnd, whenRequestEnds } from './plugins/request-end.js';
import { resolvers } from './resolvers.generated.js';
import { persistedDocuments } from './persisted-documents.js';
import { createLocalStores, type Stores } from './stores/index.js';
import { createUpstreamAgent } from './treeherder/agent.js';
import { createSharedCaches, type SharedCaches } from './treeherder/cache.js';
import { createCoalescingUpstream } from './treeherder/coalesce.js';
import { createUpstream, type Upstream } from './treeherder/http.js';
import { createResilience, type Resilience } from './treeherder/resilience.js';
import { typeDefs } from './type-defs.generated.js';
import { VERSION } from './version.js';

export const EXAMPLE_QUERY = `# Welcome to treeherder-graphql: Treeherder's pushes, jobs and performance data as one graph.
# Press the run button (or Ctrl+Enter). The Docs pane on the left describes every type and field;
# the other tabs hold more examples. The newest pushes are often still running: scroll down
# to older ones for their failures.

query LatestPushes {
  pushes(repository: "autoland", first: 6) {
    nodes {
      id
      revision
      author
      timestamp
      revisionCount
      revisions { revision author comments }
      jobCounts { pending running completed results { result count } }
      failures: jobs(result: "testfailed", first: 20) {
        nodes {
          id
          jobType { name symbol }
          jobGroup { name symbol }
          platform
          platformOption
          duration
          failureClassification { name }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/** A welcome tab: a big answer in parts. */
export const PARTS_EXAMPLE_QUERY = `# Big answers in parts. @defer sends the push at once and its jobs in a later part, when
# Treeherder has answered; @stream sends the first items of a list with the rest of the answer
# and the others one part after another. Same data and same upstream requests as without them.

query PushInParts {
  pushes(repository: "autoland", first: 1) {
    nodes {
      id
      revision
      author
      timestamp
      ... @defer(label: "jobs") {
        jobs {
          nodes @stream(initialCount: 20) { id jobType { name symbol } platform state result }
        }
      }
    }
  }
}
`;

export interface GatewayOptions {
  config: Config;
  /** Verifies Hawk on incoming requests; without one every caller is anonymous. */
  hawkEdge?: HawkEdge | null;
  /**
   * The HTTP dispatcher for upstream requests; by default a keep-alive pool owned by the
   * gateway (HTTP/2 where Treeherder offers it, `UPSTREAM_HTTP2`; extra CAs from `UPSTREAM_CA_FILE`).
   */
  dispatcher?: Dispatcher;
  /** Extra Yoga plugins. */
  plugins?: Plugin[];
  /** When subscription pollers run (tests pass a manual scheduler); real timers by default. */
  liveScheduler?: Scheduler;
  /** Replaces the in-process poller registry (a fleet-wide one). */
  liveRegistry?: PollerRegistry;
  /** Gets one line per request and what Yoga logs; without one there is no request log. */
  logger?: Logger;
  /** Shared state (src/stores/): in this process by default; the caller closes stores it passes. */
  stores?: Stores;
}

export interface Gateway {
  yoga: YogaServerInstance<object, GatewayContext>;
  upstream: Upstream;
  /** The registry behind GET /metrics, with hooks for retries and the breaker state. */
  metrics: GatewayMetrics;
  /** The concurrency cap, circuit breaker and retries in front of Treeherder. */
  resilience: Resilience;
  /** The shared caches of anonymous requests; null when `CACHE=false`. */
  caches: SharedCaches | null;
  /** Subscriptions: the topics' pollers and the open streams. */
  live: LiveService;
  stores: Stores;
  /** Releases the upstream connections (when the gateway owns them) and Yoga's resources. */
  dispose(): Promise<void>;
}

const READY_CACHE_MS = 5_000;

/**
 * `/ready`: 200 while Treeherder answers, with what the shared store is doing. Redis being down
 * does not make a replica unready: anonymous reads go on from the in-process level.
 */
function readinessResponse(treeherder: boolean, stores: Stores): Response {
  const redis = stores.state();
  return new Response(JSON.stringify({ ready: treeherder, treeherder: treeherder ? 'up' : 'down', redis: redis === 'local' ? 'off' : redis }), {
    status: treeherder ? 200 : 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

/** Whether Treeherder answers, remembered for a few seconds so probes do not hammer it. */
function createReadinessCheck(upstream: Upstream, dispatcher: Dispatcher, userAgent: string) {
  let checkedAt = 0;
  let ready = false;
  let pending: Promise<boolean> | null = null;
  const probe = async (): Promise<boolean> => {
    try {
      // Dockerflow's load-balancer heartbeat: cheap, and served outside /api/.
      const response = await dispatcher.request({
        origin: new URL(upstream.baseUrl).origin,
        path: `${new URL(upstream.baseUrl).pathname.replace(/\/$/, '')}/__lbheartbeat__`,
        method: 'GET',
        headers: { 'user-agent': userAgent },
        headersTimeout: 3_000,
        bodyTimeout: 3_000,
      });
      await response.body.dump();
      return response.statusCode === 200;
    } catch {
      return false;
    }
  };
  return async (): Promise<boolean> => {
    if (Date.now() - checkedAt < READY_CACHE_MS) return ready;
    pending ??= probe().then((result) => {
      ready = result;
      checkedAt = Date.now();
      pending = null;
      return result;
    });
    return pending;
  };
}

/** @throws StartupError when `UPSTREAM_CA_FILE` cannot be read or holds no certificate. */
export function createGateway(options: GatewayOptions): Gateway {
  const { config } = options;
  const stores = options.stores ?? createLocalStores();
  const ownDispatcher = options.dispatcher
    ? null
    : createUpstreamAgent({
        connectTimeoutMs: config.timeouts.connectMs,
        connections: config.upstreamConnections,
        http2: config.upstreamHttp2,
        caFile: config.upstreamCaFile,
      });
  const dispatcher = options.dispatcher ?? ownDispatcher!;
  const userAgent = gatewayUserAgent(VERSION, config.userAgentContact);
  const metrics = createGatewayMetrics(VERSION);
  const storeUp = metrics.registry.gauge('gateway_shared_store_up', 'Whether Redis answers (1) or not (0); absent without REDIS_URL.');
  const storeFailures = metrics.registry.counter('gateway_shared_store_failures_total', 'Calls to Redis that failed or timed out, by kind of shared state.', ['store']);
  stores.watch({
    state: (state) => state !== 'local' && storeUp.set(state === 'up' ? 1 : 0),
    failure: (store) => storeFailures.inc({ store }),
  });
  const resilience = createResilience({
    ...config.resilience,
    fleetSlots: stores.fleetSlots,
    onRetry: ({ endpoint }) => metrics.countRetry(endpoint),
    onBreakerState(state, { consecutiveFailures }) {
      metrics.setBreakerState(state);
      options.logger?.log(state === 'closed' ? 'info' : 'warn', `upstream circuit breaker ${state}`, {
        breaker: state,
        consecutiveFailures,
        cooldownMs: config.resilience.breakerCooldownMs,
      });
    },
  });
  const upstream = createUpstream({
    baseUrl: config.treeherderUrl,
    userAgent,
    dispatcher,
    timeouts: {
      headersMs: config.timeouts.headersMs,
      bodyMs: config.timeouts.bodyMs,
      totalMs: config.timeouts.upstreamTotalMs,
    },
    ...(options.logger ? { logger: options.logger } : {}),
    resilience,
    maxBodyBytes: config.upstreamMaxBodyBytes,
  });
  const isReady = createReadinessCheck(upstream, dispatcher, userAgent);
  const caches = config.cache.enabled
    ? createSharedCaches(
        { maxBytes: config.cache.maxBytes, referenceTtlMs: config.cache.referenceTtlMs, jobTtlMs: config.cache.jobTtlMs },
        (cache, outcome) => metrics.observeCache(cache, outcome),
        Date.now,
        stores.cacheLevel2,
      )
    : null;
  // Identical anonymous GETs in flight at once are sent once (signed ones never are shared).
  const requestUpstream = config.cache.enabled ? createCoalescingUpstream(upstream, () => metrics.countCoalesced()) : upstream;

  const facts = createRequestFacts({
    skipPaths: ['/health', '/ready', '/metrics'],
    onFinished(finished) {
      metrics.observeRequest(finished);
      if (options.logger) logRequest(options.logger, finished);
    },
  });
  // Knowing when a request is over (an answer in parts ends after its response left) comes
  // first; then counting and timing, so they see every request from its start.
  const plugins: Plugin[] = [useRequestEnd() as Plugin];
  // The schema compiled code of listed jobs only runs against, made when first needed.
  let listedJobsSchema: GraphQLSchema | undefined;
  if (config.metrics) plugins.push(useMetrics(metrics));
  plugins.push(facts.plugin as Plugin);
  // The request's deadline timer goes when its answer (its last part) does.
  plugins.push({ onResponse: ({ request }) => whenRequestEnds(request, () => endRequestDeadline(request)) });
  // @defer and @stream for clients that read answers in parts; the whole answer for the others.
  plugins.push(useDeferStream(), useDeferFallback());
  // Queries that repeat run as code compiled for them (src/plugins/compiled-execution.ts).
  const executions = metrics.registry.counter('gateway_executions_total', 'Operations executed, by executor: compiled for the document, or general.', ['executor']);
  const compiledDocuments = metrics.registry.gauge('gateway_compiled_documents', 'Documents the compiled executor remembers (run counts and compiled forms).');
  plugins.push(
    useCompiledExecution({
      ...config.compiledExecution,
      // Documents whose every job comes from a listing read its summary fields as properties.
      schemaFor: (schema, document) =>
        listsJobsOnly(schema, document) ? (listedJobsSchema ??= createSchema<GatewayContext>({ typeDefs, resolvers: listedJobResolvers(resolvers) })) : schema,
      onExecute: (executor) => executions.inc({ executor }),
      onSize: (documents) => compiledDocuments.set(documents),
    }),
  );
  if (options.hawkEdge) plugins.push(useHawkAuth({ edge: options.hawkEdge }));
  plugins.push(useReadinessCheck({ endpoint: '/ready', check: async () => readinessResponse(await isReady(), stores) }));
  if (config.persistedOperations !== 'off') {
    plugins.push(usePersistedOperations({ mode: config.persistedOperations, documents: persistedDocuments, store: stores.persistedQueries }));
  }
  plugins.push(useVaryOrigin(config.corsOrigins));
  plugins.push(useHttpCaching({ maxAgeSeconds: config.httpCacheMaxAgeSeconds, graphqlEndpoint: '/graphql' }));
  plugins.push(...(options.plugins ?? []));
  // Limits last: a persisted operation is looked up first, then measured like any other.
  plugins.push(
    useOperationLimits(config.limits),
    useCostLimit({
      maxCost: config.limits.maxCost,
      refusalFactor: config.limits.costRefusalFactor,
      facts: { jobsPerPush: (filter) => expectedJobsPerPush(stores.jobsPerPush, filter, UNFILTERED) },
      onEstimate: (request, estimate) => facts.setEstimate(request, estimate.requests),
    }) as Plugin,
    // After the limits: only an operation that passed them is answered from memory.
    useIntrospectionCache(),
    useRequestErrorCodes(),
  );

  // One poller per topic, whatever the number of subscribers (see src/live/).
  const live = createLiveService({
    settings: config.live,
    upstream,
    pollTimeoutMs: config.timeouts.requestDeadlineMs,
    ...(options.liveScheduler ? { scheduler: options.liveScheduler } : {}),
    ...(options.liveRegistry ? { registry: options.liveRegistry } : {}),
    // With REDIS_URL: one poller per anonymous topic for the whole fleet (src/stores/live.ts).
    ...(stores.livePollers ? { wrapRegistry: (local: PollerRegistry) => stores.livePollers!(local, config.live.pollIntervalMs) } : {}),
    onUpstream: (event) => metrics.observeUpstream(event),
  });
  const graphiql = createGraphiQL({ title: 'treeherder-graphql', welcomeQuery: EXAMPLE_QUERY, examples: [PARTS_EXAMPLE_QUERY, LIVE_EXAMPLE_QUERY], hawk: Boolean(options.hawkEdge) });
  const yoga = createYoga<object, GatewayContext>({
    schema: createSchema<GatewayContext>({ typeDefs, resolvers }),
    context: createContextFactory({
      live,
      upstream: requestUpstream,
      caches,
      jobsPerPush: stores.jobsPerPush,
      fanoutConcurrency: config.fanoutConcurrency,
      onUpstream: (event) => metrics.observeUpstream(event),
      deadlineMs: config.timeouts.requestDeadlineMs,
      upstreamBudget: config.limits.maxCost,
    }),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: config.graphiql ? graphiql.options : false,
    renderGraphiQL: graphiql.render,
    cors: toCorsOptions(config.corsOrigins),
    maskedErrors: {
      maskError: maskGatewayError,
    },
    plugins,
    maxRequestBodySize: config.limits.maxRequestBodyBytes,
    // Nothing in this graph takes a file: a multipart body is refused (415), not parsed.
    multipart: false,
    ...(options.logger ? { logging: toYogaLogger(options.logger) } : {}),
  });

  return {
    yoga,
    upstream,
    metrics,
    resilience,
    caches,
    stores,
    live,
    async dispose() {
      live.close();
      await yoga.dispose();
      await ownDispatcher?.close();
    },
  };
}
