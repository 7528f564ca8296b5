import { describe, expect, it } from 'vitest';
import { ErrorCode, UpstreamError } from '../src/errors.js';
import { createFairSlots, type UpstreamCall } from '../src/treeherder/resilience.js';

// The gateway-wide upstream slots are shared round-robin between GraphQL requests: one with
// hundreds of calls waiting cannot keep one with two waiting behind all of them.

const call = (owner: object, index: number): UpstreamCall => ({ method: 'GET', endpoint: `/api/${index}/`, owner });

describe('createFairSlots', () => {
  it('serves waiting owners in turn: a request with 2 calls waits a slot or two, not 500', async () => {
    const slots = createFairSlots(4, 1000);
    const greedy = {};
    const innocent = {};
    const order: string[] = [];
    const held: Array<() => void> = [];
    const take = (owner: object, name: string, index: number) =>
      slots.acquire(call(owner, index)).then((release) => {
        order.push(name);
        held.push(release);
      });
    // The greedy request fills every slot and queues 500 more calls, then the innocent one asks twice.
    const greedyCalls = Array.from({ length: 504 }, (_, index) => take(greedy, 'greedy', index));
    await Promise.resolve();
    const innocentCalls = [take(innocent, 'innocent', 0), take(innocent, 'innocent', 1)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['greedy', 'greedy', 'greedy', 'greedy']);
    expect(slots.load()).toEqual({ inFlight: 4, queued: 502 });
    // Free slots one at a time, as upstream answers come back.
    while (order.filter((name) => name === 'innocent').length < 2) {
      held.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(innocentCalls);
    // Four greedy calls held the slots; then the two requests take turns (greedy was waiting first).
    expect(order.slice(4)).toEqual(['greedy', 'innocent', 'greedy', 'innocent']);
    while (held.length > 0) {
      held.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(greedyCalls);
    expect(slots.load()).toEqual({ inFlight: 0, queued: 0 });
  });

  it('when the queue is full, the greediest request loses its newest call, not a newcomer', async () => {
    const slots = createFairSlots(1, 5);
    const greedy = {};
    const innocent = {};
    const first = await slots.acquire(call(greedy, 0));
    const outcomes: Array<string> = [];
    const queued = Array.from({ length: 5 }, (_, index) =>
      slots.acquire(call(greedy, index + 1)).then(
        (release) => {
          outcomes.push(`greedy ${index + 1}`);
          release();
        },
        (error: UpstreamError) => outcomes.push(`greedy ${index + 1}: ${error.code}`),
      ),
    );
    const newcomer = slots.acquire(call(innocent, 0)).then((release) => {
      outcomes.push('innocent');
      release();
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(outcomes).toEqual([`greedy 5: ${ErrorCode.UPSTREAM_OVERLOADED}`]);
    expect(slots.load()).toEqual({ inFlight: 1, queued: 5 });
    // The greediest request itself is refused once it is the one with the longest queue.
    await expect(slots.acquire(call(greedy, 9))).rejects.toMatchObject({ code: ErrorCode.UPSTREAM_OVERLOADED });
    first();
    await Promise.all([...queued, newcomer]);
    expect(outcomes).toEqual([`greedy 5: ${ErrorCode.UPSTREAM_OVERLOADED}`, 'greedy 1', 'innocent', 'greedy 2', 'greedy 3', 'greedy 4']);
  });

  it('a waiting call whose request ends leaves the queue', async () => {
    const slots = createFairSlots(1, 10);
    const release = await slots.acquire(call({}, 0));
    const controller = new AbortController();
    const waiting = slots.acquire({ ...call({}, 1), signal: controller.signal });
    expect(slots.load().queued).toBe(1);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(slots.load()).toEqual({ inFlight: 1, queued: 0 });
    release();
    expect(slots.load()).toEqual({ inFlight: 0, queued: 0 });
  });
});
