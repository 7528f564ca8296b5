import { randomUUID } from 'node:crypto';
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { getRequestIdentity } from '../auth/use-hawk-auth.js';
import { whenRequestEnds } from './request-end.js';

// What one HTTP request to the gateway was and did, gathered along Yoga's hooks and handed
// over once the response is ready: to the request log and to the metrics.

export interface RequestFacts {
  requestId: string;
  method: string;
  /** The path only: a GET's query string carries the operation and its variables. */
  path: string;
  status: number;
  durationMs: number;
  /** Whether a GraphQL result was produced (false for probes, GraphiQL, refused HTTP requests). */
  graphql: boolean;
  /** The name of the operation that ran, else the `operationName` asked for; null when anonymous. */
  operationName: string | null;
  /** `success` (no errors), `partial` (data and errors) or `error` (no data). */
  outcome: 'success' | 'partial' | 'error';
  /** `extensions.code` of each error in the response, in order (`UNKNOWN` for an error without one). */
  errorCodes: string[];
  /** Requests this GraphQL request sent to Treeherder. */
  upstreamRequests: number;
  /** The cost estimate the operation was admitted or refused with; null when it was not estimated. */
  estimatedUpstreamRequests: number | null;
  /** The verified Hawk id of the caller (never the key); null when anonymous. */
  hawkId: string | null;
}

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's request id is kept when it is short and plain (it ends up in logs and a header). */
export function requestIdOf(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given !== null && /^[\w.:@-]{1,128}$/.test(given) ? given : randomUUID();
}

interface Pending {
  requestId: string;
  started: number;
  operationName: string | null;
  graphql: boolean;
  outcome: RequestFacts['outcome'];
  errorCodes: string[];
  upstream: { count: number } | null;
  estimate: number | null;
}

const MAX_OPERATION_NAME = 100;

export interface RequestFactsOptions {
  /** Paths not reported (probes and scrapes would drown the log). */
  skipPaths?: readonly string[];
  onFinished(facts: RequestFacts): void;
}

export interface RequestFactsPlugin {
  plugin: Plugin<{ request: Request; upstream?: { count: number } }>;
  /** Records the cost estimate of a request (called by the cost limit). */
  setEstimate(request: Request, requests: number): void;
}

export function createRequestFacts(options: RequestFactsOptions): RequestFactsPlugin {
  const skip = new Set(options.skipPaths ?? []);
  const pending = new WeakMap<Request, Pending>();

  const plugin: RequestFactsPlugin['plugin'] = {
    onRequest({ request, url }) {
      if (skip.has(url.pathname)) return;
      pending.set(request, {
        requestId: requestIdOf(request.headers),
        started: performance.now(),
        operationName: null,
        graphql: false,
        outcome: 'success',
        errorCodes: [],
        upstream: null,
        estimate: null,
      });
    },
    onParams({ request, params }) {
      const state = pending.get(request);
      if (state && typeof params.operationName === 'string') state.operationName = params.operationName.slice(0, MAX_OPERATION_NAME);
    },
    onExecute({ args }) {
      const state = pending.get(args.contextValue.request);
      if (!state) return;
      state.upstream = args.contextValue.upstream ?? null;
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (name) state.operationName = name;
      // An answer in parts (@defer, @stream) reports each part's errors as it goes.
      return {
        onExecuteDone: ({ result }) => (Symbol.asyncIterator in result ? { onNext: ({ result: part }) => notePart(state, part) } : undefined),
      };
    },
    onResultProcess({ request, result }) {
      const state = pending.get(request);
      if (!state) return;
      state.graphql = true;
      if (Symbol.asyncIterator in result) return;
      const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
      for (const single of results) {
        const errors = single.errors ?? [];
        state.errorCodes.push(...errors.map((error) => codeOf(error.extensions)));
        if (errors.length > 0) state.outcome = single.data == null ? 'error' : 'partial';
      }
    },
    async onResponse({ request, response }) {
      const state = pending.get(request);
      if (!state) return;
      pending.delete(request);
      response.headers.set(REQUEST_ID_HEADER, state.requestId);
      // Plugins that end a request early (Hawk's 401) answer with a GraphQL-shaped body of their own.
      if (!state.graphql && response.status >= 400 && response.headers.get('content-type')?.includes('json')) {
        state.errorCodes.push(...(await codesOfBody(response)));
      }
      // An answer in parts is reported once its last part has gone (or its client left).
      whenRequestEnds(request, () => options.onFinished({
        requestId: state.requestId,
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        durationMs: performance.now() - state.started,
        graphql: state.graphql,
        operationName: state.operationName,
        outcome: state.graphql ? state.outcome : response.status < 400 ? 'success' : 'error',
        errorCodes: state.errorCodes,
        upstreamRequests: state.upstream?.count ?? 0,
        estimatedUpstreamRequests: state.estimate,
        hawkId: getRequestIdentity(request)?.id ?? null,
      }));
    },
  };

  return {
    plugin,
    setEstimate(request, requests) {
      const state = pending.get(request);
      if (state) state.estimate = requests;
    },
  };
}

/** One part of an answer in parts: the first (`data`, `errors`) or a later one (`incremental`). */
interface AnswerPart {
  data?: unknown;
  errors?: ReadonlyArray<{ extensions?: Readonly<Record<string, unknown>> }>;
  incremental?: ReadonlyArray<{ errors?: ReadonlyArray<{ extensions?: Readonly<Record<string, unknown>> }> }>;
}

function notePart(state: Pending, result: unknown): void {
  const part = result as AnswerPart;
  const errors = [...(part.errors ?? []), ...(part.incremental ?? []).flatMap((increment) => increment.errors ?? [])];
  if (errors.length === 0) return;
  state.errorCodes.push(...errors.map((error) => codeOf(error.extensions)));
  if (state.outcome !== 'error') state.outcome = 'data' in part && part.data == null && !part.incremental ? 'error' : 'partial';
}

function codeOf(extensions: Readonly<Record<string, unknown>> | undefined): string {
  const code = extensions?.['code'];
  return typeof code === 'string' ? code : 'UNKNOWN';
}

async function codesOfBody(response: Response): Promise<string[]> {
  try {
    const body = (await response.clone().json()) as { errors?: Array<{ extensions?: Record<string, unknown> }> };
    return Array.isArray(body.errors) ? body.errors.map((error) => codeOf(error.extensions)) : [];
  } catch {
    return [];
  }
}
