import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack.js';

// The deadline under concurrent load: 100 GraphQL requests at once, every upstream request
// stalled (the simulator holds each answer for a minute), the concurrency cap and its queue
// full. Each request must still answer at its deadline, with UPSTREAM_TIMEOUT at the fields
// that waited, not when Treeherder would have answered. The bound is the deadline plus a
// second, as the issue asks; the stall is sixty times longer, so a deadline that does not
// fire cannot pass.

const DEADLINE_MS = 2_000;
const CONCURRENT = 100;

let stack: Stack;
/** How long the gateway took to answer each request, from its request log. */
const answeredMs: number[] = [];
beforeAll(async () => {
  stack = await startStack({
    listen: true,
    logger: {
      log(_level, message, fields) {
        if (message === 'request' && typeof fields?.['durationMs'] === 'number') answeredMs.push(fields['durationMs']);
      },
    },
    env: { REQUEST_DEADLINE_MS: String(DEADLINE_MS), UPSTREAM_MAX_CONCURRENCY: '8' },
    simulator: { scale: { pushesPerRepository: 3, jobsPerPush: 5 }, faults: [{ kind: 'latency', path: '/api/**', ms: 120_000 }] },
  });
});
afterAll(() => stack.close());

describe('REQUEST_DEADLINE_MS under load', () => {
  it(`answers each of ${CONCURRENT} concurrent requests within the deadline + 1 s`, async () => {
    const queries = [
      '{ pushes(repository: "autoland", first: 2) { nodes { id } } }',
      '{ push(repository: "autoland", id: 1) { id jobs { nodes { id } } } }',
      '{ a: repository(name: "autoland") { name } }',
    ];
    const results = await Promise.all(
      Array.from({ length: CONCURRENT }, async (_, index) => {
        const started = performance.now();
        const response = await fetch(`${stack.gatewayUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: queries[index % queries.length] }),
        });
        const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
        return { status: response.status, elapsedMs: performance.now() - started, codes: new Set(body.errors?.map((error) => error.extensions?.code)) };
      }),
    );
    for (const result of results) {
      expect(result.status).toBe(200);
      expect([...result.codes]).toEqual(['UPSTREAM_TIMEOUT']);
    }
    // The gateway's own clock, from a request's arrival to its answer: the bound the issue
    // sets. The client's view adds what 100 connections cost a loaded machine to open and read,
    // so it gets a looser bound, still far below the two-minute stall.
    expect(answeredMs).toHaveLength(CONCURRENT);
    expect(Math.max(...answeredMs)).toBeLessThan(DEADLINE_MS + 1_000);
    const slowest = Math.max(...results.map((result) => result.elapsedMs));
    expect(slowest).toBeLessThan(DEADLINE_MS + 10_000);
  }, 60_000);
});
