import { ErrorCode, UpstreamError } from '../errors.js';

// Each GraphQL request's allowance of upstream requests (`MAX_OPERATION_COST`), spent as the
// requests go out: every attempt counts, retries and further pages included; answers from a
// cache or from another caller's identical request in flight (coalescing) cost nothing. Once
// it is spent, further upstream calls of that request fail at once with
// UPSTREAM_BUDGET_EXCEEDED at their fields, and the rest of the answer is sent: a request can
// never make more upstream requests than its budget, whatever the estimate said.

export interface UpstreamBudget {
  readonly limit: number;
  /** Upstream requests sent so far. */
  readonly spent: number;
  /** Requests still allowed. */
  remaining(): number;
  /** Counts one request about to be sent to `endpoint`, or throws UPSTREAM_BUDGET_EXCEEDED when none is left. */
  take(endpoint: string): void;
  /** The error for a call (or `pages` more calls) the budget cannot pay for. */
  exceeded(endpoint: string, needed?: number): UpstreamError;
}

export function createUpstreamBudget(limit: number): UpstreamBudget {
  let spent = 0;
  const budget: UpstreamBudget = {
    limit,
    get spent() {
      return spent;
    },
    remaining: () => Math.max(0, limit - spent),
    take(endpoint) {
      if (spent >= limit) throw budget.exceeded(endpoint);
      spent += 1;
    },
    exceeded(endpoint, needed = 1) {
      const error = new UpstreamError(
        ErrorCode.UPSTREAM_BUDGET_EXCEEDED,
        needed > 1
          ? `This field needs ${needed} more upstream requests to ${endpoint}, and the GraphQL request has ${Math.max(0, limit - spent)} of its ${limit} left (MAX_OPERATION_COST): ask for fewer items (smaller \`first\`) or fewer per-item fields.`
          : `The GraphQL request has spent its budget of ${limit} upstream requests (MAX_OPERATION_COST), so ${endpoint} was not sent: ask for fewer items (smaller \`first\`) or fewer per-item fields.`,
        null,
        null,
        endpoint,
      );
      (error.extensions as Record<string, unknown>)['maxUpstreamRequests'] = limit;
      return error;
    },
  };
  return budget;
}
