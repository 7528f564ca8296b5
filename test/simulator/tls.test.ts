import { X509Certificate } from 'node:crypto';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, createTlsIdentity, type Simulator } from '../../src/simulator/index.js';
import { ANCHOR } from './support.js';

// The simulator's TLS mode: the same server over HTTPS, HTTP/2 for clients that offer it by
// ALPN and HTTP/1.1 for the others, with a certificate made at start-up.

let simulator: Simulator;
let h2: Agent;
let h1: Agent;

async function get(agent: Agent, path: string): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const response = await request(`${simulator.url}${path}`, { dispatcher: agent, headers: { 'user-agent': 'simulator-tests/1.0' } });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

beforeAll(async () => {
  simulator = createSimulator({ seed: 1, now: ANCHOR, tls: true });
  await simulator.listen(0);
  h2 = new Agent({ connect: { ca: simulator.tls!.cert } });
  h1 = new Agent({ connect: { ca: simulator.tls!.cert }, allowH2: false });
});
afterAll(async () => {
  await h2.close();
  await h1.close();
  await simulator.close();
});
beforeEach(() => simulator.setFaults([]));

describe('the generated certificate', () => {
  it('is self-signed for localhost and the loopback addresses, usable as its own CA, for ten years', () => {
    const now = Date.UTC(2026, 0, 1);
    const certificate = new X509Certificate(createTlsIdentity({ now }).cert);
    expect(certificate.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(certificate.ca).toBe(true);
    expect(certificate.checkIssued(certificate)).toBe(true);
    expect(Date.parse(certificate.validFrom)).toBeLessThan(now);
    expect(Date.parse(certificate.validTo)).toBeGreaterThan(now + 9 * 365 * 86_400_000);
  });

  it('is trusted by name too: https://localhost works with it as the only CA', async () => {
    const response = await request(`${simulator.url.replace('127.0.0.1', 'localhost')}/api/repository/`, { dispatcher: h2 });
    await response.body.dump();
    expect(response.statusCode).toBe(200);
  });
});

describe('HTTP/2 and HTTP/1.1 on one TLS port', () => {
  it('answers both alike, and logs the version and connection of each request', async () => {
    simulator.clearRequests();
    const before = simulator.connections();
    const [a, b] = await Promise.all([get(h2, '/api/repository/'), get(h2, '/api/optioncollectionhash/')]);
    const c = await get(h1, '/api/repository/');
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect(c.text).toBe(a.text);
    expect(a.headers['content-type']).toBe('application/json');
    expect(c.headers['content-type']).toBe('application/json');
    const log = simulator.requests();
    expect(log.map((entry) => entry.httpVersion)).toEqual(['2.0', '2.0', '1.1']);
    expect(log[0]!.connection).toBe(log[1]!.connection);
    expect(log[2]!.connection).not.toBe(log[0]!.connection);
    const after = simulator.connections();
    expect([after.tls - before.tls, after.h2 - before.h2]).toEqual([2, 1]);
  });

  it("keeps gunicorn's request-line limit over HTTP/2 (the line a proxy would forward), without HTTP/1.1's Connection header", async () => {
    const target = (bytes: number): string => {
      const head = '/api/jobs/?id__in=';
      return head + '1,'.repeat(Math.ceil(bytes / 2)).slice(0, bytes - 13 - head.length);
    };
    simulator.clearRequests();
    const fits = await get(h2, target(4094));
    const over = await get(h2, target(4095));
    const overH1 = await get(h1, target(4095));
    expect([fits.status, over.status, overH1.status]).toEqual([200, 400, 400]);
    expect(over.text).toContain('Request Line is too large (4095 &gt; 4094)');
    expect(over.text).toBe(overH1.text);
    expect(over.headers['connection']).toBeUndefined();
    expect(overH1.headers['connection']).toBe('close');
    expect(simulator.requests().map((entry) => [entry.httpVersion, entry.requestLineBytes, entry.status])).toEqual([
      ['2.0', 4094, 200],
      ['2.0', 4095, 400],
      ['1.1', 4095, 400],
    ]);
  });

  it('a reset fault over HTTP/2 resets its own stream only; the other streams of the connection answer', async () => {
    simulator.setFaults([{ path: '/api/repository/', kind: 'reset' }]);
    simulator.clearRequests();
    const [reset, fine] = await Promise.allSettled([get(h2, '/api/repository/'), get(h2, '/api/optioncollectionhash/')]);
    expect(reset.status).toBe('rejected');
    expect(fine.status === 'fulfilled' && fine.value.status).toBe(200);
    const log = simulator.requests();
    expect(log.map((entry) => [entry.path, entry.fault])).toEqual([
      ['/api/repository/', 'reset'],
      ['/api/optioncollectionhash/', null],
    ]);
    expect(log[0]!.connection).toBe(log[1]!.connection);
    // And the connection is still there for the next request.
    expect((await get(h2, '/api/optioncollectionhash/')).status).toBe(200);
    expect(simulator.requests().at(-1)!.connection).toBe(log[0]!.connection);
  });

  it('drips a body over HTTP/2 as over HTTP/1.1', async () => {
    const whole = await get(h2, '/api/optioncollectionhash/');
    simulator.setFaults([{ path: '/api/optioncollectionhash/', kind: 'drip', chunkBytes: 256, intervalMs: 1 }]);
    const dripped = await get(h2, '/api/optioncollectionhash/');
    expect(dripped.text).toBe(whole.text);
    expect(simulator.requests().at(-1)!.fault).toBe('drip');
  });

  it('serves the control API over TLS, connection counts included', async () => {
    const response = await request(`${simulator.url}/__simulator/connections`, { dispatcher: h2 });
    expect(await response.body.json()).toEqual(simulator.connections());
  });

  it('refuses a client that does not trust the certificate, counting the connection but no handshake', async () => {
    const before = simulator.connections();
    const untrusting = new Agent();
    try {
      await expect(request(`${simulator.url}/api/repository/`, { dispatcher: untrusting })).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    } finally {
      await untrusting.close();
    }
    const after = simulator.connections();
    expect(after.accepted).toBeGreaterThan(before.accepted);
    expect(after.tls).toBe(before.tls);
  });
});
