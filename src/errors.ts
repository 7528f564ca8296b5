import { GraphQLError } from 'graphql';
import { createGraphQLError, maskError } from 'graphql-yoga';

/**
 * Every error code the gateway puts in `extensions.code`. The README documents each one;
 * clients match on these, never on message text.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  UPSTREAM_BAD_REQUEST: 'UPSTREAM_BAD_REQUEST',
  UPSTREAM_NOT_FOUND: 'UPSTREAM_NOT_FOUND',
  UPSTREAM_FORBIDDEN: 'UPSTREAM_FORBIDDEN',
  UPSTREAM_UNAUTHENTICATED: 'UPSTREAM_UNAUTHENTICATED',
  UPSTREAM_RATE_LIMITED: 'UPSTREAM_RATE_LIMITED',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  UPSTREAM_BAD_RESPONSE: 'UPSTREAM_BAD_RESPONSE',
  // The gateway's own restraint toward Treeherder: too many requests already waiting.
  UPSTREAM_OVERLOADED: 'UPSTREAM_OVERLOADED',
  // The GraphQL request has spent its upstream budget (MAX_OPERATION_COST): this call was not sent.
  UPSTREAM_BUDGET_EXCEEDED: 'UPSTREAM_BUDGET_EXCEEDED',
  // Operation limits: refused before execution, nothing sent upstream.
  DOCUMENT_TOO_LARGE: 'DOCUMENT_TOO_LARGE',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  OPERATION_TOO_DEEP: 'OPERATION_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  OPERATION_TOO_EXPENSIVE: 'OPERATION_TOO_EXPENSIVE',
  INTROSPECTION_TOO_LARGE: 'INTROSPECTION_TOO_LARGE',
  OPERATION_NOT_SUPPORTED: 'OPERATION_NOT_SUPPORTED',
  // Live updates: a subscription limit (per connection, caller or process) is reached.
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * A failed upstream request, already in the shape a GraphQL client sees: a GraphQLError
 * whose `extensions` carry the code, the upstream status and Treeherder's own explanation
 * (`detail`, only when it sent one as JSON — never an HTML page, never the URL: URLs can
 * carry ids a caller should not learn from an error, and signed requests must not be
 * echoed). Being a GraphQLError, it passes Yoga's mask as an expected error: unchanged, and
 * not logged as an unexpected one.
 */
export class UpstreamError extends GraphQLError {
  override readonly name = 'UpstreamError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number | null = null,
    readonly detail: string | null = null,
    readonly endpoint: string | null = null,
    /** A 429's `Retry-After`, in milliseconds, when Treeherder (or a proxy) sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    const extensions: Record<string, unknown> = { code };
    if (status !== null) extensions['upstreamStatus'] = status;
    if (detail !== null) extensions['upstreamDetail'] = detail;
    if (retryAfterMs !== null) extensions['retryAfterSeconds'] = Math.ceil(retryAfterMs / 1000);
    super(message, { extensions });
  }
}

/** A request the caller got wrong; raised before any upstream call. */
export function badUserInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument } });
}

/**
 * An operation refused before execution (a limit, an unsupported operation type). Like a
 * validation error it is a 400 under `application/graphql-response+json` and a 200 under
 * `application/json`, as the GraphQL-over-HTTP spec asks. Made by Yoga's own helper: Yoga
 * strips the `http` extension only from errors of its copy of graphql.
 */
export function operationRefused(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return createGraphQLError(message, { extensions: { code, ...details, http: { status: 400, spec: true } } });
}

/** The code of an upstream HTTP status that is not a success. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 400) return ErrorCode.UPSTREAM_BAD_REQUEST;
  if (status === 401) return ErrorCode.UPSTREAM_UNAUTHENTICATED;
  if (status === 403) return ErrorCode.UPSTREAM_FORBIDDEN;
  if (status === 404) return ErrorCode.UPSTREAM_NOT_FOUND;
  if (status === 429) return ErrorCode.UPSTREAM_RATE_LIMITED;
  if (status === 502 || status === 503 || status === 504) return ErrorCode.UPSTREAM_UNAVAILABLE;
  if (status >= 500) return ErrorCode.UPSTREAM_ERROR;
  return ErrorCode.UPSTREAM_BAD_RESPONSE;
}

/**
 * Recognises a GraphQLError by class or, failing that, by name: a second copy of `graphql`
 * in the module graph (a plugin's, or a test runner's ESM build) makes `instanceof` lie.
 */
function isGraphQLErrorLike(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError || (error instanceof Error && (error.name === 'GraphQLError' || error.name === 'UpstreamError'));
}

/**
 * Yoga's error mask. Errors the gateway raised on purpose — bad input, refused operations,
 * upstream failures — are GraphQL errors and keep their message and code. Anything else is
 * an unexpected exception and becomes Yoga's "Unexpected error." with no stack and no URL
 * (Yoga logs the original).
 */
export function maskGatewayError(error: unknown, message: string, isDev?: boolean): Error {
  let cause: unknown = error;
  while (isGraphQLErrorLike(cause) && cause.originalError) cause = cause.originalError;
  if (isGraphQLErrorLike(cause)) return error as Error;
  return maskError(error, message, isDev);
}
