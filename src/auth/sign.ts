import { randomBytes } from 'node:crypto';
import Hawk from 'hawk';
import type { HawkCredentials } from './credentials.js';
import { isHeaderSafeValue } from './credentials.js';
import { toHawkPort, toHawkResource } from './hawk-url.js';

/** What {@link signHawkRequest} needs to sign one request. */
export interface HawkSignInput {
  /** HTTP method, e.g. `GET` or `POST`. */
  method: string;
  /** The full URL the request is sent to; host, port, path and query are all signed. */
  url: string | URL;
  credentials: HawkCredentials;
  /** The exact request body. When given (even `''`), its hash is signed and sent as `hash`. */
  payload?: string;
  /** The request's Content-Type; part of the payload hash (parameters such as charset are ignored). */
  contentType?: string;
  /** Application data sent in the clear and covered by the MAC (Hawk's `ext`). */
  ext?: string;
  /** Clock in milliseconds since the epoch. Defaults to `Date.now`. */
  now?: () => number;
  /** Nonce generator. Defaults to 16 random URL-safe characters. */
  nonce?: () => string;
}

// 12 random bytes → 16 base64url characters: far more than hawk's default 6, and every character
// is allowed in a Hawk header attribute.
function randomNonce(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Signs one request with Hawk and returns the value for its `Authorization` header.
 *
 * Pure apart from the default clock and nonce: inject `now` and `nonce` to make it deterministic.
 * Every call uses the current time and a fresh nonce, so a header must not be reused for a
 * second request (the gateway rejects replayed nonces).
 *
 * @throws TypeError when the URL is not absolute or the credentials cannot produce a valid header.
 */
export function signHawkRequest(input: HawkSignInput): string {
  const { credentials } = input;
  // hawk writes the id and nonce into the header unescaped, so reject anything its own parser
  // would refuse rather than emit a header no server can read.
  if (!isHeaderSafeValue(credentials.id)) {
    throw new TypeError('Hawk credentials id contains characters not allowed in a Hawk header');
  }
  if (credentials.key.length === 0) {
    throw new TypeError('Hawk credentials key is empty');
  }
  const nonce = (input.nonce ?? randomNonce)();
  if (!isHeaderSafeValue(nonce)) {
    throw new TypeError('Hawk nonce contains characters not allowed in a Hawk header');
  }
  const url = input.url instanceof URL ? input.url : new URL(input.url);
  const timestamp = Math.floor((input.now ?? Date.now)() / 1000);
  // hawk quietly substitutes its own clock for a falsy timestamp, which would defeat an injected one.
  if (!(timestamp > 0)) {
    throw new TypeError('Hawk clock must return a positive number of milliseconds');
  }
  const { header } = Hawk.client.header(
    {
      protocol: url.protocol,
      hostname: url.hostname,
      port: toHawkPort(url),
      // hawk joins pathname and search; handing it the resource keeps a bare trailing `?`.
      pathname: toHawkResource(url),
      search: '',
    },
    input.method.toUpperCase(),
    {
      credentials,
      timestamp,
      nonce,
      payload: input.payload,
      contentType: input.contentType,
      ext: input.ext,
    },
  );
  return header;
}

/** Options for {@link hawkAuthorization}. */
export interface HawkAuthorizationOptions {
  /** Defaults to `POST`, how GraphQL operations are usually sent. */
  method?: string;
  /** The exact body you will send; its hash is signed so the gateway can check it. */
  payload?: string;
  /** Defaults to `application/json` when a payload is given. */
  contentType?: string;
  now?: () => number;
  nonce?: () => string;
}

/**
 * Builds the `Authorization` header for one request to the gateway.
 *
 * Sign the gateway's public URL (the one you actually call) and pass the exact body you send.
 * Call it once per request: each header carries a fresh nonce and may be used only once.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ query: '{ viewer { id } }' });
 * const response = await fetch('https://gateway.example/graphql', {
 *   method: 'POST',
 *   headers: {
 *     'content-type': 'application/json',
 *     authorization: hawkAuthorization('https://gateway.example/graphql', credentials, { payload: body }),
 *   },
 *   body,
 * });
 * ```
 */
export function hawkAuthorization(
  url: string | URL,
  credentials: HawkCredentials,
  options: HawkAuthorizationOptions = {},
): string {
  const { method = 'POST', payload, now, nonce } = options;
  const contentType = options.contentType ?? (payload !== undefined ? 'application/json' : undefined);
  return signHawkRequest({ method, url, credentials, payload, contentType, now, nonce });
}
