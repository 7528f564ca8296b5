import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// Generated files must match the SDL: regenerate into a scratch copy of the project and
// compare. A schema change without `npm run codegen` (or a hand edit of a generated file,
// or a resolver file the preset would still have to add) fails here.

const root = join(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'th-codegen-'));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('generated code', () => {
  it('is what `npm run codegen` produces from schema/', async () => {
    for (const entry of ['codegen.yml', 'tsconfig.json', 'package.json', 'schema', 'src', 'packages/sdk/operations', 'packages/sdk/src']) {
      cpSync(join(root, entry), join(scratch, entry), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
    await promisify(execFile)(process.execPath, [join(root, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'codegen.yml'], {
      cwd: scratch,
      timeout: 120_000,
    });

    const before = files(join(root, 'src'));
    const after = files(join(scratch, 'src'));
    expect(after, 'codegen would add files: run `npm run codegen`').toEqual(before);
    const stale = before.filter(
      (file) => readFileSync(join(root, 'src', file), 'utf8') !== readFileSync(join(scratch, 'src', file), 'utf8'),
    );
    expect(stale, 'stale generated files: run `npm run codegen`').toEqual([]);
    // The SDK package's typed operations.
    for (const sdkFile of ['packages/sdk/src/operations.generated.ts', 'packages/sdk/schema.graphql']) {
      expect(readFileSync(join(scratch, sdkFile), 'utf8') === readFileSync(join(root, sdkFile), 'utf8'), `stale ${sdkFile}: run \`npm run codegen\``).toBe(true);
    }
    // The published SDL at the root, which other projects point their codegen at.
    expect(readFileSync(join(root, 'schema.graphql'), 'utf8') === readFileSync(join(scratch, 'schema.graphql'), 'utf8'), 'stale schema.graphql: run `npm run codegen`').toBe(true);
  }, 180_000);
});
