import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStaticCredentialStore, type CredentialStore } from '../src/auth/credential-store.js';
import { createHawkEdge } from '../src/auth/edge.js';
import { hawkAuthorization, STALE_TIMESTAMP_MESSAGE, type HawkCredentials } from '../src/auth/index.js';
import { captureLogs, hawkCallers, leakedKeys, logLeaks } from './support/hawk.js';
import { startStack, type Stack } from './support/stack.js';

// Every way a Hawk header can be wrong, sent over real HTTP to a listening gateway: each gets a
// 401 with a GraphQL error and its own code, a Hawk challenge, nothing sent to Treeherder, and
// neither a key nor the header echoed back.

const callers = hawkCallers(2, 'errors');
const [caller, other] = callers as [(typeof callers)[number], (typeof callers)[number]];
const stranger: HawkCredentials = { id: 'nobody-knows-me', key: 'a-key-the-gateway-has-never-seen-0123456789', algorithm: 'sha256' };
// A store the operator wrote by hand, holding an algorithm hawk cannot use.
const legacy = { id: 'legacy-md5', key: 'legacy-md5-secret-key-abcdefabcdef', algorithm: 'md5' } as unknown as HawkCredentials;
const everyKey = [...callers, stranger, legacy];

const logs = captureLogs();
let stack: Stack;
let url: string;

beforeAll(async () => {
  const known = createStaticCredentialStore(callers);
  const store: CredentialStore = { get: (id) => (id === legacy.id ? legacy : known.get(id)), size: known.size + 1 };
  stack = await startStack({
    listen: true,
    logger: logs.logger,
    simulator: { scale: { pushesPerRepository: 3, jobsPerPush: 5 }, hawkCredentials: callers },
    hawkEdge: createHawkEdge({ store }),
  });
  url = `${stack.gatewayUrl}/graphql`;
});
afterAll(() => stack.close());
beforeEach(() => stack.resetLog());

const BODY = JSON.stringify({ query: '{ repositories { name } }' });

interface BadRequest {
  authorization: string;
  method?: 'POST' | 'GET';
  /** The body actually sent, when it differs from the one signed. */
  body?: string;
  /** Sent first, so the case's own request is the second one with this header. */
  sendTwice?: boolean;
}

function sign(credentials: HawkCredentials, options: { url?: string; method?: string; now?: () => number; payload?: string | undefined } = {}): string {
  const payload = 'payload' in options ? options.payload : BODY;
  return hawkAuthorization(options.url ?? url, credentials, { payload, method: options.method ?? 'POST', ...(options.now ? { now: options.now } : {}) });
}

function withoutAttribute(header: string, ...names: string[]): string {
  return names.reduce((result, name) => result.replace(new RegExp(`,? ?${name}="[^"]*"`), ''), header).replace('Hawk , ', 'Hawk ');
}

