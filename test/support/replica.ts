import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// The real entry point (compiled by `compileEntry`) as one replica of a fleet: its own process,
// configured by environment, its JSON log lines kept and waitable.

export interface Replica {
  /** The local URL of its /graphql. */
  url: string;
  pid: number;
  lines: Array<Record<string, unknown>>;
  /** The next log line from now on that `matches`. */
  nextLine(matches: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startReplica(buildDir: string, env: Record<string, string>): Promise<Replica> {
  const child: ChildProcess = spawn(process.execPath, [join(buildDir, 'src/main.js')], {
    env: { PATH: process.env['PATH'], HOST: '127.0.0.1', PORT: '0', USER_AGENT_CONTACT: 'https://example.test/contact', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  const waiting: Array<{ matches: (line: Record<string, unknown>) => boolean; resolve: (line: Record<string, unknown>) => void }> = [];
  createInterface({ input: child.stderr! }).on('line', (text) => stderr.push(text));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      line = { message: text };
    }
    lines.push(line);
    for (const waiter of waiting.filter((candidate) => candidate.matches(line))) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const nextLine = (matches: (line: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve) => waiting.push({ matches, resolve }));
  const exited = new Promise<never>((_resolve, reject) =>
    child.once('exit', (code) => reject(new Error(`the replica exited (${code}): ${[...lines.map((line) => JSON.stringify(line)), ...stderr].join('\n')}`))),
  );
  exited.catch(() => {});
  const listening = await Promise.race([nextLine((line) => line['message'] === 'treeherder-graphql listening'), exited]);
  return {
    url: String(listening['url']),
    pid: child.pid!,
    lines,
    nextLine,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid!, 'SIGTERM');
      await gone;
    },
  };
}
