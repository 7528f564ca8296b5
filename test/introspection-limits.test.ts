import { getIntrospectionQuery, parse } from 'graphql';
import { isIntrospectionOnly } from '../src/plugins/introspection-cache.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack.js';

// Introspection answers from the schema alone, but each `__schema` can answer with the whole
// schema, and each nested list (`types { fields { type { fields … } } }`) multiplies it: a
// 3.7 kB document of 100 aliased `__schema`s returned 23 MB. Introspection is counted
// (MAX_INTROSPECTION_FIELDS) and its lists' nesting bounded (MAX_INTROSPECTION_DEPTH), so the
// largest answer any document can get is a small multiple of the schema.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ simulator: { scale: { pushesPerRepository: 1, jobsPerPush: 1 } } });
});
afterAll(() => stack.close());

const wide = '__schema { types { name fields { name type { name fields { name type { name kind } } } } } }';

describe('introspection limits', () => {
  it.each([
    ['100 aliased __schema fields', `{ ${Array.from({ length: 100 }, (_, index) => `s${index}: __schema { types { fields { name } } }`).join(' ')} }`, { introspectionFields: 100, maxIntrospectionFields: 2 }],
    ['three __type fields', '{ a: __type(name: "Push") { name } b: __type(name: "Job") { name } c: __type(name: "Query") { name } }', { introspectionFields: 3, maxIntrospectionFields: 2 }],
    ['__schema in a fragment spread under three aliases', '{ a: __typename ...S b: __typename } fragment S on Query { x: __schema { queryType { name } } y: __schema { queryType { name } } z: __schema { queryType { name } } }', { introspectionFields: 3, maxIntrospectionFields: 2 }],
    ['lists nested four deep', '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }', { introspectionDepth: 4, maxIntrospectionDepth: 3 }],
    ['lists nested four deep through fragments', '{ __schema { types { ...T } } } fragment T on __Type { fields { type { ...U } } } fragment U on __Type { fields { args { name } } }', { introspectionDepth: 4, maxIntrospectionDepth: 3 }],
  ])('refuses %s before running it', async (_name, query, details) => {
    const response = await stack.query(query);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'INTROSPECTION_TOO_LARGE', ...details } }]);
  });

  it("answers GraphiQL's full introspection query, and bounds the largest answer allowed to a small multiple of the schema", async () => {
    const full = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    const one = await stack.query(full);
    expect(one.body.errors).toBeUndefined();
    const schemaBytes = JSON.stringify(one.body).length;
    // The widest two introspection fields that pass the limits.
    const largest = await stack.query(`{ a: ${wide} b: ${wide} }`);
    expect(largest.body.errors).toBeUndefined();
    const largestBytes = JSON.stringify(largest.body).length;
    expect(largestBytes).toBeLessThan(10 * schemaBytes);
    expect(largestBytes).toBeLessThan(5_000_000);
  });

  it.each([
    ['{ __schema { queryType { name } } }', true],
    ['{ a: __type(name: "Push") { name } __typename }', true],
    ['{ ...I } fragment I on Query { __schema { types { name } } }', true],
    ['{ __typename repositories { name } }', false],
    ['{ ...I } fragment I on Query { repositories { name } }', false],
  ])('%s is answered from memory after its first run: %s', (query, expected) => {
    expect(isIntrospectionOnly(parse(query))).toBe(expected);
  });

  it('answers a repeated introspection query as the first time', async () => {
    const query = `query Twice($name: String!) { __type(name: $name) { name fields { name } } }`;
    const first = await stack.query(query, { name: 'Push' });
    const again = await stack.query(query, { name: 'Push' });
    const other = await stack.query(query, { name: 'Job' });
    expect(first.body.errors).toBeUndefined();
    expect(again.body).toEqual(first.body);
    expect((other.body.data as { __type: { name: string } }).__type.name).toBe('Job');
  });

  it('leaves /health alone', async () => {
    const response = await stack.gateway.yoga.fetch('http://gateway.test/health');
    expect(response.status).toBe(200);
  });
});
