import { watch as watchFs } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { HawkCredentials } from './credentials.js';
import { toHawkCredentials } from './credentials.js';

/** Looks up Hawk credentials by client id. */
export interface CredentialStore {
  get(id: string): HawkCredentials | undefined;
  readonly size: number;
}

/** A credential store backed by a JSON file that can be re-read while the gateway runs. */
export interface FileCredentialStore extends CredentialStore {
  /**
   * Re-reads the file. On success the new credentials replace the old ones at once; on failure
   * the last good set stays in use and the error goes to `onError`. Never rejects, so it can be
   * called straight from a SIGHUP handler. Resolves to whether the new file was applied.
   */
  reload(): Promise<boolean>;
  /** Reloads whenever the file changes; returns a function that stops watching. */
  watch(): () => void;
}

export type CredentialStoreErrorCode = 'CREDENTIALS_FILE_UNREADABLE' | 'CREDENTIALS_FILE_INVALID';

/** A credentials file that could not be used. The message names entries and ids, never keys. */
export class CredentialStoreError extends Error {
  override readonly name = 'CredentialStoreError';
  readonly code: CredentialStoreErrorCode;
  readonly path: string | undefined;
  readonly problems: readonly string[];

  constructor(code: CredentialStoreErrorCode, problems: string[], path?: string) {
    const where = path === undefined ? 'credentials' : `credentials file ${path}`;
    super(`${where}: ${problems.join('; ')}`);
    this.code = code;
    this.path = path;
    this.problems = problems;
  }
}

export interface FileCredentialStoreOptions {
  /** JSON file holding an array of `{ "id", "key", "algorithm": "sha256" }`. */
  path: string;
  /** Called with each failed reload. Defaults to a process warning. */
  onError?: (error: CredentialStoreError) => void;
  /** Called after each successful reload with the number of credentials now loaded. */
  onReload?: (count: number) => void;
  /** Quiet period before a change is acted on, in ms; editors and deploy tools write in bursts. */
  debounceMs?: number;
}

/**
 * Validates a whole credentials list. Every entry is checked so one report lists every problem.
 * @throws CredentialStoreError
 */
export function toCredentialMap(list: unknown, path?: string): Map<string, HawkCredentials> {
  if (!Array.isArray(list)) {
    throw new CredentialStoreError('CREDENTIALS_FILE_INVALID', ['expected a JSON array of credentials'], path);
  }
  const byId = new Map<string, HawkCredentials>();
  const problems: string[] = [];
  list.forEach((entry: unknown, index) => {
    const result = toHawkCredentials(entry);
    if (!result.ok) {
      problems.push(...result.problems.map((problem) => `entry ${index}: ${problem}`));
    } else if (byId.has(result.credentials.id)) {
      problems.push(`entry ${index}: duplicate id "${result.credentials.id}"`);
    } else {
      byId.set(result.credentials.id, result.credentials);
    }
  });
  if (problems.length > 0) {
    throw new CredentialStoreError('CREDENTIALS_FILE_INVALID', problems, path);
  }
  return byId;
}

/**
 * A fixed set of credentials, for tests and the simulator.
 * @throws CredentialStoreError when an entry is invalid.
 */
export function createStaticCredentialStore(list: readonly unknown[]): CredentialStore {
  const byId = toCredentialMap(list);
  return {
    get: (id) => byId.get(id),
    size: byId.size,
  };
}

async function readCredentialFile(path: string): Promise<Map<string, HawkCredentials>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CredentialStoreError('CREDENTIALS_FILE_UNREADABLE', [`cannot be read (${code})`], path);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8's SyntaxError quotes the text around the fault, which may be a key: report only where.
    const position = /position (\d+)/.exec(String((error as Error).message))?.[1];
    const at = position === undefined ? '' : ` (at character ${position})`;
    throw new CredentialStoreError('CREDENTIALS_FILE_INVALID', [`is not valid JSON${at}`], path);
  }
  return toCredentialMap(parsed, path);
}

/**
 * Loads Hawk credentials from a JSON file.
 *
 * The entry point wires `reload` to SIGHUP and may call `watch()`; a bad file at startup rejects,
 * a bad file later keeps the last good credentials.
 * @throws CredentialStoreError when the file cannot be loaded at startup.
 */
export async function createCredentialStore(options: FileCredentialStoreOptions): Promise<FileCredentialStore> {
  const { path, debounceMs = 100 } = options;
  const onError =
    options.onError ?? ((error: CredentialStoreError) => process.emitWarning(error.message, { code: error.code }));
  let byId = await readCredentialFile(path);
  // Reloads can overlap (a SIGHUP during a watch event); only the newest read may win.
  let generation = 0;

  async function reload(): Promise<boolean> {
    const mine = ++generation;
    try {
      const next = await readCredentialFile(path);
      if (mine !== generation) {
        return false;
      }
      byId = next;
      options.onReload?.(next.size);
      return true;
    } catch (error) {
      if (mine === generation) {
        onError(
          error instanceof CredentialStoreError
            ? error
            : new CredentialStoreError('CREDENTIALS_FILE_UNREADABLE', ['cannot be read'], path),
        );
      }
      return false;
    }
  }

  function watch(): () => void {
    const fileName = basename(path);
    let timer: NodeJS.Timeout | undefined;
    // Watch the directory, not the file: editors and config tools replace the file by renaming
    // a new one over it, which leaves a file watcher attached to the old, deleted inode.
    // Kubernetes ConfigMap volumes swap a `..data` symlink instead, hence the `..` names.
    const watcher = watchFs(dirname(path), { persistent: false }, (_event, changed) => {
      const name = changed?.toString();
      if (name !== undefined && name !== fileName && !name.startsWith('..')) {
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), debounceMs);
      timer.unref();
    });
    watcher.on('error', () => {
      onError(new CredentialStoreError('CREDENTIALS_FILE_UNREADABLE', ['its directory can no longer be watched'], path));
    });
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }

  return {
    get: (id) => byId.get(id),
    get size() {
      return byId.size;
    },
    reload,
    watch,
  };
}
