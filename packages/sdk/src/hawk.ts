// Hawk request signing with WebCrypto (`crypto.subtle`), which browsers and Node (20 and
// later) both have: the same header the `hawk` package's client builds, without Node's crypto.
// https://github.com/mozilla/hawk/blob/main/API.md — the header MAC covers the timestamp, the
// nonce, the method, the path with its query, the host, the port and the payload hash.

/** The HMAC algorithms Hawk can sign with (the gateway accepts sha256). */
export type HawkAlgorithm = 'sha1' | 'sha256';

/** A Hawk client's credentials: the id it sends in the header and the secret it signs with. */
export interface HawkCredentials {
  id: string;
  key: string;
  algorithm: HawkAlgorithm;
}

/** Options for {@link hawkAuthorization}. */
export interface HawkAuthorizationOptions {
  /** Defaults to `POST`, how GraphQL operations are usually sent. */
  method?: string;
  /** The exact body you will send; its hash is signed so the gateway can check it. */
  payload?: string;
  /** Defaults to `application/json` when a payload is given. */
  contentType?: string;
  /** Clock in milliseconds since the epoch (default `Date.now`): shift it when your clock is off. */
  now?: () => number;
  /** Nonce generator. Default: 16 random URL-safe characters. */
  nonce?: () => string;
}

const DIGEST: Record<HawkAlgorithm, string> = { sha1: 'SHA-1', sha256: 'SHA-256' };
// Characters hawk's own parser allows in a header attribute value.
const HEADER_SAFE_VALUE = /^[ \w!#$%&'()*+,\-./:;<=>?@[\]^`{|}~]+$/;
const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) throw new TypeError('Hawk signing needs WebCrypto (crypto.subtle): a secure context (https or localhost) in a browser, Node 20 or later');
  return api;
}

function base64(bytes: ArrayBuffer | Uint8Array): string {
  let binary = '';
  for (const byte of bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Path plus query, as Hawk signs it; a bare trailing `?` stays, as hawk's client keeps it. */
function resourceOf(url: URL): string {
  if (url.search !== '') return url.pathname + url.search;
  const fragmentAt = url.href.indexOf('#');
  const withoutFragment = fragmentAt === -1 ? url.href : url.href.slice(0, fragmentAt);
  return withoutFragment.endsWith('?') ? `${url.pathname}?` : url.pathname;
}

function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** Hawk's payload hash: base64 of the digest of `hawk.1.payload\n<content type>\n<payload>\n`. */
export async function hawkPayloadHash(payload: string, contentType: string, algorithm: HawkAlgorithm = 'sha256'): Promise<string> {
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const digest = await subtle().digest(DIGEST[algorithm], encoder.encode(`hawk.1.payload\n${mediaType}\n${payload}\n`));
  return base64(digest);
}

/**
 * The `Authorization` header for one request to the gateway. Sign the URL you actually call
 * (host and port included) and pass the exact body you send. Call it once per request: each
 * header carries a fresh nonce, and the gateway accepts a nonce once.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ query: '{ repositories { name } }' });
 * const authorization = await hawkAuthorization(url, credentials, { payload: body });
 * await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
 * ```
 * @throws TypeError when the URL is not absolute or the credentials cannot make a valid header.
 */
export async function hawkAuthorization(url: string | URL, credentials: HawkCredentials, options: HawkAuthorizationOptions = {}): Promise<string> {
  const target = url instanceof URL ? url : new URL(url);
  if (!HEADER_SAFE_VALUE.test(credentials.id)) throw new TypeError('Hawk credentials id contains characters not allowed in a Hawk header');
  if (credentials.key.length === 0) throw new TypeError('Hawk credentials key is empty');
  const algorithm = DIGEST[credentials.algorithm];
  if (!algorithm) throw new TypeError('Hawk credentials algorithm must be sha256 or sha1');
  const nonce = (options.nonce ?? randomNonce)();
  if (!HEADER_SAFE_VALUE.test(nonce)) throw new TypeError('Hawk nonce contains characters not allowed in a Hawk header');
  const timestamp = Math.floor((options.now ?? Date.now)() / 1000);
  if (!(timestamp > 0)) throw new TypeError('Hawk clock must return a positive number of milliseconds');

  const method = (options.method ?? 'POST').toUpperCase();
  const { payload } = options;
  const hash =
    payload === undefined ? '' : await hawkPayloadHash(payload, options.contentType ?? 'application/json', credentials.algorithm);
  const normalized = ['hawk.1.header', timestamp, nonce, method, resourceOf(target), target.hostname.toLowerCase(), portOf(target), hash, ''].join('\n') + '\n';
  const key = await subtle().importKey('raw', encoder.encode(credentials.key), { name: 'HMAC', hash: algorithm }, false, ['sign']);
  const mac = base64(await subtle().sign('HMAC', key, encoder.encode(normalized)));
  return `Hawk id="${credentials.id}", ts="${timestamp}", nonce="${nonce}"${hash ? `, hash="${hash}"` : ''}, mac="${mac}"`;
}
