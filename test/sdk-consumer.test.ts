import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack.js';

// The package as another project gets it: `npm pack` (which builds), the tarball unpacked
// into a consumer's node_modules with only the package's declared dependencies beside it
// (no registry: they are linked from this checkout), then the consumer's own TypeScript
// compiled with tsc — a wrong field or variable must not compile — and run against the
// gateway and the simulator.

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'th-consumer-'));
const consumer = join(scratch, 'consumer');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    types: ['node'],
    outDir: 'dist',
    rootDir: 'src',
    // The SDK's declaration files are checked too: they must stand on their own.
    skipLibCheck: false,
  },
  include: ['src'],
};

const SCRIPT = `import { createSdk, GatewayError, type PushesWithJobsQuery } from 'treeherder-graphql/sdk';

type Push = PushesWithJobsQuery['pushes']['nodes'][number];

const sdk = createSdk({ url: process.argv[2]!, method: 'GET' });
const { pushes } = await sdk.pushesWithJobs({ repository: 'autoland', first: 2 });
const summary = (push: Push) => ({ revision: push.revision, jobs: push.jobs.nodes.length, failed: push.jobCounts.results.find((r) => r.result === 'testfailed')?.count ?? 0 });
const { repositories } = await sdk.repositories();
let code = '';
try {
  await sdk.pushesWithJobs({ repository: 'no-such-tree' });
} catch (error) {
  if (error instanceof GatewayError) code = error.code;
}
console.log(JSON.stringify({ pushes: pushes.nodes.map(summary), repositories: repositories.length, code }));
`;

const SERVER = `import { createGateway, loadConfig, type Config } from 'treeherder-graphql';

const loaded = loadConfig({ TREEHERDER_URL: 'http://127.0.0.1:1' });
if (loaded.ok) {
  const config: Config = loaded.config;
  const gateway = createGateway({ config });
  await gateway.dispose();
}
`;

/** Each file holds one mistake a consumer could make; each must be reported by tsc. */
const MISTAKES: Record<string, string> = {
  'wrong-field.ts': `import { createSdk } from 'treeherder-graphql/sdk';
const { pushes } = await createSdk({ url: 'http://x/graphql' }).pushesWithJobs({ repository: 'autoland' });
console.log(pushes.nodes[0]?.revison);
`,
  'unselected-field.ts': `import { createSdk } from 'treeherder-graphql/sdk';
const { pushes } = await createSdk({ url: 'http://x/graphql' }).pushesWithJobs({ repository: 'autoland' });
console.log(pushes.nodes[0]?.repository);
`,
  'wrong-variable.ts': `import { createSdk } from 'treeherder-graphql/sdk';
await createSdk({ url: 'http://x/graphql' }).pushesWithJobs({ repo: 'autoland' });
`,
  'wrong-variable-type.ts': `import { createSdk } from 'treeherder-graphql/sdk';
await createSdk({ url: 'http://x/graphql' }).pushesWithJobs({ repository: 'autoland', first: '10' });
`,
  'missing-variables.ts': `import { createSdk } from 'treeherder-graphql/sdk';
await createSdk({ url: 'http://x/graphql' }).jobFailure();
`,
};

function writeProject(dir: string, files: Record<string, string>, options: { skipLibCheck?: boolean } = {}): void {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const tsconfig = { ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, skipLibCheck: options.skipLibCheck ?? false } };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'src', name), text);
}

/**
 * `node_modules` of a consumer: the package unpacked as npm would (a real directory, so its
 * imports resolve from the consumer's node_modules), its declared dependencies, Node's types.
 */
async function installPackage(dir: string, tarball: string): Promise<void> {
  const modules = join(dir, 'node_modules');
  const target = join(modules, 'treeherder-graphql');
  mkdirSync(target, { recursive: true });
  await run('tar', ['xzf', tarball, '-C', target, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of [...Object.keys(manifest.dependencies), '@types/node']) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), join(modules, name), 'dir');
  }
}

