import type { YogaServerOptions } from 'graphql-yoga';
import type { Config } from '../config.js';

type CorsOptions = Exclude<YogaServerOptions<object, object>['cors'], boolean | undefined | ((...args: never[]) => unknown)>;

/**
 * Yoga's CORS options from `CORS_ORIGINS`. Never with credentials: the gateway uses no
 * cookies, and Hawk travels in the Authorization header, which a preflight allows like any
 * other requested header. Without this Yoga would echo any origin *with* credentials.
 */
export function toCorsOptions(origins: Config['corsOrigins']): CorsOptions | false {
  if (origins === null) return false;
  return {
    origin: origins === '*' ? '*' : origins,
    credentials: false,
    methods: ['GET', 'POST'],
    // Lets a browser cache a preflight for ten minutes instead of sending one per query.
    maxAge: 600,
  };
}
