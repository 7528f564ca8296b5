import { execFile } from 'node:child_process';
import { mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Compiles the project into a fresh directory outside the repository (type-checking is
 * `npm run typecheck`'s job) with the project's node_modules linked in, for tests that run
 * the real entry point (`<dir>/src/main.js`) as a child process. The caller removes it.
 */
export async function compileEntry(prefix: string): Promise<string> {
  const buildDir = await mkdtemp(join(tmpdir(), prefix));
  await promisify(execFile)(process.execPath, [
    join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(root, 'tsconfig.json'),
    '--outDir',
    buildDir,
    '--noCheck',
    '--declaration',
    'false',
    '--sourceMap',
    'false',
  ]);
  await symlink(join(root, 'node_modules'), join(buildDir, 'node_modules'), 'dir');
  return buildDir;
}
