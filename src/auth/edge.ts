import Hawk from 'hawk';
import type { HawkBoom } from 'hawk';
import type { CredentialStore } from './credential-store.js';
import type { HawkCredentials } from './credentials.js';
import { toHawkCredentials } from './credentials.js';
import type { HawkAuthErrorCode } from './errors.js';
import { HawkAuthError, STALE_TIMESTAMP_MESSAGE } from './errors.js';
import { toHawkPort, toHawkResource } from './hawk-url.js';
import type { NonceStore } from '../stores/types.js';
import { createNonceCache } from './nonce-cache.js';

/** The verified caller of one request. */
export interface HawkIdentity {
  id: string;
  credentials: HawkCredentials;
}

export type HawkAuthResult = { kind: 'anonymous' } | ({ kind: 'hawk' } & HawkIdentity);

/** The parts of an incoming request the verifier reads. */
export interface HawkEdgeRequest {
  method: string;
  /** The full URL as received (scheme, host, path and query). */
  url: string;
  headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
  /**
   * Reads the body; called after the MAC verifies, when the header carries a payload `hash` or,
   * with `requirePayloadHash`, to see whether a request without one has a body.
   */
  body?: () => Promise<string>;
}

export interface HawkEdgeOptions {
  store: CredentialStore;
  /** The host name clients sign when the gateway sits behind a proxy. Defaults to the Host header. */
  publicHost?: string;
  /** The port clients sign when the gateway sits behind a proxy. Defaults to the Host header's. */
  publicPort?: number;
  /** Allowed clock difference either way, in seconds (Treeherder allowed 60). */
  skewSec?: number;
  /** Replay protection; defaults to an in-process cache sized for `skewSec` (src/stores/ has a shared one). */
  nonceCache?: NonceStore;
  /**
   * Refuse a request with a body whose header has no payload `hash` (default true): without it
   * the MAC does not cover the body, so anyone holding a header could send another query as its
   * caller. `false` accepts such requests (weaker; only for clients that cannot hash).
   */
  requirePayloadHash?: boolean;
  /** Server clock in milliseconds. */
  now?: () => number;
}

/** Verifies the Hawk `Authorization` header of incoming requests. */
export interface HawkEdge {
  /**
   * Resolves to `anonymous` without an Authorization header, to the caller's identity when the
   * header verifies, and rejects with a {@link HawkAuthError} otherwise.
   */
  authenticate(request: HawkEdgeRequest): Promise<HawkAuthResult>;
}

const REQUIRED_ATTRIBUTES = ['id', 'ts', 'nonce', 'mac'] as const;
// Whole seconds. hawk multiplies ts by 1000 and a non-number becomes NaN, which slips through its
// staleness comparison, so anything else is refused before hawk sees it.
const TIMESTAMP = /^\d{1,12}$/;
const MAX_ECHOED_ID_LENGTH = 64;
/** Methods whose requests carry no body the gateway reads. */
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

function readHeader(headers: HawkEdgeRequest['headers'], name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(', ') : (value as string | undefined);
}

/** The id comes from the caller, so it is safe to echo, but only short and printable. */
function toEchoedId(id: string): string {
  const printable = id.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > MAX_ECHOED_ID_LENGTH ? `${printable.slice(0, MAX_ECHOED_ID_LENGTH)}…` : printable;
}

/** `WWW-Authenticate` in hawk's own format, so every refusal carries a challenge (RFC 9110). */
function challenge(error?: string): Record<string, string> {
  return Hawk.utils.unauthorized(error ?? null).output.headers;
}

function refuse(code: HawkAuthErrorCode, message: string, challengeError?: string): HawkAuthError {
  return new HawkAuthError(code, message, { headers: challenge(challengeError) });
}

function isBoom(error: unknown): error is HawkBoom {
  return typeof error === 'object' && error !== null && (error as { isBoom?: unknown }).isBoom === true;
}

/** The Host header as hawk itself would read it, or undefined when absent or unusable. */
function parseHostHeader(value: string | undefined, received: URL): { host: string; port: number } | undefined {
  if (value === undefined || value.length === 0 || value.length > Hawk.utils.limits.maxMatchLength || value.includes('/')) {
    return undefined;
  }
  try {
    const parsed = new URL(`${received.protocol}//${value}`);
    return { host: parsed.hostname, port: toHawkPort(parsed) };
  } catch {
    return undefined;
  }
}

/**
 * Creates the gateway's Hawk verifier.
 *
 * Clients sign the URL they call, which behind a proxy is not the one the gateway receives; set
 * `publicHost`/`publicPort` to the public address then (with TLS termination, both: the Host
 * header does not say the public port was 443).
 */
