import Hawk from 'hawk';
import { describe, expect, it } from 'vitest';
import type { HawkCredentials } from '../../src/auth/index.js';
import { hawkAuthorization, signHawkRequest } from '../../src/auth/index.js';
import { NOW_MS, NOW_SEC, SHERIFF } from './fixtures.js';

/** Server-side check with hawk itself, against host/port/resource written out by hand. */
async function verifyWithHawk(
  header: string,
  request: { method: string; resource: string; host: string; port: number; contentType?: string; payload?: string },
  credentials: HawkCredentials = SHERIFF,
) {
  return Hawk.server.authenticate(
    {
      method: request.method,
      url: request.resource,
      host: request.host,
      port: request.port,
      authorization: header,
      contentType: request.contentType ?? '',
    },
    (id) => (id === credentials.id ? credentials : null),
    { localtimeOffsetMsec: NOW_MS - Date.now(), payload: request.payload },
  );
}

describe('signHawkRequest', () => {
  // The protocol examples published with Hawk (and reproduced by its ports to other languages).
  const protocolExample: HawkCredentials = {
    id: 'dh37fgj492je',
    key: 'werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn',
    algorithm: 'sha256',
  };

  it.each([
    {
      name: 'GET',
      method: 'GET',
      payload: undefined,
      contentType: undefined,
      header:
        'Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="',
    },
    {
      name: 'POST with payload',
      method: 'POST',
      payload: 'Thank you for flying Hawk',
      contentType: 'text/plain',
      header:
        'Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", hash="Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=", ext="some-app-ext-data", mac="aSe1DERmZuRl3pI36/9BdZmnErTw3sNzOOAUlfeKjVw="',
    },
  ])('reproduces the Hawk protocol example: $name', ({ method, payload, contentType, header }) => {
    expect(
      signHawkRequest({
        method,
        url: 'http://example.com:8000/resource/1?b=1&a=2',
        credentials: protocolExample,
        payload,
        contentType,
        ext: 'some-app-ext-data',
        now: () => 1353832234_000,
        nonce: () => 'j4h3g2',
      }),
    ).toBe(header);
  });

  it.each([
    {
      name: 'GET with a query, default http port',
      method: 'GET',
      url: 'http://gateway.test/graphql?query=%7B__typename%7D',
      signed: { method: 'GET', resource: '/graphql?query=%7B__typename%7D', host: 'gateway.test', port: 80 },
    },
    {
      name: 'POST JSON to the default https port',
      method: 'POST',
      url: 'https://treeherder-gql.example.org/graphql',
      payload: '{"query":"{ __typename }"}',
      contentType: 'application/json; charset=utf-8',
      signed: { method: 'POST', resource: '/graphql', host: 'treeherder-gql.example.org', port: 443 },
    },
    {
      name: 'an empty payload, which is still hashed',
      method: 'POST',
      url: 'http://127.0.0.1:4000/graphql',
      payload: '',
      contentType: 'application/json',
      signed: { method: 'POST', resource: '/graphql', host: '127.0.0.1', port: 4000 },
    },
    {
      name: 'a lower-case method',
      method: 'post',
      url: 'http://127.0.0.1:4000/graphql',
      payload: '{}',
      contentType: 'application/json',
      signed: { method: 'POST', resource: '/graphql', host: '127.0.0.1', port: 4000 },
    },
    {
      name: 'an IPv6 literal with a port',
      method: 'GET',
      url: 'http://[::1]:8080/graphql',
      signed: { method: 'GET', resource: '/graphql', host: '[::1]', port: 8080 },
    },
    {
      name: 'a URL the WHATWG parser normalises (case, spaces, non-ASCII)',
      method: 'GET',
      url: 'http://Gateway.TEST/a b?x=ä',
      signed: { method: 'GET', resource: '/a%20b?x=%C3%A4', host: 'gateway.test', port: 80 },
    },
    {
      name: 'a bare trailing question mark',
      method: 'GET',
      url: 'http://gateway.test/graphql?',
      signed: { method: 'GET', resource: '/graphql?', host: 'gateway.test', port: 80 },
    },
  ])('signs $name so hawk verifies it', async ({ method, url, payload, contentType, signed }) => {
    const header = signHawkRequest({
      method,
      url,
      credentials: SHERIFF,
      payload,
      contentType,
      now: () => NOW_MS,
      nonce: () => 'fixed-nonce',
    });

    const { credentials, artifacts } = await verifyWithHawk(header, { ...signed, contentType, payload });

    expect(credentials.id).toBe(SHERIFF.id);
    expect(artifacts).toMatchObject({ id: SHERIFF.id, ts: String(NOW_SEC), nonce: 'fixed-nonce' });
    // A hash is sent exactly when there is a payload to hash.
    expect(Hawk.utils.parseAuthorizationHeader(header)['hash'] !== undefined).toBe(payload !== undefined);
    expect(header).not.toContain(SHERIFF.key);
  });

  it('refuses a header hawk verifies for a different host, port, path or method', async () => {
    const header = signHawkRequest({
      method: 'GET',
      url: 'http://gateway.test/graphql',
      credentials: SHERIFF,
      now: () => NOW_MS,
      nonce: () => 'n',
    });
    const signed = { method: 'GET', resource: '/graphql', host: 'gateway.test', port: 80 };

    await expect(verifyWithHawk(header, signed)).resolves.toBeDefined();
    for (const changed of [
      { ...signed, host: 'other.test' },
      { ...signed, port: 8080 },
      { ...signed, resource: '/graphql?x=1' },
      { ...signed, method: 'POST' },
    ]) {
      await expect(verifyWithHawk(header, changed)).rejects.toMatchObject({ output: { statusCode: 401 } });
    }
  });

  it('uses a fresh nonce and the current time on every call by default', () => {
    const sign = () =>
      Hawk.utils.parseAuthorizationHeader(
        signHawkRequest({ method: 'GET', url: 'http://gateway.test/graphql', credentials: SHERIFF }),
      );
    const before = Math.floor(Date.now() / 1000);
    const first = sign();
    const second = sign();
    const after = Math.floor(Date.now() / 1000);

    expect(first['nonce']).not.toBe(second['nonce']);
    expect(first['nonce']).toMatch(/^[\w-]{16}$/);
    expect(first['mac']).not.toBe(second['mac']);
    expect(Number(first['ts'])).toBeGreaterThanOrEqual(before);
    expect(Number(second['ts'])).toBeLessThanOrEqual(after);
  });

  it.each([
    { name: 'an id with a quote', credentials: { ...SHERIFF, id: 'bot"x' }, nonce: () => 'n', now: () => NOW_MS },
    { name: 'an empty key', credentials: { ...SHERIFF, key: '' }, nonce: () => 'n', now: () => NOW_MS },
    { name: 'a nonce with a backslash', credentials: SHERIFF, nonce: () => 'a\\b', now: () => NOW_MS },
    { name: 'a clock at zero', credentials: SHERIFF, nonce: () => 'n', now: () => 0 },
  ])('throws rather than emit an unverifiable header for $name', ({ credentials, nonce, now }) => {
    expect(() =>
      signHawkRequest({ method: 'GET', url: 'http://gateway.test/graphql', credentials, nonce, now }),
    ).toThrow(TypeError);
  });
});

describe('hawkAuthorization', () => {
  it('signs a JSON POST to the gateway by default', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const header = hawkAuthorization('https://gateway.example/graphql', SHERIFF, {
      payload: body,
      now: () => NOW_MS,
      nonce: () => 'sdk-nonce',
    });

    const { artifacts } = await verifyWithHawk(header, {
      method: 'POST',
      resource: '/graphql',
      host: 'gateway.example',
      port: 443,
      contentType: 'application/json',
      payload: body,
    });
    expect(artifacts).toMatchObject({ nonce: 'sdk-nonce', ts: String(NOW_SEC) });
  });

  it('takes another method and no payload', async () => {
    const header = hawkAuthorization('http://gateway.test:4000/graphql?query=%7B__typename%7D', SHERIFF, {
      method: 'GET',
      now: () => NOW_MS,
    });

    expect(Hawk.utils.parseAuthorizationHeader(header)['hash']).toBeUndefined();
    await expect(
      verifyWithHawk(header, { method: 'GET', resource: '/graphql?query=%7B__typename%7D', host: 'gateway.test', port: 4000 }),
    ).resolves.toBeDefined();
  });
});
