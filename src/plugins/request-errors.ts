import type { ExecutionResult } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.js';

const YOGA_BAD_REQUEST = 'BAD_REQUEST';

/**
 * The extensions of an error, changed in place as Yoga itself does: a new error object would
 * be of this module's copy of graphql, which need not be Yoga's (see `operationRefused`).
 */
const extensionsOf = (error: { extensions?: unknown }): Record<string, unknown> => (error.extensions ?? {}) as Record<string, unknown>;

/**
 * Codes and statuses for requests that never reach a resolver:
 *
 * - graphql-js refuses variables that do not fit their declared types (`$first: Int` given
 *   `"ten"`, a missing `ID!`) without a code; a client matching on `extensions.code` sees
 *   `BAD_USER_INPUT`, as for any other argument it got wrong.
 * - Yoga answers a body without `query` (`{}`) with a 200 when the client accepts
 *   `application/json`. That is not a well-formed GraphQL-over-HTTP request, for which the
 *   spec asks a 4xx whatever the media type: every `BAD_REQUEST` is a 400. Yoga also adds
 *   the JSON parser's message (an echo of the body) as `originalError`; the message says it all.
 * - A GET (or form) request carries `variables` and `extensions` as JSON text, which Yoga
 *   parses without a catch: `?variables={oops` would be a 500.
 */
export function useRequestErrorCodes(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          throw createGraphQLError('The variables or extensions parameter is not valid JSON.', {
            extensions: { code: YOGA_BAD_REQUEST, http: { status: 400 } },
          });
        }
      });
    },
    onExecute() {
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result) return;
          const single = result as ExecutionResult;
          // Only the "nothing ran" shape: errors and no `data` at all.
          if ('data' in single || !single.errors) return;
          for (const error of single.errors) {
            if (error.extensions && extensionsOf(error)['code'] === undefined) extensionsOf(error)['code'] = ErrorCode.BAD_USER_INPUT;
          }
        },
      };
    },
    onResultProcess({ result }) {
      if (Symbol.asyncIterator in result || Array.isArray(result)) return;
      for (const error of result.errors ?? []) {
        const extensions = extensionsOf(error);
        if (extensions['code'] !== YOGA_BAD_REQUEST) continue;
        const http = (extensions['http'] ?? {}) as Record<string, unknown>;
        extensions['http'] = { ...http, status: http['status'] ?? 400, spec: false };
        delete extensions['originalError'];
      }
    },
  };
}
