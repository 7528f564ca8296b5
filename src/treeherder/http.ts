import { errors as undiciErrors, type Dispatcher } from 'undici';
import { ErrorCode, UpstreamError, codeForStatus } from '../errors.js';

/** Query parameters in order; a name may repeat (Treeherder's `job_id=1&job_id=2`). */
export type QueryParams = ReadonlyArray<readonly [string, string | number]>;

export interface UpstreamTimeouts {
  /** Time to receive the response headers. */
  headersMs: number;
  /** Maximum time between two chunks of the body. */
  bodyMs: number;
  /** Overall limit for one upstream request, headers and body included. */
  totalMs: number;
}

export interface UpstreamOptions {
  /** Treeherder's site URL, e.g. `https://treeherder.mozilla.org`. */
  baseUrl: string;
  /** The gateway's own User-Agent (never a library default). */
  userAgent: string;
  dispatcher: Dispatcher;
  timeouts: UpstreamTimeouts;
}

/** What one upstream request looked like, reported to the request's observer. */
export interface UpstreamEvent {
  method: string;
  /** The route without ids, e.g. `/api/project/{repo}/push/`, for counting by endpoint. */
  endpoint: string;
  status: number | null;
  durationMs: number;
  errorCode: ErrorCode | null;
}

/** The per-GraphQL-request part of an upstream call: who is asking and who is watching. */
export interface RequestScope {
  /** Signs one upstream request (a fresh Hawk header each time), or null for anonymous. */
  sign: ((method: string, url: string) => string) | null;
  /** The User-Agent of the incoming request, appended as a comment so Treeherder sees who is behind the gateway. */
  callerUserAgent: string | null;
  /** Aborts every upstream request of this GraphQL request (client gone, deadline passed). */
  signal?: AbortSignal;
  onUpstream?: (event: UpstreamEvent) => void;
}

export interface Upstream {
  readonly baseUrl: string;
  /** The absolute URL of `path` (which must end with `/`) with `params`, exactly as it will be requested. */
  url(path: string, params?: QueryParams): string;
  getJson<T>(path: string, params: QueryParams, scope: RequestScope): Promise<T>;
}

const MAX_CALLER_AGENT = 200;

/** `gateway-agent (client: caller-agent)`, with the caller's part made safe for a header comment. */
export function composeUserAgent(own: string, caller: string | null): string {
  if (!caller) return own;
  // Printable ASCII only; parentheses would end the comment early.
  const cleaned = caller
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[()]/g, '')
    .trim()
    .slice(0, MAX_CALLER_AGENT);
  return cleaned ? `${own} (client: ${cleaned})` : own;
}

/**
 * Encodes a query string. Commas stay literal: Treeherder's CSV filters (`id__in=1,2,3`)
 * read them either way, and `%2C` would triple the length of long id lists, which are
 * bounded by Gunicorn's 4094-byte request line.
 */
