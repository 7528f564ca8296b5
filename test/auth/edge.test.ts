import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type {
  HawkAuthErrorCode,
  HawkCredentials,
  HawkEdge,
  HawkEdgeOptions,
  HawkEdgeRequest,
} from '../../src/auth/index.js';
import {
  createHawkEdge,
  createStaticCredentialStore,
  HawkAuthError,
  signHawkRequest,
  STALE_TIMESTAMP_MESSAGE,
} from '../../src/auth/index.js';
import { NOW_MS, NOW_SEC, PERF, SHERIFF, sequentialNonces } from './fixtures.js';

const GATEWAY_URL = 'http://gateway.test/graphql';
const BODY = '{"query":"{ __typename }"}';

function createEdge(options: Partial<HawkEdgeOptions> = {}) {
  return createHawkEdge({ store: createStaticCredentialStore([SHERIFF, PERF]), now: () => NOW_MS, ...options });
}

const nonces = sequentialNonces();

function sign(overrides: { url?: string; credentials?: HawkCredentials; clockMs?: number; payload?: string } = {}) {
  return signHawkRequest({
    method: 'POST',
    url: overrides.url ?? GATEWAY_URL,
    credentials: overrides.credentials ?? SHERIFF,
    // The body post() sends, unless a test says otherwise (undefined: no payload hash).
    payload: 'payload' in overrides ? overrides.payload : BODY,
    contentType: 'application/json',
    now: () => overrides.clockMs ?? NOW_MS,
    nonce: nonces,
  });
}

function post(authorization: string | undefined, body = BODY): HawkEdgeRequest {
  return {
    method: 'POST',
    url: GATEWAY_URL,
    headers: {
      'Content-Type': 'application/json',
      ...(authorization === undefined ? {} : { Authorization: authorization }),
    },
    body: async () => body,
  };
}

/** Removes one attribute from a real, signed header. */
function without(attribute: string): string {
  const attributes = [...sign().matchAll(/(\w+)="([^"]*)"/g)].filter((match) => match[1] !== attribute);
  return `Hawk ${attributes.map((match) => match[0]).join(', ')}`;
}

