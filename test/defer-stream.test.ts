import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../src/log.js';
import { requestLines, startStack, type Stack } from './support/stack.js';

// @defer and @stream over real HTTP: the answer comes in parts for clients that read
// multipart/mixed or text/event-stream, merges to exactly the plain answer, costs the same
// upstream requests, and the request is over (logged, counted, its deadline cleared) only when
// its last part has gone or its client left.

let stack: Stack;
const logged: Array<Record<string, unknown>> = [];
const logger: Logger = {
  log(_level, message, fields) {
    if (message === 'request') logged.push(fields ?? {});
  },
};

beforeAll(async () => {
  stack = await startStack({ listen: true, logger, env: { CACHE: 'false' }, simulator: { scale: { pushesPerRepository: 6, jobsPerPush: 60 } } });
});
afterAll(() => stack.close());
beforeEach(() => {
  stack.resetLog();
  stack.simulator.setFaults([]);
  logged.length = 0;
});

type Part = { data?: any; errors?: unknown[]; incremental?: Array<{ data?: any; items?: unknown[]; path: Array<string | number>; label?: string }>; hasNext?: boolean };

/** The JSON parts of a `multipart/mixed` answer, as they arrive. */
async function* multipartParts(response: Response): AsyncGenerator<Part> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    // Each part: headers, a blank line, a JSON body, then the next boundary.
    for (;;) {
      const start = buffer.indexOf('\r\n\r\n');
      if (start < 0) break;
      const end = buffer.indexOf('\r\n---', start);
      if (end < 0) break;
      yield JSON.parse(buffer.slice(start + 4, end)) as Part;
      buffer = buffer.slice(end + 5);
    }
  }
}

/** The data events of a `text/event-stream` answer. */
async function eventStreamParts(response: Response): Promise<Part[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .map((event) => event.split('\n').find((line) => line.startsWith('data:')))
    .filter((line): line is string => line !== undefined && line.slice(5).trim() !== '')
    .map((line) => JSON.parse(line.slice(5)) as Part);
}

/** Applies the later parts to the first, as a client does. */
function merge(parts: Part[]): { data: any; errors: unknown[] } {
  const data = structuredClone(parts[0]!.data);
  const errors = [...(parts[0]!.errors ?? [])];
  for (const part of parts.slice(1)) {
    errors.push(...(part.errors ?? []));
    for (const increment of part.incremental ?? []) {
      // A streamed item's path ends with its index in the list; a deferred fragment's is its object.
      const path = increment.items ? increment.path.slice(0, -1) : increment.path;
      let target = data;
      for (const key of path) target = target[key];
      if (increment.items) (target as unknown[]).splice(Number(increment.path.at(-1)), increment.items.length, ...increment.items);
      else Object.assign(target, increment.data);
    }
  }
  return { data, errors };
}

function post(query: string, accept: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query }),
    ...(signal ? { signal } : {}),
  });
}

const revision = () => stack.simulator.data.pushesOf('autoland')[0]!.revision;
const plainPushQuery = () => `{ push(repository: "autoland", revision: "${revision()}") { id revision author jobs { nodes { id result state jobType { name } } } } }`;
const deferredPushQuery = () =>
  `{ push(repository: "autoland", revision: "${revision()}") { id revision author ... @defer(label: "jobs") { jobs { nodes { id result state jobType { name } } } } } }`;
const streamedJobsQuery = () => `{ push(repository: "autoland", revision: "${revision()}") { id jobs { nodes @stream(initialCount: 5) { id result state } } } }`;

