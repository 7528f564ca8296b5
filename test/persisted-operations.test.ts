import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persistedDocuments, sha256Hex, toPersistedDocument } from '../src/persisted-documents.js';
import { RepositoriesDocument } from '../src/operations.generated.js';
import { startStack, type Stack } from './support/stack.js';

// Automatic persisted queries and trusted documents, as a front-end sees them: what comes
// back for a hash-only request, a mismatched hash, a GET, and a document the gateway does
// not trust. Whole bodies and statuses.

const QUERY = '{ repositories { name } }';
const HASH = sha256Hex(QUERY);
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

async function post(stack: Stack, body: Record<string, unknown>) {
  const response = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function get(stack: Stack, params: Record<string, unknown>) {
  const url = new URL('http://gateway.test/graphql');
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  const response = await stack.gateway.yoga.fetch(url, { headers: { accept: 'application/json' } });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('automatic persisted queries (the default)', () => {
  let stack: Stack;
  let names: string[];
  beforeAll(async () => {
    stack = await startStack({ simulator: { scale: { pushesPerRepository: 3, jobsPerPush: 5 } } });
    names = stack.simulator.data.repositories.filter((repository) => repository.activeStatus === 'active').map((repository) => repository.name);
  });
  afterAll(() => stack.close());

  it('asks for the text of a hash it has not seen, learns it, then runs the hash alone (POST and GET)', async () => {
    expect(await post(stack, { extensions: persisted(HASH) })).toEqual({
      status: 404,
      body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] },
    });
    const registered = await post(stack, { query: QUERY, extensions: persisted(HASH) });
    expect(registered.status).toBe(200);
    expect(registered.body).toEqual({ data: { repositories: names.map((name) => ({ name })) } });

    expect(await post(stack, { extensions: persisted(HASH) })).toEqual(registered);
    expect(await get(stack, { extensions: persisted(HASH) })).toEqual(registered);
  });

  it("knows the SDK's operations before any client sends them", async () => {
    const { hash } = toPersistedDocument(RepositoriesDocument);
    const response = await get(stack, { operationName: 'Repositories', extensions: persisted(hash) });
    expect(response.status).toBe(200);
    expect(response.body['data'].repositories.map((repository: { name: string }) => repository.name)).toEqual(names);
  });

  it('refuses a text that does not hash to the hash sent, and does not learn it', async () => {
    const wrong = sha256Hex('{ repositories { id } }');
    expect(await post(stack, { query: QUERY, extensions: persisted(wrong) })).toEqual({
      status: 400,
      body: { errors: [{ message: 'PersistedQueryMismatch: the sha256Hash is not the SHA-256 of the query text.', extensions: { code: 'PERSISTED_QUERY_MISMATCH' } }] },
    });
    expect((await post(stack, { extensions: persisted(wrong) })).status).toBe(404);
  });

  it('does not learn a document that never ran', async () => {
    const invalid = '{ repositories { nope } }';
    const hash = sha256Hex(invalid);
    expect((await post(stack, { query: invalid, extensions: persisted(hash) })).body['errors'][0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await post(stack, { extensions: persisted(hash) })).status).toBe(404);
  });

  it('does not learn an operation refused as too expensive', async () => {
    // Far over MAX_OPERATION_COST: 1000 pushes, each with its notes (one request per push).
    const expensive = '{ pushes(repository: "autoland", first: 1000) { nodes { notes { text } jobCounts { pending } } } }';
    const hash = sha256Hex(expensive);
    const refused = await post(stack, { query: expensive, extensions: persisted(hash) });
    expect(refused.body['errors'][0].extensions.code).toBe('OPERATION_TOO_EXPENSIVE');
    expect((await post(stack, { extensions: persisted(hash) })).status).toBe(404);
  });

  it('still runs plain queries', async () => {
    expect(await post(stack, { query: QUERY })).toEqual({ status: 200, body: { data: { repositories: names.map((name) => ({ name })) } } });
  });

  it('cannot be used to run a mutation over GET (the schema has none)', async () => {
    const mutation = 'mutation { repositories { name } }';
    const response = await get(stack, { query: mutation, extensions: persisted(sha256Hex(mutation)) });
    expect(response).toEqual({
      status: 405,
      body: { errors: [{ message: 'Can only perform a mutation operation from a POST request.', extensions: { code: 'BAD_REQUEST' } }] },
    });
  });
});

describe('trusted documents (PERSISTED_OPERATIONS=trusted)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { PERSISTED_OPERATIONS: 'trusted' }, simulator: { scale: { pushesPerRepository: 3, jobsPerPush: 5 } } });
  });
  afterAll(() => stack.close());

  const ONLY = {
    status: 400,
    body: {
      errors: [
        {
          message: "This gateway runs only its SDK's operations (trusted documents): send a known extensions.persistedQuery.sha256Hash.",
          extensions: { code: 'PERSISTED_QUERY_ONLY' },
        },
      ],
    },
  };

  it("runs the SDK's operations by hash, and by their exact text", async () => {
    const { hash, query } = toPersistedDocument(RepositoriesDocument);
    const byHash = await get(stack, { extensions: persisted(hash) });
    expect(byHash.status).toBe(200);
    expect(byHash.body['data'].repositories.length).toBeGreaterThan(0);
    expect(await post(stack, { query })).toEqual(byHash);
  });

  it('refuses any other document, even with its correct hash, and learns nothing', async () => {
    stack.resetLog();
    expect(persistedDocuments.has(HASH)).toBe(false);
    expect(await post(stack, { query: QUERY })).toEqual(ONLY);
    expect(await post(stack, { query: QUERY, extensions: persisted(HASH) })).toEqual(ONLY);
    expect(await post(stack, { extensions: persisted(HASH) })).toEqual({
      status: 404,
      body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] },
    });
    expect(stack.upstream()).toEqual([]);
  });
});
