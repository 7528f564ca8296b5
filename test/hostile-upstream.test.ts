import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import { createSimulator, type Simulator } from '../src/simulator/index.js';
import { compileEntry } from './support/compile-entry.js';
import { FIXED_NOW } from './support/stack.js';
import { startTamperingProxy, type TamperingProxy } from './support/tampering-proxy.js';

// A hostile or broken Treeherder: bodies far larger than any real page, and job pages that
// lie about their total. The gateway reads a bounded number of bytes, plans a bounded number
// of pages, answers the rest of the query, and still exits on SIGTERM.

const MAX_BODY = 1_000_000;
const BUDGET = 40;

let simulator: Simulator;
let proxy: TamperingProxy;
let gateway: Gateway;

beforeAll(async () => {
  simulator = createSimulator({ seed: 5, now: FIXED_NOW, scale: { pushesPerRepository: 6, jobsPerPush: 30 } });
  proxy = await startTamperingProxy(await simulator.listen(0, '127.0.0.1'));
  const loaded = loadConfig({
    TREEHERDER_URL: proxy.url,
    USER_AGENT_CONTACT: 'https://example.test/contact',
    UPSTREAM_MAX_BODY_BYTES: String(MAX_BODY),
    MAX_OPERATION_COST: String(BUDGET),
    CACHE: 'false',
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  gateway = createGateway({ config: loaded.config });
});
afterAll(async () => {
  await gateway.dispose();
  await proxy.close();
  await simulator.close();
});
beforeEach(() => proxy.set({}));

async function query(text: string) {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: text }),
  });
  return (await response.json()) as { data?: Record<string, any> | null; errors?: Array<{ path?: unknown[]; extensions?: Record<string, unknown> }> };
}

describe('a body larger than UPSTREAM_MAX_BODY_BYTES', () => {
  it.each([
    ['streamed without a length: read until the cap, then the connection is dropped', false],
    ['with a Content-Length over the cap: not read at all', true],
  ])('%s', async (_name, declare) => {
    const before = proxy.hugeBytesWritten();
    proxy.set({ huge: { path: '/api/repository/', bytes: 300 * 1024 * 1024, declare } });
    const body = await query('{ repository(name: "autoland") { name } failureClassifications { name } }');
    expect(body.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([[['repository'], 'UPSTREAM_BAD_RESPONSE']]);
    expect(body.data?.['repository']).toBeNull();
    // The rest of the query answers.
    expect(body.data?.['failureClassifications'].length).toBeGreaterThan(0);
    // Streamed, not buffered: the proxy got to write a few socket buffers past the cap at most, never 300 MB.
    expect(proxy.hugeBytesWritten() - before).toBeLessThan(declare ? 8 * 1024 * 1024 : MAX_BODY + 8 * 1024 * 1024);
  });

  it('a body under the cap is read as before', async () => {
    proxy.set({ huge: { path: '/api/repository/', bytes: MAX_BODY - 100 } });
    const body = await query('{ failureClassifications { name } }');
    expect(body.errors).toBeUndefined();
  });
});

describe('job pages that lie about their count', () => {
  it.each([1e9, 2e7])('count %d: the page plan stays within the budget, and the rest answers', async (count) => {
    proxy.set({ jobCount: count });
    const [first, second] = simulator.data.pushesOf('autoland');
    const before = proxy.requests().length;
    const body = await query(
      `{ a: push(repository: "autoland", revision: "${first!.revision}") { id jobs { nodes { id } } } b: push(repository: "autoland", revision: "${second!.revision}") { id revision } }`,
    );
    // Two pushes and the first page of a's jobs: the 1e9 claimed jobs are never planned.
    expect(proxy.requests().length - before).toBe(3);
    expect(body.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([[['a', 'jobs'], 'UPSTREAM_BUDGET_EXCEEDED']]);
    expect(body.data).toEqual({ a: null, b: { id: String(second!.id), revision: second!.revision } });
  });

  it('count 1e9 under many pushes: never more upstream requests than the budget', async () => {
    proxy.set({ jobCount: 1e9 });
    const before = proxy.requests().length;
    const body = await query('{ pushes(repository: "autoland", first: 6) { nodes { id jobs { nodes { id } } } } }');
    expect(proxy.requests().length - before).toBeLessThanOrEqual(BUDGET);
    expect(new Set(body.errors?.map((error) => error.extensions?.['code']))).toEqual(new Set(['UPSTREAM_BUDGET_EXCEEDED']));
  });

  it('a lying count on a bounded page (first: 5) is not believed past the page', async () => {
    proxy.set({ jobCount: 1e9 });
    const before = proxy.requests().length;
    const body = await query('{ push(repository: "autoland", revision: "%REV%") { jobs(first: 5) { nodes { id } } } }'.replace('%REV%', simulator.data.pushesOf('autoland')[0]!.revision));
    expect(body.errors).toBeUndefined();
    expect(body.data?.['push'].jobs.nodes).toHaveLength(5);
    // The push, and one page of jobs: a page of `first + 1` already answers.
    expect(proxy.requests().length - before).toBe(2);
  });
});

describe('SIGTERM while a lying upstream is being read', () => {
  let buildDir: string;
  beforeAll(async () => {
    buildDir = await compileEntry('treeherder-graphql-hostile-');
  });
  afterAll(() => rm(buildDir, { recursive: true, force: true }));

  it('exits 0', async () => {
    let reached: () => void = () => {};
    const jobsRequested = new Promise<void>((resolve) => (reached = resolve));
    proxy.set({ jobCount: 1e9, onRequest: (path) => path === '/api/jobs/' && reached() });
    const child = spawn(process.execPath, [join(buildDir, 'src/main.js')], {
      env: { PATH: process.env['PATH'], TREEHERDER_URL: proxy.url, HOST: '127.0.0.1', PORT: '0', USER_AGENT_CONTACT: 'https://example.test/contact' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (text) => {
        const line = JSON.parse(text) as Record<string, unknown>;
        if (line['message'] === 'treeherder-graphql listening') resolve(String(line['url']));
      });
    });
    const answer = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ pushes(repository: "autoland", first: 5) { nodes { jobs { nodes { id } } } } }' }),
    }).then((response) => response.status, () => null);
    await jobsRequested;
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect([200, null]).toContain(await answer);
  });
});
