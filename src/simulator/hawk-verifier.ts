import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import { createRequire } from 'node:module';
import type { HawkCredential } from './types.js';

/** The part of the `hawk` package the simulator uses (the package ships no types). */
interface HawkServerApi {
  authenticate(
    req: IncomingMessage | Http2ServerRequest,
    credentialsFunc: (id: string) => Promise<HawkServerCredentials | null>,
    options: {
      nonceFunc?: (key: string, nonce: string, ts: string) => Promise<void>;
      hostHeaderName?: string;
      localtimeOffsetMsec?: number;
      timestampSkewSec?: number;
    },
  ): Promise<{ credentials: HawkServerCredentials; artifacts: object }>;
  header(credentials: HawkServerCredentials, artifacts: object, options: { payload: string; contentType: string }): string;
}

interface HawkServerCredentials {
  id: string;
  key: string;
  algorithm: string;
}

const require = createRequire(import.meta.url);
const Hawk = require('hawk') as { server: HawkServerApi };

export type HawkOutcome =
  | { kind: 'none' }
  | {
      kind: 'verified';
      id: string;
      /** The `Server-Authorization` header for a response body (hawkrest signed every response). */
      sign(payload: string, contentType: string): string;
    }
  | { kind: 'failed'; status: 401 | 403; detail: string };

class UnknownCredentials extends Error {
  constructor(readonly id: string) {
    super('unknown credentials');
  }
}

/** Hawk clients had to be within this many seconds of the server's clock. */
const TIMESTAMP_SKEW_SEC = 60;

/**
 * Verifies `Authorization: Hawk …` the way Treeherder's hawkrest setup answered: unknown ids get
 * a 403 naming the id, an expired timestamp gets the "clock" hint, malformed headers say so,
 * and every other failure (bad MAC, replayed nonce) is a terse 401.
 */
export function createHawkVerifier(credentials: readonly HawkCredential[], clockSkewMs: () => number) {
  const byId = new Map(credentials.map((c) => [c.id, c]));
  const seenNonces = new Map<string, number>();

  async function nonceFunc(key: string, nonce: string, ts: string): Promise<void> {
    const now = Date.now();
    for (const [k, expires] of seenNonces) {
      if (expires < now) seenNonces.delete(k);
      else break;
    }
    const id = `${key}\u0000${nonce}\u0000${ts}`;
    if (seenNonces.has(id)) throw new Error('replayed nonce');
    // Nonces only need remembering while their timestamp is acceptable.
    seenNonces.set(id, now + 2 * TIMESTAMP_SKEW_SEC * 1000 + Math.abs(clockSkewMs()));
  }

  return async function verify(req: IncomingMessage | Http2ServerRequest): Promise<HawkOutcome> {
    const header = req.headers.authorization;
    if (!header || !/^hawk\s/i.test(header)) return { kind: 'none' };
    try {
      const result = await Hawk.server.authenticate(
        req,
        async (id) => {
          const found = byId.get(id);
          if (!found) throw new UnknownCredentials(id);
          return { id: found.id, key: found.key, algorithm: found.algorithm };
        },
        {
          nonceFunc,
          localtimeOffsetMsec: clockSkewMs(),
          timestampSkewSec: TIMESTAMP_SKEW_SEC,
          // HTTP/2 names the host the client signed in `:authority`, and clients send no Host there.
          ...(req.httpVersionMajor === 2 ? { hostHeaderName: ':authority' } : {}),
        },
      );
      const { credentials: verified, artifacts } = result;
      return {
        kind: 'verified',
        id: verified.id,
        sign: (payload, contentType) => Hawk.server.header(verified, artifacts, { payload, contentType }),
      };
    } catch (error) {
      if (error instanceof UnknownCredentials) {
        return { kind: 'failed', status: 403, detail: `No authorised credentials found with id ${error.id}` };
      }
      const text = error instanceof Error ? error.message : '';
      if (text === 'Stale timestamp') {
        return { kind: 'failed', status: 401, detail: 'Hawk authentication failed: The token has expired. Is your system clock correct?' };
      }
      const status = (error as { output?: { statusCode?: number } }).output?.statusCode;
      if (status === 400) {
        return { kind: 'failed', status: 401, detail: 'Hawk authentication failed: The request header was malformed' };
      }
      return { kind: 'failed', status: 401, detail: 'Hawk authentication failed' };
    }
  };
}
