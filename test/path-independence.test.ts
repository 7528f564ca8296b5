import {
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isRequiredArgument,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import { createSchema } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvers } from '../src/resolvers.generated.js';
import { typeDefs } from '../src/type-defs.generated.js';
import { startStack, type Stack } from './support/stack.js';

// Every field says what Treeherder says, whichever path reached it. This test is generated
// from the schema, not from a list of fields or paths:
//   - the paths: every field of every type that returns objects of type T (directly, in a
//     list, or as a connection's nodes); T is checked when more than one path reaches it;
//   - the selection: every field of T without required arguments: scalars and enums as
//     they are, objects by their `id` (or, for objects without one, their scalars);
//   - nested paths (`Alert.series`, `Job.push`…) are reached from the root through fields
//     that need no arguments (or only `repository`, from the context below); root paths with
//     arguments (`job(id)`, `jobs(ids)`, `push(revision)`…) are called with arguments read off
//     the objects the other paths found (by argument name: `id`, `ids`, `repository`,
//     `revision`, `<x>Ids`…), once per optional identifying argument.
// Objects found through two paths (same type, same id) must be deeply equal. A new field, or a
// new path whose arguments are named like these, is covered without editing this file; a
// path it cannot reach fails the test by name.

/** Arguments the walk gives every field that takes them (small pages keep the fan-out small). */
const CONTEXT: Record<string, unknown> = { repository: 'autoland', first: 2, last: 2 };
/**
 * Root listings take longer pages: objects embedded in others (an alert summary's related
 * alerts) are then also found in their own parents, so the two paths meet.
 */
const ROOT_FIRST = 25;
/** Pages for a second try at a path the small pages found nothing through (notes of a job). */
const WIDE_FIRST = 25;
let nestedFirst = CONTEXT['first'] as number;
/** How deep the walk from the root goes to reach a path's parent type. */
const MAX_ROUTE = 4;
/** Arguments that select *which* objects rather than identify them: never filled from an object. */
const NOT_IDENTIFYING = new Set(['first', 'after', 'last', 'filter', 'result', 'state', 'tier', 'interval', 'startDate', 'endDate']);

/** Root lookups by identity per variant (`job(id)` for this many of the jobs found). */
const ROOT_LOOKUPS = 4;

let stack: Stack;
let schema: GraphQLSchema;

beforeAll(async () => {
  stack = await startStack({
    env: { MAX_OPERATION_COST: '100000', MAX_TOKENS: '100000', MAX_DEPTH: '60', MAX_DOCUMENT_BYTES: '1000000', MAX_ALIASES: '1000' },
  });
});
afterAll(async () => stack.close());

interface Path {
  parent: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
  /** Through a connection's `nodes`. */
  connection: boolean;
}

const coordinate = (path: Path): string => `${path.parent.name}.${path.field.name}`;

/** The object type a field returns, looking through lists, non-null and connections. */
function targetOf(type: GraphQLType): { target: GraphQLObjectType; connection: boolean } | null {
  const named = getNamedType(type);
  if (!isObjectType(named)) return null;
  const nodes = named.getFields()['nodes'];
  if (named.name.endsWith('Connection') && nodes) return { target: getNamedType(nodes.type) as GraphQLObjectType, connection: true };
  return { target: named, connection: false };
}

/** Objects with an identity: a non-null `id` (a Bugzilla bug's id is null for internal issues: no identity). */
const hasId = (type: GraphQLObjectType): boolean => {
  const id = type.getFields()['id'];
  return id !== undefined && isNonNullType(id.type);
};

/** Every path to every object type with an id, by type. */
function pathsByType(): Map<string, Path[]> {
  const byType = new Map<string, Path[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Connection') || type.name.endsWith('Edge')) continue;
    // Subscription events are only seen once something changes: test/live-*.e2e.test.ts checks
    // them against the simulator's model (the objects resolve through the same types).
    if (type === schema.getSubscriptionType()) continue;
    for (const field of Object.values(type.getFields())) {
      const found = targetOf(field.type);
      if (!found || !hasId(found.target)) continue;
      byType.set(found.target.name, [...(byType.get(found.target.name) ?? []), { parent: type, field, connection: found.connection }]);
    }
  }
  return byType;
}

