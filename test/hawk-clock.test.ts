import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Hawk from 'hawk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStaticCredentialStore } from '../src/auth/credential-store.js';
import { createHawkEdge } from '../src/auth/edge.js';
import { hawkAuthorization, STALE_TIMESTAMP_MESSAGE } from '../src/auth/index.js';
import { loadConfig } from '../src/config.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import { createJsonLogger, type Logger } from '../src/log.js';
import { estimateClockOffset } from '../src/treeherder/http.js';
import { captureLogs, hawkCallers, leakedKeys, logLeaks, postGraphQL } from './support/hawk.js';
import { startStack, type Stack } from './support/stack.js';

// Clocks, both ways. A caller whose clock is off gets Treeherder's wording and a challenge it
// can correct its clock from; when Treeherder refuses the gateway's own fresh signatures as
// expired, the caller is told plainly and the operator's log says how far the clocks are apart.

const callers = hawkCallers(2, 'clock');
const [caller, other] = callers as [(typeof callers)[number], (typeof callers)[number]];
const QUERY = '{ repositories { name } }';
const TREEHERDER_EXPIRED = 'Hawk authentication failed: The token has expired. Is your system clock correct?';

/** What a Hawk client checks a stale-timestamp challenge with (hawk's `calculateTsMac`). */
function tsMac(ts: string, key: string): string {
  return createHmac('sha256', key).update(`hawk.1.ts\n${ts}\n`).digest('base64');
}

describe('a caller whose clock is off', () => {
  let stack: Stack;
  let graphqlUrl: string;
  beforeAll(async () => {
    stack = await startStack({
      listen: true,
      simulator: { scale: { pushesPerRepository: 3, jobsPerPush: 5 }, hawkCredentials: callers },
      hawkEdge: createHawkEdge({ store: createStaticCredentialStore(callers) }),
    });
    graphqlUrl = `${stack.gatewayUrl}/graphql`;
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetLog());

  it.each([
    ['120 s ahead', 120],
    ['120 s behind', -120],
    // Just outside the window, with room for the seconds a loaded machine takes between
    // signing and checking (which bring a clock that is ahead closer).
    ['65 s ahead', 65],
  ])('%s: 401 with Treeherder\'s wording and a signed challenge it can correct its clock from', async (_name, offsetSec) => {
    const skewedClock = () => Date.now() + offsetSec * 1000;
    const refused = await postGraphQL(graphqlUrl, QUERY, { credentials: caller, sign: { now: skewedClock } });

    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ errors: [{ message: STALE_TIMESTAMP_MESSAGE, extensions: { code: 'HAWK_STALE_TIMESTAMP' } }] });
    const challenge = refused.headers.get('www-authenticate') ?? '';
    const [, ts, tsm] = /^Hawk ts="(\d+)", tsm="([^"]+)", error="Stale timestamp"$/.exec(challenge) ?? [];
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(5);
    // The challenge is MACed with the caller's key, so the caller can trust the time in it.
    expect(tsm).toBe(tsMac(ts!, caller.key));
    expect(leakedKeys(refused.text, callers)).toEqual([]);
    expect(stack.upstream()).toEqual([]);

    // The correction a Hawk client applies: the server's ts minus its own clock.
    const correction = Number(ts) * 1000 - skewedClock();
    const retried = await postGraphQL(graphqlUrl, QUERY, { credentials: caller, sign: { now: () => skewedClock() + correction } });
    expect(retried.status).toBe(200);
    expect(retried.body.errors).toBeUndefined();
    expect(stack.upstream().map((entry) => entry.hawkId)).toEqual([caller.id]);
  });

  it.each([50, -50])('%i s off is inside Hawk\'s 60 s and accepted', async (offsetSec) => {
    const response = await postGraphQL(graphqlUrl, QUERY, { credentials: caller, sign: { now: () => Date.now() + offsetSec * 1000 } });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('a replayed request is refused, and only the first one reaches Treeherder', async () => {
    const payload = JSON.stringify({ query: QUERY });
    const authorization = hawkAuthorization(graphqlUrl, caller, { payload });
    const send = () => postGraphQL(graphqlUrl, QUERY, { authorization });

    const first = await send();
    const replayed = await send();
    expect(first.status).toBe(200);
    expect(replayed.status).toBe(401);
    expect(replayed.body).toEqual({
      errors: [{ message: 'Hawk authentication failed: this nonce was already used; sign each request afresh', extensions: { code: 'HAWK_REPLAYED_NONCE' } }],
    });
    expect(replayed.headers.get('www-authenticate')).toBe('Hawk error="Invalid nonce"');
    expect(replayed.text).not.toContain(authorization);
    expect(stack.upstream()).toHaveLength(1);
  });

  it('two copies of one signed request sent at the same time: exactly one gets through', async () => {
    const payload = JSON.stringify({ query: QUERY });
    const authorization = hawkAuthorization(graphqlUrl, caller, { payload });
    const statuses = await Promise.all(Array.from({ length: 5 }, () => postGraphQL(graphqlUrl, QUERY, { authorization }).then((response) => response.status)));
    expect(statuses.sort()).toEqual([200, 401, 401, 401, 401]);
    expect(stack.upstream()).toHaveLength(1);
  });

  it('a nonce belongs to its caller: another caller may use the same one', async () => {
    const payload = JSON.stringify({ query: QUERY });
    const nonce = () => 'shared-nonce-1234';
    const first = await postGraphQL(graphqlUrl, QUERY, { authorization: hawkAuthorization(graphqlUrl, caller, { payload, nonce }) });
    const second = await postGraphQL(graphqlUrl, QUERY, { authorization: hawkAuthorization(graphqlUrl, other, { payload, nonce }) });
    expect([first.status, second.status]).toEqual([200, 200]);
  });
});

