import { Kind, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// `@defer` and `@stream` turn one answer into several parts, which only a client that reads
// `multipart/mixed` or `text/event-stream` can take. Yoga answers any other client with a bare
// `406 Not Acceptable`; a script that sends `Accept: application/json` and a query copied from
// GraphiQL deserves the whole answer instead. For such clients the directives are dropped before
// execution: the answer is the same data, in one piece.

const INCREMENTAL = new Set(['defer', 'stream']);

/** Whether an `Accept` header lets the answer come in parts. */
export function acceptsParts(accept: string | null): boolean {
  if (accept === null || accept.trim() === '') return true; // Yoga treats a missing Accept as */*.
  return accept.split(',').some((entry) => {
    const [type = '', ...params] = entry.split(';').map((piece) => piece.trim().toLowerCase());
    if (params.some((param) => /^q=0(\.0*)?$/.test(param))) return false;
    return type === 'multipart/mixed' || type === 'text/event-stream' || type === 'multipart/*' || type === '*/*';
  });
}

/** Whether a document asks for an answer in parts anywhere (`@defer` or `@stream`). */
export function hasIncremental(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (INCREMENTAL.has(node.name.value)) found = true;
    },
  });
  return found;
}

/** The document without `@defer` and `@stream` (a new document; the cached one is untouched). */
export function withoutIncremental(document: DocumentNode): DocumentNode {
  return visit(document, {
    Directive(node) {
      return INCREMENTAL.has(node.name.value) ? null : undefined;
    },
  });
}

export function useDeferFallback(): Plugin {
  // The same document each time for the same parsed one, as the parse cache gives: what is
  // remembered per document (the compiled executor's run counts) then holds for these too.
  const stripped = new WeakMap<DocumentNode, DocumentNode>();
  const strip = (document: DocumentNode): DocumentNode => {
    let result = stripped.get(document);
    if (!result) stripped.set(document, (result = withoutIncremental(document)));
    return result;
  };
  return {
    onParse({ context }) {
      const request = (context as { request?: Request }).request;
      if (!request || acceptsParts(request.headers.get('accept'))) return undefined;
      return ({ result, replaceParseResult }) => {
        if (result === null || result instanceof Error || (result as DocumentNode).kind !== Kind.DOCUMENT) return;
        if (hasIncremental(result as DocumentNode)) replaceParseResult(strip(result as DocumentNode));
      };
    },
  };
}