/** `name: value` for a GraphQL literal. */
const literal = (value: unknown): string => JSON.stringify(value);

/** The context's arguments a field takes; null when a required one is not in the context. */
function contextArguments(field: { args: readonly GraphQLArgument[] }, root = false): string | null {
  const given: string[] = [];
  for (const argument of field.args) {
    if (argument.name === 'first') given.push(`first: ${root ? ROOT_FIRST : nestedFirst}`);
    else if (argument.name in CONTEXT) given.push(`${argument.name}: ${literal(CONTEXT[argument.name])}`);
    else if (isRequiredArgument(argument)) return null;
  }
  return given.length ? `(${given.join(', ')})` : '';
}

/** Every field of `type` without required arguments: scalars as they are, objects by id. */
function selectionOf(type: GraphQLObjectType, depth = 0): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some(isRequiredArgument)) continue;
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) {
      parts.push(field.name);
      continue;
    }
    const found = targetOf(field.type);
    if (!found) continue;
    const inner = hasId(found.target) ? 'id' : depth < 2 ? selectionOf(found.target, depth + 1) : null;
    if (!inner) continue;
    parts.push(found.connection ? `${field.name} { nodes { ${inner} } }` : `${field.name} { ${inner} }`);
  }
  return parts.join(' ');
}

/** A route from the root to objects of `type`: field selections, each with its arguments. */
function routeTo(type: GraphQLObjectType): string[] | null {
  const query = schema.getQueryType()!;
  let frontier: Array<{ type: GraphQLObjectType; route: string[] }> = [{ type: query, route: [] }];
  const seen = new Set<string>([query.name]);
  for (let depth = 0; depth < MAX_ROUTE; depth += 1) {
    const next: typeof frontier = [];
    for (const { type: at, route } of frontier) {
      for (const field of Object.values(at.getFields())) {
        const args = contextArguments(field, depth === 0);
        const found = targetOf(field.type);
        if (args === null || !found) continue;
        const step = found.connection ? `${field.name}${args} { nodes` : `${field.name}${args}`;
        const extended = [...route, step];
        if (found.target === type) return extended;
        if (!seen.has(found.target.name)) {
          seen.add(found.target.name);
          next.push({ type: found.target, route: extended });
        }
      }
    }
    frontier = next;
  }
  return null;
}

/** Wraps `inner` in the route's selections. */
function nest(route: readonly string[], inner: string): string {
  return route.reduceRight((body, step) => `${step} { ${body} }${step.endsWith('{ nodes') ? ' }' : ''}`, inner);
}

/** Every object of the result found at the end of the route (lists and connections flattened). */
function collect(value: unknown, steps: number): Array<Record<string, unknown>> {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item) => collect(item, steps));
  const record = value as Record<string, unknown>;
  if (steps === 0) return [record];
  const [key] = Object.keys(record);
  const child = record[key!] as unknown;
  if (child && typeof child === 'object' && !Array.isArray(child) && 'nodes' in (child as object)) {
    return collect((child as Record<string, unknown>)['nodes'], steps - 1);
  }
  return collect(child, steps - 1);
}

async function run(query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await stack.query(query, variables);
  expect(response.body.errors, query).toBeUndefined();
  return response.body.data as Record<string, unknown>;
}

/** Objects of `type` through a nested path: the route to its parent, then the field. */
async function throughNested(path: Path, route: () => string[] | null, selection: string): Promise<Array<Record<string, unknown>> | null> {
  const found = await throughNestedOnce(path, route(), selection);
  if (found === null || found.length > 0) return found;
  nestedFirst = WIDE_FIRST;
  try {
    return await throughNestedOnce(path, route(), selection);
  } finally {
    nestedFirst = CONTEXT['first'] as number;
  }
}

/** The selection step of a path's field, with the context's arguments; null when it needs others. */
function stepOf(path: Path, root: boolean): string | null {
  const args = contextArguments(path.field, root);
  if (args === null) return null;
  return path.connection ? `${path.field.name}${args} { nodes` : `${path.field.name}${args}`;
}

