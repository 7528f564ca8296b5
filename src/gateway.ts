import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { createSchema, createYoga, maskError, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { Agent, type Dispatcher } from 'undici';
import type { HawkEdge } from './auth/edge.js';
import { useHawkAuth } from './auth/use-hawk-auth.js';
import { gatewayUserAgent, type Config } from './config.js';
import { createContextFactory, type GatewayContext } from './context.js';
import { toGraphQLError, UpstreamError } from './errors.js';
import { resolvers } from './resolvers.generated.js';
import { createUpstream, type Upstream } from './treeherder/http.js';
import { typeDefs } from './type-defs.generated.js';
import { VERSION } from './version.js';

export const EXAMPLE_QUERY = `# Welcome to treeherder-graphql: Treeherder's pushes, jobs and performance data as one graph.
# Press the run button (or Ctrl+Enter). The Docs pane on the left describes every type and field.

query LatestPushes {
  pushes(repository: "autoland", first: 3) {
    nodes {
      id
      revision
      author
      timestamp
      revisionCount
      revisions { revision author comments }
      jobs(result: "testfailed") {
        nodes {
          id
          jobType { name symbol }
          jobGroup { name symbol }
          platform
          platformOption
          result
          duration
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

export interface GatewayOptions {
  config: Config;
  /** Verifies Hawk on incoming requests; without one every caller is anonymous. */
  hawkEdge?: HawkEdge | null;
  /** The HTTP dispatcher for upstream requests; by default a keep-alive pool owned by the gateway. */
  dispatcher?: Dispatcher;
  /** Extra Yoga plugins (logging, metrics…). */
  plugins?: Plugin[];
}

export interface Gateway {
  yoga: YogaServerInstance<object, GatewayContext>;
  upstream: Upstream;
  /** Releases the upstream connections (when the gateway owns them) and Yoga's resources. */
  dispose(): Promise<void>;
}

const READY_CACHE_MS = 5_000;

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

export function createGateway(options: GatewayOptions): Gateway {
  const { config } = options;
  const ownDispatcher = options.dispatcher
    ? null
    : new Agent({
        connect: { timeout: config.timeouts.connectMs },
        connections: config.upstreamConnections,
        keepAliveTimeout: 10_000,
      });
  const dispatcher = options.dispatcher ?? ownDispatcher!;
  const userAgent = gatewayUserAgent(VERSION, config.userAgentContact);
  const upstream = createUpstream({
    baseUrl: config.treeherderUrl,
    userAgent,
    dispatcher,
    timeouts: {
      headersMs: config.timeouts.headersMs,
      bodyMs: config.timeouts.bodyMs,
      totalMs: config.timeouts.upstreamTotalMs,
    },
  });
  const isReady = createReadinessCheck(upstream, dispatcher, userAgent);

  const plugins: Plugin[] = [];
  if (options.hawkEdge) plugins.push(useHawkAuth({ edge: options.hawkEdge }));
  plugins.push(useReadinessCheck({ endpoint: '/ready', check: () => isReady() }));
  plugins.push(...(options.plugins ?? []));

  const yoga = createYoga<object, GatewayContext>({
    schema: createSchema<GatewayContext>({ typeDefs, resolvers }),
    context: createContextFactory({ upstream, fanoutConcurrency: config.fanoutConcurrency }),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: config.graphiql ? { title: 'treeherder-graphql', defaultQuery: EXAMPLE_QUERY } : false,
    renderGraphiQL,
    maskedErrors: {
      // Upstream failures keep their code and Treeherder's explanation; anything unexpected
      // is masked by Yoga's own function ("Unexpected error.", no stack, no URL).
      maskError(error, message, isDev) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (original instanceof UpstreamError) {
          const coded = toGraphQLError(original) as GraphQLError;
          return error instanceof GraphQLError
            ? new GraphQLError(coded.message, { nodes: error.nodes, path: error.path, extensions: coded.extensions })
            : coded;
        }
        return maskError(error, message, isDev);
      },
    },
    plugins,
  });

  return {
    yoga,
    upstream,
    async dispose() {
      await yoga.dispose();
      await ownDispatcher?.close();
    },
  };
}