describe('Treeherder refusing the gateway\'s signatures as expired (the simulator\'s clock 120 s ahead)', () => {
  const logs = captureLogs();
  let stack: Stack;
  let graphqlUrl: string;
  beforeAll(async () => {
    stack = await startStack({
      listen: true,
      logger: logs.logger,
      simulator: { scale: { pushesPerRepository: 3, jobsPerPush: 5 }, hawkCredentials: callers, clockSkewMs: 120_000 },
      hawkEdge: createHawkEdge({ store: createStaticCredentialStore(callers) }),
    });
    graphqlUrl = `${stack.gatewayUrl}/graphql`;
  });
  afterAll(() => stack.close());

  it('says so plainly with UPSTREAM_UNAUTHENTICATED and Treeherder\'s text, and logs one clock hint without secrets', async () => {
    const response = await postGraphQL(graphqlUrl, QUERY, { credentials: caller });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message:
            "Treeherder rejected the gateway's Hawk signature for /api/repository/ as expired: the gateway's clock and Treeherder's disagree " +
            `(HTTP 401: ${TREEHERDER_EXPIRED}).`,
          path: ['repositories'],
          locations: [{ line: 1, column: 3 }],
          extensions: { code: 'UPSTREAM_UNAUTHENTICATED', upstreamStatus: 401, upstreamDetail: TREEHERDER_EXPIRED },
        },
      ],
    });
    expect(stack.upstream().map((entry) => [entry.status, entry.hawkId])).toEqual([[401, null]]);

    const hints = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['message'] === "Treeherder rejected the gateway's Hawk signature");
    expect(hints).toEqual([
      {
        level: 'warn',
        message: "Treeherder rejected the gateway's Hawk signature",
        endpoint: '/api/repository/',
        upstreamStatus: 401,
        upstreamDetail: TREEHERDER_EXPIRED,
        gatewayTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        upstreamTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        // The simulator skews only its Hawk clock; its Date header keeps the real time, and the hint says what that means.
        clockOffsetSec: expect.toSatisfy((offset: number) => Math.abs(offset) <= 1),
        clockOffsetSource: 'date',
        hint: expect.stringContaining('yet it calls the signature expired'),
        suppressedSinceLastLine: 0,
      },
    ]);

    // Further rejections within the minute are not logged again (the next line counts them).
    await postGraphQL(graphqlUrl, QUERY, { credentials: other });
    await postGraphQL(graphqlUrl, QUERY, { credentials: caller });
    expect(logs.lines.filter((line) => line.startsWith(`{"level":"warn","message":"Treeherder rejected the gateway's Hawk signature"`))).toHaveLength(1);
    expect(logLeaks(logs.lines, callers)).toEqual([]);
    expect(leakedKeys(response.text, callers)).toEqual([]);
  });

  it('an anonymous request is not signed, so it is not refused', async () => {
    const response = await postGraphQL(graphqlUrl, QUERY);
    expect(response.body.errors).toBeUndefined();
  });
});

