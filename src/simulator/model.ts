import { buildAlerts, chooseAlertEvents } from './alert-generator.js';
import { REPOSITORY_SPECS, type RepositorySpec } from './catalog.js';
import {
  JOB_ID_BASE,
  bugJobMapOfJob,
  logsOfJob,
  notesOfJob,
  textLogErrorsOfJob,
} from './job-artifacts.js';
import { generatePushJobs, jobAt, perfSlotJob, type JobContext, type PushJobPlan } from './job-generator.js';
import { buildSignatures, generatePerfData, perfLabels, perfRunsOfPush, planSeries } from './perf-generator.js';
import { generateRepositoryPushes, livePushDraft, type PushDraft } from './push-generator.js';
import { createRandom } from './random.js';
import { MACHINE_PLATFORMS, OPTION_COLLECTIONS, REPOSITORIES } from './reference-data.js';
import { MICROS_PER_SECOND } from './time.js';
import type {
  AdvanceResult,
  Job,
  PerformanceAlert,
  PerformanceAlertSummary,
  PerformanceDatum,
  PerformanceSignature,
  Push,
  Repository,
  SimulatorData,
  SimulatorScale,
} from './types.js';

export const DEFAULT_SCALE: SimulatorScale = {
  pushesPerRepository: 40,
  jobsPerPush: 250,
  revisionsPerPush: 30,
  signaturesPerFramework: 12,
  alertSummaries: 24,
};

const PUSH_ID_BASE = 1_650_001;
const SIGNATURE_ID_BASE = 4_800_001;
const DATUM_ID_BASE = 2_600_000_001;
const SUMMARY_ID_BASE = 42_001;
const ALERT_ID_BASE = 180_001;
const DEFAULT_JOB_CACHE = 60_000;

/**
 * Jobs of recently used pushes. Eviction is by total job count so that a few 5,000-job pushes
 * and many small ones cost the same memory budget.
 */
class JobCache {
  private readonly entries = new Map<number, Job[]>();
  private size = 0;
  generations = 0;

  constructor(private readonly capacity: number) {}

  get(pushId: number, build: () => Job[]): Job[] {
    const hit = this.entries.get(pushId);
    if (hit) {
      this.entries.delete(pushId);
      this.entries.set(pushId, hit);
      return hit;
    }
    const jobs = build();
    this.generations++;
    this.entries.set(pushId, jobs);
    this.size += jobs.length;
    for (const [key, value] of this.entries) {
      if (this.size <= this.capacity || key === pushId) break;
      this.entries.delete(key);
      this.size -= value.length;
    }
    return jobs;
  }

  stats(): { cachedJobs: number; cachedPushes: number; generations: number } {
    return { cachedJobs: this.size, cachedPushes: this.entries.size, generations: this.generations };
  }
}

/** The model plus internals the HTTP layer needs (repository specs, job context). */
export interface SimulatorModel extends SimulatorData {
  /** Moves the simulation `steps` steps on (see `advance` in the simulator's README). */
  advance(steps: number): AdvanceResult;
  readonly specs: ReadonlyMap<number, RepositorySpec>;
  readonly ctx: JobContext;
  /** The job of a perf slot without generating its push (perf endpoints use it a lot). */
  perfJob(jobId: number): Job | undefined;
}


export interface ModelOptions {
  seed: number;
  scale: SimulatorScale;
  nowMs: number;
  jobCacheSize?: number;
  /** Simulated time one live step moves the clock by. Default 60 000 (a minute). */
  stepMs?: number;
}

/** Chance that a step brings a new alert summary. */
const ALERT_CHANCE_PER_STEP = 0.05;

