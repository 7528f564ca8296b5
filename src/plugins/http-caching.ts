import { getOperationAST, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { appendVary } from './cors.js';

// HTTP caching headers for GraphQL responses. Only what is the same for every caller and
// changes rarely may be cached by browsers and CDNs: an anonymous GET query whose root
// fields all read Treeherder's reference data, answered without errors. Everything else —
// pushes and jobs change by the minute, and a Hawk-signed answer belongs to its caller — is
// `private, no-store`.

/** Root fields that read reference data: lists Treeherder changes a few times a year. */
export const REFERENCE_DATA_FIELDS: ReadonlySet<string> = new Set([
  'repositories',
  'repository',
  'performanceFrameworks',
  'performanceTags',
  'optionCollections',
  'failureClassifications',
  'machinePlatforms',
  // The schema itself only changes with a deployment.
  '__typename',
  '__schema',
  '__type',
]);

export interface HttpCachingOptions {
  /** `max-age` of cacheable responses; 0 makes every response `private, no-store`. */
  maxAgeSeconds: number;
  /** The GraphQL endpoint's path: other routes (GraphiQL's page, /health) are left alone. */
  graphqlEndpoint: string;
}

const NO_STORE = 'private, no-store';

/** The root fields an operation selects, through fragments and inline fragments. */
function rootFields(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    const fragment = fragments.get(name);
    if (!fragment || seen.has(name)) return [];
    seen.add(name);
    return rootFields(fragment.selectionSet, fragments, seen);
  });
}

/** Whether the operation only reads reference data (so its answer is the same for everyone). */
export function isReferenceDataQuery(document: DocumentNode, operationName?: string | null): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'query') return false;
  const fragments = new Map(
    document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment] as const),
  );
  const fields = rootFields(operation.selectionSet, fragments);
  return fields.length > 0 && fields.every((field) => REFERENCE_DATA_FIELDS.has(field));
}

export function useHttpCaching(options: HttpCachingOptions): Plugin {
  // Decided per request while it executes, written on its response; keyed by the Request so
  // nothing outlives it.
  const cacheable = new WeakMap<Request, boolean>();

  return {
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (request) cacheable.set(request, isReferenceDataQuery(args.document, args.operationName));
    },
    onExecutionResult({ request, result }) {
      const errors = result && 'errors' in result ? result.errors : undefined;
      if (errors?.length) cacheable.set(request, false);
    },
    onResponse({ request, response }) {
      if (new URL(request.url).pathname !== options.graphqlEndpoint) return;
      if (!(response.headers.get('content-type') ?? '').includes('json')) return;
      const isPublic =
        options.maxAgeSeconds > 0 &&
        request.method === 'GET' &&
        response.status === 200 &&
        !request.headers.has('authorization') &&
        cacheable.get(request) === true;
      response.headers.set('cache-control', isPublic ? `public, max-age=${options.maxAgeSeconds}` : NO_STORE);
      // The answer depends on the negotiated media type and on who signed the request.
      appendVary(response.headers, ['Accept', 'Authorization']);
    },
  };
}
