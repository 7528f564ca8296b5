import {
  Kind,
  getOperationAST,
  valueFromASTUntyped,
  type DirectiveNode,
  type ExecutionArgs,
  type GraphQLError,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, operationRefused } from '../errors.js';
import { FIELD_COSTS, PRIOR_FACTS, UNKNOWN_LIST_LENGTH, free, sharedRequests, type Args, type CostFacts } from './upstream-costs.js';

// The cost of an operation in upstream requests, estimated before it runs from the
// operation, its arguments and what each field costs (`upstream-costs.ts`). Batched fields
// cost about one request per level; fields with no batch form upstream cost one request per
// parent, so lists multiply them. An operation over the budget is refused with the estimate.

/** Fields visited at most: past this the estimate is "more than the budget" without walking further. */
const MAX_VISITS = 20_000;

type Variables = Readonly<Record<string, unknown>>;

// The schema's types are read by their tags, not with graphql's `isObjectType` and friends:
// those check `instanceof` and throw when the schema was built by another copy of graphql
// (a test runner may load its ESM and CommonJS builds side by side).
const tagOf = (type: GraphQLOutputType): string => (type as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] ?? '';

function namedTypeOf(type: GraphQLOutputType): { named: GraphQLOutputType; list: boolean } {
  let current = type;
  let list = false;
  while ('ofType' in current && current.ofType) {
    if (tagOf(current) === 'GraphQLList') list = true;
    current = current.ofType as GraphQLOutputType;
  }
  return { named: current, list };
}

/** Argument values from the AST, variables and defaults; nothing is coerced (execution does that). */
function argumentValues(definition: GraphQLField<unknown, unknown>, node: FieldNode, variables: Variables): Args {
  const values: Record<string, unknown> = {};
  for (const argument of definition.args) {
    const given = node.arguments?.find((candidate) => candidate.name.value === argument.name);
    const value = given ? valueFromASTUntyped(given.value, variables) : undefined;
    values[argument.name] = value === undefined ? argument.defaultValue : value;
  }
  return values;
}

/** `@skip(if:)` / `@include(if:)` with a literal or a variable; anything else counts as included. */
function isIncluded(directives: readonly DirectiveNode[] | undefined, variables: Variables): boolean {
  for (const directive of directives ?? []) {
    const condition = directive.arguments?.find((argument) => argument.name.value === 'if');
    if (!condition) continue;
    const value = valueFromASTUntyped(condition.value, variables);
    if (directive.name.value === 'skip' && value === true) return false;
    if (directive.name.value === 'include' && value === false) return false;
  }
  return true;
}

export interface CostEstimate {
  /** Estimated upstream requests (realistic, from learnt list sizes); `Infinity` when the walk gave up. */
  requests: number;
  /** The field (response path, list indexes left out) whose own requests are the most, or null when nothing costs. */
  costliest: { path: string; requests: number } | null;
}

export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Variables = {},
  facts: CostFacts = PRIOR_FACTS,
): CostEstimate {
  const operation = getOperationAST(document, operationName);
  // A subscription is measured per event: what one event's selection costs.
  const root = operation?.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!operation || operation.operation === 'mutation' || !root) return { requests: 0, costliest: null };
  const byPath = new Map<string, number>();

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const onceKeys = new Set<string>();
  let visits = 0;

  /** The fields of a level by response key, fragments and inline fragments merged (as graphql's collectFields). */
  const collect = (sets: readonly SelectionSetNode[], into = new Map<string, FieldNode[]>(), seen = new Set<string>()): Map<string, FieldNode[]> => {
    for (const set of sets) {
      for (const selection of set.selections) {
        if (!isIncluded(selection.directives, variables)) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          into.set(key, [...(into.get(key) ?? []), selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          collect([selection.selectionSet], into, seen);
        } else if (!seen.has(selection.name.value)) {
          seen.add(selection.name.value);
          const fragment = fragments.get(selection.name.value);
          if (fragment) collect([fragment.selectionSet], into, seen);
        }
      }
    }
    return into;
  };

  /** `repositoryKnown`: whether the jobs or pushes of this level know their repository (see `FieldCost.repository`). */
  const walk = (type: GraphQLObjectType, sets: readonly SelectionSetNode[], parents: number, repositoryKnown: boolean, path: string): number => {
    if (parents <= 0) return 0;
    let requests = 0;
    const levelKeys = new Set<string>();
    for (const [key, nodes] of collect(sets)) {
      visits += 1;
      if (visits > MAX_VISITS) return Number.POSITIVE_INFINITY;
      const node = nodes[0]!;
      const definition = type.getFields()[node.name.value];
      if (!definition) continue; // __typename and introspection: answered by the gateway itself.
      const args = argumentValues(definition, node, variables);
      const cost = FIELD_COSTS[`${type.name}.${definition.name}`] ?? free;
      const fieldPath = path ? `${path}.${key}` : key;
      let own = cost.requests(parents, args, facts);
      const shares = typeof cost.shares === 'function' ? cost.shares(args) : (cost.shares ?? []);
      for (const shared of repositoryKnown ? shares : [...shares, ...(cost.sharesWithoutRepository ?? [])]) {
        const scope = shared.startsWith('once:') ? onceKeys : levelKeys;
        if (scope.has(shared)) continue;
        scope.add(shared);
        own += sharedRequests(shared, parents);
      }
      if (own > 0) byPath.set(fieldPath, (byPath.get(fieldPath) ?? 0) + own);
      requests += own;
      const { named, list } = namedTypeOf(definition.type);
      const children = nodes.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
      if (tagOf(named) !== 'GraphQLObjectType' || children.length === 0) continue;
      const length = cost.length?.(args, facts) ?? (list ? UNKNOWN_LIST_LENGTH : 1);
      requests += walk(named as GraphQLObjectType, children, parents * length, cost.repository === undefined ? repositoryKnown : cost.repository === 'known', fieldPath);
    }
    return requests;
  };

  // Learnt list sizes are averages: the estimate is rounded up to whole requests.
  const requests = Math.ceil(walk(root, [operation.selectionSet], 1, true, ''));
  let costliest: CostEstimate['costliest'] = null;
  for (const [path, own] of byPath) if (costliest === null || own > costliest.requests) costliest = { path, requests: Math.ceil(own) };
  return { requests, costliest };
}

