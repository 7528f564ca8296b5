import type { Logger } from '../log.js';
import type { RequestFacts } from './request-facts.js';

/**
 * One JSON line per request: who (request id, Hawk id — never a key), what (method, path,
 * operation), how it went (status, error codes, duration) and what it cost upstream.
 */
export function logRequest(logger: Logger, facts: RequestFacts): void {
  logger.log(facts.status >= 500 ? 'error' : 'info', 'request', {
    requestId: facts.requestId,
    method: facts.method,
    path: facts.path,
    status: facts.status,
    durationMs: Math.round(facts.durationMs * 10) / 10,
    operation: facts.operationName,
    errorCodes: facts.errorCodes,
    upstreamRequests: facts.upstreamRequests,
    estimatedUpstreamRequests: facts.estimatedUpstreamRequests,
    hawkId: facts.hawkId,
  });
}
