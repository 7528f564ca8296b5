import { Kind, Lexer, Source, TokenKind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, operationRefused } from '../errors.js';

// Limits on the shape of a document, checked while it is parsed: before validation (whose
// overlapping-fields rule is the expensive part of an abusive document) and before anything
// runs. Every operation in the document is measured, not only the one asked for, so the
// verdict depends on the text alone and Yoga's parse cache can keep it.

export interface DocumentLimits {
  /** The document's size in UTF-8 bytes. */
  maxDocumentBytes: number;
  /** Lexical tokens (names, punctuation, values), comments excluded, as graphql's `maxTokens`. */
  maxTokens: number;
  /** Nested fields, fragments expanded (`{ a { b } }` is 2); introspection (`__schema`, `__type`) is not counted. */
  maxDepth: number;
  /** Aliased fields, fragments expanded once per use. */
  maxAliases: number;
  /** `__schema` and `__type` fields, fragments expanded once per use (each answers with up to the whole schema). */
  maxIntrospectionFields: number;
  /** Nested list fields inside introspection (`types`, `fields`, `args`…): 3 is GraphiQL's full introspection query. */
  maxIntrospectionDepth: number;
}

/** Depth and alias count of a document's deepest and most aliased operation. */
export interface DocumentShape {
  depth: number;
  aliases: number;
  /** `__schema` / `__type` fields. */
  introspection: number;
  /** The deepest nesting of introspection's list fields. */
  introspectionDepth: number;
}

/** Introspection fields that return lists: each level multiplies the answer by the schema's width. */
const INTROSPECTION_LISTS = new Set(['types', 'fields', 'inputFields', 'interfaces', 'possibleTypes', 'enumValues', 'args', 'directives']);

/** Tokens up to `stop` (counting further proves nothing); a lexical error ends the count and is left to the parser. */
export function countTokens(text: string, stop: number): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (count <= stop && lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // The parser reports the syntax error with its location.
  }
  return count;
}

export function measureDocument(document: DocumentNode): DocumentShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // Memoised per fragment: a fragment spread many times is measured once, so a document
  // built to expand exponentially costs linear time here.
  const measured = new Map<string, DocumentShape>();
  const inProgress = new Set<string>();
  const listDepths = new Map<string, number>();
  const listInProgress = new Set<string>();
  const EMPTY: DocumentShape = { depth: 0, aliases: 0, introspection: 0, introspectionDepth: 0 };

  /** Nesting of introspection list fields under a selection set (fragments memoised, cycles ignored). */
  const listDepth = (set: SelectionSetNode): number => {
    let deepest = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? listDepth(selection.selectionSet) : 0;
        deepest = Math.max(deepest, (INTROSPECTION_LISTS.has(selection.name.value) ? 1 : 0) + below);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, listDepth(selection.selectionSet));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || listInProgress.has(name)) continue;
        if (!listDepths.has(name)) {
          listInProgress.add(name);
          listDepths.set(name, listDepth(fragment.selectionSet));
          listInProgress.delete(name);
        }
        deepest = Math.max(deepest, listDepths.get(name)!);
      }
    }
    return deepest;
  };

  const measureSet = (set: SelectionSetNode): DocumentShape => {
    let depth = 0;
    let aliases = 0;
    let introspection = 0;
    let introspectionDepth = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const child = selection.selectionSet ? measureSet(selection.selectionSet) : EMPTY;
        // Introspection nests `ofType` 8 levels deep to describe `[[T!]!]!` types, and runs on the
        // schema alone, never upstream: it is measured by its own limits (how many, how wide), not the depth.
        const isIntrospection = selection.name.value === '__schema' || selection.name.value === '__type';
        depth = Math.max(depth, 1 + (isIntrospection ? 0 : child.depth));
        aliases += (selection.alias ? 1 : 0) + child.aliases;
        introspection += (isIntrospection ? 1 : 0) + child.introspection;
        const lists = isIntrospection && selection.selectionSet ? listDepth(selection.selectionSet) : 0;
        introspectionDepth = Math.max(introspectionDepth, lists, child.introspectionDepth);
      } else {
        const child =
          selection.kind === Kind.INLINE_FRAGMENT ? measureSet(selection.selectionSet) : measureFragment(selection.name.value);
        depth = Math.max(depth, child.depth);
        aliases += child.aliases;
        introspection += child.introspection;
        introspectionDepth = Math.max(introspectionDepth, child.introspectionDepth);
      }
    }
    return { depth, aliases, introspection, introspectionDepth };
  };

  const measureFragment = (name: string): DocumentShape => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown fragments and cycles are validation errors; they add nothing here.
    if (!fragment || inProgress.has(name)) return EMPTY;
    inProgress.add(name);
    const shape = measureSet(fragment.selectionSet);
    inProgress.delete(name);
    measured.set(name, shape);
    return shape;
  };

  let depth = 0;
  let aliases = 0;
  let introspection = 0;
  let introspectionDepth = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const shape = measureSet(definition.selectionSet);
    depth = Math.max(depth, shape.depth);
    aliases = Math.max(aliases, shape.aliases);
    introspection = Math.max(introspection, shape.introspection);
    introspectionDepth = Math.max(introspectionDepth, shape.introspectionDepth);
  }
  return { depth, aliases, introspection, introspectionDepth };
}

