import type { Plugin } from 'graphql-yoga';
import { PROMETHEUS_CONTENT_TYPE, createRegistry, type Registry } from '../metrics.js';
import type { UpstreamEvent } from '../treeherder/http.js';
import type { RequestFacts } from './request-facts.js';
import { whenRequestEnds } from './request-end.js';

// The gateway's metrics. No label carries a credential or a value a caller can make up
// without bound: operation names are capped, endpoints are route templates, codes are ours.

export type BreakerState = 'closed' | 'half-open' | 'open';

const BREAKER_VALUES: Readonly<Record<BreakerState, number>> = { closed: 0, 'half-open': 1, open: 2 };

/** Seconds; GraphQL requests wait on Treeherder, whose workers give up at 30 s. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const COST_BUCKETS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/** Distinct operation names kept as label values; later ones count as `other`. */
export const MAX_OPERATION_LABELS = 200;

export interface GatewayMetrics {
  registry: Registry;
  /** One finished HTTP request (any path but /metrics). */
  observeRequest(facts: RequestFacts): void;
  /** One upstream request, as `src/treeherder/http.ts` reports it. */
  observeUpstream(event: UpstreamEvent): void;
  /** An upstream request that is being retried (for whoever implements retries). */
  countRetry(endpoint: string): void;
  /** The upstream circuit breaker's state (for whoever implements the breaker). */
  setBreakerState(state: BreakerState): void;
  /** A lookup in one of the shared caches (`src/treeherder/cache.ts`). */
  observeCache(cache: string, outcome: 'hit' | 'miss'): void;
  /** An anonymous upstream GET answered by an identical one already in flight. */
  countCoalesced(): void;
  requestStarted(): void;
  requestFinished(): void;
  /** The /metrics body. */
  render(): string;
}

/** The operation name as a label value: GraphQL names only, at most `MAX_OPERATION_LABELS` of them. */
export function createOperationLabeler(max = MAX_OPERATION_LABELS): (name: string | null) => string {
  const seen = new Set<string>();
  return (name) => {
    if (name === null || !/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name)) return 'anonymous';
    if (seen.has(name)) return name;
    if (seen.size >= max) return 'other';
    seen.add(name);
    return name;
  };
}

/** A route template as a label: segments other than words and `{placeholders}` become `{value}`. */
export function endpointLabel(endpoint: string): string {
  return endpoint
    .split('/')
    .map((segment) => (segment === '' || /^[a-z_-]{1,40}$/.test(segment) || /^\{[a-z]+\}$/.test(segment) ? segment : '{value}'))
    .join('/')
    .slice(0, 120);
}

const codeLabel = (code: string): string => (/^[A-Z][A-Z_]{0,49}$/.test(code) ? code : 'UNKNOWN');

export function createGatewayMetrics(version: string): GatewayMetrics {
  const registry = createRegistry();
  const operationLabel = createOperationLabeler();

  registry.gauge('gateway_info', 'The running gateway; the value is always 1.', ['version']).set(1, { version });
  const operations = registry.counter(
    'graphql_operations_total',
    'GraphQL operations by name and outcome: success (no errors), partial (data and errors), error (no data).',
    ['operation', 'status'],
  );
  const durations = registry.histogram('graphql_operation_duration_seconds', 'Time from request to response of GraphQL operations.', DURATION_BUCKETS, ['operation']);
  const errors = registry.counter('graphql_errors_total', 'Errors in GraphQL responses by extensions.code.', ['code']);
  const costs = registry.histogram(
    'graphql_operation_estimated_upstream_requests',
    'Estimated upstream requests of operations, refused ones included (the budget is MAX_OPERATION_COST).',
    COST_BUCKETS,
  );
  const responses = registry.counter('http_responses_total', 'HTTP responses by status (probes and scrapes left out).', ['status']);
  const inFlight = registry.gauge('http_requests_in_flight', 'HTTP requests being handled now (scrapes left out).');
  const upstreamRequests = registry.counter('upstream_requests_total', 'Requests to Treeherder by route and HTTP status (or error code when no response came).', ['endpoint', 'status']);
  const upstreamDurations = registry.histogram('upstream_request_duration_seconds', 'Latency of requests to Treeherder by route.', DURATION_BUCKETS, ['endpoint']);
  const retries = registry.counter('upstream_retries_total', 'Requests to Treeherder retried, by route.', ['endpoint']);
  const breaker = registry.gauge('upstream_breaker_state', 'The circuit breaker in front of Treeherder: 0 closed, 1 half-open, 2 open.');
  const cacheLookups = registry.counter('cache_lookups_total', 'Lookups in the shared caches by cache and outcome (hit, miss).', ['cache', 'outcome']);
  const coalesced = registry.counter('upstream_coalesced_total', 'Anonymous upstream GETs not sent because an identical one was already in flight.');

  return {
    registry,
    observeRequest(facts) {
      responses.inc({ status: String(facts.status) });
      if (!facts.graphql) return;
      const operation = operationLabel(facts.operationName);
      operations.inc({ operation, status: facts.outcome });
      durations.observe(facts.durationMs / 1000, { operation });
      for (const code of facts.errorCodes) errors.inc({ code: codeLabel(code) });
      if (facts.estimatedUpstreamRequests !== null) costs.observe(facts.estimatedUpstreamRequests);
    },
    observeUpstream(event) {
      const endpoint = endpointLabel(event.endpoint);
      upstreamRequests.inc({ endpoint, status: event.status === null ? codeLabel(event.errorCode ?? 'UNKNOWN') : String(event.status) });
      upstreamDurations.observe(event.durationMs / 1000, { endpoint });
    },
    countRetry(endpoint) {
      retries.inc({ endpoint: endpointLabel(endpoint) });
    },
    setBreakerState(state) {
      breaker.set(BREAKER_VALUES[state]);
    },
    observeCache(cache, outcome) {
      cacheLookups.inc({ cache, outcome });
    },
    countCoalesced: () => coalesced.inc(),
    requestStarted: () => inFlight.inc(),
    requestFinished: () => inFlight.dec(),
    render: () => registry.render(),
  };
}

/**
 * Serves the metrics on `GET /metrics` and counts requests in flight. Put it first among the
 * plugins, so that every other request is counted from its start.
 */
export function useMetrics(metrics: GatewayMetrics, endpoint = '/metrics'): Plugin {
  const counted = new WeakSet<Request>();
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === endpoint) {
        endResponse(
          request.method === 'GET' || request.method === 'HEAD'
            ? new fetchAPI.Response(request.method === 'GET' ? metrics.render() : null, { status: 200, headers: { 'content-type': PROMETHEUS_CONTENT_TYPE } })
            : new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }),
        );
        return;
      }
      counted.add(request);
      metrics.requestStarted();
    },
    onResponse({ request }) {
      if (!counted.delete(request)) return;
      // An answer in parts is in flight until its last part has gone.
      whenRequestEnds(request, () => metrics.requestFinished());
    },
  };
}
