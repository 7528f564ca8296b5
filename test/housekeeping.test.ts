import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// What a clone and a package carry besides code: the licence the manifest names, and an
// ignore list that keeps build and pack output out of commits and images.

const root = join(import.meta.dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const lines = (file: string) => read(file).split('\n').map((line) => line.trim());

describe('housekeeping', () => {
  it('has the full text of the licence package.json names', () => {
    const manifest = JSON.parse(read('package.json')) as { license: string };
    expect(manifest.license).toBe('MPL-2.0');
    const license = read('LICENSE');
    expect(license.startsWith('Mozilla Public License Version 2.0\n')).toBe(true);
    // The whole text, through Exhibit B, not a stub pointing at a URL.
    expect(license).toContain('10.3. Modified Versions');
    expect(license).toContain('Exhibit B - "Incompatible With Secondary Licenses" Notice');
    expect(license.length).toBeGreaterThan(16_000);
  });

  it('keeps pack and build output out of git and out of the image context', () => {
    for (const pattern of ['*.tgz', 'dist/', 'lib/', 'node_modules/']) expect(lines('.gitignore')).toContain(pattern);
    for (const pattern of ['*.tgz', 'dist', 'lib', 'node_modules', 'test']) expect(lines('.dockerignore')).toContain(pattern);
  });

  it('packs from a build of its own, never deleting the dist/ that `npm run demo` and `npm start` run', () => {
    const manifest = JSON.parse(read('package.json')) as { scripts: Record<string, string>; files: string[] };
    expect(manifest.scripts['prepack']).not.toMatch(/\bdist\b/);
    expect(manifest.files.every((entry) => !entry.startsWith('dist'))).toBe(true);
  });
});