describe('a consumer project using the packed package', () => {
  let stack: Stack;
  let packageDir: string;
  let tarball: string;
  let distAfterPack: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ listen: true, simulator: { scale: { pushesPerRepository: 5, jobsPerPush: 30 } } });
    // Packed from a copy, so the build never touches this checkout's dist/. Scripts on
    // purpose: prepack builds a clean dist/ exactly as a publish would.
    const source = join(scratch, 'source');
    for (const entry of ['package.json', 'tsconfig.json', 'README.md', 'LICENSE', 'schema.graphql', 'src']) {
      cpSync(join(root, entry), join(source, entry), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
    // A build a running demo would be using: packing must leave it alone.
    mkdirSync(join(source, 'dist/src'), { recursive: true });
    writeFileSync(join(source, 'dist/src/demo.js'), '// the running demo\n');
    await run('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: source, timeout: 300_000 });
    distAfterPack = readdirSync(join(source, 'dist/src'));
    tarball = join(scratch, readdirSync(scratch).find((name) => name.endsWith('.tgz'))!);
    await run('tar', ['xzf', tarball, '-C', scratch]);
    packageDir = join(scratch, 'package');
  }, 360_000);

  afterAll(async () => {
    await stack?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('ships the server, the SDK and schema.graphql, and no tests', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(Object.keys(manifest.exports)).toEqual(['.', './sdk', './schema.graphql', './package.json']);
    expect(readFileSync(join(packageDir, 'schema.graphql'), 'utf8')).toBe(readFileSync(join(root, 'schema.graphql'), 'utf8'));
    expect(readdirSync(join(packageDir, 'lib'))).toEqual(['package.json', 'src']);
    expect(readdirSync(join(packageDir, 'lib/src')), 'the bench is not part of the package').not.toContain('bench');
    expect(readdirSync(packageDir)).toContain('LICENSE');
  });

  it('leaves dist/ (what `npm run demo` runs) alone', () => {
    expect(distAfterPack).toEqual(['demo.js']);
  });

  it('compiles against the typed SDK, and the script gets the data from the gateway', async () => {
    writeProject(consumer, { 'main.ts': SCRIPT });
    await installPackage(consumer, tarball);
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: consumer, timeout: 120_000 });

    const { stdout } = await run(process.execPath, ['dist/main.js', `${stack.gatewayUrl}/graphql`], { cwd: consumer, timeout: 60_000 });

    const expected = [...stack.simulator.data.pushesOf('autoland')].sort((a, b) => b.id - a.id).slice(0, 2);
    const output = JSON.parse(stdout) as { pushes: Array<{ revision: string; jobs: number }>; repositories: number; code: string };
    expect(output.pushes.map((push) => push.revision)).toEqual(expected.map((push) => push.revision));
    expect(output.pushes.map((push) => push.jobs)).toEqual(expected.map((push) => stack.simulator.data.jobsOfPush(push.id).length));
    expect(output.repositories).toBeGreaterThan(0);
    expect(output.code).toBe('UPSTREAM_NOT_FOUND');
  }, 180_000);

  it('compiles against the server entry point', async () => {
    // Yoga's own declarations need newer lib types than ES2022, so like most projects this one skips lib checks.
    const server = join(scratch, 'server');
    writeProject(server, { 'server.ts': SERVER }, { skipLibCheck: true });
    await installPackage(server, tarball);
    await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], { cwd: server, timeout: 120_000 });
  }, 180_000);

  it('refuses to compile a wrong field, an unselected field, or wrong variables', async () => {
    const bad = join(scratch, 'bad');
    writeProject(bad, MISTAKES);
    await installPackage(bad, tarball);
    const failure = await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], { cwd: bad, timeout: 120_000 }).then(
      () => null,
      (error: { stdout: string }) => error.stdout,
    );
    expect(failure, 'tsc accepted code with mistakes').not.toBeNull();
    const reported = new Set([...failure!.matchAll(/^src\/([\w-]+\.ts)\(\d+,\d+\): error TS\d+/gm)].map((match) => match[1]));
    expect([...reported].sort()).toEqual(Object.keys(MISTAKES).sort());
    expect(failure).toContain("Property 'revison' does not exist");
    expect(failure).toContain("'repo' does not exist in type");
  }, 180_000);
});
