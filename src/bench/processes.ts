import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, fetch } from 'undici';
import type { ConnectionCounts } from '../simulator/types.js';

// The benchmark runs the simulator and the gateway as processes of their own, so the CPU
// each spends can be read separately from /proc.

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU a process has used so far, in milliseconds (Linux `/proc/<pid>/stat`). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident memory now and its peak, in MiB (`/proc/<pid>/status`). */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const read = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rss: read('VmRSS'), peak: read('VmHWM') };
}

export interface SimulatorProcess {
  url: string;
  pid: number;
  /** With `tls`: the file holding the simulator's certificate (the gateway's `UPSTREAM_CA_FILE`) and its PEM. */
  caFile: string | null;
  ca: string | null;
  clearLog(): Promise<void>;
  /** Upstream (`/api/`) requests received since the last `clearLog()`. */
  requests(): Promise<Array<{ path: string; query: string; httpVersion: string; connection: number }>>;
  /** Connections accepted since the start. */
  connections(): Promise<ConnectionCounts>;
  stop(): Promise<void>;
}

export interface SimulatorFlags {
  latencyMs: number;
  jobsPerPush: number;
  seed: number;
  now: number;
  /** HTTPS with HTTP/2 (ALPN) and HTTP/1.1 fallback, on a certificate the simulator makes. */
  tls?: boolean;
}

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export async function startSimulator(flags: SimulatorFlags): Promise<SimulatorProcess> {
  const caDir = flags.tls ? mkdtempSync(join(tmpdir(), 'treeherder-graphql-bench-')) : null;
  const caFile = caDir ? join(caDir, 'simulator.pem') : null;
  const child = spawn(
    process.execPath,
    [
      here('../simulator/cli.js'),
      ...['--port', '0', '--seed', String(flags.seed), '--now', String(flags.now), '--latency', String(flags.latencyMs), '--jobs-per-push', String(flags.jobsPerPush)],
      ...(caFile ? ['--tls', '--ca-out', caFile] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}`)));
  });
  child.stderr!.resume();
  const log = `${url}/__simulator/requests`;
  // The CLI writes the certificate before it prints its URL.
  const ca = caFile ? readFileSync(caFile, 'utf8') : null;
  const control = new Agent(ca ? { connect: { ca } } : {});
  return {
    url,
    pid: child.pid!,
    caFile,
    ca,
    async clearLog() {
      await (await fetch(log, { method: 'DELETE', dispatcher: control })).arrayBuffer();
    },
    async requests() {
      const entries = (await (await fetch(log, { dispatcher: control })).json()) as Array<{ path: string; query: string; httpVersion: string; connection: number }>;
      return entries.filter((entry) => entry.path.startsWith('/api/'));
    },
    async connections() {
      return (await (await fetch(`${url}/__simulator/connections`, { dispatcher: control })).json()) as ConnectionCounts;
    },
    async stop() {
      await control.close();
      await stopChild(child);
      if (caDir) rmSync(caDir, { recursive: true, force: true });
    },
  };
}

export interface GatewayProcess {
  url: string;
  pid: number;
  /** Empties the gateway's shared caches (what it learnt about page sizes stays). */
  clearCaches(): Promise<void>;
  /** Subscription pollers and subscribers in the gateway now. */
  liveStats(): Promise<{ pollers: number; subscribers: number }>;
  stop(): Promise<void>;
}

/** The environment that points a gateway at `simulator` (and trusts its certificate over TLS). */
export function treeherderEnv(simulator: SimulatorProcess): Record<string, string> {
  return { TREEHERDER_URL: simulator.url, ...(simulator.caFile ? { UPSTREAM_CA_FILE: simulator.caFile } : {}) };
}

/** The gateway in a child process (`gateway-process.js`), configured by environment. */
export async function startGateway(env: Record<string, string>): Promise<GatewayProcess> {
  // NODE_ENV=production as the Docker image runs it (graphql-js skips its development checks).
  const child = fork(here('./gateway-process.js'), [], { env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { type: string; url?: string }) => (message.type === 'ready' ? resolve(message.url!) : reject(new Error(String(message.type)))));
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code}`)));
  });
  let next = 0;
  const call = <T = void>(type: string): Promise<T> =>
    new Promise((resolve) => {
      const id = (next += 1);
      const onMessage = (message: { type: string; id?: number; value?: unknown }): void => {
        if (message.id !== id) return;
        child.off('message', onMessage);
        resolve(message.value as T);
      };
      child.on('message', onMessage);
      child.send({ type, id });
    });
  return { url, pid: child.pid!, clearCaches: () => call('clear-caches'), liveStats: () => call('live-stats'), stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
