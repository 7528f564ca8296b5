import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installOffline, installSize } from './support/offline-install.js';
import { startStack, type Stack } from './support/stack.js';

// The README's recipes as a newcomer follows them, in scratch projects outside the checkout:
// the packages from `npm pack`, installed as the README says (the other packages at the
// versions package-lock.json pins, from the npm cache: no network), the README's files and
// tsconfig copied out of the README itself, compiled with the current TypeScript and run
// against a gateway on the demo's data. A README that drifts from the code fails here.

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'th-recipes-'));

/** The body of the first fenced block of `language` that contains `marker`. */
function block(language: string, marker: string): string {
  for (const match of readme.matchAll(new RegExp('^```' + language + '[ \\t]*\\n([\\s\\S]*?)^```[ \\t]*$', 'gm'))) {
    if (match[1]!.includes(marker)) return match[1]!;
  }
  throw new Error(`README.md has no \`\`\`${language} block with ${marker}`);
}

/** Packages an `npm install -D a b` line of the README installs. */
function installed(sh: string, flag: string): string[] {
  const line = sh.split('\n').find((text) => text.startsWith(`npm install ${flag} `));
  if (!line) throw new Error(`README.md: no "npm install ${flag}" line in ${sh}`);
  return line.slice(`npm install ${flag} `.length).split('#')[0]!.trim().split(/\s+/);
}

