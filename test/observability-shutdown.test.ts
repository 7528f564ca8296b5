import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../src/simulator/index.js';
import { compileEntry } from './support/compile-entry.js';

// SIGTERM on the real entry point, compiled as `npm run build` compiles it: the request in
// flight is answered, new connections are refused, the process exits 0.

let buildDir: string;
let simulator: Simulator;
let gate: Server;
let gateUrl: string;
/** Requests to Treeherder wait here until the test lets them through. */
let release: () => void = () => undefined;
let arrived: () => void = () => undefined;

beforeAll(async () => {
  buildDir = await compileEntry('treeherder-graphql-build-');

  simulator = createSimulator({ seed: 2, now: Date.UTC(2026, 10, 20, 12), scale: { pushesPerRepository: 3, jobsPerPush: 10 } });
  const simulatorUrl = await simulator.listen(0, '127.0.0.1');
  // A gate in front of the simulator, so the test decides when Treeherder answers (no clock).
  const held = new Promise<void>((resolve) => (release = resolve));
  gate = createServer(async (request, response) => {
    arrived();
    await held;
    const upstream = await fetch(`${simulatorUrl}${request.url}`, { headers: { accept: 'application/json' } });
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
  gateUrl = `http://127.0.0.1:${(gate.address() as AddressInfo).port}`;
});

afterAll(async () => {
  release();
  await new Promise<void>((resolve) => gate.close(() => resolve()));
  await simulator.close();
  await rm(buildDir, { recursive: true, force: true });
});

/** The child's JSON log lines, as they come. */
function logLines(child: ChildProcess): { lines: Array<Record<string, unknown>>; next(message: string): Promise<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const waiting: Array<{ message: string; resolve: (line: Record<string, unknown>) => void }> = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const waiter of waiting.filter((candidate) => candidate.message === line['message'])) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  return {
    lines,
    next: (message) =>
      new Promise((resolve) => {
        const seen = lines.find((line) => line['message'] === message);
        if (seen) resolve(seen);
        else waiting.push({ message, resolve });
      }),
  };
}

describe('SIGTERM', () => {
  it('drains the request in flight, refuses new connections, and exits 0', async () => {
    const child = spawn(process.execPath, [join(buildDir, 'src/main.js')], {
      env: { PATH: process.env['PATH'], TREEHERDER_URL: gateUrl, HOST: '127.0.0.1', PORT: '0', USER_AGENT_CONTACT: 'https://example.test/contact' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const log = logLines(child);
    const listening = await log.next('treeherder-graphql listening');
    const url = String(listening['url']);
    const port = Number(new URL(url).port);
    expect(port).toBeGreaterThan(0);

    const reachedTreeherder = new Promise<void>((resolve) => (arrived = resolve));
    const inFlight = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: 'query Drained { repositories { name } }' }),
    });
    await reachedTreeherder;

    child.kill('SIGTERM');
    expect(await log.next('shutting down: draining in-flight requests')).toMatchObject({ signal: 'SIGTERM', inFlight: 1 });
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');

    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    // Its keep-alive connection is closed with it, so the drain does not wait on the client.
    expect(response.headers.get('connection')).toBe('close');
    expect(((await response.json()) as { data: { repositories: unknown[] } }).data.repositories.length).toBeGreaterThan(0);

    expect(await exited).toBe(0);
    expect(log.lines.map((line) => line['message'])).toEqual([
      'treeherder-graphql listening',
      'shutting down: draining in-flight requests',
      'request',
      'stopped',
    ]);
    expect(log.lines[2]).toMatchObject({ operation: 'Drained', status: 200, upstreamRequests: 1 });
  });
});