export interface CostLimitOptions {
  /** Upstream requests an operation may cost (its budget, enforced as requests go out). */
  maxCost: number;
  /** Refused before running only when the estimate is over `maxCost × refusalFactor` (default 2); under it, the budget cuts. */
  refusalFactor?: number;
  /** What the gateway has learnt about list sizes (read at each estimate). */
  facts?: CostFacts;
  /** Told the estimate of every operation that runs (logs, metrics). */
  onEstimate?: (request: Request, estimate: CostEstimate) => void;
}

/**
 * Refuses, before it runs, an operation whose estimate exceeds the budget (a subscription's
 * per event); also refuses mutations, which this read-only graph has none of, and any
 * operation type the schema lacks (graphql-js would otherwise answer with an uncoded error).
 */
export function useCostLimit(options: CostLimitOptions): Plugin<{ request: Request }> {
  const overBudget = (args: ExecutionArgs): { errors: GraphQLError[] } | null => {
    const variables = (args.variableValues ?? {}) as Variables;
    const estimate = estimateCost(args.schema, args.document, args.operationName, variables, options.facts ?? PRIOR_FACTS);
    options.onEstimate?.((args.contextValue as { request: Request }).request, estimate);
    const refuseAbove = options.maxCost * (options.refusalFactor ?? 2);
    if (estimate.requests > refuseAbove) {
      const shown = Number.isFinite(estimate.requests) ? estimate.requests : null;
      const costliest = estimate.costliest;
      const where = costliest ? ` The costliest field is \`${costliest.path}\` (about ${costliest.requests}).` : '';
      return {
        errors: [
          operationRefused(
            ErrorCode.OPERATION_TOO_EXPENSIVE,
            shown === null
              ? `The operation would cost far more than its budget of ${options.maxCost} upstream requests.${where} Ask for fewer items (smaller \`first\`) or fewer per-item fields.`
              : `The operation would cost about ${shown} upstream requests, far over its budget of ${options.maxCost}.${where} Ask for fewer items (smaller \`first\`) or fewer per-item fields.`,
            { estimatedUpstreamRequests: shown, maxUpstreamRequests: options.maxCost, costliestField: costliest?.path ?? null },
          ),
        ],
      };
    }
    return null;
  };
  return {
    // graphql 17 validates operation types itself (with an uncoded message): answer first.
    onValidate({ params, setResult }) {
      for (const definition of params.documentAST.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation === 'query') continue;
        const root = definition.operation === 'mutation' ? params.schema.getMutationType() : params.schema.getSubscriptionType();
        if (root) continue;
        setResult([operationRefused(ErrorCode.OPERATION_NOT_SUPPORTED, `This graph is read-only: it has no ${definition.operation} operations.`)]);
        return;
      }
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation && operation.operation === 'mutation') {
        setResultAndStopExecution({
          errors: [operationRefused(ErrorCode.OPERATION_NOT_SUPPORTED, `This graph is read-only: it has no ${operation.operation} operations.`)],
        });
        return;
      }
      const refused = overBudget(args);
      if (refused) setResultAndStopExecution(refused);
    },
    // Subscriptions pass the same budget, per event.
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = overBudget(args);
      if (refused) setResultAndStopExecution(refused);
    },
  };
}
