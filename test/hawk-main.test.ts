import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hawkAuthorization, type HawkCredentials } from '../src/auth/index.js';
import { createSimulator, type Simulator } from '../src/simulator/index.js';
import { compileEntry } from './support/compile-entry.js';
import { hawkCallers, leakedKeys, logLeaks } from './support/hawk.js';

// The real entry point, compiled as `npm run build` compiles it, configured the way an operator
// would: HAWK_CREDENTIALS_FILE, PUBLIC_HOST/PUBLIC_PORT of the proxy in front, credentials
// rotated by rewriting the file and by SIGHUP, and its stdout checked for secrets.

const PUBLIC_URL = 'https://graphql.example.org/graphql';
const QUERY = JSON.stringify({ query: '{ repositories { name } }' });

const [alice, bob] = hawkCallers(2, 'operator') as [HawkCredentials & { algorithm: 'sha256' }, HawkCredentials & { algorithm: 'sha256' }];
const aliceRotated = { ...alice, key: `${alice.key}-rotated-2026` };
const allKeys = [alice, bob, aliceRotated];

let buildDir: string;
let workDir: string;
let credentialsFile: string;
let simulator: Simulator;
let child: ChildProcess;
let localUrl: string;
const stdout: string[] = [];
const stderr: string[] = [];
const waiting: Array<{ matches: (line: Record<string, unknown>) => boolean; resolve: (line: Record<string, unknown>) => void }> = [];

/** The next log line (from now on) that `matches`. */
function nextLine(matches: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve) => waiting.push({ matches, resolve }));
}

async function writeCredentials(list: readonly HawkCredentials[]): Promise<void> {
  // As deploy tools do: a new file renamed over the old one.
  await writeFile(`${credentialsFile}.new`, JSON.stringify(list));
  await rename(`${credentialsFile}.new`, credentialsFile);
}

/** A GraphQL POST to the gateway's local port, signed for `signedUrl` as `credentials`. */
async function post(credentials: HawkCredentials, signedUrl = PUBLIC_URL): Promise<{ status: number; text: string }> {
  const response = await fetch(localUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: hawkAuthorization(signedUrl, credentials, { payload: QUERY }) },
    body: QUERY,
  });
  return { status: response.status, text: await response.text() };
}

const codeOf = (text: string) => (JSON.parse(text) as { errors?: Array<{ extensions: { code: string } }> }).errors?.[0]?.extensions.code ?? null;

beforeAll(async () => {
  buildDir = await compileEntry('treeherder-graphql-hawk-build-');

  workDir = await mkdtemp(join(tmpdir(), 'treeherder-graphql-hawk-'));
  credentialsFile = join(workDir, 'credentials.json');
  await writeCredentials([alice]);
  // Treeherder knows every caller and key the test uses (the gateway forwards callers' own credentials).
  simulator = createSimulator({ seed: 3, scale: { pushesPerRepository: 2, jobsPerPush: 5 }, hawkCredentials: [alice, bob] });
  const simulatorUrl = await simulator.listen(0, '127.0.0.1');

  child = spawn(process.execPath, [join(buildDir, 'src/main.js')], {
    env: {
      PATH: process.env['PATH'],
      TREEHERDER_URL: simulatorUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      USER_AGENT_CONTACT: 'https://example.test/contact',
      HAWK_CREDENTIALS_FILE: credentialsFile,
      PUBLIC_HOST: 'graphql.example.org',
      PUBLIC_PORT: '443',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: child.stderr! }).on('line', (text) => stderr.push(text));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    stdout.push(text);
    const line = JSON.parse(text) as Record<string, unknown>;
    for (const waiter of waiting.filter((candidate) => candidate.matches(line))) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const listening = await nextLine((line) => line['message'] === 'treeherder-graphql listening');
  expect(listening).toMatchObject({ hawk: 'verifying' });
  localUrl = String(listening['url']);
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await simulator?.close();
  await rm(buildDir, { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
});

describe('the entry point with HAWK_CREDENTIALS_FILE and a public address', () => {
  it('verifies callers against the file, for the public host and port they signed', async () => {
    simulator.clearRequests();
    expect(await post(alice)).toMatchObject({ status: 200 });
    expect(simulator.requests().filter((entry) => entry.path.startsWith('/api/')).map((entry) => entry.hawkId)).toEqual([alice.id]);

    // Signed for the address the process listens on, not the public one callers use.
    const local = await post(alice, localUrl);
    expect([local.status, codeOf(local.text)]).toEqual([401, 'HAWK_BAD_MAC']);
    const unknown = await post(bob);
    expect([unknown.status, codeOf(unknown.text)]).toEqual([401, 'HAWK_UNKNOWN_ID']);
  });

  it('re-reads the file on SIGHUP (nothing else has touched it yet)', async () => {
    const reloaded = nextLine((line) => line['message'] === 'Hawk credentials loaded');
    child.kill('SIGHUP');
    expect(await reloaded).toMatchObject({ level: 'info', count: 1 });
    expect((await post(alice)).status).toBe(200);
  });

  it('picks up a rewritten file: a new caller is accepted, a rotated key replaces the old one', async () => {
    const reloaded = nextLine((line) => line['message'] === 'Hawk credentials loaded');
    await writeCredentials([aliceRotated, bob]);
    expect(await reloaded).toMatchObject({ count: 2 });

    expect((await post(bob)).status).toBe(200);
    const old = await post(alice);
    expect([old.status, codeOf(old.text)]).toEqual([401, 'HAWK_BAD_MAC']);
    expect((await post(aliceRotated)).status).toBe(200);
  });

  it('keeps the last good credentials when the file turns out broken, and says so without quoting it', async () => {
    const refused = nextLine((line) => line['message'] === 'Hawk credentials not reloaded');
    // A half-written file that happens to contain a key: the error must not quote it.
    await writeFile(credentialsFile, `[{"id": "${bob.id}", "key": "${bob.key}", "algorithm": "sha256"`);
    expect(await refused).toMatchObject({ level: 'error', problem: expect.stringContaining('is not valid JSON') });
    expect((await post(bob)).status).toBe(200);
    expect((await post(aliceRotated)).status).toBe(200);
  });

  it('never wrote a key, a Hawk header or the word Authorization to its output', () => {
    expect(stdout.length).toBeGreaterThan(5);
    expect(logLeaks(stdout, allKeys)).toEqual([]);
    expect(leakedKeys(stderr.join('\n'), allKeys)).toEqual([]);
  });
});

describe('the entry point with HAWK_CREDENTIALS_FILE but no public address', () => {
  it('refuses to start (exit 2), naming the missing settings, rather than trusting the Host header', async () => {
    const refused = spawn(process.execPath, [join(buildDir, 'src/main.js')], {
      env: { PATH: process.env['PATH'], HOST: '127.0.0.1', PORT: '0', HAWK_CREDENTIALS_FILE: credentialsFile, PUBLIC_HOST: 'graphql.example.org' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    createInterface({ input: refused.stderr! }).on('line', (text) => lines.push(text));
    // 'close', not 'exit': by then every line it wrote has been read.
    const code = await new Promise<number | null>((resolve) => refused.on('close', (exitCode) => resolve(exitCode)));

    expect(code).toBe(2);
    // A start-up failure is one plain line per problem on stderr (src/startup.ts).
    expect(lines).toEqual([expect.stringMatching(/^treeherder-graphql: invalid configuration: HAWK_CREDENTIALS_FILE needs PUBLIC_HOST and PUBLIC_PORT/)]);
  });
});