async function plain(query: string): Promise<{ data: any; upstream: string[] }> {
  stack.resetLog();
  const response = await post(query, 'application/json');
  const body = (await response.json()) as { data: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  const upstream = requestLines(stack.upstream()).sort();
  stack.resetLog();
  await eventually(() => logged.length === 1, 'the plain request logged');
  logged.length = 0;
  return { data: body.data, upstream };
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${stack.gatewayUrl}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return Number(line?.slice(name.length + 1));
}

/** Waits (bounded) for something the server does after the client's part is over. */
async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('@defer', () => {
  it('sends the push first and its jobs in a later part, merging to the plain answer at the same upstream cost', async () => {
    const expected = await plain(plainPushQuery());
    stack.resetLog();
    const response = await post(deferredPushQuery(), 'multipart/mixed');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed/);
    const parts: Part[] = [];
    for await (const part of multipartParts(response)) parts.push(part);

    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts[0]!.hasNext).toBe(true);
    expect(parts[0]!.data.push).toEqual({ id: expected.data.push.id, revision: revision(), author: expected.data.push.author });
    expect(parts.at(-1)!.hasNext).toBe(false);
    expect(parts.flatMap((part) => part.incremental ?? []).map((increment) => increment.label)).toContain('jobs');
    const merged = merge(parts);
    expect(merged.errors).toEqual([]);
    expect(merged.data).toEqual(expected.data);
    expect(expected.data.push.jobs.nodes.length).toBeGreaterThan(10);
    expect(requestLines(stack.upstream()).sort()).toEqual(expected.upstream);

    // Logged once the last part went, with every upstream request the parts cost.
    await eventually(() => logged.length === 1, 'the request log line');
    expect(logged[0]).toMatchObject({ status: 200, errorCodes: [], upstreamRequests: expected.upstream.length });
    expect(await metric('http_requests_in_flight')).toBe(0);
  });

  it('answers the first part without waiting for a slow upstream, and a client that leaves ends the request', async () => {
    // The job list takes a minute: the first part must not wait for it.
    stack.simulator.setFaults([{ path: '/api/jobs/', kind: 'latency', ms: 60_000 }]);
    const client = new AbortController();
    const response = await post(deferredPushQuery(), 'multipart/mixed', client.signal);
    const first = await multipartParts(response).next();
    expect(first.value!.data.push.revision).toBe(revision());
    expect(first.value!.hasNext).toBe(true);
    await eventually(() => stack.upstream().some((entry) => entry.path === '/api/jobs/'), 'the deferred part asking for the jobs');
    const jobsRequest = stack.upstream().find((entry) => entry.path === '/api/jobs/')!;
    expect(jobsRequest.status, 'still waiting for Treeherder').toBe(0);
    expect(await metric('http_requests_in_flight')).toBe(1); // scrapes are not counted

    client.abort();
    // The request is over: counted out, logged, and its upstream request given up.
    await eventually(async () => (await metric('http_requests_in_flight')) === 0, 'the in-flight gauge back to 0');
    await eventually(() => logged.length === 1, 'the request log line');
    // The log holds copies: read it again. Given up after ~0.1 s, not answered after 60 s.
    const jobsNow = () => stack.upstream().find((entry) => entry.seq === jobsRequest.seq)!;
    await eventually(() => jobsNow().durationMs > 0, 'the upstream request cancelled');
    expect(jobsNow().status).toBe(0);
    expect(jobsNow().durationMs).toBeLessThan(60_000);
  });

  it('gives a JSON-only client the whole answer in one piece (no 406)', async () => {
    const expected = await plain(plainPushQuery());
    stack.resetLog();
    const response = await post(deferredPushQuery(), 'application/json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { data: unknown; errors?: unknown };
    expect(body).toEqual({ data: expected.data });
    expect(requestLines(stack.upstream()).sort()).toEqual(expected.upstream);
  });

  it('sends parts as server-sent events too', async () => {
    const expected = await plain(plainPushQuery());
    const response = await post(deferredPushQuery(), 'text/event-stream');
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const parts = await eventStreamParts(response);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(merge(parts).data).toEqual(expected.data);
  });
});

describe('@stream', () => {
  it('sends the first items with the push and the rest in later parts, at the same upstream cost', async () => {
    const expected = await plain(streamedJobsQuery().replace(' @stream(initialCount: 5)', ''));
    stack.resetLog();
    const response = await post(streamedJobsQuery(), 'multipart/mixed');
    const parts: Part[] = [];
    for await (const part of multipartParts(response)) parts.push(part);
    expect(parts[0]!.data.push.jobs.nodes).toEqual(expected.data.push.jobs.nodes.slice(0, 5));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(merge(parts).data).toEqual(expected.data);
    expect(requestLines(stack.upstream()).sort()).toEqual(expected.upstream);
  });

  it('refuses @stream on a field that is not a list, with a coded error', async () => {
    const response = await post(`{ push(repository: "autoland", revision: "${revision()}") { id revision @stream } }`, 'multipart/mixed, application/json');
    const text = await response.text();
    expect(text).toMatch(/@stream/);
    expect(text).toMatch(/GRAPHQL_VALIDATION_FAILED/);
    expect(stack.upstream()).toEqual([]);
  });
});
