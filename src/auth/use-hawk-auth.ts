import type { Plugin } from 'graphql-yoga';
import type { HawkEdge, HawkIdentity } from './edge.js';
import { isHawkAuthError } from './errors.js';

// Keyed by the Request object, so an identity lives exactly as long as its request and can never
// leak into another one, as a module-level "current user" would under concurrency.
const identities = new WeakMap<Request, HawkIdentity>();

/**
 * The verified Hawk identity of this request, or `null` when it came in anonymously. Pass the
 * `request` from the GraphQL context.
 */
export function getRequestIdentity(request: Request): HawkIdentity | null {
  return identities.get(request) ?? null;
}

/** Records the verified identity of a request that did not come through Yoga's HTTP handler (a WebSocket's). */
export function rememberRequestIdentity(request: Request, identity: HawkIdentity): void {
  identities.set(request, identity);
}

export interface HawkAuthPluginOptions {
  edge: HawkEdge;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/**
 * Verifies Hawk on every request before Yoga parses it. A bad header ends the request with a 401
 * and a GraphQL-shaped error body; no header means anonymous (GraphiQL in a browser sends none).
 */
export function useHawkAuth({ edge }: HawkAuthPluginOptions): Plugin {
  let logger: { error(...args: unknown[]): void } | undefined;
  return {
    onYogaInit({ yoga }) {
      logger = yoga.logger;
    },
    async onRequest({ request, endResponse, fetchAPI }) {
      let result;
      try {
        result = await edge.authenticate({
          method: request.method,
          url: request.url,
          headers: request.headers,
          // A clone, so Yoga can still read the body it parses the operation from.
          body: () => request.clone().text(),
        });
      } catch (error) {
        if (!isHawkAuthError(error)) {
          // Rethrowing would reach the server adapter, which answers with the error's stack.
          // Masked exactly as Yoga masks any unexpected error (a broken store, say), and logged.
          logger?.error('Hawk verification failed unexpectedly', error);
          endResponse(
            new fetchAPI.Response(JSON.stringify({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }), {
              status: 500,
              headers: JSON_HEADERS,
            }),
          );
          return;
        }
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] }),
            { status: error.status, headers: { ...error.headers, ...JSON_HEADERS } },
          ),
        );
        return;
      }
      if (result.kind === 'hawk') {
        identities.set(request, { id: result.id, credentials: result.credentials });
      }
    },
  };
}