describe('the clock offset hint against a Treeherder whose clock really is 120 s ahead', () => {
  // A small Hawk server on loopback: it verifies with the hawk package against a clock 120 s
  // ahead and answers like hawkrest (401, Treeherder's text), with its own clock in the Date
  // header and, if asked, hawk's own challenge with ts/tsm.
  function startSkewedTreeherder(challenge: boolean): Promise<{ url: string; server: Server }> {
    const skewMs = 120_000;
    const server = createServer((req, res) => {
      const [host, port] = (req.headers.host ?? '').split(':');
      Hawk.server
        .authenticate(
          { method: req.method ?? 'GET', url: req.url ?? '/', host: host!, port: Number(port), authorization: req.headers.authorization ?? '' },
          (id: string) => callers.find((credential) => credential.id === id),
          { localtimeOffsetMsec: skewMs },
        )
        .then(
          () => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'),
          (error: { output?: { headers?: Record<string, string> } }) => {
            const headers: Record<string, string> = { 'content-type': 'application/json', date: new Date(Date.now() + skewMs).toUTCString() };
            if (challenge && error.output?.headers?.['WWW-Authenticate']) headers['www-authenticate'] = error.output.headers['WWW-Authenticate'];
            res.writeHead(401, headers).end(JSON.stringify({ detail: TREEHERDER_EXPIRED }));
          },
        );
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
  }

  it.each([
    ['its Date header', false, 'date'],
    ["hawk's challenge", true, 'www-authenticate'],
  ])('reads the offset from %s', async (_name, challenge, source) => {
    const upstream = await startSkewedTreeherder(challenge);
    const logs = captureLogs();
    // Also through the production logger: its redaction must leave the hint readable.
    const printed: string[] = [];
    const json = createJsonLogger((line) => printed.push(line));
    const tee: Logger = { log: (...args) => (logs.logger.log(...args), json.log(...args)) };
    const loaded = loadConfig({ TREEHERDER_URL: upstream.url });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const gateway: Gateway = createGateway({ config: loaded.config, logger: tee, hawkEdge: createHawkEdge({ store: createStaticCredentialStore(callers) }) });
    const server = createServer(gateway.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const graphqlUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      const response = await postGraphQL(graphqlUrl, QUERY, { credentials: caller });
      expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAUTHENTICATED', upstreamStatus: 401, upstreamDetail: TREEHERDER_EXPIRED });

      const hint = logs.lines.map((line) => JSON.parse(line) as Record<string, any>).find((line) => line['message'] === "Treeherder rejected the gateway's Hawk signature");
      expect(hint).toMatchObject({ clockOffsetSource: source, hint: expect.stringMatching(/^Treeherder's clock is about 1(19|20|21) s ahead of the gateway's/) });
      expect(Math.abs(hint!['clockOffsetSec'] - 120)).toBeLessThanOrEqual(1);
      const { time: _time, ...printedHint } = printed.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['level'] === 'warn')!;
      expect(printedHint).toEqual(hint);
      expect(logLeaks(printed, callers)).toEqual([]);
      expect(logLeaks(logs.lines, callers)).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
      await new Promise<void>((resolve) => upstream.server.close(() => resolve()));
    }
  });
});

describe('estimateClockOffset', () => {
  const local = Date.UTC(2026, 0, 1, 12, 0, 0);
  it.each([
    ['a Hawk challenge, preferred to Date', { 'www-authenticate': 'Hawk ts="1767268920", tsm="x", error="Stale timestamp"', date: 'Thu, 01 Jan 2026 12:00:00 GMT' }, { offsetSec: 120, source: 'www-authenticate' }],
    ['the Date header, behind', { date: 'Thu, 01 Jan 2026 11:58:00 GMT' }, { offsetSec: -120, source: 'date' }],
    ['a bare challenge falls back to Date', { 'www-authenticate': 'Hawk', date: 'Thu, 01 Jan 2026 12:00:30 GMT' }, { offsetSec: 30, source: 'date' }],
    ['an unreadable Date', { date: 'yesterday' }, null],
    ['nothing to go by', {}, null],
  ])('%s', (_name, headers, expected) => {
    const estimate = estimateClockOffset(headers, local);
    if (expected === null) expect(estimate).toBeNull();
    else expect(estimate).toEqual({ ...expected, upstreamTime: new Date(local + expected.offsetSec * 1000).toISOString() });
  });
});