const cases: Array<[string, string, RegExp, () => BadRequest]> = [
  ['no scheme at all', 'HAWK_MALFORMED_HEADER', /no scheme/, () => ({ authorization: withoutAttribute(sign(caller)).replace(/^Hawk /, '') })],
  ['a Bearer token', 'HAWK_UNSUPPORTED_SCHEME', /only the Hawk authorization scheme/, () => ({ authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2VjcmV0' })],
  ['Basic credentials', 'HAWK_UNSUPPORTED_SCHEME', /only the Hawk/, () => ({ authorization: `Basic ${Buffer.from(`${caller.id}:${caller.key}`).toString('base64')}` })],
  ['the bare word Hawk', 'HAWK_MALFORMED_HEADER', /malformed/, () => ({ authorization: 'Hawk' })],
  ['an unquoted attribute', 'HAWK_MALFORMED_HEADER', /malformed/, () => ({ authorization: sign(caller).replace(/ts="(\d+)"/, 'ts=$1') })],
  ['an unknown attribute', 'HAWK_MALFORMED_HEADER', /malformed/, () => ({ authorization: `${sign(caller)}, scope="admin"` })],
  ['a timestamp that is not a number', 'HAWK_MALFORMED_HEADER', /whole seconds/, () => ({ authorization: sign(caller).replace(/ts="\d+"/, 'ts="soon"') })],
  ['no mac', 'HAWK_MISSING_ATTRIBUTE', /lacks mac$/, () => ({ authorization: withoutAttribute(sign(caller), 'mac') })],
  ['no ts and no nonce', 'HAWK_MISSING_ATTRIBUTE', /lacks ts, nonce$/, () => ({ authorization: withoutAttribute(sign(caller), 'ts', 'nonce') })],
  ['an id the gateway does not know', 'HAWK_UNKNOWN_ID', /^No authorised credentials found with id nobody-knows-me$/, () => ({ authorization: sign(stranger) })],
  ['credentials with an algorithm hawk cannot use', 'HAWK_BAD_ALGORITHM', /cannot be used/, () => ({ authorization: sign({ ...legacy, algorithm: 'sha256' }) })],
  ['the wrong key', 'HAWK_BAD_MAC', /bad MAC/, () => ({ authorization: sign({ ...caller, key: other.key }) })],
  ['signed for another host', 'HAWK_BAD_MAC', /bad MAC/, () => ({ authorization: sign(caller, { url: url.replace('127.0.0.1', 'gateway.example') }) })],
  ['signed for another port', 'HAWK_BAD_MAC', /bad MAC/, () => ({ authorization: sign(caller, { url: url.replace(/:\d+\//, ':1/') }) })],
  ['signed for another path', 'HAWK_BAD_MAC', /bad MAC/, () => ({ authorization: sign(caller, { url: `${url}?operationName=x` }) })],
  ['signed for GET, sent as POST', 'HAWK_BAD_MAC', /bad MAC/, () => ({ authorization: sign(caller, { method: 'GET' }) })],
  ['a body changed after signing', 'HAWK_BAD_PAYLOAD_HASH', /payload hash/, () => ({ authorization: sign(caller), body: JSON.stringify({ query: '{ repositories { name dvcsType } }' }) })],
  // Without a hash the MAC does not cover the body: whoever saw the header could run any query as its caller.
  ['a body the header does not cover', 'HAWK_MISSING_PAYLOAD_HASH', /no payload hash/, () => ({ authorization: sign(caller, { payload: undefined }), body: JSON.stringify({ query: '{ swapped: repositories { name } }' }) })],
  ['a clock 120 s ahead', 'HAWK_STALE_TIMESTAMP', /^Hawk authentication failed: The token has expired\. Is your system clock correct\?$/, () => ({ authorization: sign(caller, { now: () => Date.now() + 120_000 }) })],
  ['a clock 120 s behind', 'HAWK_STALE_TIMESTAMP', /token has expired/, () => ({ authorization: sign(caller, { now: () => Date.now() - 120_000 }) })],
  ['a replayed header', 'HAWK_REPLAYED_NONCE', /nonce was already used/, () => ({ authorization: sign(caller), sendTwice: true })],
  ['a header longer than hawk reads', 'HAWK_HEADER_TOO_LONG', /longer than/, () => ({ authorization: `${sign(caller)}, ext="${'x'.repeat(5000)}"` })],
];

describe('a bad Authorization header', () => {
  it.each(cases)('%s → 401 %s', async (_name, code, message, make) => {
    const bad = make();
    const send = () =>
      fetch(url, {
        method: bad.method ?? 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: bad.authorization },
        body: bad.body ?? BODY,
      });
    if (bad.sendTwice) expect((await send()).status).toBe(200);
    stack.resetLog();

    const response = await send();
    const text = await response.text();

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.stringMatching(message), extensions: { code } }] });
    expect(response.headers.get('www-authenticate')).toMatch(/^Hawk( |$)/);
    expect(stack.upstream()).toEqual([]);
    // Nothing of the secret or of the header comes back: no key, no MAC, not the header itself.
    const mac = /mac="([^"]+)"/.exec(bad.authorization)?.[1];
    const echoed = `${text}\n${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}`;
    expect(leakedKeys(echoed, everyKey)).toEqual([]);
    if (mac) expect(echoed).not.toContain(mac);
    if (bad.authorization.length > 20) expect(echoed).not.toContain(bad.authorization.slice(0, 40));
  });

  it('covers at least ten kinds, each code at least once', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(new Set(cases.map(([, code]) => code))).toEqual(
      new Set([
        'HAWK_MALFORMED_HEADER',
        'HAWK_UNSUPPORTED_SCHEME',
        'HAWK_MISSING_ATTRIBUTE',
        'HAWK_UNKNOWN_ID',
        'HAWK_BAD_ALGORITHM',
        'HAWK_BAD_MAC',
        'HAWK_BAD_PAYLOAD_HASH',
        'HAWK_MISSING_PAYLOAD_HASH',
        'HAWK_STALE_TIMESTAMP',
        'HAWK_REPLAYED_NONCE',
        'HAWK_HEADER_TOO_LONG',
      ]),
    );
    expect(STALE_TIMESTAMP_MESSAGE).toBe('Hawk authentication failed: The token has expired. Is your system clock correct?');
  });

  it('the gateway logged every refusal without a key, a Hawk header or the word Authorization', () => {
    expect(logs.lines.filter((line) => line.includes('"status":401')).length).toBeGreaterThanOrEqual(cases.length);
    expect(logLeaks(logs.lines, everyKey)).toEqual([]);
  });

  it('a good header still works after all that', async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: sign(caller) }, body: BODY });
    expect(response.status).toBe(200);
    expect(stack.upstream().map((entry) => entry.hawkId)).toEqual([caller.id]);
  });
});
