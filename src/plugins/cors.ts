import type { Plugin, YogaServerOptions } from 'graphql-yoga';
import type { Config } from '../config.js';

type CorsOption = NonNullable<YogaServerOptions<object, object>['cors']>;

/**
 * Yoga's CORS options from `CORS_ORIGINS`, decided per request. Never with credentials: the
 * gateway uses no cookies, and Hawk travels in the Authorization header, which a preflight
 * allows like any other requested header. An origin is allowed by echoing it back alone;
 * any other origin gets no CORS header at all (never `Access-Control-Allow-Origin: null`).
 * `Origin: null` (sandboxed frames, `file:` pages, some redirects) is shared by every such
 * page, so it is allowed only when `null` is listed literally, even with `*`.
 */
export function toCorsOptions(origins: Config['corsOrigins']): CorsOption {
  if (origins === null) return false;
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null) return false;
    const allowed = origins === '*' ? origin !== 'null' : origins.includes(origin);
    if (!allowed) return false;
    return {
      // A list of one: Yoga sends it as is.
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST'],
      // Lets a browser cache a preflight for ten minutes instead of sending one per query.
      maxAge: 600,
    };
  };
}

/** Appends header names to `Vary`, keeping what is there. */
export function appendVary(headers: Headers, names: readonly string[]): void {
  const present = (headers.get('vary') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const lower = new Set(present.map((name) => name.toLowerCase()));
  headers.set('vary', [...present, ...names.filter((name) => !lower.has(name.toLowerCase()))].join(', '));
}

/**
 * `Vary: Origin` on every response while CORS is on: whether CORS headers are sent depends on
 * the request's Origin (and on its absence), so a shared cache must not hand one origin's
 * answer to another. Runs after Yoga's CORS headers are set.
 */
export function useVaryOrigin(origins: Config['corsOrigins']): Plugin {
  return {
    onResponse({ response }) {
      if (origins !== null) appendVary(response.headers, ['Origin']);
    },
  };
}