export function createModel(options: ModelOptions): SimulatorModel {
  const { seed, scale, nowMs } = options;
  const nowUs = Math.round(nowMs) * 1000;
  const specs = REPOSITORY_SPECS;
  const specById = new Map(specs.map((s) => [s.id, s]));
  const repositoryByName = new Map(REPOSITORIES.map((r) => [r.name, r]));
  const repositoryById = new Map(REPOSITORIES.map((r) => [r.id, r]));

  const series = planSeries(seed, scale.signaturesPerFramework);
  const { signatures, shapes } = buildSignatures(specs, series, SIGNATURE_ID_BASE);
  const signaturesByRepo = new Map<number, PerformanceSignature[]>();
  for (const s of signatures) {
    const list = signaturesByRepo.get(s.repositoryId) ?? [];
    list.push(s);
    signaturesByRepo.set(s.repositoryId, list);
  }
  const labelsByRepo = new Map<number, string[]>();
  for (const [repoId, sigs] of signaturesByRepo) labelsByRepo.set(repoId, perfLabels(sigs));

  // Pushes: per repository, then numbered globally in time order, as Treeherder's ids are.
  const drafts: PushDraft[] = [];
  for (const spec of specs) {
    drafts.push(...generateRepositoryPushes(seed, spec, scale.pushesPerRepository, scale.revisionsPerPush, nowMs));
  }
  drafts.sort((a, b) => a.pushTimestamp - b.pushTimestamp || a.repositoryId - b.repositoryId || a.index - b.index);
  const meanLoad = specs.reduce((acc, s) => acc + s.jobLoad, 0) / specs.length;
  const plans = new Map<number, PushJobPlan>();
  const pushes: Push[] = [];
  const pushById = new Map<number, Push>();
  const pushesByRepo = new Map<number, Push[]>();
  let nextJobId = JOB_ID_BASE;
  function addPush(draft: PushDraft, arrivedUs?: number): Push {
    const spec = specById.get(draft.repositoryId);
    if (!spec) throw new Error(`unknown repository ${draft.repositoryId}`);
    const perfRuns = perfRunsOfPush(seed, spec, draft.index, labelsByRepo.get(spec.id) ?? []);
    const rng = createRandom(seed, 'job-count', spec.name, draft.index);
    const factor = spec.isTryRepo ? 0.15 + rng.next() * 1.7 : 0.7 + rng.next() * 0.6;
    const wanted = Math.round(scale.jobsPerPush * (spec.jobLoad / meanLoad) * factor);
    const jobCount = Math.max(1 + perfRuns.length, wanted, 1);
    const push: Push = {
      id: PUSH_ID_BASE + pushes.length,
      repositoryId: draft.repositoryId,
      repositoryName: draft.repositoryName,
      revision: draft.revision,
      author: draft.author,
      branch: null,
      commits: draft.commits,
      pushTimestamp: draft.pushTimestamp,
      index: draft.index,
      firstJobId: nextJobId,
      jobCount,
    };
    nextJobId += jobCount;
    pushes.push(push);
    pushById.set(push.id, push);
    const list = pushesByRepo.get(push.repositoryId) ?? [];
    list.push(push);
    pushesByRepo.set(push.repositoryId, list);
    plans.set(push.id, arrivedUs === undefined ? { push, spec, perfRuns } : { push, spec, perfRuns, arrivedUs });
    return push;
  }
  for (const draft of drafts) addPush(draft);
  for (const list of pushesByRepo.values()) list.sort((a, b) => a.index - b.index);

  const ctx: JobContext = {
    seed,
    nowUs,
    planOf(pushId) {
      const plan = plans.get(pushId);
      if (!plan) throw new Error(`unknown push ${pushId}`);
      return plan;
    },
  };
  const cache = new JobCache(options.jobCacheSize ?? DEFAULT_JOB_CACHE);

  function pushOfJob(jobId: number): Push | undefined {
    let lo = 0;
    let hi = pushes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = pushes[mid] as Push;
      if (jobId < p.firstJobId) hi = mid - 1;
      else if (jobId >= p.firstJobId + p.jobCount) lo = mid + 1;
      else return p;
    }
    return undefined;
  }

  // Live movement: the clock moves by whole steps; jobs are generated as of the anchor (or their
  // push's arrival) and shown as of the clock.
  const stepUs = Math.round(options.stepMs ?? 60_000) * 1000;
  let step = 0;
  const clockUs = (): number => nowUs + step * stepUs;
  /** The jobs of pushes as of the current step (cleared by each step). */
  const views = new Map<number, Job[]>();

  function jobsOfPush(pushId: number): Job[] {
    const plan = plans.get(pushId);
    if (!plan) return [];
    const base = cache.get(pushId, () => generatePushJobs(ctx, plan));
    if (step === 0) return base;
    let view = views.get(pushId);
    if (!view) {
      const now = clockUs();
      view = base.map((j) => jobAt(seed, j, now));
      if (views.size >= 256) views.delete(views.keys().next().value as number);
      views.set(pushId, view);
    }
    return view;
  }

  function job(id: number): Job | undefined {
    if (!Number.isSafeInteger(id)) return undefined;
    const p = pushOfJob(id);
    if (!p) return undefined;
    return jobsOfPush(p.id)[id - p.firstJobId];
  }

  function perfJob(jobId: number): Job | undefined {
    const p = pushOfJob(jobId);
    if (!p) return undefined;
    const plan = ctx.planOf(p.id);
    const slot = jobId - p.firstJobId - 1;
    if (slot >= 0 && slot < plan.perfRuns.length) return step === 0 ? perfSlotJob(ctx, plan, slot) : jobAt(seed, perfSlotJob(ctx, plan, slot), clockUs());
    return job(jobId);
  }

  // Performance: choose step changes, generate data around them, then measure the alerts.
  const { events, shifts } = chooseAlertEvents({
    seed,
    ctx,
    count: scale.alertSummaries,
    specs,
    pushesByRepo,
    signaturesByRepo,
  });
  const data = generatePerfData({ seed, ctx, pushes, signaturesByRepo, shapes, shifts, firstDatumId: DATUM_ID_BASE });
  const dataBySignature = new Map<number, PerformanceDatum[]>();
  for (const d of data) {
    const list = dataBySignature.get(d.signatureId) ?? [];
    list.push(d);
    dataBySignature.set(d.signatureId, list);
  }
  const signatureById = new Map(signatures.map((s) => [s.id, s]));
  for (const s of signatures) {
    const points = dataBySignature.get(s.id);
    const last = points?.[points.length - 1];
    // Series without data were last touched long ago (perf data expires after a year).
    s.lastUpdatedUs = last ? last.pushTimestamp * MICROS_PER_SECOND : nowUs - 200 * 86_400 * MICROS_PER_SECOND;
  }
  const { summaries, alerts } = buildAlerts({
    seed,
    ctx,
    events,
    signatures: signatureById,
    dataBySignature,
    pushesById: pushById,
    firstSummaryId: SUMMARY_ID_BASE,
    firstAlertId: ALERT_ID_BASE,
  });
  const summaryById = new Map<number, PerformanceAlertSummary>(summaries.map((s) => [s.id, s]));
  const alertById = new Map<number, PerformanceAlert>(alerts.map((a) => [a.id, a]));
  const repoNameToId = new Map(REPOSITORIES.map((r) => [r.name, r.id]));

  // New pushes: each active repository's arrivals follow its own seeded stream of gaps.
  const arrivals = specs
    .filter((spec) => spec.activeStatus === 'active')
    .map((spec) => {
      const rng = createRandom(seed, 'live-push-times', spec.name);
      const gap = (): number => Math.max(45, Math.round(rng.exponential(spec.pushIntervalMinutes * 60))) * MICROS_PER_SECOND;
      return { spec, gap, nextUs: nowUs + gap() };
    });
  const alerting = specs.filter((spec) => spec.alerting && spec.perfCoverage > 0 && spec.activeStatus === 'active');
  let nextSummaryId = summaries.reduce((max, s) => Math.max(max, s.id), SUMMARY_ID_BASE - 1) + 1;
  let nextAlertId = alerts.reduce((max, a) => Math.max(max, a.id), ALERT_ID_BASE - 1) + 1;

  /** A new untriaged alert summary on the newest push of an alerting repository. */
  function liveAlert(at: number): PerformanceAlertSummary | null {
    const rng = createRandom(seed, 'live-alert', step);
    if (!rng.chance(ALERT_CHANCE_PER_STEP) || alerting.length === 0) return null;
    const spec = rng.pick(alerting);
    const repoPushes = pushesByRepo.get(spec.id) ?? [];
    const push = repoPushes[repoPushes.length - 1];
    const prev = repoPushes[repoPushes.length - 2];
    const parents = (signaturesByRepo.get(spec.id) ?? []).filter((sig) => sig.parentSignatureId === null);
    if (!push || !prev || parents.length === 0) return null;
    const signature = rng.pick(parents);
    const points = dataBySignature.get(signature.id) ?? [];
    const prevValue = Math.round((points[points.length - 1]?.value ?? 100) * 100) / 100;
    const regression = rng.chance(0.65);
    const pct = 2 + rng.next() * 18;
    const up = regression === signature.lowerIsBetter;
    const newValue = Math.round(prevValue * (up ? 1 + pct / 100 : 1 - pct / 100) * 100) / 100;
    const summaryId = nextSummaryId++;
    const alert: PerformanceAlert = {
      id: nextAlertId++,
      summaryId,
      relatedSummaryId: null,
      signatureId: signature.id,
      status: 0,
      isRegression: regression,
      prevValue,
      newValue,
      tValue: Math.round((4 + rng.next() * 20) * 100) / 100,
      amountAbs: Math.round((newValue - prevValue) * 100) / 100,
      amountPct: prevValue === 0 ? 0 : Math.round((100 * Math.abs(newValue - prevValue) * 100) / prevValue) / 100,
      manuallyCreated: false,
      classifier: null,
      classifierEmail: null,
      starred: false,
      backfillRecord: null,
      noiseProfile: 'OK',
      sheriffed: true,
    };
    const summary: PerformanceAlertSummary = {
      id: summaryId,
      repositoryId: spec.id,
      frameworkId: signature.frameworkId,
      pushId: push.id,
      prevPushId: prev.id,
      originalPushId: null,
      originalPrevPushId: null,
      createdUs: at,
      firstTriagedUs: null,
      triageDueDateUs: at + 3 * 86_400 * MICROS_PER_SECOND,
      bugDueDateUs: null,
      bugUpdatedUs: null,
      status: 0,
      bugNumber: null,
      bugStatus: null,
      issueTracker: 1,
      notes: null,
      assigneeUsername: null,
      assigneeEmail: null,
      performanceTags: [],
      sheriffed: true,
      manuallyCreated: false,
      alertIds: [alert.id],
      relatedAlertIds: [],
    };
    summaries.push(summary);
    alerts.push(alert);
    summaryById.set(summary.id, summary);
    alertById.set(alert.id, alert);
    return summary;
  }

  function advance(steps: number): AdvanceResult {
    const result: AdvanceResult = { step, now: clockUs() / 1000, pushes: [], alertSummaries: [] };
    for (let i = 0; i < steps; i++) {
      step += 1;
      views.clear();
      const now = clockUs();
      const arrived: Array<{ spec: RepositorySpec; atUs: number }> = [];
      for (const a of arrivals) {
        while (a.nextUs <= now) {
          arrived.push({ spec: a.spec, atUs: a.nextUs });
          a.nextUs += a.gap();
        }
      }
      arrived.sort((x, y) => x.atUs - y.atUs || x.spec.id - y.spec.id);
      for (const { spec, atUs } of arrived) {
        const index = pushesByRepo.get(spec.id)?.length ?? 0;
        const draft = livePushDraft(seed, spec, index, scale.revisionsPerPush, Math.floor(atUs / MICROS_PER_SECOND));
        result.pushes.push(addPush(draft, atUs).id);
      }
      const summary = liveAlert(now);
      if (summary) result.alertSummaries.push(summary.id);
    }
    result.step = step;
    result.now = clockUs() / 1000;
    return result;
  }

  const model: SimulatorModel = {
    seed,
    scale,
    now: nowMs,
    repositories: REPOSITORIES,
    optionCollections: OPTION_COLLECTIONS,
    machinePlatforms: MACHINE_PLATFORMS,
    pushes,
    specs: specById,
    ctx,
    repository: (name: string): Repository | undefined => repositoryByName.get(name),
    repositoryById: (id: number): Repository | undefined => repositoryById.get(id),
    pushesOf(name: string) {
      const id = repoNameToId.get(name);
      return id === undefined ? [] : (pushesByRepo.get(id) ?? []);
    },
    push: (id: number) => pushById.get(id),
    get totalJobs() {
      return nextJobId - JOB_ID_BASE;
    },
    get step() {
      return step;
    },
    clockMs: () => clockUs() / 1000,
    advance,
    jobsOfPush,
    job,
    perfJob,
    pushOfJob,
    logsOfJob(j: Job) {
      const spec = specById.get(j.repositoryId);
      return spec ? logsOfJob(seed, spec, j) : [];
    },
    textLogErrorsOfJob: (j: Job) => textLogErrorsOfJob(seed, j),
    notesOfJob: (j: Job) => notesOfJob(seed, j),
    bugJobMapOfJob: (j: Job) => bugJobMapOfJob(seed, j),
    jobCacheStats: () => cache.stats(),
    signatures,
    signature: (id: number) => signatureById.get(id),
    signaturesOf(name: string) {
      const id = repoNameToId.get(name);
      return id === undefined ? [] : (signaturesByRepo.get(id) ?? []);
    },
    data,
    dataOfSignature: (id: number) => dataBySignature.get(id) ?? [],
    alertSummaries: summaries,
    alerts,
    alertSummary: (id: number) => summaryById.get(id),
    alert: (id: number) => alertById.get(id),
  };
  return model;
}
