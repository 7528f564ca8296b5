import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getOperationAST, Kind, parse, validate, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlBlocks } from './support/markdown.js';
import { startStack, type Stack } from './support/stack.js';

// Every ```graphql block of the README, run as a reader would paste it into the demo's
// GraphiQL: the demo's data (the simulator's seed 1, `npm run demo`'s default), no errors, and
// data wherever the example implies some. An example whose ids are not in the demo's data, or
// whose fields drift from the schema, fails here rather than for a newcomer.

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const schema = buildSchema(readFileSync(join(root, 'schema.graphql'), 'utf8'));

/** Every field path the operation selects (`pushes.nodes.jobs.nodes.platform`), fragments inlined. */
function selectedPaths(selectionSet: SelectionSetNode, document: DocumentNode, prefix = ''): string[] {
  const paths: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const path = `${prefix}${(selection.alias ?? selection.name).value}`;
      paths.push(path);
      if (selection.selectionSet) paths.push(...selectedPaths(selection.selectionSet, document, `${path}.`));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      paths.push(...selectedPaths(selection.selectionSet, document, prefix));
    } else {
      const fragment = document.definitions.find(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
      );
      if (fragment) paths.push(...selectedPaths(fragment.selectionSet, document, prefix));
    }
  }
  return paths;
}

/** Paths that hold a value somewhere in the answer (a non-empty list, an object, a scalar other than null or ''). */
function filledPaths(value: unknown): Set<string> {
  const filled = new Set<string>();
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, at);
      return;
    }
    if (node === null || node === undefined || node === '') return;
    if (at) filled.add(at);
    if (typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, at ? `${at}.${key}` : key);
  };
  walk(value, '');
  return filled;
}

/** Paths of lists holding a null: `jobs(ids:)` answers null for an id Treeherder does not have. */
function nullItems(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return [...(value.some((item) => item === null) ? [at] : []), ...value.flatMap((item) => nullItems(item, at))];
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => nullItems(child, at ? `${at}.${key}` : key));
  return [];
}

const blocks = graphqlBlocks(readme);
let stack: Stack;

beforeAll(async () => {
  // The demo's simulator: `npm run demo` uses seed 1 and the default scale.
  stack = await startStack({ simulator: { seed: 1 } });
});

afterAll(async () => {
  await stack?.close();
});

describe('the README', () => {
  it('has GraphQL examples (the extraction would otherwise test nothing)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    expect(graphqlBlocks('text\n```graphql\n{ a }\n```\nmore\n```graphql\nquery B { b }\n```\n').map((block) => block.text)).toEqual([
      '{ a }\n',
      'query B { b }\n',
    ]);
  });

  describe.each(blocks)('example at README.md line $line', ({ text }) => {
    it('fits the schema', () => {
      expect(validate(schema, parse(text)).map((error) => error.message)).toEqual([]);
    });

    it('answers from the demo data without errors, with a value for every field it selects', async () => {
      const operation = getOperationAST(parse(text));
      // Subscriptions need a socket, not a POST: for them the schema check above is the test.
      if (operation?.operation === 'subscription') return;
      const required = (operation?.variableDefinitions ?? []).filter((definition) => definition.type.kind === 'NonNullType' && !definition.defaultValue);
      expect(required.map((definition) => definition.variable.name.value), 'README examples must run as pasted: literal arguments, or variables with defaults').toEqual([]);

      const { status, body } = await stack.query(text);
      expect(body.errors ?? [], JSON.stringify(body.errors)).toEqual([]);
      expect(status).toBe(200);
      const shown = JSON.stringify(body.data).slice(0, 300);
      expect(nullItems(body.data), `lists with null items (ids not in the demo's data?): ${shown}`).toEqual([]);
      const filled = filledPaths(body.data);
      const empty = selectedPaths(operation!.selectionSet, parse(text)).filter((path) => !filled.has(path));
      expect(empty, `fields with no value anywhere in the answer: ${shown}`).toEqual([]);
    });
  });
});