export function encodeQuery(params: QueryParams): string {
  return params
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value)).replace(/%2C/gi, ',')}`)
    .join('&');
}

/** The endpoint label of a path: numeric ids and the repository name replaced by placeholders. */
export function endpointOf(path: string): string {
  return path
    .replace(/^\/api\/project\/[^/]+\//, '/api/project/{repo}/')
    .replace(/\/\d+\//g, '/{id}/');
}

export function createUpstream(options: UpstreamOptions): Upstream {
  const base = options.baseUrl.replace(/\/+$/, '');

  function url(path: string, params: QueryParams = []): string {
    if (!path.startsWith('/') || !path.endsWith('/')) {
      // Treeherder answers a path without its trailing slash with the HTML of its web app.
      throw new Error(`upstream path must start and end with "/": ${path}`);
    }
    const query = encodeQuery(params);
    return query ? `${base}${path}?${query}` : `${base}${path}`;
  }

  async function getJson<T>(path: string, params: QueryParams, scope: RequestScope): Promise<T> {
    const target = url(path, params);
    const endpoint = endpointOf(path);
    const started = performance.now();
    const report = (status: number | null, errorCode: ErrorCode | null): void =>
      scope.onUpstream?.({ method: 'GET', endpoint, status, durationMs: performance.now() - started, errorCode });

    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': composeUserAgent(options.userAgent, scope.callerUserAgent),
    };
    if (scope.sign) headers['authorization'] = scope.sign('GET', target);

    const signals = [AbortSignal.timeout(options.timeouts.totalMs)];
    if (scope.signal) signals.push(scope.signal);

    let response: Dispatcher.ResponseData;
    try {
      response = await options.dispatcher.request({
        origin: new URL(target).origin,
        path: target.slice(new URL(target).origin.length),
        method: 'GET',
        headers,
        headersTimeout: options.timeouts.headersMs,
        bodyTimeout: options.timeouts.bodyMs,
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      const mapped = toUpstreamError(error, endpoint, scope.signal);
      report(null, mapped.code);
      throw mapped;
    }

    let text: string;
    try {
      // Always consume the body, even for errors: an unread body pins the connection.
      text = await response.body.text();
    } catch (error) {
      const mapped = toUpstreamError(error, endpoint, scope.signal);
      report(response.statusCode, mapped.code);
      throw mapped;
    }

    const status = response.statusCode;
    const contentType = String(response.headers['content-type'] ?? '');
    const isJson = contentType.includes('application/json');

    if (status < 200 || status >= 300) {
      const error = statusError(status, isJson ? text : null, endpoint, response.headers['retry-after']);
      report(status, error.code);
      throw error;
    }
    if (!isJson) {
      // Unknown paths answer 200 with the web app's HTML.
      const error = new UpstreamError(
        ErrorCode.UPSTREAM_BAD_RESPONSE,
        `Treeherder answered ${endpoint} with ${contentType || 'no content type'} instead of JSON.`,
        status,
        null,
        endpoint,
      );
      report(status, error.code);
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as T;
      report(status, null);
      return parsed;
    } catch {
      const error = new UpstreamError(
        ErrorCode.UPSTREAM_BAD_RESPONSE,
        `Treeherder sent malformed JSON for ${endpoint}.`,
        status,
        null,
        endpoint,
      );
      report(status, error.code);
      throw error;
    }
  }

  return { baseUrl: base, url, getJson };
}

/** Treeherder's own explanation from a JSON error body: `{"detail"}`, `{"message"}`, a bare string, a list or field errors. */
export function detailOf(body: string | null): string | null {
  if (body === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  let detail: string | null = null;
  if (typeof parsed === 'string') detail = parsed;
  else if (Array.isArray(parsed)) detail = parsed.filter((item) => typeof item === 'string').join(' ');
  else if (parsed && typeof parsed === 'object') {
    const record = parsed as Record<string, unknown>;
    if (typeof record['detail'] === 'string') detail = record['detail'];
    else if (typeof record['message'] === 'string') detail = record['message'];
    else if (typeof record['failure'] === 'string') detail = record['failure'];
    else
      detail = Object.entries(record)
        .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(' ') : String(value)}`)
        .join('; ');
  }
  return detail ? detail.slice(0, 500) : null;
}

function statusError(status: number, jsonBody: string | null, endpoint: string, retryAfter: unknown): UpstreamError {
  const detail = detailOf(jsonBody);
  // A Hawk rejection is about our credentials, whatever status the deployment used for it.
  const code =
    detail !== null && /^(Hawk authentication failed|No authorised credentials)/.test(detail)
      ? ErrorCode.UPSTREAM_UNAUTHENTICATED
      : codeForStatus(status);
  let message = `Treeherder answered ${endpoint} with HTTP ${status}`;
  if (code === ErrorCode.UPSTREAM_FORBIDDEN && jsonBody === null) message += ' (an HTML page: is the User-Agent blocked?)';
  if (code === ErrorCode.UPSTREAM_RATE_LIMITED && typeof retryAfter === 'string') message += ` (retry after ${retryAfter} s)`;
  if (detail) message += `: ${detail}`;
  return new UpstreamError(code, `${message}.`, status, detail, endpoint);
}

function toUpstreamError(error: unknown, endpoint: string, callerSignal: AbortSignal | undefined): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (callerSignal?.aborted) {
    return new UpstreamError(ErrorCode.UPSTREAM_TIMEOUT, `The request to ${endpoint} was cancelled: the GraphQL request ended or ran out of time.`, null, null, endpoint);
  }
  const code = (error as { code?: unknown; name?: unknown }).code;
  const name = (error as { name?: unknown }).name;
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError ||
    name === 'TimeoutError' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new UpstreamError(ErrorCode.UPSTREAM_TIMEOUT, `Treeherder did not answer ${endpoint} in time.`, null, null, endpoint);
  }
  return new UpstreamError(ErrorCode.UPSTREAM_UNAVAILABLE, `Treeherder could not be reached for ${endpoint}.`, null, null, endpoint);
}
