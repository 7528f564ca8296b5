import { errors as undiciErrors, type Dispatcher } from 'undici';
import { linkSignals } from '../deadline.js';
import { ErrorCode, UpstreamError, codeForStatus } from '../errors.js';
import type { Logger } from '../log.js';
import type { UpstreamBudget } from './budget.js';
import { parseRetryAfter, type Resilience } from './resilience.js';

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
  /** Told when Treeherder rejects a signature the gateway made (with a clock offset hint). */
  logger?: Logger;
  /** The gateway's clock, in milliseconds since the epoch. Defaults to `Date.now`. */
  now?: () => number;
  /** Concurrency cap, circuit breaker and retries; without it every request is tried once. */
  resilience?: Resilience;
  /** The largest body read from one response; a larger one fails with UPSTREAM_BAD_RESPONSE. Unbounded when absent. */
  maxBodyBytes?: number;
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
  /** The GraphQL request's upstream budget: every attempt takes one request from it. */
  budget?: UpstreamBudget;
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
  const now = options.now ?? Date.now;
  const reportRejectedSignature = createRejectedSignatureReporter(options.logger ?? null);

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
    const { budget } = scope;
    // A spent budget fails at once, without waiting for a slot.
    if (budget && budget.remaining() <= 0) throw budget.exceeded(endpoint);
    if (!options.resilience) {
      budget?.take(endpoint);
      return attemptGetJson<T>(target, endpoint, scope);
    }
    try {
      // Each attempt calls attemptGetJson afresh: a new Hawk header (nonce, timestamp) every time.
      // Each attempt, retries included, is paid from the budget once it has its slot; the
      // budget also names whose queue the call waits in (fair sharing between GraphQL requests).
      return await options.resilience.run(
        {
          method: 'GET',
          endpoint,
          ...(scope.signal ? { signal: scope.signal } : {}),
          ...(budget ? { owner: budget, beforeSend: () => budget.take(endpoint) } : {}),
        },
        () => attemptGetJson<T>(target, endpoint, scope),
      );
    } catch (error) {
      // A wait for a slot or a backoff cut short by the GraphQL request's end is a timeout too.
      throw toUpstreamError(error, endpoint, scope.signal);
    }
  }

  /** One request: sent, its body read whole, its status and content type checked. */
  async function attemptGetJson<T>(target: string, endpoint: string, scope: RequestScope): Promise<T> {
    const started = performance.now();
    const report = (status: number | null, errorCode: ErrorCode | null): void =>
      scope.onUpstream?.({ method: 'GET', endpoint, status, durationMs: performance.now() - started, errorCode });

    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': composeUserAgent(options.userAgent, scope.callerUserAgent),
    };
    if (scope.sign) headers['authorization'] = scope.sign('GET', target);

    // The whole attempt (headers and body) within totalMs, or less if the GraphQL request ends.
    const attempt = linkSignals([scope.signal], options.timeouts.totalMs);
    try {
      return await sendAndRead<T>(target, endpoint, scope, headers, attempt.signal, report);
    } finally {
      attempt.dispose();
    }
  }

  async function sendAndRead<T>(
    target: string,
    endpoint: string,
    scope: RequestScope,
    headers: Record<string, string>,
    signal: AbortSignal,
    report: (status: number | null, errorCode: ErrorCode | null) => void,
  ): Promise<T> {
    let response: Dispatcher.ResponseData;
    try {
      response = await options.dispatcher.request({
        origin: new URL(target).origin,
        path: target.slice(new URL(target).origin.length),
        method: 'GET',
        headers,
        headersTimeout: options.timeouts.headersMs,
        bodyTimeout: options.timeouts.bodyMs,
        signal,
      });
    } catch (error) {
      const mapped = toUpstreamError(error, endpoint, scope.signal);
      report(null, mapped.code);
      throw mapped;
    }

    let text: string;
    try {
      // Always consume the body, even for errors: an unread body pins the connection.
      text = await readBounded(response, endpoint, options.maxBodyBytes ?? Number.POSITIVE_INFINITY);
    } catch (error) {
      const mapped = toUpstreamError(error, endpoint, scope.signal);
      report(response.statusCode, mapped.code);
      throw mapped;
    }

    const status = response.statusCode;
    const contentType = String(response.headers['content-type'] ?? '');
    const isJson = contentType.includes('application/json');

    if (status < 200 || status >= 300) {
      const error = statusError(status, isJson ? text : null, endpoint, response.headers['retry-after'], now());
      if (error.code === ErrorCode.UPSTREAM_UNAUTHENTICATED && scope.sign) {
        const receivedAt = now();
        reportRejectedSignature(error, estimateClockOffset(response.headers, receivedAt), receivedAt);
      }
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

/**
 * The body as text, read chunk by chunk and given up (the connection destroyed) as soon as it
 * passes `maxBytes`, or before reading when its Content-Length already says so: a hostile or
 * broken upstream cannot make the gateway hold more than `maxBytes` of one response.
 */
async function readBounded(response: Dispatcher.ResponseData, endpoint: string, maxBytes: number): Promise<string> {
  const tooLarge = (): UpstreamError =>
    new UpstreamError(
      ErrorCode.UPSTREAM_BAD_RESPONSE,
      `Treeherder's answer to ${endpoint} is larger than the gateway reads (UPSTREAM_MAX_BODY_BYTES: ${maxBytes} bytes).`,
      response.statusCode,
      null,
      endpoint,
    );
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
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

/** Treeherder's wording when a Hawk timestamp is outside its 60 s window. */
const EXPIRED_DETAIL = /token has expired/i;

function statusError(status: number, jsonBody: string | null, endpoint: string, retryAfter: unknown, nowMs: number): UpstreamError {
  const detail = detailOf(jsonBody);
  // A Hawk rejection is about our credentials, whatever status the deployment used for it.
  const code =
    detail !== null && /^(Hawk authentication failed|No authorised credentials)/.test(detail)
      ? ErrorCode.UPSTREAM_UNAUTHENTICATED
      : codeForStatus(status);
  if (code === ErrorCode.UPSTREAM_UNAUTHENTICATED && detail !== null && EXPIRED_DETAIL.test(detail)) {
    // The gateway signs upstream requests with its own clock, so the caller cannot fix this.
    return new UpstreamError(
      code,
      `Treeherder rejected the gateway's Hawk signature for ${endpoint} as expired: the gateway's clock and Treeherder's disagree (HTTP ${status}: ${detail}).`,
      status,
      detail,
      endpoint,
    );
  }
  let message = `Treeherder answered ${endpoint} with HTTP ${status}`;
  if (code === ErrorCode.UPSTREAM_FORBIDDEN && jsonBody === null) message += ' (an HTML page: is the User-Agent blocked?)';
  const retryAfterMs = code === ErrorCode.UPSTREAM_RATE_LIMITED ? parseRetryAfter(retryAfter, nowMs) : null;
  if (retryAfterMs !== null) message += ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)`;
  if (detail) message += `: ${detail}`;
  return new UpstreamError(code, `${message}.`, status, detail, endpoint, retryAfterMs);
}

/** OpenSSL's verification codes as Node reports them (`DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`, …). */
const TLS_CERTIFICATE_ERROR = /^(ERR_TLS_CERT_ALTNAME_INVALID|UNABLE_TO_[A-Z_]+|[A-Z_]*CERT[A-Z_]*|HOSTNAME_MISMATCH)$/;

function toUpstreamError(error: unknown, endpoint: string, callerSignal: AbortSignal | undefined): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (callerSignal?.aborted) {
    const deadline = (callerSignal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
    return new UpstreamError(
      ErrorCode.UPSTREAM_TIMEOUT,
      deadline
        ? `The GraphQL request reached its deadline before Treeherder answered ${endpoint}.`
        : `The request to ${endpoint} was cancelled: the GraphQL request ended.`,
      null,
      null,
      endpoint,
    );
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
  if (typeof code === 'string' && TLS_CERTIFICATE_ERROR.test(code)) {
    // Only the verifier's code: it says what an operator must fix (UPSTREAM_CA_FILE, the clock).
    return new UpstreamError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `Treeherder could not be reached for ${endpoint}: its TLS certificate was not accepted (${code}).`,
      null,
      null,
      endpoint,
    );
  }
  return new UpstreamError(ErrorCode.UPSTREAM_UNAVAILABLE, `Treeherder could not be reached for ${endpoint}.`, null, null, endpoint);
}

/** How far Treeherder's clock is ahead of the gateway's (negative: behind), and what says so. */
export interface ClockOffset {
  offsetSec: number;
  /** A Hawk challenge's `ts` (exact to the second), else the `Date` header (also whole seconds). */
  source: 'www-authenticate' | 'date';
  upstreamTime: string;
}

function headerText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

/**
 * Estimates Treeherder's clock offset from a response: the `ts` of a Hawk challenge
 * (`WWW-Authenticate: Hawk ts="…", tsm="…"`) when the server sends one, else its `Date`
 * header. Null when neither is there or readable.
 */
export function estimateClockOffset(headers: Readonly<Record<string, unknown>>, localMs: number): ClockOffset | null {
  const challengeTs = /\bts="(\d{1,12})"/.exec(headerText(headers['www-authenticate']) ?? '')?.[1];
  let upstreamMs: number;
  let source: ClockOffset['source'];
  if (challengeTs !== undefined) {
    upstreamMs = Number(challengeTs) * 1000;
    source = 'www-authenticate';
  } else {
    const date = headerText(headers['date']);
    upstreamMs = date === null ? Number.NaN : Date.parse(date);
    source = 'date';
  }
  if (!Number.isFinite(upstreamMs)) return null;
  return { offsetSec: Math.round((upstreamMs - localMs) / 1000), source, upstreamTime: new Date(upstreamMs).toISOString() };
}

/** Hawk's window: Treeherder refused timestamps more than this far from its clock. */
const HAWK_SKEW_SEC = 60;
/** Under a real clock problem every signed request fails; one line per interval says it. */
const REJECTION_LOG_INTERVAL_MS = 60_000;

/**
 * Logs that Treeherder refused a signature the gateway made, with the clock offset that most
 * often explains it. Only the endpoint, Treeherder's detail and the clocks are logged: never
 * the Authorization header, the URL's query or a key.
 */
function createRejectedSignatureReporter(logger: Logger | null) {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (error: UpstreamError, offset: ClockOffset | null, localMs: number): void => {
    if (!logger) return;
    const at = performance.now();
    if (at - lastLoggedAt < REJECTION_LOG_INTERVAL_MS) {
      suppressed += 1;
      return;
    }
    lastLoggedAt = at;
    logger.log('warn', "Treeherder rejected the gateway's Hawk signature", {
      endpoint: error.endpoint,
      upstreamStatus: error.status,
      upstreamDetail: error.detail,
      gatewayTime: new Date(localMs).toISOString(),
      upstreamTime: offset?.upstreamTime ?? null,
      clockOffsetSec: offset?.offsetSec ?? null,
      clockOffsetSource: offset?.source ?? null,
      hint: clockHint(error.detail !== null && EXPIRED_DETAIL.test(error.detail), offset),
      suppressedSinceLastLine: suppressed,
    });
    suppressed = 0;
  };
}

function clockHint(expired: boolean, offset: ClockOffset | null): string {
  if (!expired) return "Treeherder refused the forwarded credentials: check that the caller's Hawk id and key are ones Treeherder knows.";
  if (offset === null) return "Treeherder sent neither a Hawk timestamp nor a Date header: compare the gateway's clock with Treeherder's by hand.";
  const distance = Math.abs(offset.offsetSec);
  if (distance > HAWK_SKEW_SEC) {
    return `Treeherder's clock is about ${distance} s ${offset.offsetSec > 0 ? 'ahead of' : 'behind'} the gateway's (by its ${offset.source} header), more than the ${HAWK_SKEW_SEC} s Hawk allows: synchronise the gateway's clock (NTP).`;
  }
  return `Treeherder's ${offset.source} header is within ${distance} s of the gateway's clock, yet it calls the signature expired: compare both clocks with a time server (the header has one-second resolution and may come from a proxy).`;
}
