import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// A real redis-server (Debian's; .ci/run installs it) on a free loopback port, for the tests of
// shared state. No persistence, nothing outside its own temporary directory; stopped by its PID.

export interface RedisServer {
  url: string;
  port: number;
  pid(): number | undefined;
  /** Kills the server (SIGKILL: as a crash would) and waits for it to be gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      output.push(line);
      if (line.includes('Ready to accept connections')) resolve(child);
    });
    child.on('error', (error) => reject(new Error(`redis-server could not start (apt-get install redis-server): ${error.message}`)));
    child.on('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output.join('\n')}`)));
  });
}

async function end(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid!, signal);
  await exited;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'treeherder-graphql-redis-'));
  let child: ChildProcess | null = await launch(port, dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: () => child?.pid,
    async kill() {
      await end(child, 'SIGKILL');
      child = null;
    },
    async restart() {
      await end(child, 'SIGKILL');
      child = await launch(port, dir);
    },
    async stop() {
      await end(child, 'SIGTERM');
      child = null;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