/**
 * Routes to a nested path's parent objects: through each path that reaches the parent type
 * (so `Alert.series` is tried through `AlertSummary.alerts` and `AlertSummary.relatedAlerts`),
 * or the shortest route when the parent type has no identified paths. Labelled by the hop.
 */
function routesToParent(path: Path, byType: Map<string, Path[]>): Array<{ label: string; route: () => string[] | null }> {
  const query = schema.getQueryType()!;
  if (path.parent === query) return [{ label: coordinate(path), route: () => [] }];
  const hops = (byType.get(path.parent.name) ?? []).filter((hop) => hop.parent !== path.parent && !(hop.parent === query && byIdentity(hop)));
  if (hops.length === 0) return [{ label: coordinate(path), route: () => routeTo(path.parent) }];
  return hops.map((hop) => ({
    label: `${coordinate(hop)} > ${coordinate(path)}`,
    route: () => {
      const before = hop.parent === query ? [] : routeTo(hop.parent);
      const step = before === null ? null : stepOf(hop, before.length === 0);
      return before === null || step === null ? null : [...before, step];
    },
  }));
}

async function throughNestedOnce(path: Path, route: readonly string[] | null, selection: string): Promise<Array<Record<string, unknown>> | null> {
  if (!route) return null;
  const step = stepOf(path, route.length === 0);
  if (step === null) return null;
  const full = [...route, step];
  const data = await run(`{ ${nest(full, selection)} }`);
  return collect(data, full.length);
}

/** Values for an identifying argument, read off an object found by another path. */
function argumentFrom(argument: GraphQLArgument, object: Record<string, unknown>): unknown {
  const list = isListType(isNonNullType(argument.type) ? argument.type.ofType : argument.type);
  const read = (name: string): unknown => {
    const value = object[name];
    if (value && typeof value === 'object' && 'id' in value) return (value as { id: unknown }).id;
    return value;
  };
  let value: unknown;
  if (argument.name === 'ids') value = object['id'];
  else if (argument.name === 'commitRevision') value = object['revision'];
  else if (argument.name.endsWith('Ids')) value = read(argument.name.slice(0, -3));
  else if (argument.name.endsWith('Id')) value = read(argument.name.slice(0, -2));
  else value = read(argument.name);
  if (value === undefined || value === null) return undefined;
  return list ? [value] : value;
}

/** Repository names are not ids: the repository field is selected by id; look its name up. */
async function repositoryNames(): Promise<Map<unknown, string>> {
  const data = await run('{ repositories { id name } }');
  return new Map((data['repositories'] as Array<{ id: unknown; name: string }>).map((item) => [item.id, item.name]));
}

/**
 * The variants of a root path: its required arguments plus, one at a time, each optional
 * identifying one (`push(id)`, `push(revision)`, `push(commitRevision)`).
 */
function rootVariants(field: GraphQLField<unknown, unknown>): Array<readonly GraphQLArgument[]> {
  const identifying = field.args.filter((argument) => isRequiredArgument(argument) || !NOT_IDENTIFYING.has(argument.name));
  const required = identifying.filter(isRequiredArgument);
  const optional = identifying.filter((argument) => !isRequiredArgument(argument));
  return optional.length === 0 ? [required] : optional.map((argument) => [...required, argument]);
}

/**
 * A root field that names its objects (`job(id)`, `jobs(ids)`, `push(repository, revision)`)
 * rather than listing them with the context's arguments (`pushes(repository)`): one with a
 * required argument the context lacks, or one returning a single object.
 */
function byIdentity(path: Path): boolean {
  const single = !path.connection && !isListType(isNonNullType(path.field.type) ? path.field.type.ofType : path.field.type);
  return single || path.field.args.some((argument) => isRequiredArgument(argument) && !(argument.name in CONTEXT));
}

schema = createSchema({ typeDefs, resolvers });
const BY_TYPE = pathsByType();
const PATHS = [...BY_TYPE].filter(([, paths]) => paths.length > 1);