/** Refuses documents over the size, token, depth or alias limits with a distinct code each. */
export function useOperationLimits(limits: DocumentLimits): Plugin {
  return {
    onParse({ setParseFn, parseFn }) {
      setParseFn((source, options) => {
        const text = typeof source === 'string' ? source : source.body;
        const bytes = Buffer.byteLength(text, 'utf8');
        if (bytes > limits.maxDocumentBytes) {
          throw operationRefused(ErrorCode.DOCUMENT_TOO_LARGE, `The document is ${bytes} bytes; the limit is ${limits.maxDocumentBytes}.`, {
            documentBytes: bytes,
            maxDocumentBytes: limits.maxDocumentBytes,
          });
        }
        if (countTokens(text, limits.maxTokens) > limits.maxTokens) {
          throw operationRefused(ErrorCode.TOO_MANY_TOKENS, `The document has more than ${limits.maxTokens} tokens.`, {
            maxTokens: limits.maxTokens,
          });
        }
        const document = parseFn(source, options);
        const shape = measureDocument(document);
        if (shape.depth > limits.maxDepth) {
          throw operationRefused(ErrorCode.OPERATION_TOO_DEEP, `The operation nests fields ${shape.depth} deep; the limit is ${limits.maxDepth}.`, {
            depth: shape.depth,
            maxDepth: limits.maxDepth,
          });
        }
        if (shape.aliases > limits.maxAliases) {
          throw operationRefused(ErrorCode.TOO_MANY_ALIASES, `The operation uses ${shape.aliases} aliases; the limit is ${limits.maxAliases}.`, {
            aliases: shape.aliases,
            maxAliases: limits.maxAliases,
          });
        }
        if (shape.introspection > limits.maxIntrospectionFields) {
          throw operationRefused(
            ErrorCode.INTROSPECTION_TOO_LARGE,
            `The operation asks for introspection (__schema, __type) ${shape.introspection} times; the limit is ${limits.maxIntrospectionFields}.`,
            { introspectionFields: shape.introspection, maxIntrospectionFields: limits.maxIntrospectionFields },
          );
        }
        if (shape.introspectionDepth > limits.maxIntrospectionDepth) {
          throw operationRefused(
            ErrorCode.INTROSPECTION_TOO_LARGE,
            `The operation nests introspection lists (types, fields, args…) ${shape.introspectionDepth} deep; the limit is ${limits.maxIntrospectionDepth}.`,
            { introspectionDepth: shape.introspectionDepth, maxIntrospectionDepth: limits.maxIntrospectionDepth },
          );
        }
        return document;
      });
    },
  };
}
