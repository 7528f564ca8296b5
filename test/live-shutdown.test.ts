import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createSimulator, type Simulator } from '../src/simulator/index.js';
import { compileEntry } from './support/compile-entry.js';
import { subscribeSse } from './support/live.js';

// SIGTERM on the compiled entry point with subscriptions open over SSE and WebSocket: every
// stream gets its `complete`, the sockets close with 1001, and the process exits 0 well within
// SHUTDOWN_TIMEOUT_MS (which would otherwise have to cut the never-ending streams).

let buildDir: string;
let simulator: Simulator;
let simulatorUrl: string;

beforeAll(async () => {
  buildDir = await compileEntry('treeherder-graphql-live-build-');
  simulator = createSimulator({ seed: 2, now: Date.UTC(2026, 10, 20, 12), scale: { pushesPerRepository: 3, jobsPerPush: 10 } });
  simulatorUrl = await simulator.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await simulator.close();
  await rm(buildDir, { recursive: true, force: true });
});

describe('SIGTERM with subscriptions open', () => {
  it('completes every SSE and graphql-ws subscription, closes the sockets with 1001, and exits 0', async () => {
    const child = spawn(process.execPath, [join(buildDir, 'src/main.js')], {
      env: {
        PATH: process.env['PATH'],
        TREEHERDER_URL: simulatorUrl,
        HOST: '127.0.0.1',
        PORT: '0',
        USER_AGENT_CONTACT: 'https://example.test/contact',
        // Long enough that exiting before it means the streams ended, not that they were cut.
        SHUTDOWN_TIMEOUT_MS: '60000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (text) => {
        const line = JSON.parse(text) as { message: string; url?: string };
        if (line.message === 'treeherder-graphql listening') resolve(String(line.url).replace(/\/graphql$/, ''));
      });
    });

    const sse = await subscribeSse(url, 'subscription { pushCreated(repository: "autoland") { id } }');
    expect(sse.status).toBe(200);
    let closeCode: number | null = null;
    const client = createClient({ url: `${url.replace('http:', 'ws:')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazyCloseTimeout: 3_600_000 });
    client.on('closed', (event) => (closeCode = (event as { code: number }).code));
    let completed = false;
    const wsDone = new Promise<void>((resolve, reject) => {
      client.subscribe({ query: 'subscription { jobsChanged(repository: "autoland") { id } }' }, {
        next: () => undefined,
        error: reject,
        complete: () => {
          completed = true;
          resolve();
        },
      });
    });
    // Both are open once the poller asked Treeherder for the first time on their behalf.
    while (simulator.requests().filter((e) => e.path.startsWith('/api/project/autoland/')).length < 3) await new Promise((resolve) => setTimeout(resolve, 10));

    child.kill('SIGTERM');
    await sse.ended;
    expect(sse.events.at(-1)?.event).toBe('complete');
    await wsDone;
    expect(completed).toBe(true);
    expect(await exited).toBe(0);
    expect(closeCode).toBe(1001);
    await client.dispose();
  });
});
