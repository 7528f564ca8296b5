import {
  JOB_GROUPS,
  LINTS,
  OPTION_NAMES,
  PLATFORMS,
  REPOSITORY_SPECS,
  SUITES,
  type JobGroupSpec,
  type RepositorySpec,
} from './catalog.js';
import { PERF_FAMILIES, type PerfFamilySpec } from './perf-catalog.js';
import { sha1Hex } from './random.js';
import type { MachinePlatform, OptionCollection, Repository } from './types.js';

export function toRepository(spec: RepositorySpec): Repository {
  return {
    id: spec.id,
    repositoryGroup: { name: spec.group.name, description: spec.group.description },
    name: spec.name,
    dvcsType: spec.dvcsType,
    url: spec.url,
    codebase: spec.codebase,
    description: '',
    activeStatus: spec.activeStatus,
    lifeCycleOrder: spec.lifeCycleOrder,
    performanceAlertsEnabled: spec.performanceAlertsEnabled,
    expirePerformanceData: spec.expirePerformanceData,
    isTryRepo: spec.isTryRepo,
    tcRootUrl: spec.tcRootUrl,
    acceptsPullRequests: spec.acceptsPullRequests,
  };
}

export const REPOSITORIES: readonly Repository[] = REPOSITORY_SPECS.map(toRepository);

/**
 * Option collections: Treeherder hashes the sorted option names with SHA-1, so `opt` is always
 * 102210fe… — computing it keeps hashes consistent with production without copying them.
 */
export const OPTION_COLLECTIONS: readonly OptionCollection[] = OPTION_NAMES.map((name, index) => ({
  id: index + 1,
  hash: sha1Hex([name].sort().join('')),
  options: [name],
}));

const OPTION_BY_NAME = new Map(OPTION_COLLECTIONS.map((oc) => [oc.options.join(' '), oc]));

export function optionCollection(name: string): OptionCollection {
  const found = OPTION_BY_NAME.get(name);
  if (!found) throw new Error(`unknown option collection ${name}`);
  return found;
}

export const OPTION_COLLECTION_MAP: ReadonlyMap<string, string> = new Map(
  OPTION_COLLECTIONS.map((oc) => [oc.hash, oc.options.join(' ')]),
);

/**
 * Machine platforms (and identical build platforms): taskcluster jobs record os and architecture
 * as '-'. Ids are stable because the list is built in a fixed order.
 */
function buildPlatformList(): MachinePlatform[] {
  const names: string[] = ['gecko-decision', 'lint'];
  const add = (name: string): void => {
    if (!names.includes(name)) names.push(name);
  };
  for (const platform of PLATFORMS) {
    add(platform.buildPlatform);
    add(platform.name);
  }
  for (const family of PERF_FAMILIES) for (const platform of family.platforms) add(platform);
  return names.map((platform, index) => ({ id: 601 + index, platform, os: '-', architecture: '-' }));
}

export const MACHINE_PLATFORMS: readonly MachinePlatform[] = buildPlatformList();
const PLATFORM_BY_NAME = new Map(MACHINE_PLATFORMS.map((p) => [p.platform, p]));

export function machinePlatform(name: string): MachinePlatform {
  const found = PLATFORM_BY_NAME.get(name);
  if (!found) throw new Error(`unknown platform ${name}`);
  return found;
}

export type JobTypeKind = 'decision' | 'build' | 'test' | 'perf' | 'lint';

export interface JobTypeSpec {
  id: number;
  kind: JobTypeKind;
  name: string;
  symbol: string;
  group: JobGroupSpec;
  platform: string;
  buildPlatform: string;
  option: string;
  tier: number;
  minutes: number;
  suite: string | null;
  /** Where the job's tests run, for machine names. */
  os: 'linux' | 'windows' | 'mac' | 'android';
  testPaths: readonly string[];
}

const PERF_GROUPS: Record<PerfFamilySpec['job']['groupKey'], JobGroupSpec> = {
  talos: JOB_GROUPS.talos,
  browsertime: JOB_GROUPS.browsertime,
  awsy: JOB_GROUPS.awsy,
  jsBench: JOB_GROUPS.jsBench,
  perftest: JOB_GROUPS.perftest,
  builds: JOB_GROUPS.unknown,
};

function osOf(platform: string): JobTypeSpec['os'] {
  if (platform.startsWith('windows')) return 'windows';
  if (platform.startsWith('macosx')) return 'mac';
  if (platform.startsWith('android-hw')) return 'android';
  return 'linux';
}

export function buildLabel(buildPlatform: string, option: string): string {
  if (option === 'asan' || option === 'tsan') return `build-${buildPlatform}-${option}/opt`;
  return `build-${buildPlatform}/${option}`;
}

/** Label of the job producing a perf family's data on a platform, for one variant. */
export function perfJobLabel(family: PerfFamilySpec, platform: string, application: string): string {
  if (family.job.groupKey === 'builds') return buildLabel(platform, family.option);
  const name = application === 'chrome' ? family.job.name.replace('firefox', 'chrome') : family.job.name;
  return `test-${platform}/${family.option}-${name}`;
}