const sdkInstall = block('sh', 'npm pack -w packages/sdk');
const failuresTs = block('ts', "createSdk({ url: process.env.GATEWAY_URL");
const signTs = block('ts', "import { hawkAuthorization } from 'treeherder-graphql-sdk'");
const tsconfigText = /With a `tsconfig.json` of `(\{[\s\S]*?\})`/.exec(readme)?.[1];
const consoleOutput = block('console', '$ npx tsc && node dist/failures.js').split('\n').slice(1).filter((line) => line !== '');
const codegenYml = block('yaml', 'preset: client');
const latestPushesTs = block('ts', 'export const LatestPushes = graphql(');
const executeTs = block('ts', 'export async function execute<R, V>');
const frontEndInstall = /\(`npm install -D ([^`]+)`/.exec(readme.slice(readme.indexOf('### Types for your own queries')))?.[1]?.split(/\s+/) ?? [];

/** The README's tsconfig for a project whose sources are in src/ (as the codegen recipe's are). */
function withSrc(tsconfig: string): Record<string, unknown> {
  const parsed = JSON.parse(tsconfig.replace(/\n/g, ' ')) as { compilerOptions: Record<string, unknown> };
  return { ...parsed, compilerOptions: { ...parsed.compilerOptions, rootDir: 'src' }, include: ['src/**/*.ts'] };
}

let stack: Stack;
let sdkTarball: string;
let gatewayTarball: string;
let distAfterPack: string[] = [];

async function tsc(dir: string, ...args: string[]): Promise<void> {
  await run('npx', ['tsc', ...args], { cwd: dir, timeout: 120_000 }).catch((error: Error & { stdout?: string }) => {
    error.message += `\n${error.stdout ?? ''}`;
    throw error;
  });
}

beforeAll(async () => {
  // The demo's data: seed 1, the default scale (what `npm run demo` serves).
  stack = await startStack({ listen: true, simulator: { seed: 1 } });

  // `npm pack -w packages/sdk`, from a copy so this checkout's files stay as they are.
  const source = join(scratch, 'source');
  for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'LICENSE', 'schema.graphql', 'src', 'packages/sdk']) {
    cpSync(join(root, entry), join(source, entry), { recursive: true, filter: (path) => !/\/(dist|node_modules)$/.test(path) });
  }
  symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
  // A build a running demo would be using: packing must leave it alone.
  mkdirSync(join(source, 'dist/src'), { recursive: true });
  writeFileSync(join(source, 'dist/src/demo.js'), '// the running demo\n');
  const packs = join(scratch, 'packs');
  mkdirSync(packs);
  await run('npm', ['pack', '--silent', '-w', 'packages/sdk', '--pack-destination', packs], { cwd: source, timeout: 300_000 });
  await run('npm', ['pack', '--silent', '--pack-destination', packs], { cwd: source, timeout: 300_000 });
  distAfterPack = readdirSync(join(source, 'dist/src'));
  const tarballs = readdirSync(packs);
  sdkTarball = join(packs, tarballs.find((name) => name.startsWith('treeherder-graphql-sdk-'))!);
  gatewayTarball = join(packs, tarballs.find((name) => /^treeherder-graphql-\d/.test(name))!);
}, 600_000);

afterAll(async () => {
  await stack?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('packing', () => {
  it('writes the tarball the README installs, and leaves dist/ (what `npm run demo` runs) alone', () => {
    const name = /npm install \.\.\/treeherder-graphql\/(\S+\.tgz)/.exec(sdkInstall)?.[1];
    expect(name).toBe(sdkTarball.split('/').pop());
    expect(distAfterPack).toEqual(['demo.js']);
  });
});

describe('the typed SDK recipe', () => {
  const project = join(scratch, 'sdk-project');
  let size: { bytes: number; packages: number };

  beforeAll(async () => {
    const bare = join(scratch, 'sdk-only');
    await installOffline(bare, { tarballs: { 'treeherder-graphql-sdk': sdkTarball }, manifest: { type: 'module' } });
    size = await installSize(bare);
    await installOffline(project, {
      tarballs: { 'treeherder-graphql-sdk': sdkTarball },
      devDependencies: installed(sdkInstall, '-D'),
      manifest: { type: 'module' },
    });
  }, 600_000);

  it('installs in the size the README states', () => {
    const stated = /Installed, it is \*\*(\d+) packages, ([\d.]+) MB\*\*/.exec(readme);
    expect(stated, 'the README states the SDK install size').not.toBeNull();
    expect(size.packages).toBe(Number(stated![1]));
    // Stated to a tenth of a MB (10^6 bytes), as `du` reports files' sizes.
    expect(Math.round(size.bytes / 100_000) / 10).toBe(Number(stated![2]));
  });

  it('compiles with the README tsconfig and the current TypeScript, and prints what the README shows', async () => {
    expect(tsconfigText, 'the README gives a tsconfig.json').toBeDefined();
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(JSON.parse(tsconfigText!.replace(/\n/g, ' '))));
    writeFileSync(join(project, 'failures.ts'), failuresTs);
    writeFileSync(join(project, 'sign.ts'), signTs);
    const { stdout: version } = await run('npx', ['tsc', '--version'], { cwd: project });
    const { stdout: latest } = await run('npm', ['view', '--offline', 'typescript', 'version'], { cwd: project }).catch(() => ({ stdout: '' }));
    expect(version).toMatch(/^Version 7\./);
    if (latest.trim()) expect(version.trim()).toBe(`Version ${latest.trim()}`);

    // "$ npx tsc && node dist/failures.js", against the gateway.
    await tsc(project);
    const { stdout } = await run('node', ['dist/failures.js'], { cwd: project, timeout: 60_000, env: { ...process.env, GATEWAY_URL: `${stack.gatewayUrl}/graphql` } });
    // The README's lines as Markdown keeps them: without trailing spaces.
    const lines = stdout.trimEnd().split('\n').map((line) => line.trimEnd());
    expect(lines).toHaveLength(10);
    const [first, ellipsis, ...last] = consoleOutput;
    expect(ellipsis).toBe('…');
    expect(lines[0]).toBe(first);
    expect(lines.slice(-last.length)).toEqual(last);
  });

  it('refuses to compile a wrong field, an unselected field, or wrong variables', async () => {
    const bad = join(scratch, 'sdk-mistakes');
    mkdirSync(bad);
    symlinkSync(join(project, 'node_modules'), join(bad, 'node_modules'), 'dir');
    writeFileSync(join(bad, 'package.json'), JSON.stringify({ name: 'mistakes', private: true, type: 'module' }));
    writeFileSync(join(bad, 'tsconfig.json'), JSON.stringify(JSON.parse(tsconfigText!.replace(/\n/g, ' '))));
    const mistakes: Record<string, string> = {
      'wrong-field.ts': `import { createSdk } from 'treeherder-graphql-sdk';
const { pushes } = await createSdk({ url: 'http://x/graphql' }).pushesWithJobs({ repository: 'autoland' });
console.log(pushes.nodes[0]?.revison);
`,
      'unselected-field.ts': `import { createSdk } from 'treeherder-graphql-sdk';
const { pushes } = await createSdk({ url: 'http://x/graphql' }).pushesWithJobs({ repository: 'autoland' });
console.log(pushes.nodes[0]?.repository);
`,
      'wrong-variable.ts': `import { createSdk } from 'treeherder-graphql-sdk';
await createSdk({ url: 'http://x/graphql' }).pushesWithJobs({ repo: 'autoland' });
`,
      'wrong-variable-type.ts': `import { createSdk } from 'treeherder-graphql-sdk';
await createSdk({ url: 'http://x/graphql' }).pushesWithJobs({ repository: 'autoland', first: '10' });
`,
      'missing-variables.ts': `import { createSdk } from 'treeherder-graphql-sdk';
