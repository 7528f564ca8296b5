import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStartup, StartupError } from '../src/startup.js';
import { compileEntry } from './support/compile-entry.js';

// What an operator sees when the gateway cannot start: the real entry points (compiled as
// `npm run build` does) in child processes, each failure one line on stderr naming the setting,
// exit code 2, no stack trace.

/** Hawk needs the public address callers sign for. */
const HAWK = { PUBLIC_HOST: 'graphql.example.org', PUBLIC_PORT: '443' };

let buildDir: string;
let workDir: string;
let occupied: Server;
let busyPort: number;

interface Outcome {
  code: number | null;
  stdout: string;
  stderrLines: string[];
}

function start(entry: 'main' | 'demo', env: Record<string, string>): Promise<Outcome> {
  const child = spawn(process.execPath, [join(buildDir, `src/${entry}.js`)], {
    env: { PATH: process.env['PATH'], HOST: '127.0.0.1', PORT: '0', TREEHERDER_URL: 'http://127.0.0.1:9', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderrLines: stderr.split('\n').filter((line) => line !== '') }));
  });
}

function expectOneLineFailure(outcome: Outcome, pattern: RegExp): void {
  expect(outcome.stderrLines, outcome.stderrLines.join('\n')).toHaveLength(1);
  expect(outcome.stderrLines[0]).toMatch(pattern);
  expect(outcome.stderrLines[0]).not.toMatch(/\n|\s+at\s|Error:|node:internal/);
  expect(outcome.code).toBe(2);
}

