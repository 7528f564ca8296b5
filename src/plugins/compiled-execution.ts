import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { GraphQLError, Kind, type DocumentNode, type ExecutionArgs, type GraphQLSchema, type SelectionSetNode, type Source } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { hasIncremental } from './defer-fallback.js';

// A query that runs again and again (a dashboard's, the SDK's) is compiled into a function
// that executes it (graphql-jit), and later runs call that function. The general executor
// spends most of a large answer's time on bookkeeping per field (field lookup, argument
// coercion, resolve info, null-prototype result objects): a push list with 2,500 jobs has about
// 30,000 fields, and that bookkeeping was the gateway's largest cost (README § Performance).
//
// - Only plain queries and mutations are compiled. A subscription, or an operation with
//   `@defer`/`@stream` (an answer in parts), runs on Yoga's executor as before.
// - A document is compiled on its `compileAfterRuns`-th run: a stream of one-off documents
//   never pays for compiling, and at most `maxDocuments` are remembered (least recently used
//   out first).
// - Compiling costs CPU in proportion to the fields of the operation with its fragments
//   expanded (about 0.04 ms per field here: 64 ms for 100 aliases of a 15-field fragment), and
//   its gain is in proportion to the fields of the answer. An operation selecting more than
//   `maxFields` stays on the general executor, so no document can make compiling expensive.
// - An operation whose variables do not coerce is handed back to the general executor, so
//   the answer (its HTTP status, its wording) is the one every other operation gets.
//
// Answers read the same whichever executor ran (test/compiled-execution.test.ts runs both).
// graphql-jit's one difference, errors that carry `locations` but not the source positions
// Yoga rebuilds locations from, is mended here.

export interface CompiledExecutionOptions {
  /** Documents remembered (run counts and compiled forms); 0 turns compiling off. */
  maxDocuments: number;
  /** The run of a document on which it is compiled (1: its first). */
  compileAfterRuns: number;
  /** Operations selecting more fields than this, fragments expanded, are never compiled. */
  maxFields: number;
  /** Each execution, by the executor that ran it. */
  onExecute?: (executor: 'compiled' | 'general') => void;
  /** The number of documents remembered, after each change. */
  onSize?: (documents: number) => void;
  /**
   * The schema a document is compiled against: the executed one, or a copy with the same
   * types whose resolvers suit that document (see src/listed-jobs.ts). Asked once per document.
   */
  schemaFor?: (schema: GraphQLSchema, document: DocumentNode) => GraphQLSchema;
}

interface Compiled {
  query: CompiledQuery['query'];
  source: Source | undefined;
  /** Offsets of the document's lines, to turn an error's line and column back into a position. */
  lineStarts: number[];
}

/** One document, by operation name: how often it ran, and what it compiled to (null: it cannot be). */
interface Entry {
  runs: number;
  compiled: Compiled | null | undefined;
}

/**
 * The fields an operation selects, each fragment spread counted with its fragment's fields (as
 * compiled code holds them again); counted per fragment once, so nesting cannot blow it up.
 */
export function expandedFieldCount(document: DocumentNode, selectionSet: SelectionSetNode): number {
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  }
  const perFragment = new Map<string, number>();
  const count = (set: SelectionSetNode, visiting: ReadonlySet<string>): number => {
    let fields = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields += 1 + (selection.selectionSet ? count(selection.selectionSet, visiting) : 0);
      else if (selection.kind === Kind.INLINE_FRAGMENT) fields += count(selection.selectionSet, visiting);
      else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue; // validation refuses both before execution
        if (!perFragment.has(name)) perFragment.set(name, count(fragment, new Set([...visiting, name])));
        fields += perFragment.get(name)!;
      }
    }
    return fields;
  };
  return count(selectionSet, new Set());
}

/** Whether the selected operation can run compiled: a query or mutation without parts, not too large. */
function compilable(document: DocumentNode, operationName: string | null | undefined, maxFields: number): boolean {
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && (operationName == null || definition.name?.value === operationName),
  );
  if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation === 'subscription') return false;
  return !hasIncremental(document) && expandedFieldCount(document, operation.selectionSet) <= maxFields;
}

function compile(args: ExecutionArgs, maxFields: number, schemaFor: CompiledExecutionOptions['schemaFor']): Compiled | null {
  if (!compilable(args.document, args.operationName, maxFields)) return null;
  const schema = schemaFor ? schemaFor(args.schema, args.document) : args.schema;
  const result = compileQuery(schema, args.document, args.operationName ?? undefined, { disablingCapturingStackErrors: true });
  if (!isCompiledQuery(result)) return null;
  const source = args.document.loc?.source;
  return { query: result.query, source, lineStarts: lineStarts(source?.body ?? '') };
}

export function useCompiledExecution(options: CompiledExecutionOptions): Plugin {
  // By document object (Yoga's parse cache hands out the same object for the same text), then
  // operation name. A Map iterates in insertion order: re-inserting on use makes it an LRU.
  const documents = new Map<DocumentNode, Map<string, Entry>>();

  const entryFor = (args: ExecutionArgs): Entry => {
    let byName = documents.get(args.document);
    if (byName) {
      documents.delete(args.document);
    } else {
      byName = new Map();
      if (documents.size >= options.maxDocuments) documents.delete(documents.keys().next().value!);
    }
    documents.set(args.document, byName);
    options.onSize?.(documents.size);
    const name = args.operationName ?? '';
    let entry = byName.get(name);
    if (!entry) byName.set(name, (entry = { runs: 0, compiled: undefined }));
    return entry;
  };

  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (options.maxDocuments === 0) return options.onExecute?.('general');
      const entry = entryFor(args);
      entry.runs += 1;
      if (entry.compiled === undefined && entry.runs >= options.compileAfterRuns) entry.compiled = compile(args, options.maxFields, options.schemaFor);
      const compiled = entry.compiled;
      if (!compiled) return options.onExecute?.('general');
      setExecuteFn((async (executeArgs: ExecutionArgs) => {
        const result = await compiled.query(executeArgs.rootValue, executeArgs.contextValue, executeArgs.variableValues ?? {});
        // Variables that do not coerce: no `data` at all. The general executor words that.
        if (!('data' in result)) {
          options.onExecute?.('general');
          return executeFn(executeArgs);
        }
        options.onExecute?.('compiled');
        if (!result.errors?.length) return result;
        // The general executor's order of keys: errors first.
        const { errors, data, ...rest } = result;
        return { errors: errors.map((error) => located(error, compiled)), data, ...rest };
      }) as typeof executeFn);
    },
  };
}

function lineStarts(body: string): number[] {
  const starts = [0];
  // The line terminators graphql-js counts lines by.
  for (const match of body.matchAll(/\r\n|[\n\r]/g)) starts.push(match.index + match[0].length);
  return starts;
}

/** The error as the general executor makes it: with the source positions its locations stand for. */
function located(error: GraphQLError, compiled: Compiled): GraphQLError {
  if (error.source || !compiled.source || !error.locations?.length) return error;
  const positions = error.locations.map(({ line, column }) => (compiled.lineStarts[line - 1] ?? 0) + column - 1);
  return new GraphQLError(error.message, {
    source: compiled.source,
    positions,
    ...(error.path ? { path: error.path } : {}),
    ...(error.originalError ? { originalError: error.originalError } : {}),
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
}
