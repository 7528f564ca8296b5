import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { sha256Hex } from '../persisted-documents.js';
import { createLocalPersistedQueryStore } from '../stores/local.js';
import type { PersistedQueryStore } from '../stores/types.js';

// Persisted operations, in the protocol Apollo named "automatic persisted queries": the
// client sends `extensions.persistedQuery = { version: 1, sha256Hash }` where the hash is
// the hex SHA-256 of the document's text. Two modes:
//
// - automatic: a hash the gateway has not seen is answered PERSISTED_QUERY_NOT_FOUND; the
//   client then sends text and hash together, the gateway checks that they match and,
//   once the operation has run, remembers the text; from then on the hash alone is enough
//   (short GET URLs a CDN can cache). Documents without a hash are executed as usual.
// - trusted: only the documents given (the SDK's operations) run; nothing is learned from
//   clients, so arbitrary queries — and query-cost attacks — never reach the executor.

export type PersistedOperationsMode = 'automatic' | 'trusted';

export interface PersistedOperationsOptions {
  mode: PersistedOperationsMode;
  /** Trusted mode: the accepted documents by hash. Automatic mode: documents known up front. */
  documents?: ReadonlyMap<string, string>;
  /** Automatic mode: how many learned documents to keep (least recently used go first), without `store`. */
  maxLearned?: number;
  /** Automatic mode: where learned documents live; in this process by default (src/stores/ has a shared one). */
  store?: PersistedQueryStore;
}

export type PersistedQueryErrorCode = 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_MISMATCH' | 'PERSISTED_QUERY_ONLY';

const ERRORS: Record<PersistedQueryErrorCode, { message: string; status: number }> = {
  // The message is the protocol's: Apollo's clients match on it to resend with the text.
  PERSISTED_QUERY_NOT_FOUND: { message: 'PersistedQueryNotFound', status: 404 },
  PERSISTED_QUERY_MISMATCH: { message: 'PersistedQueryMismatch: the sha256Hash is not the SHA-256 of the query text.', status: 400 },
  PERSISTED_QUERY_ONLY: {
    message: "This gateway runs only its SDK's operations (trusted documents): send a known extensions.persistedQuery.sha256Hash.",
    status: 400,
  },
};

function persistedQueryError(code: PersistedQueryErrorCode): Error {
  const { message, status } = ERRORS[code];
  return createGraphQLError(message, { extensions: { code, http: { status } } });
}

function readHash(extensions: Record<string, unknown> | undefined): string | null {
  const persisted = extensions?.['persistedQuery'];
  if (typeof persisted !== 'object' || persisted === null) return null;
  const { version, sha256Hash } = persisted as Record<string, unknown>;
  return version === 1 && typeof sha256Hash === 'string' ? sha256Hash.toLowerCase() : null;
}

/** An error of an operation refused before it ran (see `operationRefused`): it carries an HTTP 400. */
function isRefusal(error: { extensions?: Record<string, unknown> }): boolean {
  const http = error.extensions?.['http'] as { status?: unknown } | undefined;
  return http?.status === 400;
}

export function usePersistedOperations(options: PersistedOperationsOptions): Plugin {
  const known = options.documents ?? new Map<string, string>();
  const learned = options.store ?? createLocalPersistedQueryStore(options.maxLearned ?? 1000);
  const lookup = (hash: string): string | undefined | Promise<string | undefined> =>
    known.get(hash) ?? (options.mode === 'automatic' ? learned.get(hash) : undefined);

  // A text is learned only once its operation runs: one refused by validation or the
  // operation limits never takes a place in the store.
  const toLearn = new WeakMap<Request, { hash: string; text: string }>();

  return {
    async onParams({ params, setParams, request }) {
      const hash = readHash(params.extensions);
      const text = typeof params.query === 'string' ? params.query : null;

      if (options.mode === 'trusted') {
        // The text alone is accepted when it is exactly a trusted document (hashing it is cheap).
        const stored = known.get(hash ?? (text === null ? '' : sha256Hex(text)));
        if (stored === undefined) throw persistedQueryError(hash !== null && text === null ? 'PERSISTED_QUERY_NOT_FOUND' : 'PERSISTED_QUERY_ONLY');
        if (hash !== null && text !== null && text !== stored) throw persistedQueryError('PERSISTED_QUERY_MISMATCH');
        setParams({ ...params, query: stored });
        return;
      }

      if (hash === null) return;
      if (text === null) {
        const stored = await lookup(hash);
        if (stored === undefined) throw persistedQueryError('PERSISTED_QUERY_NOT_FOUND');
        setParams({ ...params, query: stored });
        return;
      }
      if (sha256Hex(text) !== hash) throw persistedQueryError('PERSISTED_QUERY_MISMATCH');
      if (!known.has(hash)) toLearn.set(request, { hash, text });
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const pending = request && toLearn.get(request);
      if (!pending) return undefined;
      // Learnt once it has run: a later plugin may still refuse it (too expensive, not a query).
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result ? (result.errors ?? []) : [];
          if (errors.some(isRefusal)) return;
          learned.set(pending.hash, pending.text);
        },
      };
    },
  };
}
