import { afterEach, describe, expect, it } from 'vitest';
import { createStaticCredentialStore } from '../src/auth/credential-store.js';
import { createHawkEdge } from '../src/auth/edge.js';
import { hawkCallers } from './support/hawk.js';
import { startLiveStack, subscribeSse, until, type LiveStack, type SseSubscriber } from './support/live.js';

// Signed subscribers poll with their own credentials and a fresh signature each time, and never
// share a poller, an upstream request or an event with anonymous ones or with each other.

const callers = hawkCallers(2, 'live');
const [alice, bob] = callers as [(typeof callers)[number], (typeof callers)[number]];
const QUERY = 'subscription { jobsChanged(repository: "autoland") { id state } }';

let stack: LiveStack | null = null;
let clients: SseSubscriber[] = [];
afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  await stack?.close();
  stack = null;
});

describe('Hawk-signed subscriptions', () => {
  it('one poller per identity: signed and anonymous never share a request or an event', async () => {
    stack = await startLiveStack({
      simulator: { hawkCredentials: callers },
      hawkEdge: createHawkEdge({ store: createStaticCredentialStore(callers) }),
    });
    const s = stack;
    const anonymous = await Promise.all([0, 1].map(() => subscribeSse(s.url, QUERY)));
    const signed = await Promise.all([0, 1].map(() => subscribeSse(s.url, QUERY, {}, { credentials: alice })));
    const other = await subscribeSse(s.url, QUERY, {}, { credentials: bob });
    clients.push(...anonymous, ...signed, other);
    expect([...anonymous, ...signed, other].map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
    await until(() => s.gateway.live.registry.stats().subscribers === 5, 'five subscribers');
    const topics = s.gateway.live.registry.stats().topics;
    expect(topics.map((t) => t.subscribers).sort()).toEqual([1, 2, 2]);
    await s.tick();

    const pollsOf = () => s.upstream().filter((e) => e.path === '/api/project/autoland/jobs/');
    const since = s.simulator.data.clockMs();
    while (s.simulator.data.pushesOf('autoland').every((p) => s.simulator.data.jobsOfPush(p.id).every((j) => j.lastModifiedUs <= since * 1000))) {
      s.simulator.advance(1);
    }
    s.resetLog();
    await s.tick();
    const first = pollsOf();
    // Three pollers, three requests: one anonymous, one as each caller, each verified upstream.
    expect(first.map((e) => e.hawkId).sort()).toEqual([null, alice.id, bob.id].sort());
    expect(first.find((e) => e.hawkId === null)!.authorization).toBeNull();

    const events = await Promise.all([...anonymous, ...signed, other].map((c) => c.nth(0)));
    expect(new Set(events.map((e) => JSON.stringify(e.data)))).toHaveProperty('size', 1);

    // The next interval signs afresh: a new nonce and MAC, never a replayed header.
    s.resetLog();
    await s.tick();
    const second = pollsOf();
    expect(second).toHaveLength(3);
    for (const id of [alice.id, bob.id]) {
      const before = first.find((e) => e.hawkId === id)!.authorization!;
      const after = second.find((e) => e.hawkId === id)!.authorization!;
      expect(after).toMatch(/^Hawk /);
      expect(after).not.toBe(before);
    }

    // Anonymous subscribers leave: the signed pollers go on alone, still signed.
    for (const client of anonymous) client.close();
    await until(() => s.gateway.live.registry.stats().pollers === 2, 'the anonymous poller to stop');
    s.resetLog();
    await s.tick();
    expect(pollsOf().map((e) => e.hawkId).sort()).toEqual([alice.id, bob.id].sort());
  });

  it('a caller Treeherder refuses gets the coded error; anonymous subscribers of the same topic are unaffected', async () => {
    // The simulator knows only alice: bob's signature is refused upstream.
    stack = await startLiveStack({
      simulator: { hawkCredentials: [alice] },
      hawkEdge: createHawkEdge({ store: createStaticCredentialStore(callers) }),
    });
    const s = stack;
    const refused = await subscribeSse(s.url, QUERY, {}, { credentials: bob });
    const anonymous = await subscribeSse(s.url, QUERY);
    clients.push(refused, anonymous);
    await until(() => s.gateway.live.registry.stats().subscribers === 2, 'two subscribers');
    await s.tick();
    const error = await refused.nth(0);
    expect(error.errors[0].extensions.code).toBe('UPSTREAM_UNAUTHENTICATED');
    expect(JSON.stringify(error)).not.toContain(bob.key);
    expect(anonymous.events.filter((e) => e.event === 'next')).toHaveLength(0);
    expect(s.gateway.live.registry.stats().pollers).toBe(2);
  });
});