/**
 * Every job type the simulator knows, in a fixed order (which also fixes their ids): decision
 * tasks, builds, lints, tests, then performance jobs.
 */
function buildJobTypes(): JobTypeSpec[] {
  const types: JobTypeSpec[] = [];
  const seen = new Set<string>();
  const add = (spec: Omit<JobTypeSpec, 'id'>): void => {
    if (seen.has(spec.name)) return;
    seen.add(spec.name);
    types.push({ ...spec, id: 214_001 + types.length });
  };
  for (const name of ['Gecko Decision Task', 'Decision Task']) {
    add({
      kind: 'decision',
      name,
      symbol: 'D',
      group: JOB_GROUPS.unknown,
      platform: 'gecko-decision',
      buildPlatform: 'gecko-decision',
      option: 'opt',
      tier: 1,
      minutes: 5,
      suite: null,
      os: 'linux',
      testPaths: [],
    });
  }
  for (const platform of PLATFORMS) {
    for (const option of platform.options) {
      const minutes = option === 'debug' ? 45 : option === 'asan' || option === 'tsan' ? 55 : platform.perf ? 70 : 35;
      add({
        kind: 'build',
        name: buildLabel(platform.buildPlatform, option),
        symbol: 'B',
        group: JOB_GROUPS.unknown,
        platform: platform.buildPlatform,
        buildPlatform: platform.buildPlatform,
        option,
        tier: option === 'tsan' ? 2 : 1,
        minutes,
        suite: null,
        os: platform.os === 'mac' ? 'mac' : platform.os === 'windows' ? 'windows' : 'linux',
        testPaths: [],
      });
    }
  }
  for (const lint of LINTS) {
    add({
      kind: 'lint',
      name: lint.label,
      symbol: lint.symbol,
      group: JOB_GROUPS.unknown,
      platform: 'lint',
      buildPlatform: 'lint',
      option: 'opt',
      tier: 1,
      minutes: lint.minutes,
      suite: null,
      os: 'linux',
      testPaths: [],
    });
  }
  for (const platform of PLATFORMS) {
    for (const option of platform.options) {
      for (const suiteName of platform.suites) {
        const suite = SUITES.find((s) => s.name === suiteName);
        if (!suite) throw new Error(`unknown suite ${suiteName}`);
        for (let chunk = 1; chunk <= suite.chunks; chunk++) {
          const chunked = suite.chunks > 1;
          const tier = Math.max(platform.tier, suite.tier ?? 1, option === 'tsan' ? 2 : 1);
          add({
            kind: 'test',
            name: `test-${platform.name}/${option}-${suite.name}${chunked ? `-${chunk}` : ''}`,
            symbol: `${suite.symbol}${chunked ? chunk : ''}`,
            group: suite.group,
            platform: platform.name,
            buildPlatform: platform.buildPlatform,
            option,
            tier,
            minutes: suite.minutes,
            suite: suite.name,
            os: platform.os === 'android' ? 'linux' : platform.os,
            testPaths: suite.testPaths,
          });
        }
      }
    }
  }
  for (const family of PERF_FAMILIES) {
    if (family.job.groupKey === 'builds') continue;
    for (const platform of family.platforms) {
      for (const variant of family.variants) {
        const label = perfJobLabel(family, platform, variant.application);
        add({
          kind: 'perf',
          name: label,
          symbol: family.job.symbol,
          group: PERF_GROUPS[family.job.groupKey],
          platform,
          buildPlatform: platform,
          option: family.option,
          tier: platform.startsWith('android-hw') ? 2 : 1,
          minutes: 35,
          suite: family.suite,
          os: osOf(platform),
          testPaths: [],
        });
      }
    }
  }
  return types;
}

export const JOB_TYPES: readonly JobTypeSpec[] = buildJobTypes();
const JOB_TYPE_BY_NAME = new Map(JOB_TYPES.map((t) => [t.name, t]));

export function jobType(name: string): JobTypeSpec {
  const found = JOB_TYPE_BY_NAME.get(name);
  if (!found) throw new Error(`unknown job type ${name}`);
  return found;
}

/** Job types a repository schedules besides its decision task and perf jobs. */
export function scheduledJobTypes(spec: RepositorySpec): JobTypeSpec[] {
  if (spec.pushStyle === 'git') {
    return JOB_TYPES.filter((t) => t.kind === 'lint' || (t.kind === 'build' && t.platform === 'linux64'));
  }
  return JOB_TYPES.filter((t) => t.kind === 'build' || t.kind === 'lint' || t.kind === 'test');
}

export function decisionJobType(spec: RepositorySpec): JobTypeSpec {
  return jobType(spec.pushStyle === 'git' ? 'Decision Task' : 'Gecko Decision Task');
}
