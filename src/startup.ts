import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CredentialStoreError } from './auth/credential-store.js';

// Start-up failures an operator can fix (a port in use, a credentials file that cannot be
// read, an invalid setting, a store that cannot be reached) end the process with one line
// each on stderr and exit code 2, never a stack trace. Anything that must work before the
// gateway can serve throws a StartupError; `runStartup` reports it.

/** Exit code of a start-up the operator has to fix (configuration, environment). */
export const STARTUP_EXIT_CODE = 2;

/**
 * A reason the gateway cannot start, worded for the operator: name the setting and what is
 * wrong with it, e.g. `new StartupError('REDIS_URL redis://cache:6379 cannot be reached (ECONNREFUSED)')`.
 * Never put a secret in the message (it is printed as is).
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
  /** One message per line: a configuration with three mistakes reports three lines. */
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[], options?: { cause?: unknown }) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super(list.join('; '), options);
    this.problems = list.map((problem) => problem.replace(/[\r\n]+/g, ' '));
  }
}

/** The lines a start-up failure prints, or null when it is not one (a bug: let it crash loudly). */
export function startupProblems(error: unknown): readonly string[] | null {
  if (error instanceof StartupError) return error.problems;
  // The credentials file's own error names the file and the problem, never a key.
  if (error instanceof CredentialStoreError) return [`HAWK_CREDENTIALS_FILE ${error.message}`];
  return null;
}

const LISTEN_ERRORS: Record<string, string> = {
  EADDRINUSE: 'is already in use (another gateway or demo running?): stop it or choose another',
  EACCES: 'may not be used by this user (ports below 1024 need privileges): choose another',
  EADDRNOTAVAIL: 'is not an address of this machine: choose another',
};

/** Names of the settings that choose where a server listens, for the messages. */
export interface ListenSettings {
  port: string;
  host: string;
}

/** The StartupError for a failed `listen` the operator can fix, or null for any other error. */
export function listenFailure(error: unknown, port: number, host: string, settings: ListenSettings = { port: 'PORT', host: 'HOST' }): StartupError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason = code ? LISTEN_ERRORS[code] : undefined;
  if (!reason) return null;
  const what = code === 'EADDRNOTAVAIL' ? `${settings.host} ${host}` : `${settings.port} ${port} on ${host}`;
  return new StartupError(`cannot listen: ${what} ${reason} (${code})`, { cause: error });
}

/**
 * `server.listen`, resolving once it listens; a port in use (or forbidden, or an address the
 * machine does not have) rejects with a StartupError naming the settings to change.
 */
export function listen(server: Server, port: number, host: string, settings?: ListenSettings): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(listenFailure(error, port, host, settings) ?? error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

export interface StartupReport {
  /** Where the lines go. Default: stderr. */
  write?: (line: string) => void;
  /** Ends the process. Default: `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * Runs the start-up sequence. A StartupError (or a credentials file that cannot be loaded)
 * prints `treeherder-graphql: <problem>` per problem on stderr and exits 2; any other error is
 * rethrown, so a bug still crashes with its stack.
 */
export async function runStartup(name: string, start: () => Promise<void>, report: StartupReport = {}): Promise<void> {
  try {
    await start();
  } catch (error) {
    const problems = startupProblems(error);
    if (!problems) throw error;
    const write = report.write ?? ((line: string) => process.stderr.write(line));
    for (const problem of problems) write(`${name}: ${problem}\n`);
    (report.exit ?? ((code: number) => process.exit(code)))(STARTUP_EXIT_CODE);
  }
}
