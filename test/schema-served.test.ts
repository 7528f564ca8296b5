import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack.js';

// The schema text lives in schema/*.graphql (assembled into schema.graphql by codegen). What
// the gateway serves — what GraphiQL's Docs and a codegen consumer read by introspection —
// must be that text exactly, descriptions included: code must not override any of it.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack.close());

/** Every type, field, argument, enum value and directive, in a fixed order, with its description. */
const canonical = (sdl: ReturnType<typeof buildSchema>): string => printSchema(lexicographicSortSchema(sdl));

describe('the served schema', () => {
  it('is schema.graphql, descriptions, deprecations and directives included', async () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true });
    const response = await stack.query<IntrospectionQuery>(query);
    expect(response.body.errors).toBeUndefined();
    const served = canonical(buildClientSchema(response.body.data!));
    const file = canonical(buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')));
    expect(served).toBe(file);
  });

  it('is compared with its descriptions: the comparison sees a changed one', () => {
    // The check above fails on a description difference (not only on a shape difference).
    const text = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    const changed = text.replace('An instant in time,', 'A moment in time,');
    expect(changed).not.toBe(text);
    expect(canonical(buildSchema(changed))).not.toBe(canonical(buildSchema(text)));
  });
});
