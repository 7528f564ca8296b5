import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, type GraphQLFormattedError } from 'graphql';
import { hawkAuthorization, type HawkCredentials } from './hawk.js';
import { toPersistedDocument } from './persisted-documents.js';
import { VERSION } from './version.js';

// A small GraphQL client for the gateway: one request function that sends a typed document
// (hash first, text only when the gateway asks for it), signs with Hawk when given
// credentials, and turns every failure into one error class with a code. Web platform APIs
// only (fetch, WebCrypto, AbortController), so it runs the same in a browser bundle and in Node.

export interface ClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://gateway.example/graphql`. */
  url: string | URL;
  /** Sign every request with Hawk (a fresh header per request, body hash included). */
  credentials?: HawkCredentials;
  /**
   * `GET` puts the operation in the URL, so a CDN in front of the gateway can cache it
   * (with persisted queries the URL holds only the hash). Default `POST`.
   */
  method?: 'GET' | 'POST';
  /**
   * Automatic persisted queries: send the document's SHA-256 first and its text only when the
   * gateway does not know it yet. Required against a gateway in trusted-documents mode.
   * Default `true`.
   */
  persistedQueries?: boolean;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** Give up on a request after this long. Default 60 s. */
  timeoutMs?: number;
  /** The fetch implementation. Default: the platform's `fetch`. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface GraphQLClient {
  /** Runs one operation and resolves to its `data`; rejects with a {@link GatewayError}. */
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables?: TVariables,
    options?: RequestOptions,
  ): Promise<TResult>;
}

/** Codes the client itself gives a failure that carries no GraphQL error from the gateway. */
export type ClientErrorCode = 'GATEWAY_HTTP_ERROR' | 'GATEWAY_BAD_RESPONSE';

/**
 * A failed operation. `code` is the first GraphQL error's `extensions.code` (the gateway's
 * codes: `UPSTREAM_NOT_FOUND`, `BAD_USER_INPUT`, …) or a {@link ClientErrorCode}; `data`
 * holds whatever part of the result did arrive.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly errors: readonly GraphQLFormattedError[] = [],
    readonly data: unknown = null,
  ) {
    super(message);
  }
}

interface Payload {
  data?: unknown;
  errors?: GraphQLFormattedError[];
}

const PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND';

// A browser sets its own User-Agent (and a custom one would need a CORS preflight allowing it).
const inBrowser = 'document' in globalThis || 'WorkerGlobalScope' in globalThis;

/** A signal that aborts when the caller's does or after `timeoutMs`, from a plain timer. */
function deadline(parent: AbortSignal | undefined, timeoutMs: number): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    const error = new Error(`The gateway did not answer within ${timeoutMs} ms.`);
    error.name = 'TimeoutError';
    controller.abort(error);
  }, timeoutMs);
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    },
  };
}

function toGatewayError(status: number, payload: Payload): GatewayError {
  const errors = payload.errors ?? [];
  const first = errors[0];
  const code = typeof first?.extensions?.['code'] === 'string' ? first.extensions['code'] : 'GATEWAY_HTTP_ERROR';
  const message = errors.length > 0 ? errors.map((error) => error.message).join('; ') : `The gateway answered ${status}.`;
  return new GatewayError(code, message, status, errors, payload.data ?? null);
}

export function createClient(options: ClientOptions): GraphQLClient {
  const url = new URL(options.url);
  const method = options.method ?? 'POST';
  const persisted = options.persistedQueries ?? true;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const doFetch = options.fetch ?? globalThis.fetch;

  async function send(body: Record<string, unknown>, requestOptions: RequestOptions): Promise<{ status: number; payload: Payload }> {
    const headers: Record<string, string> = {
      accept: 'application/graphql-response+json, application/json',
      ...(inBrowser ? {} : { 'user-agent': `treeherder-graphql-sdk/${VERSION}` }),
      ...options.headers,
      ...requestOptions.headers,
    };
    let target = url;
    let text: string | undefined;
    if (method === 'GET') {
      target = new URL(url);
      for (const [name, value] of Object.entries(body)) {
        if (value !== undefined) target.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
      }
    } else {
      text = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    if (options.credentials) {
      // Signed per request: each Hawk header carries a fresh nonce the gateway accepts once.
      headers['authorization'] = await hawkAuthorization(target, options.credentials, {
        method,
        ...(text === undefined ? {} : { payload: text, contentType: 'application/json' }),
      });
    }
    const linked = deadline(requestOptions.signal, timeoutMs);
    let response: Response;
    let raw: string;
    try {
      response = await doFetch(target, { method, headers, body: text, signal: linked.signal });
      raw = await response.text();
    } finally {
      linked.dispose();
    }
    let payload: Payload;
    try {
      payload = JSON.parse(raw) as Payload;
    } catch {
      throw new GatewayError(
        response.ok ? 'GATEWAY_BAD_RESPONSE' : 'GATEWAY_HTTP_ERROR',
        `The gateway answered ${response.status} with a body that is not JSON.`,
        response.status,
      );
    }
    if (typeof payload !== 'object' || payload === null) {
      throw new GatewayError('GATEWAY_BAD_RESPONSE', 'The gateway answered with JSON that is not a GraphQL result.', response.status);
    }
    return { status: response.status, payload };
  }

  return {
    async request<TResult, TVariables>(
      document: TypedDocumentNode<TResult, TVariables>,
      variables?: TVariables,
      requestOptions: RequestOptions = {},
    ): Promise<TResult> {
      const { query, hash } = await toPersistedDocument(document);
      const operationName = getOperationAST(document)?.name?.value;
      const base = { operationName, variables: variables ?? undefined };
      const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };

      let result = persisted
        ? await send({ ...base, extensions }, requestOptions)
        : await send({ ...base, query }, requestOptions);
      if (persisted && result.payload.errors?.some((error) => error.extensions?.['code'] === PERSISTED_QUERY_NOT_FOUND)) {
        // First use of this document on this gateway: send its text once so it is registered.
        result = await send({ ...base, query, extensions }, requestOptions);
      }
      const { status, payload } = result;
      if (payload.errors?.length || payload.data === undefined || payload.data === null) {
        throw toGatewayError(status, payload);
      }
      return payload.data as TResult;
    },
  };
}