beforeAll(async () => {
  buildDir = await compileEntry('treeherder-graphql-startup-build-');
  workDir = await mkdtemp(join(tmpdir(), 'treeherder-graphql-startup-'));
  occupied = createServer();
  await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
  busyPort = (occupied.address() as { port: number }).port;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => occupied?.close(resolve));
  await rm(buildDir, { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
});

describe('start-up failures of the gateway', () => {
  it('a port in use', async () => {
    const outcome = await start('main', { PORT: String(busyPort) });
    expectOneLineFailure(outcome, new RegExp(`^treeherder-graphql: cannot listen: PORT ${busyPort} on 127\\.0\\.0\\.1 is already in use .*\\(EADDRINUSE\\)$`));
    expect(outcome.stdout).not.toContain('listening');
  });

  it('a HOST the machine does not have', async () => {
    const outcome = await start('main', { HOST: '192.0.2.1' });
    expectOneLineFailure(outcome, /^treeherder-graphql: cannot listen: HOST 192\.0\.2\.1 is not an address of this machine/);
  });

  it('a credentials file that cannot be read', async () => {
    const missing = join(workDir, 'no-such-credentials.json');
    const outcome = await start('main', { ...HAWK, HAWK_CREDENTIALS_FILE: missing });
    expectOneLineFailure(outcome, /^treeherder-graphql: HAWK_CREDENTIALS_FILE credentials file .*no-such-credentials\.json: cannot be read \(ENOENT\)$/);

    const directory = await mkdtemp(join(workDir, 'dir-'));
    expectOneLineFailure(await start('main', { ...HAWK, HAWK_CREDENTIALS_FILE: directory }), /HAWK_CREDENTIALS_FILE .*: cannot be read \(EISDIR\)$/);
  });

  it('a credentials file that is not valid, without quoting it', async () => {
    const broken = join(workDir, 'broken.json');
    await writeFile(broken, '[{"id": "bot", "key": "s3cr3t-key-value", "algorithm": "sha256"');
    const outcome = await start('main', { ...HAWK, HAWK_CREDENTIALS_FILE: broken });
    expectOneLineFailure(outcome, /^treeherder-graphql: HAWK_CREDENTIALS_FILE credentials file .*broken\.json: is not valid JSON/);
    expect(outcome.stderrLines[0]).not.toContain('s3cr3t');
  });

  it('an UPSTREAM_CA_FILE that cannot be read, or holds no certificate', async () => {
    const missing = join(workDir, 'no-such-ca.pem');
    expectOneLineFailure(await start('main', { UPSTREAM_CA_FILE: missing }), /^treeherder-graphql: UPSTREAM_CA_FILE .*no-such-ca\.pem: cannot be read \(ENOENT\)$/);
    const directory = await mkdtemp(join(workDir, 'ca-dir-'));
    expectOneLineFailure(await start('main', { UPSTREAM_CA_FILE: directory }), /^treeherder-graphql: UPSTREAM_CA_FILE .*: cannot be read \(EISDIR\)$/);
    const empty = join(workDir, 'empty.pem');
    await writeFile(empty, 'not a certificate\n');
    expectOneLineFailure(await start('main', { UPSTREAM_CA_FILE: empty }), /^treeherder-graphql: UPSTREAM_CA_FILE .*empty\.pem: holds no PEM certificate/);
    const garbled = join(workDir, 'garbled.pem');
    await writeFile(garbled, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
    expectOneLineFailure(await start('main', { UPSTREAM_CA_FILE: garbled }), /^treeherder-graphql: UPSTREAM_CA_FILE .*garbled\.pem: certificate 1 is not a valid X\.509 certificate$/);
  });

  it('a bad TREEHERDER_URL, and one line per invalid setting', async () => {
    const urls = ['treeherder.mozilla.org', 'ftp://treeherder.mozilla.org', 'https://user:pw@treeherder.mozilla.org', 'https://'];
    const outcomes = await Promise.all(urls.map((url) => start('main', { TREEHERDER_URL: url })));
    for (const outcome of outcomes) {
      expectOneLineFailure(outcome, /^treeherder-graphql: invalid configuration: TREEHERDER_URL must be an http\(s\) URL/);
    }
    const two = await start('main', { TREEHERDER_URL: 'nope', PORT: 'eighty' });
    expect(two.code).toBe(2);
    expect(two.stderrLines).toHaveLength(2);
    expect(two.stderrLines.join('\n')).toMatch(/PORT must be an integer/);
    expect(two.stderrLines.join('\n')).toMatch(/TREEHERDER_URL must be/);
  });

  it('a REDIS_URL where nothing answers (refused, or a server that never speaks), without its password', async () => {
    // A server that accepts connections and never says anything.
    const silent = createServer((socket) => sockets.push(socket));
    const sockets: Socket[] = [];
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as { port: number }).port;
    try {
      for (const port of [9, silentPort]) {
        const outcome = await start('main', { REDIS_URL: `redis://:pw-never-printed@127.0.0.1:${port}`, REDIS_CONNECT_TIMEOUT_MS: '1000' });
        expectOneLineFailure(outcome, new RegExp(`^treeherder-graphql: REDIS_URL redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port} did not answer within 1000 ms`));
        expect(outcome.stdout + outcome.stderrLines.join('\n')).not.toContain('pw-never-printed');
      }
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('starts when nothing is wrong (so the failures above are the settings, not the build)', async () => {
    const child = spawn(process.execPath, [join(buildDir, 'src/main.js')], {
      env: { PATH: process.env['PATH'], HOST: '127.0.0.1', PORT: '0', TREEHERDER_URL: 'http://127.0.0.1:9' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const listening = await new Promise<boolean>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('treeherder-graphql listening')) resolve(true);
      });
      child.on('close', () => resolve(false));
    });
    expect(listening, `stdout: ${stdout}\nstderr: ${stderr}`).toBe(true);
    const code = await new Promise<number | null>((resolve) => {
      child.on('close', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});

describe('start-up failures of the demo', () => {
  it('the simulator port in use', async () => {
    const outcome = await start('demo', { SIMULATOR_PORT: String(busyPort) });
    expectOneLineFailure(outcome, new RegExp(`^treeherder-graphql demo: cannot listen: SIMULATOR_PORT ${busyPort} on 127\\.0\\.0\\.1 is already in use`));
  });

  it('the gateway port in use', async () => {
    const outcome = await start('demo', { SIMULATOR_PORT: '0', PORT: String(busyPort) });
    expectOneLineFailure(outcome, new RegExp(`^treeherder-graphql demo: cannot listen: PORT ${busyPort} on 127\\.0\\.0\\.1 is already in use`));
  });
});

describe('runStartup (the hook for anything else that must work at start, e.g. a store)', () => {
  it('prints each problem of a StartupError on its own line and exits 2', async () => {
    const lines: string[] = [];
    const codes: number[] = [];
    await runStartup(
      'treeherder-graphql',
      async () => {
        await Promise.resolve();
        throw new StartupError(['REDIS_URL redis://cache:6379 cannot be reached (ECONNREFUSED)', 'second\nproblem']);
      },
      { write: (line) => lines.push(line), exit: (code) => codes.push(code) },
    );
    expect(lines).toEqual(['treeherder-graphql: REDIS_URL redis://cache:6379 cannot be reached (ECONNREFUSED)\n', 'treeherder-graphql: second problem\n']);
    expect(codes).toEqual([2]);
  });

  it('lets any other error through: a bug keeps its stack', async () => {
    const bug = new TypeError('undefined is not a function');
    const lines: string[] = [];
    await expect(runStartup('x', async () => Promise.reject(bug), { write: (line) => lines.push(line), exit: () => {} })).rejects.toBe(bug);
    expect(lines).toEqual([]);
  });
});
