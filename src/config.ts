import type { LiveSettings } from './live/service.js';

// Configuration: one pure function from an environment to a validated Config. Every
// problem is reported at once; only the entry point reads process.env and exits.

export interface Config {
  /** Treeherder's site URL (the API lives under /api/). */
  treeherderUrl: string;
  host: string;
  port: number;
  /** Appended to the gateway's User-Agent so Treeherder's operators can reach whoever runs it. */
  userAgentContact: string;
  timeouts: {
    connectMs: number;
    headersMs: number;
    bodyMs: number;
    /** One upstream request, all included. Treeherder's workers give up after 30 s. */
    upstreamTotalMs: number;
    /** One GraphQL request: then its upstream requests are cut and it answers with what it has. */
    requestDeadlineMs: number;
  };
  /** Restraint toward Treeherder: retries, circuit breaker, concurrency cap (see `src/treeherder/resilience.ts`). */
  resilience: {
    /** Retries of an idempotent request after a network error, 502/503/504 or 429. */
    retries: number;
    retryBaseMs: number;
    retryMaxDelayMs: number;
    /** The longest 429 `Retry-After` that is waited for; longer ones fail at once. */
    retryAfterMaxMs: number;
    breakerThreshold: number;
    breakerCooldownMs: number;
    /** Upstream requests in flight at once, gateway-wide. */
    maxConcurrency: number;
    /** Upstream requests waiting for a slot before new ones are refused. */
    maxQueue: number;
  };
  /** Keep-alive connections per upstream origin. */
  upstreamConnections: number;
  /** Offer HTTP/2 (ALPN) to an https:// Treeherder; its requests then share one connection as streams. */
  upstreamHttp2: boolean;
  /** A PEM file of extra CAs trusted for Treeherder's certificate (an internal proxy's); null: Node's own list. */
  upstreamCaFile: string | null;
  /** The largest body read from one upstream response (bytes); a larger one fails its field with UPSTREAM_BAD_RESPONSE. */
  upstreamMaxBodyBytes: number;
  /** Upstream requests at once, per GraphQL request, for endpoints with no batch form. */
  fanoutConcurrency: number;
  hawk: {
    /** A JSON file holding `[{id, key, algorithm}]`; Hawk is off when unset. */
    credentialsFile: string | null;
    /** The host and port callers sign when the gateway runs behind a proxy. */
    publicHost: string | null;
    publicPort: number | null;
    /** Refuse signed requests with a body but no payload hash (`HAWK_REQUIRE_PAYLOAD_HASH`). */
    requirePayloadHash: boolean;
  };
  /** Serve GraphiQL on GET /graphql from a browser. */
  graphiql: boolean;
  /** Browser origins allowed to call the gateway: any (`'*'`), a list, or none (`null`: no CORS headers). */
  corsOrigins: '*' | string[] | null;
  /** `automatic`: APQ, any query may be sent; `trusted`: only the SDK's operations run; `off`. */
  persistedOperations: 'automatic' | 'trusted' | 'off';
  /** `max-age` of anonymous reference-data GET responses; 0 makes every response `no-store`. */
  httpCacheMaxAgeSeconds: number;
  /** What one request may ask for; anything over a limit is refused before it runs. */
  limits: {
    /** An HTTP body over this is a 413. */
    maxRequestBodyBytes: number;
    maxDocumentBytes: number;
    maxTokens: number;
    /** Nested fields, introspection aside. */
    maxDepth: number;
    maxAliases: number;
    /** `__schema`/`__type` fields per operation, and how deep their list fields nest. */
    maxIntrospectionFields: number;
    maxIntrospectionDepth: number;
    /** Upstream requests one operation may send (enforced as they go out); also what its estimate is compared with. */
    maxCost: number;
    /** An operation is refused before it runs when its estimate is over `maxCost` times this. */
    costRefusalFactor: number;
  };
  /** Serve Prometheus metrics on GET /metrics. */
  metrics: boolean;
  /** Queries compiled into code once they repeat (see `src/plugins/compiled-execution.ts`). */
  compiledExecution: {
    /** Documents remembered; 0 turns compiling off. */
    maxDocuments: number;
    /** The run of a document on which it is compiled. */
    compileAfterRuns: number;
    /** Operations selecting more fields, fragments expanded, always run on the general executor. */
    maxFields: number;
  };
  /** Shared caches and in-flight de-duplication for anonymous requests (see `src/treeherder/cache.ts`). */
  cache: {
    enabled: boolean;
    /** Estimated bytes of pushes, jobs, job lists and signature listings kept. */
    maxBytes: number;
    /** Repositories, frameworks and the other reference lists, and signature listings. */
    referenceTtlMs: number;
    /** Completed jobs, and job lists whose jobs are all completed, reused without asking. */
    jobTtlMs: number;
  };
  /** How long SIGTERM waits for in-flight requests before closing their connections. */
  shutdownTimeoutMs: number;
  /** State shared by the replicas (src/stores/); null: everything stays in this process. */
  redis: {
    url: string;
    keyPrefix: string;
    timeoutMs: number;
    connectTimeoutMs: number;
    cacheTtlMs: number;
    persistedQueryTtlMs: number;
    syncIntervalMs: number;
    /** What signed requests get while Redis is down: `closed` (a 503) or `local` nonces (weaker). */
    hawkFallback: 'closed' | 'local';
  } | null;
  /** How long a client may take to send a request, and keep an idle connection (see `src/server.ts`). */
  server: {
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    keepAliveTimeoutMs: number;
  };
  /** Subscriptions: polling, backoff and limits (see `src/live/`). */
  live: LiveSettings;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export const DEFAULT_TREEHERDER_URL = 'https://treeherder.mozilla.org';
export const DEFAULT_CONTACT = 'https://github.com/treeherder-graphql/treeherder-graphql';

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): ConfigResult {
  const errors: string[] = [];
  const text = (name: string): string | null => {
    const value = env[name]?.trim();
    return value ? value : null;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const value = text(name);
    if (value === null) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      errors.push(`${name} must be an integer from ${min} to ${max} (got "${value}").`);
      return fallback;
    }
    return parsed;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const value = text(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    errors.push(`${name} must be true or false (got "${value}").`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const value = text(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if ((values as readonly string[]).includes(value)) return value as T;
    errors.push(`${name} must be one of ${values.join(', ')} (got "${value}").`);
    return fallback;
  };
  // Unset or `*`: any origin (the data is public and no cookies are used); `off`: no CORS
  // headers at all; otherwise a comma-separated list of exact origins.
  const corsOrigins = (value: string | null): Config['corsOrigins'] => {
    if (value === null || value === '*') return '*';
    if (['off', 'none'].includes(value.toLowerCase())) return null;
    const origins = value.split(',').map((origin) => origin.trim()).filter(Boolean);
    const invalid = origins.filter((origin) => {
      // `null` (sandboxed frames, file: pages) only ever when listed literally.
      if (origin === 'null') return false;
      try {
        return new URL(origin).origin !== origin;
      } catch {
        return true;
      }
    });
    if (invalid.length > 0) errors.push(`CORS_ORIGINS must be *, off, or comma-separated origins like https://app.example (got "${invalid.join('", "')}").`);
    return origins;
  };
  const url = (name: string, fallback: string): string => {
    const value = text(name) ?? fallback;
    try {
      const parsed = new URL(value);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
      if (parsed.search || parsed.hash || parsed.username || parsed.password) throw new Error('extras');
      return parsed.toString().replace(/\/+$/, '');
    } catch {
      errors.push(`${name} must be an http(s) URL without query, fragment or credentials (got "${value}").`);
      return fallback;
    }
  };

  // 32 at once for the whole gateway (the fleet, with REDIS_URL): a push's failed jobs' notes and
  // bug suggestions, which have no batch form, go out in one wave (README § Performance).
  const maxConcurrency = int('UPSTREAM_MAX_CONCURRENCY', 32, 1, 1024);
  const config: Config = {
    treeherderUrl: url('TREEHERDER_URL', DEFAULT_TREEHERDER_URL),
    host: text('HOST') ?? '0.0.0.0',
    port: int('PORT', 4000, 0, 65535),
    userAgentContact: text('USER_AGENT_CONTACT') ?? DEFAULT_CONTACT,
    timeouts: {
      connectMs: int('UPSTREAM_CONNECT_TIMEOUT_MS', 5_000, 1, 600_000),
      headersMs: int('UPSTREAM_HEADERS_TIMEOUT_MS', 30_000, 1, 600_000),
      bodyMs: int('UPSTREAM_BODY_TIMEOUT_MS', 10_000, 1, 600_000),
      upstreamTotalMs: int('UPSTREAM_TIMEOUT_MS', 35_000, 1, 600_000),
      requestDeadlineMs: int('REQUEST_DEADLINE_MS', 25_000, 1, 600_000),
    },
    resilience: {
      retries: int('UPSTREAM_RETRIES', 2, 0, 10),
      retryBaseMs: int('UPSTREAM_RETRY_BASE_MS', 250, 1, 60_000),
      retryMaxDelayMs: int('UPSTREAM_RETRY_MAX_DELAY_MS', 2_000, 1, 60_000),
      retryAfterMaxMs: int('UPSTREAM_RETRY_AFTER_MAX_MS', 5_000, 0, 600_000),
      breakerThreshold: int('UPSTREAM_BREAKER_THRESHOLD', 5, 1, 10_000),
      breakerCooldownMs: int('UPSTREAM_BREAKER_COOLDOWN_MS', 10_000, 1, 600_000),
      maxConcurrency,
      maxQueue: int('UPSTREAM_MAX_QUEUE', 500, 0, 100_000),
    },
    // Unset: one per slot, so HTTP/1.1 can use every slot (with HTTP/2 they share one connection).
    upstreamConnections: int('UPSTREAM_CONNECTIONS', maxConcurrency, 1, 1024),
    upstreamHttp2: bool('UPSTREAM_HTTP2', true),
    upstreamCaFile: text('UPSTREAM_CA_FILE'),
    upstreamMaxBodyBytes: int('UPSTREAM_MAX_BODY_BYTES', 33_554_432, 1_024, 1_073_741_824),
    // Unset: as many as the gateway-wide cap, which fair sharing already divides between requests.
    fanoutConcurrency: int('UPSTREAM_FANOUT_CONCURRENCY', maxConcurrency, 1, 1024),
    hawk: {
      credentialsFile: text('HAWK_CREDENTIALS_FILE'),
      publicHost: text('PUBLIC_HOST'),
      publicPort: text('PUBLIC_PORT') === null ? null : int('PUBLIC_PORT', 443, 1, 65535),
      requirePayloadHash: bool('HAWK_REQUIRE_PAYLOAD_HASH', true),
    },
    graphiql: bool('GRAPHIQL', true),
    corsOrigins: corsOrigins(text('CORS_ORIGINS')),
    persistedOperations: oneOf('PERSISTED_OPERATIONS', ['automatic', 'trusted', 'off'] as const, 'automatic'),
    httpCacheMaxAgeSeconds: int('HTTP_CACHE_MAX_AGE', 300, 0, 86_400),
    limits: {
      maxRequestBodyBytes: int('MAX_REQUEST_BODY_BYTES', 100_000, 1_000, 10_000_000),
      maxDocumentBytes: int('MAX_DOCUMENT_BYTES', 20_000, 100, 1_000_000),
      maxTokens: int('MAX_TOKENS', 2_000, 10, 100_000),
      maxDepth: int('MAX_DEPTH', 12, 2, 100),
      maxAliases: int('MAX_ALIASES', 100, 0, 1_000),
      maxIntrospectionFields: int('MAX_INTROSPECTION_FIELDS', 2, 0, 100),
      maxIntrospectionDepth: int('MAX_INTROSPECTION_DEPTH', 3, 1, 20),
      maxCost: int('MAX_OPERATION_COST', 500, 1, 100_000),
      costRefusalFactor: int('COST_REFUSAL_FACTOR', 2, 1, 100),
    },
    metrics: bool('METRICS', true),
    compiledExecution: {
      maxDocuments: int('COMPILED_QUERIES', 500, 0, 100_000),
      compileAfterRuns: int('COMPILE_AFTER_RUNS', 2, 1, 1_000_000),
      maxFields: int('COMPILE_MAX_FIELDS', 300, 0, 100_000),
    },
    cache: {
      enabled: bool('CACHE', true),
      maxBytes: int('CACHE_MAX_BYTES', 67_108_864, 0, 17_179_869_184),
      referenceTtlMs: int('CACHE_REFERENCE_TTL_SECONDS', 300, 0, 86_400) * 1000,
      jobTtlMs: int('CACHE_JOB_TTL_SECONDS', 60, 0, 86_400) * 1000,
    },
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    redis: null,
    server: {
      headersTimeoutMs: int('SERVER_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
      requestTimeoutMs: int('SERVER_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
      keepAliveTimeoutMs: int('SERVER_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
    },
    live: {
      pollIntervalMs: int('LIVE_POLL_INTERVAL_MS', 30_000, 1_000, 3_600_000),
      maxBackoffMs: int('LIVE_MAX_BACKOFF_MS', 300_000, 1_000, 3_600_000),
      maxSubscriptions: int('LIVE_MAX_SUBSCRIPTIONS', 10_000, 0, 1_000_000),
      maxPerCaller: int('LIVE_MAX_SUBSCRIPTIONS_PER_CALLER', 200, 1, 1_000_000),
      maxPerConnection: int('LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION', 25, 1, 10_000),
      maxQueuedEvents: int('LIVE_MAX_QUEUED_EVENTS', 100, 1, 100_000),
      keepAliveMs: int('LIVE_KEEPALIVE_MS', 15_000, 1_000, 600_000),
    },
  };
  const redisUrl = text('REDIS_URL');
  const redisSettings = {
    keyPrefix: text('REDIS_KEY_PREFIX') ?? 'thgql:',
    timeoutMs: int('REDIS_TIMEOUT_MS', 250, 1, 60_000),
    connectTimeoutMs: int('REDIS_CONNECT_TIMEOUT_MS', 5_000, 1, 600_000),
    cacheTtlMs: int('REDIS_CACHE_TTL_SECONDS', 3_600, 1, 604_800) * 1000,
    persistedQueryTtlMs: int('REDIS_PERSISTED_QUERY_TTL_SECONDS', 86_400, 1, 2_592_000) * 1000,
    syncIntervalMs: int('REDIS_SYNC_INTERVAL_MS', 5_000, 10, 600_000),
    hawkFallback: oneOf('HAWK_REDIS_FALLBACK', ['closed', 'local'] as const, 'closed'),
  };
  if (redisUrl !== null) {
    // Never echoed: the URL may hold a password.
    let protocol = '';
    try {
      protocol = new URL(redisUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol === 'redis:' || protocol === 'rediss:') config.redis = { url: redisUrl, ...redisSettings };
    else errors.push('REDIS_URL must be a redis:// or rediss:// URL (redis://[:password@]host:port[/db]).');
  }
  // Without a public address the verifier would trust the Host header, and a header signed for
  // another service sharing the keys would be accepted here.
  if (config.hawk.credentialsFile !== null && (config.hawk.publicHost === null || config.hawk.publicPort === null)) {
    errors.push('HAWK_CREDENTIALS_FILE needs PUBLIC_HOST and PUBLIC_PORT: the host and port callers sign (the address clients use, e.g. gateway.example and 443).');
  }
  if (config.server.headersTimeoutMs > config.server.requestTimeoutMs) {
    errors.push('SERVER_HEADERS_TIMEOUT_MS must not exceed SERVER_REQUEST_TIMEOUT_MS (the headers are part of the request).');
  }
  if (/[\r\n]/.test(config.userAgentContact)) errors.push('USER_AGENT_CONTACT must be one line.');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config };
}

/** `treeherder-graphql/<version> (+<contact>)`: a descriptive agent, as Treeherder asks of API users. */
export function gatewayUserAgent(version: string, contact: string): string {
  return `treeherder-graphql/${version} (+${contact})`;
}