await createSdk({ url: 'http://x/graphql' }).jobFailure();
`,
    };
    for (const [name, text] of Object.entries(mistakes)) writeFileSync(join(bad, name), text);
    const failure = await tsc(bad, '--noEmit').then(
      () => null,
      (error: { stdout: string }) => error.stdout,
    );
    expect(failure, 'tsc accepted code with mistakes').not.toBeNull();
    const reported = new Set([...failure!.matchAll(/^([\w-]+\.ts)\(\d+,\d+\): error TS\d+/gm)].map((match) => match[1]));
    expect([...reported].sort()).toEqual(Object.keys(mistakes).sort());
    expect(failure).toContain("Property 'revison' does not exist");
  });
});

describe('the front-end codegen recipe', () => {
  it('generates types from the packed schema.graphql, compiles under Node ESM and runs with persisted queries', async () => {
    const project = join(scratch, 'front-end');
    expect(frontEndInstall).toEqual(['@graphql-codegen/cli', '@graphql-codegen/client-preset']);
    await installOffline(project, {
      tarballs: { 'treeherder-graphql-sdk': sdkTarball },
      devDependencies: [...frontEndInstall, 'typescript', '@types/node'],
      manifest: { type: 'module' },
    });
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'codegen.yml'), codegenYml);
    writeFileSync(join(project, 'src/latest-pushes.ts'), latestPushesTs);
    writeFileSync(join(project, 'src/execute.ts'), executeTs);
    // The script that sends it: the README's `execute` calls graphql.example.org; here that is the gateway.
    writeFileSync(
      join(project, 'src/main.ts'),
      `import { execute } from './execute.js';
import { LatestPushes } from './latest-pushes.js';

const gateway = new URL(process.argv[2]!);
const realFetch = globalThis.fetch;
const sent: string[] = [];
globalThis.fetch = (input, init) => {
  const url = new URL(String(input));
  url.protocol = gateway.protocol;
  url.host = gateway.host;
  sent.push(url.searchParams.has('query') ? 'hash+text' : 'hash');
  return realFetch(url, init);
};
const { pushes } = await execute(LatestPushes, { repository: 'autoland' });
const again = await execute(LatestPushes, { repository: 'autoland' });
console.log(JSON.stringify({ revisions: pushes.nodes.map((push) => push.revision), same: again.pushes.nodes.length === pushes.nodes.length, sent }));
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify(withSrc(tsconfigText!)),
    );
    await run('npx', ['graphql-codegen', '--config', 'codegen.yml'], { cwd: project, timeout: 120_000 });
    await tsc(project);
    const { stdout } = await run('node', ['dist/main.js', `${stack.gatewayUrl}/graphql`], { cwd: project, timeout: 60_000 });
    const output = JSON.parse(stdout) as { revisions: string[]; same: boolean; sent: string[] };
    const expected = [...stack.simulator.data.pushesOf('autoland')].sort((a, b) => b.id - a.id).slice(0, 5);
    expect(output.revisions).toEqual(expected.map((push) => push.revision));
    expect(output.same).toBe(true);
    // Hash first, text once after PERSISTED_QUERY_NOT_FOUND, then the hash is enough.
    expect(output.sent).toEqual(['hash', 'hash+text', 'hash']);
  }, 600_000);
});

describe('the gateway package', () => {
  it('ships the server and schema.graphql, the licence, no SDK, no bench; installs and compiles as a library', async () => {
    const project = join(scratch, 'server');
    await installOffline(project, { tarballs: { 'treeherder-graphql': gatewayTarball }, devDependencies: ['typescript', '@types/node'], manifest: { type: 'module' } });
    const packageDir = join(project, 'node_modules/treeherder-graphql');
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(Object.keys(manifest.exports)).toEqual(['.', './schema.graphql', './package.json']);
    expect(readFileSync(join(packageDir, 'schema.graphql'), 'utf8')).toBe(readFileSync(join(root, 'schema.graphql'), 'utf8'));
    expect(readdirSync(join(packageDir, 'lib'))).toEqual(['package.json', 'src']);
    expect(readdirSync(join(packageDir, 'lib/src'))).not.toContain('bench');
    expect(readdirSync(packageDir)).toContain('LICENSE');

    mkdirSync(join(project, 'src'));
    writeFileSync(
      join(project, 'src/server.ts'),
      `import { createGateway, loadConfig, StartupError, type Config } from 'treeherder-graphql';

const loaded = loadConfig({ TREEHERDER_URL: process.argv[2]! });
if (!loaded.ok) throw new StartupError(loaded.errors);
const config: Config = loaded.config;
const gateway = createGateway({ config });
const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ repositories { name } }' }),
});
console.log(JSON.stringify(await response.json()));
await gateway.dispose();
`,
    );
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(withSrc(tsconfigText!)));
    await tsc(project);
    const { stdout } = await run('node', ['dist/server.js', stack.simulator.url], { cwd: project, timeout: 60_000 });
    expect((JSON.parse(stdout) as { data: { repositories: unknown[] } }).data.repositories.length).toBeGreaterThan(0);
  }, 600_000);
});
