import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../src/simulator/index.js';

// The Docker image without a Docker daemon: the Dockerfile's stages played in scratch
// directories (each stage's WORKDIR is a directory; COPY copies from the checkout or from an
// earlier stage's directory; RUN runs there), so the runtime stage's file list is exactly
// what the Dockerfile assembles. That list must hold only what the gateway needs, and started
// with the image's CMD and ENV it must answer /health, /ready and a query.
// One shortcut: the build stage's `npm ci` (dev dependencies, from the same package-lock.json)
// is the checkout's node_modules linked in. The runtime's `npm ci --omit=dev` runs for real,
// offline, from the npm cache `npm ci` filled.

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');

interface Stage {
  name: string;
  dir: string;
  workdir: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
}

/** Dockerfile instructions, continuation lines joined, comments and the syntax line dropped. */
function instructions(text: string): Array<{ op: string; args: string }> {
  const joined = text.replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op, ...rest] = line.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

function envPairs(args: string): Record<string, string> {
  return Object.fromEntries([...args.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map((match) => [match[1]!, match[2]!.replace(/^"|"$/g, '')]));
}

/** Plays the Dockerfile's stages; returns them in order, the last being the runtime image. */
async function playDockerfile(scratch: string): Promise<Stage[]> {
  const stages: Stage[] = [];
  let stage: Stage | null = null;
  for (const { op, args } of instructions(readFileSync(join(root, 'Dockerfile'), 'utf8'))) {
    if (op === 'FROM') {
      const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage-${stages.length}`;
      stage = { name, dir: join(scratch, name), workdir: '/', env: {}, cmd: [], healthcheck: [] };
      mkdirSync(stage.dir);
      stages.push(stage);
      continue;
    }
    if (!stage) throw new Error(`${op} before FROM`);
    const inStage = (path: string) => join(stage!.dir, relative(stage!.workdir, path.startsWith('/') ? path : join(stage!.workdir, path)));
    switch (op) {
      case 'WORKDIR':
        stage.workdir = args;
        break;
      case 'ENV':
        Object.assign(stage.env, envPairs(args));
        break;
      case 'COPY': {
        const words = args.split(/\s+/);
        const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
        const paths = words.filter((word) => !word.startsWith('--'));
        const destination = paths.pop()!;
        const source = from ? stages.find((candidate) => candidate.name === from) : null;
        if (from && !source) throw new Error(`COPY --from=${from}: no such stage`);
        for (const path of paths) {
          const origin = source ? join(source.dir, relative(source.workdir, path)) : join(root, path);
          const target = destination.endsWith('/') ? join(inStage(destination), origin.split('/').pop()!) : inStage(destination);
          mkdirSync(dirname(target), { recursive: true });
          cpSync(origin, target, { recursive: true, verbatimSymlinks: true });
        }
        break;
      }
      case 'RUN': {
        if (stage.name === 'build' && /^npm ci(\s|$)/.test(args) && !args.includes('--omit=dev')) {
          // The shortcut above: the same lock file's full install is this checkout's.
          symlinkSync(join(root, 'node_modules'), join(stage.dir, 'node_modules'), 'dir');
          break;
        }
        await run('sh', ['-c', args], {
          cwd: stage.dir,
          timeout: 300_000,
          env: { ...process.env, ...stage.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
        }).catch((error: Error & { stderr?: string }) => {
          error.message += `\n${error.stderr ?? ''}`;
          throw error;
        });
        break;
      }
      case 'CMD':
        stage.cmd = JSON.parse(args) as string[];
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = JSON.parse(args.slice(args.indexOf('CMD ') + 'CMD '.length)) as string[];
        break;
      case 'USER':
      case 'EXPOSE':
      case 'STOPSIGNAL':
        break;
      default:
        throw new Error(`test/image.test.ts cannot play ${op}: teach it, or keep the Dockerfile simple`);
    }
  }
  return stages;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

let scratch: string;
let image: Stage;
let simulator: Simulator;
const children: ChildProcess[] = [];

/** Starts `command` in the image's directory with its ENV plus `env`; resolves with the first stdout line matching `ready`. */
function start(command: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const [program, ...args] = command;
  const child = spawn(program === 'node' ? process.execPath : program!, args, {
    cwd: image.dir,
    env: { PATH: process.env['PATH'], ...image.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = ready.exec(line);
      if (match) resolve({ child, match });
    });
    child.on('close', (code) => reject(new Error(`${command.join(' ')} exited ${code} before it was ready: ${stderr}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('close');
    child.on('close', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'th-image-'));
  const stages = await playDockerfile(scratch);
  image = stages.at(-1)!;
  simulator = createSimulator({ seed: 1, scale: { pushesPerRepository: 3, jobsPerPush: 10 } });
  await simulator.listen(0, '127.0.0.1');
}, 600_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await simulator?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the runtime image', () => {
  it('holds the compiled gateway, its production dependencies and the manifest, nothing else', () => {
    expect(readdirSync(image.dir).sort()).toEqual(['dist', 'node_modules', 'package-lock.json', 'package.json']);
    const dist = files(join(image.dir, 'dist'));
    expect(dist).toContain('src/main.js');
    expect(dist).toContain('src/demo.js');
    expect(dist.filter((file) => file.endsWith('.map')), 'source maps').toEqual([]);
    expect(dist.filter((file) => file.endsWith('.d.ts')), 'declarations').toEqual([]);
    expect(dist.filter((file) => file.startsWith('src/bench/')), 'the bench').toEqual([]);
    expect(dist.filter((file) => !file.startsWith('src/') && file !== 'package.json')).toEqual([]);
    // The simulator stays, for the demo and compose.yaml's simulator service.
    expect(dist).toContain('src/simulator/cli.js');

    const modules = readdirSync(join(image.dir, 'node_modules'));
    for (const dev of ['typescript', 'vitest', '@graphql-codegen', 'playwright-core', 'esbuild', '@types', 'treeherder-graphql-sdk']) {
      expect(modules, `${dev} is not a runtime dependency`).not.toContain(dev);
    }
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of Object.keys(manifest.dependencies)) expect(existsSync(join(image.dir, 'node_modules', name)), name).toBe(true);
  });

  it('starts with its CMD and ENV and answers /health, /ready and a query; its HEALTHCHECK passes; SIGTERM exits 0', async () => {
    expect(image.cmd).toEqual(['node', 'dist/src/main.js']);
    expect(image.env).toMatchObject({ NODE_ENV: 'production', PORT: '4000', HOST: '0.0.0.0' });
    const { child, match } = await start(image.cmd, { PORT: '0', HOST: '127.0.0.1', TREEHERDER_URL: simulator.url, USER_AGENT_CONTACT: 'mailto:image-test@example.org' }, /"url":"http:\/\/127\.0\.0\.1:(\d+)\/graphql"/);
    const base = `http://127.0.0.1:${match[1]}`;

    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ pushes(repository: "autoland", first: 2) { nodes { revision jobs { nodes { id } } } } }' }),
    });
    const body = (await response.json()) as { data?: { pushes: { nodes: Array<{ revision: string; jobs: { nodes: unknown[] } }> } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.pushes.nodes).toHaveLength(2);
    expect(body.data!.pushes.nodes[0]!.jobs.nodes.length).toBeGreaterThan(0);

    const [program, ...args] = image.healthcheck;
    expect(program).toBe('node');
    await run(process.execPath, args, { cwd: image.dir, env: { ...image.env, PORT: match[1]! } });

    expect(await stop(child)).toBe(0);
  });

  it('runs the demo (`docker run … node dist/src/demo.js`) on the simulator it carries', async () => {
    const { child, match } = await start(['node', 'dist/src/demo.js'], { PORT: '0', HOST: '127.0.0.1', SIMULATOR_PORT: '0' }, /GraphiQL:\s+(http:\/\/\S+\/graphql)/);
    const response = await fetch(match[1]!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ jobs(ids: [480087056]) { id result push { revision } } }' }),
    });
    const body = (await response.json()) as { data?: { jobs: Array<{ id: string } | null> } };
    expect(body.data?.jobs[0]?.id).toBe('480087056');
    expect(await stop(child)).toBe(0);
  });
});
