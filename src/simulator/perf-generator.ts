import { PERFORMANCE_FRAMEWORKS, type RepositorySpec } from './catalog.js';
import { perfSlotJob, type JobContext, type PerfRun, type PushJobPlan } from './job-generator.js';
import { PERF_FAMILIES, type PerfFamilySpec } from './perf-catalog.js';
import { createRandom, sha1Hex } from './random.js';
import { machinePlatform, optionCollection, perfJobLabel } from './reference-data.js';
import type { PerformanceDatum, PerformanceSignature, Push } from './types.js';

export interface SeriesPlan {
  family: PerfFamilySpec;
  platform: string;
  variant: PerfFamilySpec['variants'][number];
  label: string;
}

/**
 * The top-level series every perf repository carries: per framework, a seeded choice of
 * `perFramework` (family, platform, variant) combinations. The same choice is used in every
 * repository so try pushes can be compared with autoland or mozilla-central.
 */
export function planSeries(seed: number, perFramework: number): SeriesPlan[] {
  const plans: SeriesPlan[] = [];
  for (const framework of PERFORMANCE_FRAMEWORKS) {
    if (!framework.signatures) continue;
    const candidates: SeriesPlan[] = [];
    for (const family of PERF_FAMILIES) {
      if (family.frameworkId !== framework.id) continue;
      for (const platform of family.platforms) {
        for (const variant of family.variants) {
          candidates.push({ family, platform, variant, label: perfJobLabel(family, platform, variant.application) });
        }
      }
    }
    const chosen = createRandom(seed, 'perf-series', framework.id).shuffle(candidates).slice(0, perFramework);
    plans.push(...chosen);
  }
  return plans;
}

function signatureHash(parts: ReadonlyArray<string | number>): string {
  return sha1Hex(parts.join('|'));
}

/** Per-signature generation parameters that the public model does not carry. */
export interface SeriesShape {
  baseline: number;
  noise: number;
}

export function buildSignatures(
  specs: readonly RepositorySpec[],
  series: readonly SeriesPlan[],
  firstId: number,
): { signatures: PerformanceSignature[]; shapes: Map<number, SeriesShape> } {
  const signatures: PerformanceSignature[] = [];
  const shapes = new Map<number, SeriesShape>();
  let nextId = firstId;
  for (const spec of specs) {
    if (spec.perfCoverage <= 0) continue;
    for (const plan of series) {
      const { family, platform, variant } = plan;
      const oc = optionCollection(family.option);
      const mp = machinePlatform(platform);
      const platformFactor = 0.75 + (parseInt(sha1Hex(`${platform}|${family.suite}`).slice(0, 6), 16) / 0xffffff) * 0.6;
      const parentHash = signatureHash([
        family.frameworkId,
        family.suite,
        family.test,
        platform,
        oc.hash,
        variant.extraOptions,
        variant.application,
      ]);
      const parent: PerformanceSignature = {
        id: nextId++,
        repositoryId: spec.id,
        frameworkId: family.frameworkId,
        signatureHash: parentHash,
        platform,
        platformId: mp.id,
        optionCollectionHash: oc.hash,
        optionCollectionId: oc.id,
        optionName: oc.options.join(' '),
        suite: family.suite,
        test: family.test,
        application: variant.application,
        lowerIsBetter: family.lowerIsBetter,
        hasSubtests: family.subtests.length > 0,
        parentSignatureId: null,
        parentSignatureHash: null,
        tags: variant.tags,
        extraOptions: variant.extraOptions,
        measurementUnit: family.unit,
        suitePublicName: null,
        testPublicName: null,
        shouldAlert: family.shouldAlert ?? null,
        alertChangeType: family.alertChangeType ?? null,
        alertThreshold: family.alertThreshold ?? null,
        lastUpdatedUs: 0,
        jobLabel: plan.label,
      };
      signatures.push(parent);
      shapes.set(parent.id, { baseline: family.baseline * platformFactor, noise: family.noise });
      family.subtests.forEach((subtest, index) => {
        const share = 0.2 + ((parseInt(sha1Hex(`${family.suite}|${subtest}`).slice(0, 6), 16) / 0xffffff) * 1.6);
        const sub: PerformanceSignature = {
          ...parent,
          id: nextId++,
          signatureHash: signatureHash([parentHash, subtest]),
          test: subtest,
          hasSubtests: false,
          parentSignatureId: parent.id,
          parentSignatureHash: parentHash,
          lowerIsBetter: family.subtestsLowerIsBetter ?? family.lowerIsBetter,
          measurementUnit: family.subtestUnit === undefined ? family.unit : family.subtestUnit,
          // Subtests of a suite that alerts are only looked at through the suite, except a few.
          shouldAlert: family.shouldAlert === false ? false : index === 0 ? null : family.shouldAlert ?? null,
        };
        signatures.push(sub);
        shapes.set(sub.id, { baseline: family.baseline * platformFactor * share, noise: family.noise * 1.3 });
      });
    }
  }
  return { signatures, shapes };
}

