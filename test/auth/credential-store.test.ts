import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CredentialStoreError } from '../../src/auth/index.js';
import { createCredentialStore, createStaticCredentialStore } from '../../src/auth/index.js';
import { PERF, SHERIFF } from './fixtures.js';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hawk-credentials-'));
  path = join(dir, 'credentials.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Replaces the file the way deploy tools do: write a sibling, then rename it over the original. */
async function replaceAtomically(contents: string): Promise<void> {
  const staging = join(dir, '.credentials.json.tmp');
  await writeFile(staging, contents);
  await rename(staging, path);
}

function collectErrors() {
  const errors: CredentialStoreError[] = [];
  return { errors, onError: (error: CredentialStoreError) => errors.push(error) };
}

describe('createCredentialStore', () => {
  it('loads every entry and looks credentials up by id', async () => {
    await writeFile(path, JSON.stringify([SHERIFF, PERF]));

    const store = await createCredentialStore({ path });

    expect(store.size).toBe(2);
    expect(store.get(SHERIFF.id)).toEqual(SHERIFF);
    expect(store.get(PERF.id)).toEqual(PERF);
    expect(store.get('nobody')).toBeUndefined();
    expect(store.get('__proto__')).toBeUndefined();
  });

  it('refuses to start from a missing file', async () => {
    await expect(createCredentialStore({ path })).rejects.toMatchObject({
      name: 'CredentialStoreError',
      code: 'CREDENTIALS_FILE_UNREADABLE',
      message: `credentials file ${path}: cannot be read (ENOENT)`,
    });
  });

  it('reports every invalid entry at once, naming fields but never keys', async () => {
    await writeFile(
      path,
      JSON.stringify([
        SHERIFF,
        { id: 'old-sha1-client', key: 'sha1-secret-value-xyz', algorithm: 'sha1' },
        { id: 'no-key', algorithm: 'sha256' },
        { id: 'quote"in-id', key: 'quoted-id-secret-abc', algorithm: 'sha256' },
        { ...PERF, id: SHERIFF.id },
        'not an object',
      ]),
    );

    const error = await createCredentialStore({ path }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'CREDENTIALS_FILE_INVALID' });
    expect((error as CredentialStoreError).problems).toEqual([
      'entry 1: algorithm must be one of "sha256"',
      'entry 2: key must be a non-empty string',
      'entry 3: id may only contain characters allowed in a Hawk header attribute (no quotes or backslashes)',
      `entry 4: duplicate id "${SHERIFF.id}"`,
      'entry 5: must be an object with id, key and algorithm',
    ]);
    for (const secret of ['sha1-secret-value-xyz', 'quoted-id-secret-abc', PERF.key, SHERIFF.key]) {
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it('keeps the last good credentials when a reload finds a broken file, without quoting its keys', async () => {
    await writeFile(path, JSON.stringify([SHERIFF]));
    const { errors, onError } = collectErrors();
    const store = await createCredentialStore({ path, onError });

    // V8's own SyntaxError would quote `"key":SECRET-…` from this text.
    await writeFile(path, '[{"id":"perf-ingest","key":SECRET-perf-key-123,"algorithm":"sha256"}]');
    await expect(store.reload()).resolves.toBe(false);

    expect(store.get(SHERIFF.id)).toEqual(SHERIFF);
    expect(store.get('perf-ingest')).toBeUndefined();
    expect(errors.map((error) => [error.code, error.message])).toEqual([
      ['CREDENTIALS_FILE_INVALID', `credentials file ${path}: is not valid JSON`],
    ]);
    expect(errors[0]?.message).not.toContain('SECRET');
  });

  it('reports where a truncated file ends', async () => {
    const text = JSON.stringify([SHERIFF]);
    await writeFile(path, text.slice(0, -1));

    await expect(createCredentialStore({ path })).rejects.toMatchObject({
      message: `credentials file ${path}: is not valid JSON (at character ${text.length - 1})`,
    });
  });

  it('applies a good file on reload', async () => {
    await writeFile(path, JSON.stringify([SHERIFF]));
    const onReload = vi.fn();
    const store = await createCredentialStore({ path, onReload });

    await writeFile(path, JSON.stringify([PERF]));
    await expect(store.reload()).resolves.toBe(true);

    expect(store.get(SHERIFF.id)).toBeUndefined();
    expect(store.get(PERF.id)).toEqual(PERF);
    expect(onReload).toHaveBeenCalledWith(1);
  });

  it('reloads when the file is replaced by a rename or rewritten in place, until unwatched', async () => {
    await writeFile(path, JSON.stringify([SHERIFF]));
    const store = await createCredentialStore({ path, debounceMs: 20 });
    const unwatch = store.watch();

    try {
      await replaceAtomically(JSON.stringify([SHERIFF, PERF]));
      await vi.waitFor(() => expect(store.get(PERF.id)).toEqual(PERF), { timeout: 2_000, interval: 20 });

      await writeFile(path, JSON.stringify([PERF]));
      await vi.waitFor(() => expect(store.get(SHERIFF.id)).toBeUndefined(), { timeout: 2_000, interval: 20 });
    } finally {
      unwatch();
    }

    await replaceAtomically(JSON.stringify([SHERIFF]));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(store.get(SHERIFF.id)).toBeUndefined();
  });

  it('keeps serving when a watched file turns bad, and reports it', async () => {
    await writeFile(path, JSON.stringify([SHERIFF]));
    const { errors, onError } = collectErrors();
    const store = await createCredentialStore({ path, onError, debounceMs: 20 });
    const unwatch = store.watch();

    try {
      await replaceAtomically(JSON.stringify([{ id: 'x', key: PERF.key, algorithm: 'md5' }]));
      await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 2_000, interval: 20 });
    } finally {
      unwatch();
    }

    expect(store.get(SHERIFF.id)).toEqual(SHERIFF);
    expect(errors[0]?.problems).toEqual(['entry 0: algorithm must be one of "sha256"']);
    expect(errors[0]?.message).not.toContain(PERF.key);
  });
});

describe('createStaticCredentialStore', () => {
  it('serves a fixed list', () => {
    const store = createStaticCredentialStore([SHERIFF, PERF]);

    expect(store.size).toBe(2);
    expect(store.get(PERF.id)).toEqual(PERF);
  });

  it('validates like the file store', () => {
    expect(() => createStaticCredentialStore([{ ...SHERIFF, algorithm: 'sha512' }])).toThrow(
      'credentials: entry 0: algorithm must be one of "sha256"',
    );
  });
});
