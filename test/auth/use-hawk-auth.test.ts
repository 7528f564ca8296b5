import { createHmac } from 'node:crypto';
import type { YogaServerOptions } from 'graphql-yoga';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import type { HawkCredentials, HawkEdge } from '../../src/auth/index.js';
import {
  createHawkEdge,
  createStaticCredentialStore,
  getRequestIdentity,
  signHawkRequest,
  useHawkAuth,
} from '../../src/auth/index.js';
import { NOW_MS, NOW_SEC, PERF, SHERIFF, sequentialNonces } from './fixtures.js';

const GRAPHQL_URL = 'http://yoga/graphql';
const QUERY = JSON.stringify({ query: '{ whoami }' });

function createServer(
  edge: HawkEdge = createHawkEdge({ store: createStaticCredentialStore([SHERIFF, PERF]), now: () => NOW_MS }),
  logging: YogaServerOptions<object, object>['logging'] = false,
) {
  return createYoga({
    schema: createSchema<{ whoami: string | null }>({
      typeDefs: 'type Query { whoami: String }',
      resolvers: { Query: { whoami: (_root, _args, context) => context.whoami } },
    }),
    plugins: [useHawkAuth({ edge })],
    context: ({ request }) => ({ whoami: getRequestIdentity(request)?.id ?? null }),
    logging,
  });
}

const nonces = sequentialNonces('plugin-');

function sign(options: { credentials?: HawkCredentials; clockMs?: number; payload?: string; method?: string; url?: string } = {}) {
  return signHawkRequest({
    method: options.method ?? 'POST',
    url: options.url ?? GRAPHQL_URL,
    credentials: options.credentials ?? SHERIFF,
    payload: options.payload,
    contentType: 'application/json',
    now: () => options.clockMs ?? NOW_MS,
    nonce: nonces,
  });
}

function post(yoga: ReturnType<typeof createServer>, authorization?: string, body = QUERY) {
  return yoga.fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization === undefined ? {} : { authorization }),
    },
    body,
  });
}

async function read(response: Response) {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    wwwAuthenticate: response.headers.get('www-authenticate'),
    body: await response.text(),
  };
}