export function createHawkEdge(options: HawkEdgeOptions): HawkEdge {
  const { store, publicHost, publicPort, skewSec = 60, now = Date.now, requirePayloadHash = true } = options;
  if (!(skewSec > 0)) {
    throw new RangeError('skewSec must be positive');
  }
  const nonceCache = options.nonceCache ?? createNonceCache({ windowSec: skewSec, now });

  function signedAddress(request: HawkEdgeRequest, received: URL): { host: string; port: number } {
    const fromHeader =
      publicHost !== undefined && publicPort !== undefined
        ? undefined
        : parseHostHeader(readHeader(request.headers, 'host'), received);
    return {
      host: publicHost ?? fromHeader?.host ?? received.hostname,
      port: publicPort ?? fromHeader?.port ?? toHawkPort(received),
    };
  }

  async function authenticate(request: HawkEdgeRequest): Promise<HawkAuthResult> {
    const authorization = readHeader(request.headers, 'authorization');
    if (authorization === undefined) {
      return { kind: 'anonymous' };
    }

    // The same bound hawk applies, checked first so the refusal says why.
    if (authorization.length > Hawk.utils.limits.maxMatchLength) {
      throw refuse(
        'HAWK_HEADER_TOO_LONG',
        `Hawk authentication failed: the Authorization header is longer than ${Hawk.utils.limits.maxMatchLength} characters`,
        'Header too long',
      );
    }
    // hawk reports a foreign scheme exactly like a missing header; split it off to say so.
    // The scheme is not echoed: a bare token with no scheme would be a secret.
    const scheme = /^(\w+)(?:\s|$)/.exec(authorization)?.[1];
    if (scheme === undefined) {
      throw refuse('HAWK_MALFORMED_HEADER', 'Hawk authentication failed: the Authorization header has no scheme', 'Malformed header');
    }
    if (scheme.toLowerCase() !== 'hawk') {
      throw refuse('HAWK_UNSUPPORTED_SCHEME', 'Authentication failed: only the Hawk authorization scheme is supported');
    }

    let attributes: Record<string, string>;
    try {
      attributes = Hawk.utils.parseAuthorizationHeader(authorization);
    } catch (error) {
      // hawk's parse errors name an attribute at most, never a value, so they are safe to pass on.
      const reason = isBoom(error) ? error.output.payload.message.slice(0, 80) : 'unparseable';
      throw refuse('HAWK_MALFORMED_HEADER', `Hawk authentication failed: malformed Authorization header (${reason})`, 'Malformed header');
    }

    const missing = REQUIRED_ATTRIBUTES.filter((name) => !attributes[name]);
    if (missing.length > 0) {
      throw refuse(
        'HAWK_MISSING_ATTRIBUTE',
        `Hawk authentication failed: the Authorization header lacks ${missing.join(', ')}`,
        'Missing attributes',
      );
    }
    const id = attributes['id'] as string;
    const ts = attributes['ts'] as string;
    const nonce = attributes['nonce'] as string;
    if (!TIMESTAMP.test(ts)) {
      throw refuse('HAWK_MALFORMED_HEADER', 'Hawk authentication failed: ts must be whole seconds since the epoch', 'Malformed header');
    }

    const stored = store.get(id);
    if (stored === undefined) {
      throw refuse('HAWK_UNKNOWN_ID', `No authorised credentials found with id ${toEchoedId(id)}`, 'Unknown credentials');
    }
    // Stores validate on load, but a custom store may not; hawk would answer a 500 for these.
    const usable = toHawkCredentials(stored);
    if (!usable.ok) {
      throw refuse(
        'HAWK_BAD_ALGORITHM',
        `Hawk authentication failed: the credentials for id ${toEchoedId(id)} cannot be used`,
        'Invalid credentials',
      );
    }
    const credentials = usable.credentials;

    const received = new URL(request.url);
    const { host, port } = signedAddress(request, received);
    const contentType = readHeader(request.headers, 'content-type') ?? '';
    let artifacts;
    try {
      ({ artifacts } = await Hawk.server.authenticate(
        { method: request.method, url: toHawkResource(received), host, port, authorization, contentType },
        () => credentials,
        // hawk reads the real clock; the offset is how an injected clock reaches its checks.
        { timestampSkewSec: skewSec, localtimeOffsetMsec: now() - Date.now() },
      ));
    } catch (error) {
      throw toHawkAuthError(error);
    }

    // Checked after the MAC so an unauthenticated caller cannot make the gateway hash bodies.
    if (artifacts.hash) {
      const payload = (await request.body?.()) ?? '';
      try {
        Hawk.server.authenticatePayload(payload, credentials, artifacts, contentType);
      } catch (error) {
        throw new HawkAuthError(
          'HAWK_BAD_PAYLOAD_HASH',
          'Hawk authentication failed: the payload hash does not match the body (hash the exact body and its Content-Type)',
          { headers: isBoom(error) ? error.output.headers : challenge('Bad payload hash') },
        );
      }
    } else if (requirePayloadHash && !BODYLESS.has(request.method.toUpperCase()) && ((await request.body?.()) ?? '').length > 0) {
      throw refuse(
        'HAWK_MISSING_PAYLOAD_HASH',
        'Hawk authentication failed: the header has no payload hash, so it does not cover the body; sign with the payload (hash="…")',
        'Missing payload hash',
      );
    }

    // Last, so only fully verified requests use up a nonce: forged headers cannot fill the cache.
    if (!(await nonceCache.claim(id, nonce, Number(ts)))) {
      throw refuse('HAWK_REPLAYED_NONCE', 'Hawk authentication failed: this nonce was already used; sign each request afresh', 'Invalid nonce');
    }

    return { kind: 'hawk', id, credentials };
  }

  return { authenticate };
}

/** Maps what hawk's authenticate() throws once the header has parsed and the id is known. */
function toHawkAuthError(error: unknown): unknown {
  if (!isBoom(error)) {
    return error;
  }
  const { attributes } = error.output.payload;
  if (typeof attributes === 'object' && attributes['tsm'] !== undefined) {
    // hawk's challenge carries its own time and a MAC of it, letting a client fix its clock.
    return new HawkAuthError('HAWK_STALE_TIMESTAMP', STALE_TIMESTAMP_MESSAGE, { headers: error.output.headers });
  }
  if (typeof attributes === 'object' && attributes['error'] === 'Bad mac') {
    return new HawkAuthError(
      'HAWK_BAD_MAC',
      'Hawk authentication failed: bad MAC (sign the method and the public URL, host and port included, exactly as sent)',
      { headers: error.output.headers },
    );
  }
  // Anything else is not a client mistake this module knows about; let it surface as a 500.
  return error;
}
