import { Kind, getOperationAST, type DocumentNode, type ExecutionResult, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// An operation that only introspects (`__schema`, `__type`, `__typename`) answers the same for
// everyone until the next deployment: it is executed once per document and variables, and
// served from memory afterwards, so clients repeating introspection cost a lookup, not a walk
// of the schema (which starved /health of the event loop). Bounded by `maxEntries`.

const INTROSPECTION = new Set(['__schema', '__type', '__typename']);

function onlyIntrospection(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen: Set<string>): boolean {
  return set.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return INTROSPECTION.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return onlyIntrospection(selection.selectionSet, fragments, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment) return false;
    if (seen.has(fragment.name.value)) return true;
    seen.add(fragment.name.value);
    return onlyIntrospection(fragment.selectionSet, fragments, seen);
  });
}

/** Whether the operation selects nothing but introspection at its root. */
export function isIntrospectionOnly(document: DocumentNode, operationName?: string | null): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'query') return false;
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  return onlyIntrospection(operation.selectionSet, fragments, new Set());
}

export function useIntrospectionCache(options: { maxEntries?: number } = {}): Plugin {
  const maxEntries = options.maxEntries ?? 100;
  // Keyed by the parsed document (Yoga's parse cache hands the same object for the same text),
  // then by operation name and variables; the oldest document goes first past `maxEntries`.
  const results = new Map<DocumentNode, Map<string, ExecutionResult>>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!isIntrospectionOnly(args.document, args.operationName)) return undefined;
      const key = JSON.stringify([args.operationName ?? null, args.variableValues ?? {}]);
      const cached = results.get(args.document)?.get(key);
      if (cached) {
        setResultAndStopExecution(cached);
        return undefined;
      }
      return {
        onExecuteDone({ result }) {
          if (!('data' in result) || result.errors?.length) return;
          let byKey = results.get(args.document);
          if (!byKey) {
            results.set(args.document, (byKey = new Map()));
            if (results.size > maxEntries) results.delete(results.keys().next().value!);
          }
          if (byKey.size < 10) byKey.set(key, result);
        },
      };
    },
  };
}