function refusedWith(code: string, message: string) {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

describe('useHawkAuth', () => {
  it('lets anonymous requests through with no identity', async () => {
    const response = await read(await post(createServer()));

    expect(response).toEqual({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      wwwAuthenticate: null,
      body: '{"data":{"whoami":null}}',
    });
  });

  it('serves GraphiQL to a browser, which sends no Authorization', async () => {
    const response = await createServer().fetch(GRAPHQL_URL, { headers: { accept: 'text/html' } });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<title>Yoga GraphiQL</title>');
  });

  it('hands the verified identity to the resolvers of that request', async () => {
    const response = await read(await post(createServer(), sign({ payload: QUERY })));

    expect(response).toEqual({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      wwwAuthenticate: null,
      body: '{"data":{"whoami":"sheriff-bot"}}',
    });
  });

  it('leaves the body readable for Yoga after hashing it, even in a native Request', async () => {
    const request = new Request(GRAPHQL_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: sign({ payload: QUERY }) },
      body: QUERY,
    });

    const response = await read(await createServer().fetch(request));

    expect(response).toEqual({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      wwwAuthenticate: null,
      body: '{"data":{"whoami":"sheriff-bot"}}',
    });
  });

  it('verifies a signed GET with the query in the URL', async () => {
    const url = `${GRAPHQL_URL}?query=${encodeURIComponent('{ whoami }')}`;
    const response = await createServer().fetch(url, {
      headers: { accept: 'application/json', authorization: sign({ method: 'GET', url, credentials: PERF }) },
    });

    expect(await response.text()).toBe('{"data":{"whoami":"perf-ingest"}}');
  });

  it('keeps concurrent requests apart', async () => {
    const yoga = createServer();

    const bodies = await Promise.all([
      post(yoga, sign({ credentials: PERF, payload: QUERY })),
      post(yoga),
      post(yoga, sign({ credentials: SHERIFF, payload: QUERY })),
    ].map(async (pending) => (await pending).text()));

    expect(bodies).toEqual([
      '{"data":{"whoami":"perf-ingest"}}',
      '{"data":{"whoami":null}}',
      '{"data":{"whoami":"sheriff-bot"}}',
    ]);
  });

  it('refuses a body the header does not cover, and runs no swapped query as the caller', async () => {
    const response = await post(createServer(), sign({ credentials: SHERIFF }), JSON.stringify({ query: '{ swapped: whoami }' }));

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'HAWK_MISSING_PAYLOAD_HASH' } }] });
  });

  it.each([
    {
      name: 'a Bearer token',
      authorization: () => 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
      wwwAuthenticate: 'Hawk',
      body: refusedWith('HAWK_UNSUPPORTED_SCHEME', 'Authentication failed: only the Hawk authorization scheme is supported'),
    },
    {
      name: 'an unknown id',
      authorization: () => sign({ credentials: { id: 'ghost', key: 'boo', algorithm: 'sha256' } }),
      wwwAuthenticate: 'Hawk error="Unknown credentials"',
      body: refusedWith('HAWK_UNKNOWN_ID', 'No authorised credentials found with id ghost'),
    },
    {
      name: 'a wrong key',
      authorization: () => sign({ credentials: { ...SHERIFF, key: 'wrong-key' } }),
      wwwAuthenticate: 'Hawk error="Bad mac"',
      body: refusedWith(
        'HAWK_BAD_MAC',
        'Hawk authentication failed: bad MAC (sign the method and the public URL, host and port included, exactly as sent)',
      ),
    },
    {
      name: 'a payload hash of another body',
      authorization: () => sign({ payload: JSON.stringify({ query: '{ __typename }' }) }),
      wwwAuthenticate: 'Hawk error="Bad payload hash"',
      body: refusedWith(
        'HAWK_BAD_PAYLOAD_HASH',
        'Hawk authentication failed: the payload hash does not match the body (hash the exact body and its Content-Type)',
      ),
    },
    {
      name: 'a header without a mac',
      authorization: () => `Hawk id="sheriff-bot", ts="${NOW_SEC}", nonce="abc"`,
      wwwAuthenticate: 'Hawk error="Missing attributes"',
      body: refusedWith('HAWK_MISSING_ATTRIBUTE', 'Hawk authentication failed: the Authorization header lacks mac'),
    },
    {
      name: 'a clock two minutes fast',
      authorization: () => sign({ clockMs: NOW_MS + 120_000 }),
      wwwAuthenticate: `Hawk ts="${NOW_SEC}", tsm="${createHmac('sha256', SHERIFF.key)
        .update(`hawk.1.ts\n${NOW_SEC}\n`)
        .digest('base64')}", error="Stale timestamp"`,
      body: refusedWith(
        'HAWK_STALE_TIMESTAMP',
        'Hawk authentication failed: The token has expired. Is your system clock correct?',
      ),
    },
  ])('answers $name with a 401 and a GraphQL error body', async ({ authorization, wwwAuthenticate, body }) => {
    const response = await read(await post(createServer(), authorization()));

    expect(response).toEqual({ status: 401, contentType: 'application/json', wwwAuthenticate, body });
  });

  it('refuses the same signed request the second time', async () => {
    const yoga = createServer();
    const authorization = sign({ payload: QUERY });

    const first = await read(await post(yoga, authorization));
    const second = await read(await post(yoga, authorization));

    expect(first.body).toBe('{"data":{"whoami":"sheriff-bot"}}');
    expect(second).toEqual({
      status: 401,
      contentType: 'application/json',
      wwwAuthenticate: 'Hawk error="Invalid nonce"',
      body: refusedWith(
        'HAWK_REPLAYED_NONCE',
        'Hawk authentication failed: this nonce was already used; sign each request afresh',
      ),
    });
  });

  it('masks an unexpected verifier failure as a 500 and logs it', async () => {
    const failure = new Error('credential database password=hunter2 unreachable');
    const logged: unknown[][] = [];
    const yoga = createServer(
      {
        authenticate: async () => {
          throw failure;
        },
      },
      { debug: () => {}, info: () => {}, warn: () => {}, error: (...args: unknown[]) => logged.push(args) },
    );

    const response = await read(await post(yoga, sign()));

    expect(response).toEqual({
      status: 500,
      contentType: 'application/json',
      wwwAuthenticate: null,
      body: '{"errors":[{"message":"Unexpected error.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}',
    });
    expect(logged).toEqual([['Hawk verification failed unexpectedly', failure]]);
  });
});