async function refusal(promise: Promise<unknown>): Promise<HawkAuthError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) {
    throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value)}`);
  }
  expect(outcome.error).toBeInstanceOf(HawkAuthError);
  return outcome.error as HawkAuthError;
}

describe('createHawkEdge', () => {
  it('treats a request without Authorization as anonymous', async () => {
    const edge = createEdge();

    await expect(edge.authenticate(post(undefined))).resolves.toEqual({ kind: 'anonymous' });
    await expect(
      edge.authenticate({ method: 'GET', url: GATEWAY_URL, headers: new Headers({ accept: 'text/html' }) }),
    ).resolves.toEqual({ kind: 'anonymous' });
  });

  it('returns the identity of a correctly signed request', async () => {
    const edge = createEdge();

    await expect(edge.authenticate(post(sign()))).resolves.toEqual({
      kind: 'hawk',
      id: SHERIFF.id,
      credentials: SHERIFF,
    });
  });

  it('reads headers from a Headers object as well as a plain record', async () => {
    const edge = createEdge();
    const headers = new Headers({ authorization: sign({ credentials: PERF }), 'content-type': 'application/json' });

    await expect(edge.authenticate({ method: 'POST', url: GATEWAY_URL, headers, body: async () => BODY })).resolves.toMatchObject({
      kind: 'hawk',
      id: PERF.id,
    });
  });

  it('accepts clocks up to the allowed skew apart', async () => {
    const edge = createEdge();

    await expect(edge.authenticate(post(sign({ clockMs: NOW_MS + 59_000 })))).resolves.toMatchObject({ kind: 'hawk' });
    await expect(edge.authenticate(post(sign({ clockMs: NOW_MS - 59_000 })))).resolves.toMatchObject({ kind: 'hawk' });
  });

  const ghost: HawkCredentials = { id: 'ghost-client', key: 'ghost-secret-0000', algorithm: 'sha256' };
  const oversized = sign().replace(/, mac=/, `, ext="${'x'.repeat(5000)}", mac=`);

  it.each<{ name: string; header: () => string; request?: Partial<HawkEdgeRequest>; code: HawkAuthErrorCode; message: string }>([
    {
      name: 'a header that does not parse',
      header: () => 'Hawk id="sheriff-bot", ts=',
      code: 'HAWK_MALFORMED_HEADER',
      message: 'Hawk authentication failed: malformed Authorization header (Bad header format)',
    },
    {
      name: 'a header without a scheme',
      header: () => '="sheriff-bot"',
      code: 'HAWK_MALFORMED_HEADER',
      message: 'Hawk authentication failed: the Authorization header has no scheme',
    },
    {
      name: 'a ts that is not a number',
      header: () => 'Hawk id="sheriff-bot", ts="soon", nonce="n1", mac="bWFj"',
      code: 'HAWK_MALFORMED_HEADER',
      message: 'Hawk authentication failed: ts must be whole seconds since the epoch',
    },
    {
      name: 'a Bearer token',
      header: () => 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
      code: 'HAWK_UNSUPPORTED_SCHEME',
      message: 'Authentication failed: only the Hawk authorization scheme is supported',
    },
    {
      name: 'Basic credentials',
      header: () => `Basic ${Buffer.from(`${SHERIFF.id}:${SHERIFF.key}`).toString('base64')}`,
      code: 'HAWK_UNSUPPORTED_SCHEME',
      message: 'Authentication failed: only the Hawk authorization scheme is supported',
    },
    ...(['id', 'ts', 'nonce', 'mac'] as const).map((attribute) => ({
      name: `a header without ${attribute}`,
      header: () => without(attribute),
      code: 'HAWK_MISSING_ATTRIBUTE' as const,
      message: `Hawk authentication failed: the Authorization header lacks ${attribute}`,
    })),
    {
      name: 'an unknown id',
      header: () => sign({ credentials: ghost }),
      code: 'HAWK_UNKNOWN_ID',
      message: 'No authorised credentials found with id ghost-client',
    },
    {
      name: 'an unknown id too long to echo',
      header: () => sign({ credentials: { ...ghost, id: 'g'.repeat(100) } }),
      code: 'HAWK_UNKNOWN_ID',
      message: `No authorised credentials found with id ${'g'.repeat(64)}…`,
    },
    {
      name: 'a MAC made with the wrong key',
      header: () => sign({ credentials: { ...SHERIFF, key: 'not-the-sheriff-key' } }),
      code: 'HAWK_BAD_MAC',
      message:
        'Hawk authentication failed: bad MAC (sign the method and the public URL, host and port included, exactly as sent)',
    },
    {
      name: 'a request signed for another host',
      header: () => sign({ url: 'http://elsewhere.test/graphql' }),
      code: 'HAWK_BAD_MAC',
      message:
        'Hawk authentication failed: bad MAC (sign the method and the public URL, host and port included, exactly as sent)',
    },
    {
      name: 'a request signed for another port',
      header: () => sign({ url: 'http://gateway.test:8080/graphql' }),
      code: 'HAWK_BAD_MAC',
      message:
        'Hawk authentication failed: bad MAC (sign the method and the public URL, host and port included, exactly as sent)',
    },
    {
      name: 'a request signed with another method',
      header: () => sign(),
      request: { method: 'PUT' },
      code: 'HAWK_BAD_MAC',
      message:
        'Hawk authentication failed: bad MAC (sign the method and the public URL, host and port included, exactly as sent)',
    },
    {
      name: 'a payload hash of another body',
      header: () => sign({ payload: '{"query":"{ viewer { id } }"}' }),
      code: 'HAWK_BAD_PAYLOAD_HASH',
      message:
        'Hawk authentication failed: the payload hash does not match the body (hash the exact body and its Content-Type)',
    },
    {
      name: 'a timestamp 120 s ahead',
      header: () => sign({ clockMs: NOW_MS + 120_000 }),
      code: 'HAWK_STALE_TIMESTAMP',
      message: STALE_TIMESTAMP_MESSAGE,
    },
    {
      name: 'a timestamp 120 s behind',
      header: () => sign({ clockMs: NOW_MS - 120_000 }),
      code: 'HAWK_STALE_TIMESTAMP',
      message: STALE_TIMESTAMP_MESSAGE,
    },
    {
      name: 'an oversized header',
      header: () => oversized,
      code: 'HAWK_HEADER_TOO_LONG',
      message: 'Hawk authentication failed: the Authorization header is longer than 4096 characters',
    },
  ])('refuses $name with 401 $code', async ({ header, request, code, message }) => {
    const authorization = header();

    const error = await refusal(createEdge().authenticate({ ...post(authorization), ...request }));

    expect({ status: error.status, code: error.code, message: error.message }).toEqual({ status: 401, code, message });
    expect(error.headers['WWW-Authenticate']).toMatch(/^Hawk\b/);
    for (const secret of [SHERIFF.key, PERF.key, ghost.key, 'not-the-sheriff-key', authorization]) {
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error.headers)).not.toContain(secret);
    }
  });

  it('gives each kind of refusal its own code', async () => {
    const edge = createEdge();
    const replayed = sign();
    await edge.authenticate(post(replayed));
    const unusable = createEdge({
      store: { get: (id) => ({ id, key: 'k', algorithm: 'sha1' }), size: 1 },
    });
    const requests: Array<[HawkEdge, string]> = [
      [edge, oversized],
      [edge, 'Hawk id="sheriff-bot", ts='],
      [edge, 'Bearer abc'],
      [edge, without('mac')],
      [edge, sign({ credentials: ghost })],
      [unusable, sign()],
      [edge, sign({ credentials: { ...SHERIFF, key: 'wrong' } })],
      [edge, sign({ payload: 'another body' })],
      [edge, sign({ clockMs: NOW_MS - 120_000 })],
      [edge, replayed],
    ];

    const codes = await Promise.all(
      requests.map(async ([verifier, authorization]) => (await refusal(verifier.authenticate(post(authorization)))).code),
    );

    expect(new Set(codes).size).toBe(requests.length);
  });

  it.each([
    { direction: 'ahead', clockMs: NOW_MS + 120_000 },
    { direction: 'behind', clockMs: NOW_MS - 120_000 },
  ])('tells a client whose clock is 120 s $direction the server time, MACed with its key', async ({ clockMs }) => {
    const error = await refusal(createEdge().authenticate(post(sign({ clockMs }))));

    const challenge = error.headers['WWW-Authenticate'] ?? '';
    const match = /^Hawk ts="(\d+)", tsm="([^"]+)", error="Stale timestamp"$/.exec(challenge);
    expect(match?.[1]).toBe(String(NOW_SEC));
    // Hawk's timestamp MAC, computed here independently, proves the time really is the server's.
    const expectedTsm = createHmac('sha256', SHERIFF.key).update(`hawk.1.ts\n${NOW_SEC}\n`).digest('base64');
    expect(match?.[2]).toBe(expectedTsm);
  });

  it('refuses a replayed request the second time', async () => {
    const edge = createEdge();
    const authorization = sign();

    await expect(edge.authenticate(post(authorization))).resolves.toMatchObject({ kind: 'hawk' });
    const error = await refusal(edge.authenticate(post(authorization)));

    expect({ status: error.status, code: error.code, message: error.message }).toEqual({
      status: 401,
      code: 'HAWK_REPLAYED_NONCE',
      message: 'Hawk authentication failed: this nonce was already used; sign each request afresh',
    });
    expect(error.headers['WWW-Authenticate']).toBe('Hawk error="Invalid nonce"');
  });

  it('does not use up a nonce on a refused request', async () => {
    const edge = createEdge();
    const stale = sign({ clockMs: NOW_MS + 120_000 });

    await refusal(edge.authenticate(post(stale)));
    const error = await refusal(edge.authenticate(post(stale)));

    expect(error.code).toBe('HAWK_STALE_TIMESTAMP');
  });

  it('refuses credentials a custom store hands out unusable', async () => {
    const edge = createEdge({
      store: { get: (id) => ({ id, key: 'md5-secret', algorithm: 'md5' as 'sha256' }), size: 1 },
    });

    const error = await refusal(edge.authenticate(post(sign())));

    expect([error.code, error.message]).toEqual([
      'HAWK_BAD_ALGORITHM',
      'Hawk authentication failed: the credentials for id sheriff-bot cannot be used',
    ]);
    expect(error.message).not.toContain('md5-secret');
  });

  describe('payload', () => {
    it('verifies the body when the header carries a hash, ignoring Content-Type parameters', async () => {
      const edge = createEdge();
      const request = post(sign({ payload: BODY }));

      await expect(
        edge.authenticate({ ...request, headers: { ...request.headers, 'Content-Type': 'application/json; charset=utf-8' } }),
      ).resolves.toMatchObject({ kind: 'hawk', id: SHERIFF.id });
    });

    it('refuses a body that a header without a payload hash does not cover', async () => {
      const error = await refusal(createEdge().authenticate(post(sign({ payload: undefined }))));

      expect([error.status, error.code]).toEqual([401, 'HAWK_MISSING_PAYLOAD_HASH']);
      expect(error.headers['WWW-Authenticate']).toContain('Missing payload hash');
    });

    it('accepts a header without a payload hash on a request without a body', async () => {
      await expect(createEdge().authenticate(post(sign({ payload: undefined }), ''))).resolves.toMatchObject({ kind: 'hawk' });
      const get = { method: 'GET', url: GATEWAY_URL, headers: {}, body: async () => '' };
      const header = signHawkRequest({ method: 'GET', url: GATEWAY_URL, credentials: SHERIFF, now: () => NOW_MS, nonce: nonces });
      await expect(createEdge().authenticate({ ...get, headers: { Authorization: header } })).resolves.toMatchObject({ kind: 'hawk' });
    });

    it('with requirePayloadHash off, accepts a header without a hash and does not read the body', async () => {
      const body = vi.fn(async () => BODY);

      await expect(createEdge({ requirePayloadHash: false }).authenticate({ ...post(sign({ payload: undefined })), body })).resolves.toMatchObject({ kind: 'hawk' });
      expect(body).not.toHaveBeenCalled();
    });

    it('does not read the body before the MAC verifies', async () => {
      const body = vi.fn(async () => BODY);
      const forged = sign({ payload: BODY, credentials: { ...SHERIFF, key: 'forged' } });

      await refusal(createEdge().authenticate({ ...post(forged), body }));
      expect(body).not.toHaveBeenCalled();
    });
  });

  describe('which URL is checked', () => {
    const internal = { method: 'POST', url: 'http://10.0.0.5:4000/graphql', body: async () => '' } as const;

    it('checks the configured public host and port behind a proxy', async () => {
      const edge = createEdge({ publicHost: 'treeherder-gql.example.org', publicPort: 443 });
      const signedPublic = sign({ payload: undefined, url: 'https://treeherder-gql.example.org/graphql' });
      const signedInternal = sign({ payload: undefined, url: internal.url });

      await expect(
        edge.authenticate({ ...internal, headers: { host: '10.0.0.5:4000', authorization: signedPublic } }),
      ).resolves.toMatchObject({ kind: 'hawk', id: SHERIFF.id });
      const error = await refusal(
        edge.authenticate({ ...internal, headers: { host: '10.0.0.5:4000', authorization: signedInternal } }),
      );
      expect(error.code).toBe('HAWK_BAD_MAC');
    });

    it('checks the Host header when no public address is configured', async () => {
      const edge = createEdge();

      await expect(
        edge.authenticate({
          ...internal,
          headers: { host: 'gateway.test:4000', authorization: sign({ payload: undefined, url: 'http://gateway.test:4000/graphql' }) },
        }),
      ).resolves.toMatchObject({ kind: 'hawk' });
    });

    it('falls back to the received URL without a Host header', async () => {
      const edge = createEdge();

      await expect(
        edge.authenticate({ ...internal, headers: { authorization: sign({ payload: undefined, url: internal.url }) } }),
      ).resolves.toMatchObject({ kind: 'hawk' });
    });

    it('checks the path and query that were received', async () => {
      const edge = createEdge();
      const authorization = sign({ payload: undefined, url: 'http://gateway.test/graphql?operationName=Jobs' });

      const error = await refusal(
        edge.authenticate({ ...post(authorization), url: 'http://gateway.test/graphql?operationName=Pushes' }),
      );
      expect(error.code).toBe('HAWK_BAD_MAC');
    });
  });

  it('rejects a non-positive skew at construction', () => {
    expect(() => createEdge({ skewSec: 0 })).toThrow(RangeError);
  });
});
