import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticCredentialStore } from '../src/auth/credential-store.js';
import { createHawkEdge } from '../src/auth/edge.js';
import { hawkAuthorization } from '../src/auth/sign.js';
import { isReferenceDataQuery } from '../src/plugins/http-caching.js';
import { parse } from 'graphql';
import { startStack, type Stack } from './support/stack.js';

// The HTTP headers a browser or CDN acts on: which answers may be cached and by whom, and
// which origins may read them.

const credentials = { id: 'front-end', key: 'a-long-secret-key-for-the-cache-test', algorithm: 'sha256' as const };

async function get(stack: Stack, query: string, headers: Record<string, string> = {}) {
  const url = new URL('http://gateway.test/graphql');
  url.searchParams.set('query', query);
  const response = await stack.gateway.yoga.fetch(url, { headers: { accept: 'application/json', ...headers } });
  await response.text();
  return response;
}

function cacheHeaders(response: Response) {
  return { status: response.status, cacheControl: response.headers.get('cache-control'), vary: response.headers.get('vary') };
}

describe('Cache-Control', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      simulator: { scale: { pushesPerRepository: 3, jobsPerPush: 5 } },
      hawkEdge: createHawkEdge({ store: createStaticCredentialStore([credentials]) }),
    });
  });
  afterAll(() => stack.close());

  it.each([
    '{ repositories { name } }',
    '{ repository(name: "autoland") { name } performanceFrameworks { name } }',
    '{ optionCollections { hash } failureClassifications { name } machinePlatforms { platform } performanceTags { name } }',
    'query { ...Reference } fragment Reference on Query { repositories { name } }',
  ])('an anonymous GET of reference data is public for five minutes: %s', async (query) => {
    expect(cacheHeaders(await get(stack, query))).toEqual({ status: 200, cacheControl: 'public, max-age=300', vary: 'Origin, Accept, Authorization' });
  });

  it.each([
    ['pushes change by the minute', '{ pushes(repository: "autoland", first: 1) { nodes { revision } } }'],
    ['one field that is not reference data is enough', '{ repositories { name } pushes(repository: "autoland", first: 1) { nodes { revision } } }'],
    ['through a fragment too', '{ repositories { name } ...P } fragment P on Query { job(id: 1) { id } }'],
    ['an answer with an error', '{ repositories { name } repository(name: "x y") { name } nope }'],
  ])('anything else is private, no-store (%s)', async (_why, query) => {
    expect(cacheHeaders(await get(stack, query))).toMatchObject({ cacheControl: 'private, no-store', vary: 'Origin, Accept, Authorization' });
  });

  it('a POST is never public (no cache keys on bodies)', async () => {
    const response = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ repositories { name } }' }),
    });
    expect(cacheHeaders(response)).toEqual({ status: 200, cacheControl: 'private, no-store', vary: 'Origin, Accept, Authorization' });
  });

  it('a Hawk-signed answer belongs to its caller: private, no-store', async () => {
    const url = 'http://gateway.test/graphql?query=%7B%20repositories%20%7B%20name%20%7D%20%7D';
    const response = await stack.gateway.yoga.fetch(url, {
      headers: { accept: 'application/json', authorization: hawkAuthorization(url, credentials, { method: 'GET' }) },
    });
    expect((await response.json() as { data: { repositories: unknown[] } }).data.repositories.length).toBeGreaterThan(0);
    expect(cacheHeaders(response)).toEqual({ status: 200, cacheControl: 'private, no-store', vary: 'Origin, Accept, Authorization' });
  });

  it('GraphiQL and the health endpoint are left alone', async () => {
    const page = await stack.gateway.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('<title>treeherder-graphql</title>');
    expect(page.headers.get('cache-control')).toBeNull();
    const health = await stack.gateway.yoga.fetch('http://gateway.test/health');
    expect(health.headers.get('cache-control')).toBeNull();
  });

  it('HTTP_CACHE_MAX_AGE=0 makes everything no-store', async () => {
    const quiet = await startStack({ env: { HTTP_CACHE_MAX_AGE: '0' }, simulator: { scale: { pushesPerRepository: 1, jobsPerPush: 1 } } });
    try {
      expect(cacheHeaders(await get(quiet, '{ repositories { name } }')).cacheControl).toBe('private, no-store');
    } finally {
      await quiet.close();
    }
  });

  it.each([
    ['{ repositories { name } }', null, true],
    ['{ __schema { types { name } } }', null, true],
    ['query A { repositories { name } } query B { pushes(repository: "a") { nodes { id } } }', 'A', true],
    ['query A { repositories { name } } query B { pushes(repository: "a") { nodes { id } } }', 'B', false],
    ['subscription { repositories { name } }', null, false],
    ['{ ...Loop } fragment Loop on Query { ...Loop }', null, false],
  ])('isReferenceDataQuery(%s, %s) = %s', (query, operationName, expected) => {
    expect(isReferenceDataQuery(parse(query), operationName)).toBe(expected);
  });
});