describe('path independence (generated from the schema)', () => {
  it('covers the types more than one path reaches', () => {
    expect(PATHS.map(([type]) => type)).toEqual(expect.arrayContaining(['PerformanceSignature', 'Job', 'Push']));
  });

  it.each(PATHS.map(([type, paths]) => [type, paths.map(coordinate).join(', '), paths] as const))(
    '%s is the same through %s',
    async (typeName, _coordinates, paths) => {
      const names = await repositoryNames();
      const unreachable: string[] = [];
      const target = schema.getType(typeName) as GraphQLObjectType;
      const found = new Map<string, Map<string, Record<string, unknown>>>();
      const record = (label: string, objects: Array<Record<string, unknown>>) => {
        const byId = found.get(label) ?? new Map<string, Record<string, unknown>>();
        for (const object of objects) byId.set(String(object['id']), object);
        found.set(label, byId);
      };

      // Nested paths and root listings first…
      // What each path cost upstream, cold (for the record: printed, not asserted here).
      const costs: string[] = [];
      const roots: Path[] = [];
      for (const path of paths) {
        if (path.parent === schema.getQueryType() && byIdentity(path)) {
          roots.push(path);
          continue;
        }
        // A hop the data leaves empty (no summary series has a parent) is no failure while
        // another hop reaches the path's objects.
        const hops = routesToParent(path, BY_TYPE);
        const empty: string[] = [];
        for (const { label, route } of hops) {
          stack.resetLog();
          await throughNested(path, route, 'id');
          const reaching = stack.upstream().length;
          stack.resetLog();
          const objects = await throughNested(path, route, selectionOf(target));
          if (objects === null) unreachable.push(label);
          else if (objects.length === 0) empty.push(label);
          else record(label, objects);
          costs.push(`${label} | ${objects?.length ?? 0} objects | ${reaching} requests for their ids | ${stack.upstream().length} with every field`);
        }
        if (empty.length === hops.length) for (const label of empty) record(label, []);
      }
      // …then root paths that name their objects, with arguments read off what those found.
      const seen = [...found.values()].flatMap((byId) => [...byId.values()]);
      for (const path of roots) {
        for (const variant of rootVariants(path.field)) {
          const label = `${coordinate(path)}(${variant.map((argument) => argument.name).join(', ')})`;
          let asked = 0;
          stack.resetLog();
          for (const object of seen) {
            if (asked === ROOT_LOOKUPS) break;
            const withNames = { ...object, repository: names.get((object['repository'] as { id?: unknown } | undefined)?.id) ?? object['repository'] };
            const values = variant.map((argument) => [argument, argumentFrom(argument, withNames)] as const);
            if (values.some(([, value]) => value === undefined)) continue;
            const declared = values.map(([argument], index) => `$a${index}: ${String(argument.type)}`).join(', ');
            const context = contextArguments({ args: path.field.args.filter((argument) => !variant.includes(argument) && !isRequiredArgument(argument)) });
            const passed = [...values.map(([argument], index) => `${argument.name}: $a${index}`), ...(context ? [context.slice(1, -1)] : [])].join(', ');
            const selection = path.connection ? `nodes { ${selectionOf(target)} }` : selectionOf(target);
            const data = await run(
              `query(${declared}) { ${path.field.name}(${passed}) { ${selection} } }`,
              Object.fromEntries(values.map(([, value], index) => [`a${index}`, value])),
            );
            record(label, collect(data, 1));
            asked += 1;
          }
          if (asked === 0) unreachable.push(label);
          else costs.push(`${label} | ${asked} lookups | ${stack.upstream().length} requests with every field`);
        }
      }
      console.log(`${typeName}\n  ${costs.join('\n  ')}`);
      expect(unreachable, `paths to ${typeName} the generator cannot reach`).toEqual([]);

      // Every pair of paths that found the same object found it equal.
      const labels = [...found.keys()];
      for (const label of labels) {
        const objects = found.get(label)!;
        expect(objects.size, `${label} found no ${typeName}`).toBeGreaterThan(0);
        const overlaps = labels.filter((other) => other !== label && [...objects.keys()].some((id) => found.get(other)!.has(id)));
        expect(overlaps, `${label}: no other path reached the same ${typeName}`).not.toEqual([]);
        for (const other of overlaps) {
          for (const [id, object] of objects) {
            const same = found.get(other)!.get(id);
            if (same) expect(object, `${typeName} ${id}: ${label} vs ${other}`).toEqual(same);
          }
        }
      }
    },
    180_000,
  );
});