/** Distinct job labels producing a repository's perf data, in signature order. */
export function perfLabels(signatures: readonly PerformanceSignature[]): string[] {
  const labels: string[] = [];
  for (const s of signatures) if (!labels.includes(s.jobLabel)) labels.push(s.jobLabel);
  return labels;
}

/**
 * Which perf jobs run on a push (and how many times). Integration trees run them on a share of
 * pushes; try pushes that run perf select a subset and retrigger heavily (for comparisons).
 */
export function perfRunsOfPush(seed: number, spec: RepositorySpec, pushIndex: number, labels: readonly string[]): PerfRun[] {
  if (labels.length === 0 || spec.perfCoverage <= 0) return [];
  const rng = createRandom(seed, 'perf-runs', spec.name, pushIndex);
  if (spec.perfCoverage < 1 && !rng.chance(spec.perfCoverage)) return [];
  const runs: PerfRun[] = [];
  for (const label of labels) {
    if (spec.isTryRepo && !rng.chance(0.5)) continue;
    const extra = spec.isTryRepo ? (rng.chance(0.6) ? rng.int(2, 4) : 0) : rng.chance(0.1) ? rng.int(1, 2) : 0;
    for (let run = 0; run <= extra; run++) runs.push({ label, run });
  }
  return runs;
}

/** A step change in a series from a push on: value × factor for pushes at or after `fromIndex`. */
export interface LevelShift {
  fromIndex: number;
  factor: number;
}

export interface PerfDataInput {
  seed: number;
  ctx: JobContext;
  pushes: readonly Push[];
  signaturesByRepo: ReadonlyMap<number, readonly PerformanceSignature[]>;
  shapes: ReadonlyMap<number, SeriesShape>;
  shifts: ReadonlyMap<number, readonly LevelShift[]>;
  firstDatumId: number;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function leveled(shifts: readonly LevelShift[] | undefined, pushIndex: number): number {
  let factor = 1;
  for (const s of shifts ?? []) if (pushIndex >= s.fromIndex) factor *= s.factor;
  return factor;
}

/**
 * Data points for every successful perf job, in push order (so datum ids grow with time). A
 * suite with subtests reports the geometric mean of its subtests, as Perfherder suites do.
 */
export function generatePerfData(input: PerfDataInput): PerformanceDatum[] {
  const data: PerformanceDatum[] = [];
  let nextId = input.firstDatumId;
  const byLabel = new Map<number, Map<string, PerformanceSignature[]>>();
  for (const [repoId, sigs] of input.signaturesByRepo) {
    const m = new Map<string, PerformanceSignature[]>();
    for (const s of sigs) {
      const list = m.get(s.jobLabel) ?? [];
      list.push(s);
      m.set(s.jobLabel, list);
    }
    byLabel.set(repoId, m);
  }
  for (const push of input.pushes) {
    const plan: PushJobPlan = input.ctx.planOf(push.id);
    if (plan.perfRuns.length === 0) continue;
    const labelMap = byLabel.get(push.repositoryId);
    if (!labelMap) continue;
    plan.perfRuns.forEach((run, slot) => {
      const job = perfSlotJob(input.ctx, plan, slot);
      if (job.state !== 'completed' || job.result !== 'success') return;
      const sigs = labelMap.get(run.label) ?? [];
      const values = new Map<number, number>();
      for (const sig of sigs) {
        if (sig.hasSubtests) continue;
        const shape = input.shapes.get(sig.id);
        if (!shape) continue;
        const rng = createRandom(input.seed, 'datum', sig.id, push.id, run.run);
        const noise = 1 + shape.noise * Math.max(-3, Math.min(3, rng.normal()));
        values.set(sig.id, round2(shape.baseline * leveled(input.shifts.get(sig.id), push.index) * noise));
      }
      for (const sig of sigs) {
        if (!sig.hasSubtests) continue;
        const children = sigs.filter((s) => s.parentSignatureId === sig.id);
        if (children.length === 0) continue;
        // Relative change of the subtests' geometric mean, applied to the suite's own scale;
        // a score suite over time-based subtests (speedometer) moves the other way.
        let logRatio = 0;
        for (const child of children) {
          const base = input.shapes.get(child.id)?.baseline ?? 1;
          logRatio += Math.log(Math.max(values.get(child.id) ?? base, 1e-6) / base);
        }
        const ratio = Math.exp(logRatio / children.length);
        const sameDirection = children.every((c) => c.lowerIsBetter === sig.lowerIsBetter);
        const baseline = input.shapes.get(sig.id)?.baseline ?? 1;
        values.set(sig.id, round2(baseline * (sameDirection ? ratio : 1 / ratio)));
      }
      for (const sig of sigs) {
        const value = values.get(sig.id);
        if (value === undefined) continue;
        data.push({
          id: nextId++,
          signatureId: sig.id,
          repositoryId: push.repositoryId,
          jobId: job.id,
          pushId: push.id,
          pushTimestamp: push.pushTimestamp,
          value,
        });
      }
    });
  }
  return data;
}
