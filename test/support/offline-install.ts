import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

// `npm install` in a scratch project without the network: the project's own packages come from
// their `npm pack` files, everything else at the version this checkout's package-lock.json pins,
// out of the npm cache `npm ci` filled. npm needs a lock file to install from the cache alone
// (without one it asks the registry for each package's metadata), so one is written: the
// checkout's entries for exactly the packages the scratch project needs, dependencies of
// dependencies included, at the same places in node_modules.

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  peer?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

export interface ScratchProject {
  /** Packages from the registry, at the version the checkout's lock file has. */
  dependencies?: string[];
  devDependencies?: string[];
  /** Packed packages of this project: name → path of the .tgz. */
  tarballs?: Record<string, string>;
  /** Extra package.json fields (`type`, `scripts`…). */
  manifest?: Record<string, unknown>;
}

function lockPackages(): Record<string, LockEntry> {
  return (JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages;
}

/** Where Node would find `name` from the package at `from` (a lock-file path), as the lock lays it out. */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | null {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate] && !packages[candidate].link) return candidate;
    if (!base) return null;
    const at = base.lastIndexOf('/node_modules/');
    base = at === -1 ? '' : base.slice(0, at);
  }
}

/** Writes package.json and package-lock.json, then `npm ci --offline`. Returns the versions installed. */
export async function installOffline(dir: string, project: ScratchProject): Promise<Record<string, string>> {
  const packages = lockPackages();
  const manifest: Record<string, any> = { name: 'scratch', version: '1.0.0', private: true, ...project.manifest };
  const lock: Record<string, LockEntry> = {};
  const versions: Record<string, string> = {};
  const pending: Array<{ path: string; dev: boolean }> = [];

  const tarballEntries: Record<string, LockEntry> = {};
  for (const [name, tarball] of Object.entries(project.tarballs ?? {})) {
    const extracted = JSON.parse(
      (await run('tar', ['xzf', tarball, '-O', 'package/package.json'], { maxBuffer: 1 << 20 })).stdout,
    ) as { version: string; dependencies?: Record<string, string> };
    const spec = `file:${relative(dir, tarball)}`;
    (manifest['dependencies'] ??= {})[name] = spec;
    tarballEntries[`node_modules/${name}`] = {
      version: extracted.version,
      resolved: spec,
      ...(extracted.dependencies ? { dependencies: extracted.dependencies } : {}),
    };
    versions[name] = extracted.version;
  }
  const wanted = [...(project.dependencies ?? []).map((name) => ({ name, dev: false })), ...(project.devDependencies ?? []).map((name) => ({ name, dev: true }))];
  for (const { name, dev } of wanted) {
    const path = resolveIn(packages, '', name);
    if (!path) throw new Error(`${name} is not in package-lock.json: add it to devDependencies so that npm ci caches it`);
    const version = packages[path]!.version!;
    (manifest[dev ? 'devDependencies' : 'dependencies'] ??= {})[name] = version;
    versions[name] = version;
    pending.push({ path, dev });
  }
  // The packed packages' own dependencies, from the checkout's tree.
  for (const entry of Object.values(tarballEntries)) {
    for (const name of Object.keys(entry.dependencies ?? {})) {
      const path = resolveIn(packages, '', name);
      if (!path) throw new Error(`${name} is not in package-lock.json`);
      pending.push({ path, dev: false });
    }
  }
  const devOnly = new Map<string, boolean>();
  while (pending.length > 0) {
    const { path, dev } = pending.pop()!;
    const seen = devOnly.get(path);
    if (seen !== undefined && (seen === false || dev)) continue;
    devOnly.set(path, dev && (seen ?? true));
    const entry = packages[path]!;
    const edges = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies };
    for (const name of Object.keys(edges)) {
      const target = resolveIn(packages, path, name);
      // Optional dependencies for other platforms, and optional peers, are absent from the lock.
      if (!target) continue;
      pending.push({ path: target, dev });
    }
  }
  for (const [path, dev] of devOnly) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = packages[path]!;
    lock[path] = { ...entry, ...(dev ? { dev: true } : {}) };
  }
  Object.assign(lock, tarballEntries);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const rootEntry: LockEntry = { name: manifest['name'], version: manifest['version'] };
  for (const field of ['dependencies', 'devDependencies'] as const) if (manifest[field]) rootEntry[field] = manifest[field];
  writeFileSync(
    join(dir, 'package-lock.json'),
    `${JSON.stringify({ name: manifest['name'], version: manifest['version'], lockfileVersion: 3, requires: true, packages: { '': rootEntry, ...lock } }, null, 2)}\n`,
  );
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, timeout: 300_000 });
  return versions;
}

/** Bytes on disk of a directory's files (what `du --apparent-size` counts) and the packages under node_modules. */
export async function installSize(dir: string): Promise<{ bytes: number; packages: number }> {
  const { stdout } = await run('du', ['-sb', join(dir, 'node_modules')]);
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  return { bytes: Number(stdout.split('\t')[0]), packages: Object.keys(lock.packages).filter((path) => path !== '').length };
}