describe('CORS', () => {
  it('by default lets any origin read, without credentials, and caches the preflight', async () => {
    const stack = await startStack({ simulator: { scale: { pushesPerRepository: 1, jobsPerPush: 1 } } });
    try {
      const preflight = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
      });
      expect(preflight.status).toBe(204);
      expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
        'access-control-allow-origin': 'https://app.example',
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type, authorization',
        'access-control-max-age': '600',
      });

      const response = await get(stack, '{ repositories { name } }', { origin: 'https://app.example' });
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      // The CDN must not serve one origin's allowed answer to another.
      expect(response.headers.get('vary')).toBe('Origin, Accept, Authorization');
    } finally {
      await stack.close();
    }
  });

  it('with CORS_ORIGINS, only the listed origins are allowed', async () => {
    const stack = await startStack({ env: { CORS_ORIGINS: 'https://a.example,https://b.example' }, simulator: { scale: { pushesPerRepository: 1, jobsPerPush: 1 } } });
    try {
      const allowed = await get(stack, '{ repositories { name } }', { origin: 'https://b.example' });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://b.example');
      const other = await get(stack, '{ repositories { name } }', { origin: 'https://evil.example' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      // `Origin: null` is every sandboxed frame and file: page: not one of the listed origins.
      const sandboxed = await get(stack, '{ repositories { name } }', { origin: 'null' });
      expect(sandboxed.headers.get('access-control-allow-origin')).toBeNull();
      // Whether CORS headers come depends on Origin, even when none or an unlisted one was sent.
      for (const response of [allowed, other, sandboxed, await get(stack, '{ repositories { name } }')]) {
        expect(response.headers.get('cache-control')).toMatch(/^public/);
        expect(response.headers.get('vary')).toBe('Origin, Accept, Authorization');
      }
    } finally {
      await stack.close();
    }
  });

  it('Origin: null is allowed only when listed literally, never through *', async () => {
    const star = await startStack({ simulator: { scale: { pushesPerRepository: 1, jobsPerPush: 1 } } });
    const listed = await startStack({ env: { CORS_ORIGINS: 'https://a.example,null' }, simulator: { scale: { pushesPerRepository: 1, jobsPerPush: 1 } } });
    try {
      const viaStar = await get(star, '{ repositories { name } }', { origin: 'null' });
      expect(viaStar.headers.get('access-control-allow-origin')).toBeNull();
      expect(viaStar.headers.get('vary')).toContain('Origin');
      const preflight = await star.gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'OPTIONS',
        headers: { origin: 'null', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const viaList = await get(listed, '{ repositories { name } }', { origin: 'null' });
      expect(viaList.headers.get('access-control-allow-origin')).toBe('null');
    } finally {
      await star.close();
      await listed.close();
    }
  });

  it('CORS_ORIGINS=off sends no CORS headers', async () => {
    const stack = await startStack({ env: { CORS_ORIGINS: 'off' }, simulator: { scale: { pushesPerRepository: 1, jobsPerPush: 1 } } });
    try {
      const response = await get(stack, '{ repositories { name } }', { origin: 'https://app.example' });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await stack.close();
    }
  });
});
