import { describe, expect, it } from 'vitest';
import { gatewayUserAgent, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      ok: true,
      config: {
        treeherderUrl: 'https://treeherder.mozilla.org',
        host: '0.0.0.0',
        port: 4000,
        userAgentContact: 'https://github.com/treeherder-graphql/treeherder-graphql',
        timeouts: { connectMs: 5000, headersMs: 30000, bodyMs: 10000, upstreamTotalMs: 35000, requestDeadlineMs: 25000 },
        resilience: {
          retries: 2,
          retryBaseMs: 250,
          retryMaxDelayMs: 2000,
          retryAfterMaxMs: 5000,
          breakerThreshold: 5,
          breakerCooldownMs: 10000,
          maxConcurrency: 32,
          maxQueue: 500,
        },
        upstreamConnections: 32,
        upstreamHttp2: true,
        upstreamCaFile: null,
        upstreamMaxBodyBytes: 33_554_432,
        // Unset: the gateway-wide cap (fair sharing divides it between requests).
        fanoutConcurrency: 32,
        hawk: { credentialsFile: null, publicHost: null, publicPort: null, requirePayloadHash: true },
        graphiql: true,
        corsOrigins: '*',
        persistedOperations: 'automatic',
        httpCacheMaxAgeSeconds: 300,
        server: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 },
        limits: { maxRequestBodyBytes: 100000, maxDocumentBytes: 20000, maxTokens: 2000, maxDepth: 12, maxAliases: 100, maxIntrospectionFields: 2, maxIntrospectionDepth: 3, maxCost: 500, costRefusalFactor: 2 },
        metrics: true,
        compiledExecution: { maxDocuments: 500, compileAfterRuns: 2, maxFields: 300 },
        cache: { enabled: true, maxBytes: 67108864, referenceTtlMs: 300000, jobTtlMs: 60000 },
        shutdownTimeoutMs: 10000,
        redis: null,
        live: { pollIntervalMs: 30000, maxBackoffMs: 300000, maxSubscriptions: 10000, maxPerCaller: 200, maxPerConnection: 25, maxQueuedEvents: 100, keepAliveMs: 15000 },
      },
    });
  });

  it.each([
    [{ TREEHERDER_URL: 'http://127.0.0.1:8000/' }, { treeherderUrl: 'http://127.0.0.1:8000' }],
    [{ PORT: '8080', HOST: '127.0.0.1' }, { port: 8080, host: '127.0.0.1' }],
    [{ GRAPHIQL: 'off' }, { graphiql: false }],
    [
      { MAX_REQUEST_BODY_BYTES: '5000', MAX_DOCUMENT_BYTES: '1000', MAX_TOKENS: '50', MAX_DEPTH: '4', MAX_ALIASES: '0', MAX_OPERATION_COST: '10' },
      { limits: { maxRequestBodyBytes: 5000, maxDocumentBytes: 1000, maxTokens: 50, maxDepth: 4, maxAliases: 0, maxCost: 10, costRefusalFactor: 2 } },
    ],
    [{ METRICS: 'false', SHUTDOWN_TIMEOUT_MS: '0' }, { metrics: false, shutdownTimeoutMs: 0 }],
    [
      {
        LIVE_POLL_INTERVAL_MS: '5000',
        LIVE_MAX_BACKOFF_MS: '60000',
        LIVE_MAX_SUBSCRIPTIONS: '0',
        LIVE_MAX_SUBSCRIPTIONS_PER_CALLER: '3',
        LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
        LIVE_MAX_QUEUED_EVENTS: '10',
        LIVE_KEEPALIVE_MS: '1000',
      },
      { live: { pollIntervalMs: 5000, maxBackoffMs: 60000, maxSubscriptions: 0, maxPerCaller: 3, maxPerConnection: 2, maxQueuedEvents: 10, keepAliveMs: 1000 } },
    ],
    [{ CORS_ORIGINS: 'https://a.example, http://localhost:3000' }, { corsOrigins: ['https://a.example', 'http://localhost:3000'] }],
    [{ CORS_ORIGINS: 'off' }, { corsOrigins: null }],
    [{ CORS_ORIGINS: 'https://a.example,null' }, { corsOrigins: ['https://a.example', 'null'] }],
    [{ PERSISTED_OPERATIONS: 'trusted', HTTP_CACHE_MAX_AGE: '0' }, { persistedOperations: 'trusted', httpCacheMaxAgeSeconds: 0 }],
    [{ HAWK_CREDENTIALS_FILE: '/etc/gw/hawk.json', PUBLIC_HOST: 'gw.example', PUBLIC_PORT: '443' }, { hawk: { credentialsFile: '/etc/gw/hawk.json', publicHost: 'gw.example', publicPort: 443, requirePayloadHash: true } }],
    [{ HAWK_REQUIRE_PAYLOAD_HASH: 'false' }, { hawk: expect.objectContaining({ requirePayloadHash: false }) }],
    [
      { REDIS_URL: 'redis://:secret@redis.internal:6379/2' },
      {
        redis: {
          url: 'redis://:secret@redis.internal:6379/2',
          keyPrefix: 'thgql:',
          timeoutMs: 250,
          connectTimeoutMs: 5000,
          cacheTtlMs: 3_600_000,
          persistedQueryTtlMs: 86_400_000,
          syncIntervalMs: 5000,
          hawkFallback: 'closed',
        },
      },
    ],
    [
      {
        REDIS_URL: 'rediss://redis.internal',
        REDIS_KEY_PREFIX: 'gw-prod:',
        REDIS_TIMEOUT_MS: '50',
        REDIS_CONNECT_TIMEOUT_MS: '1000',
        REDIS_CACHE_TTL_SECONDS: '60',
        REDIS_PERSISTED_QUERY_TTL_SECONDS: '600',
        REDIS_SYNC_INTERVAL_MS: '100',
        HAWK_REDIS_FALLBACK: 'local',
      },
      { redis: { url: 'rediss://redis.internal', keyPrefix: 'gw-prod:', timeoutMs: 50, connectTimeoutMs: 1000, cacheTtlMs: 60_000, persistedQueryTtlMs: 600_000, syncIntervalMs: 100, hawkFallback: 'local' } },
    ],
    [{ UPSTREAM_TIMEOUT_MS: '1000' }, { timeouts: expect.objectContaining({ upstreamTotalMs: 1000 }) }],
    [{ UPSTREAM_HTTP2: 'false', UPSTREAM_CA_FILE: '/etc/gw/proxy-ca.pem' }, { upstreamHttp2: false, upstreamCaFile: '/etc/gw/proxy-ca.pem' }],
    [{ CACHE: 'off', CACHE_MAX_BYTES: '1000000', CACHE_REFERENCE_TTL_SECONDS: '60', CACHE_JOB_TTL_SECONDS: '0' }, { cache: { enabled: false, maxBytes: 1000000, referenceTtlMs: 60000, jobTtlMs: 0 } }],
    [{ REQUEST_DEADLINE_MS: '1500', UPSTREAM_BODY_TIMEOUT_MS: '200' }, { timeouts: expect.objectContaining({ requestDeadlineMs: 1500, bodyMs: 200 }) }],
    [
      {
        UPSTREAM_RETRIES: '0',
        UPSTREAM_RETRY_BASE_MS: '10',
        UPSTREAM_RETRY_MAX_DELAY_MS: '40',
        UPSTREAM_RETRY_AFTER_MAX_MS: '0',
        UPSTREAM_BREAKER_THRESHOLD: '3',
        UPSTREAM_BREAKER_COOLDOWN_MS: '250',
        UPSTREAM_MAX_CONCURRENCY: '2',
        UPSTREAM_MAX_QUEUE: '0',
      },
      {
        resilience: {
          retries: 0,
          retryBaseMs: 10,
          retryMaxDelayMs: 40,
          retryAfterMaxMs: 0,
          breakerThreshold: 3,
          breakerCooldownMs: 250,
          maxConcurrency: 2,
          maxQueue: 0,
        },
        fanoutConcurrency: 2,
      },
    ],
  ])('reads %j', (env, expected) => {
    const result = loadConfig(env);
    expect(result.ok && result.config).toMatchObject(expected);
  });

  it('reports every problem at once', () => {
    expect(loadConfig({ TREEHERDER_URL: 'ftp://x', PORT: 'eighty', UPSTREAM_TIMEOUT_MS: '0', GRAPHIQL: 'maybe', USER_AGENT_CONTACT: 'a\nb' })).toEqual({
      ok: false,
      errors: [
        'TREEHERDER_URL must be an http(s) URL without query, fragment or credentials (got "ftp://x").',
        'PORT must be an integer from 0 to 65535 (got "eighty").',
        'UPSTREAM_TIMEOUT_MS must be an integer from 1 to 600000 (got "0").',
        'GRAPHIQL must be true or false (got "maybe").',
        'USER_AGENT_CONTACT must be one line.',
      ],
    });
  });

  it('compiles queries from their second run, keeps 500, and can be turned off', () => {
    const config = (env: Record<string, string>) => {
      const loaded = loadConfig(env);
      if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
      return loaded.config.compiledExecution;
    };
    expect(config({ COMPILED_QUERIES: '0', COMPILE_AFTER_RUNS: '1' })).toEqual({ maxDocuments: 0, compileAfterRuns: 1, maxFields: 300 });
    expect(loadConfig({ COMPILE_AFTER_RUNS: '0' })).toEqual({ ok: false, errors: ['COMPILE_AFTER_RUNS must be an integer from 1 to 1000000 (got "0").'] });
  });

  it('refuses a poll interval that would hammer Treeherder', () => {
    expect(loadConfig({ LIVE_POLL_INTERVAL_MS: '100' })).toEqual({ ok: false, errors: ['LIVE_POLL_INTERVAL_MS must be an integer from 1000 to 3600000 (got "100").'] });
  });

  it('refuses origins with a path and unknown persisted-operations modes', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example/app,https://b.example', PERSISTED_OPERATIONS: 'apq' })).toEqual({
      ok: false,
      errors: [
        'CORS_ORIGINS must be *, off, or comma-separated origins like https://app.example (got "https://a.example/app").',
        'PERSISTED_OPERATIONS must be one of automatic, trusted, off (got "apq").',
      ],
    });
  });

  it('refuses limits out of range, all at once', () => {
    expect(loadConfig({ MAX_REQUEST_BODY_BYTES: '10', MAX_DEPTH: '1', MAX_OPERATION_COST: '0', METRICS: 'sometimes' })).toEqual({
      ok: false,
      errors: [
        'MAX_REQUEST_BODY_BYTES must be an integer from 1000 to 10000000 (got "10").',
        'MAX_DEPTH must be an integer from 2 to 100 (got "1").',
        'MAX_OPERATION_COST must be an integer from 1 to 100000 (got "0").',
        'METRICS must be true or false (got "sometimes").',
      ],
    });
  });

  it('refuses resilience settings out of range, all at once', () => {
    expect(loadConfig({ REQUEST_DEADLINE_MS: '0', UPSTREAM_RETRIES: '11', UPSTREAM_BREAKER_THRESHOLD: '0', UPSTREAM_MAX_CONCURRENCY: 'many' })).toEqual({
      ok: false,
      // UPSTREAM_MAX_CONCURRENCY is read first: the fan-out's default follows it.
      errors: [
        'UPSTREAM_MAX_CONCURRENCY must be an integer from 1 to 1024 (got "many").',
        'REQUEST_DEADLINE_MS must be an integer from 1 to 600000 (got "0").',
        'UPSTREAM_RETRIES must be an integer from 0 to 10 (got "11").',
        'UPSTREAM_BREAKER_THRESHOLD must be an integer from 1 to 10000 (got "0").',
      ],
    });
  });

  it.each([
    [{ HAWK_CREDENTIALS_FILE: '/etc/gw/hawk.json' }],
    [{ HAWK_CREDENTIALS_FILE: '/etc/gw/hawk.json', PUBLIC_HOST: 'gw.example' }],
    [{ HAWK_CREDENTIALS_FILE: '/etc/gw/hawk.json', PUBLIC_PORT: '443' }],
  ])('refuses Hawk without the public host and port callers sign: %j', (env) => {
    expect(loadConfig(env)).toEqual({
      ok: false,
      errors: ['HAWK_CREDENTIALS_FILE needs PUBLIC_HOST and PUBLIC_PORT: the host and port callers sign (the address clients use, e.g. gateway.example and 443).'],
    });
  });

  it('refuses a REDIS_URL that is not redis:// without echoing it (it may hold a password)', () => {
    const result = loadConfig({ REDIS_URL: 'http://:hunter2@redis.internal', REDIS_TIMEOUT_MS: '0', HAWK_REDIS_FALLBACK: 'open' });
    expect(result).toEqual({
      ok: false,
      errors: [
        'REDIS_TIMEOUT_MS must be an integer from 1 to 60000 (got "0").',
        'HAWK_REDIS_FALLBACK must be one of closed, local (got "open").',
        'REDIS_URL must be a redis:// or rediss:// URL (redis://[:password@]host:port[/db]).',
      ],
    });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('builds a descriptive User-Agent that no Treeherder block pattern matches', () => {
    const agent = gatewayUserAgent('1.2.3', 'mailto:ops@example.org');
    expect(agent).toBe('treeherder-graphql/1.2.3 (+mailto:ops@example.org)');
    for (const blocked of [/^Go-http-client\//, /^Go 1.1 package http/, /^libcurl\//, /^Python-urllib\//, /^python-requests\//]) {
      expect(agent).not.toMatch(blocked);
    }
  });
});
