import { PERF_SHERIFFS, SHERIFFS, type RepositorySpec } from './catalog.js';
import { createRandom, sha1Hex, taskIdFromBytes, taskIdToUuid, type Random } from './random.js';
import {
  OPTION_COLLECTION_MAP,
  decisionJobType,
  jobType,
  machinePlatform,
  optionCollection,
  scheduledJobTypes,
  type JobTypeSpec,
} from './reference-data.js';
import { MICROS_PER_SECOND } from './time.js';
import type { Job, JobState, Push } from './types.js';

/** One scheduled run of a perf job on a push; its job occupies a reserved slot. */
export interface PerfRun {
  label: string;
  run: number;
}

export interface PushJobPlan {
  push: Push;
  spec: RepositorySpec;
  perfRuns: readonly PerfRun[];
  /**
   * For pushes the live simulator adds: the simulated time they arrived. Their jobs are generated
   * as of that time (not the anchor) and none was modified before it.
   */
  arrivedUs?: number;
}

export interface JobContext {
  seed: number;
  nowUs: number;
  planOf(pushId: number): PushJobPlan;
}

const MINUTE = 60 * MICROS_PER_SECOND;

/** The context a push's jobs are generated in: the anchor, or the time a live push arrived. */
function asOf(ctx: JobContext, plan: PushJobPlan): JobContext {
  return plan.arrivedUs === undefined || plan.arrivedUs === ctx.nowUs ? ctx : { ...ctx, nowUs: plan.arrivedUs };
}

interface Timing {
  state: JobState;
  submitUs: number;
  startUs: number;
  endUs: number;
  /** Where the job's run lies on the timeline whatever its state now (the live simulator moves it there). */
  plannedStartUs: number;
  plannedEndUs: number;
}

/** Places a job on the timeline relative to the anchor: not started yet → pending, etc. */
function schedule(nowUs: number, pushUs: number, submitUs: number, queueUs: number, durationUs: number, rng: Random): Timing {
  const plannedStartUs = submitUs + queueUs;
  const plannedEndUs = plannedStartUs + durationUs;
  const planned = { plannedStartUs, plannedEndUs };
  if (submitUs > nowUs) {
    // The task exists (its push does) but is still waiting on dependencies: pending.
    const submit = Math.max(pushUs + MICROS_PER_SECOND, nowUs - micros(rng, 5, 240));
    return { state: 'pending', submitUs: submit, startUs: 0, endUs: 0, ...planned };
  }
  const startUs = plannedStartUs;
  if (startUs > nowUs) return { state: 'pending', submitUs, startUs: 0, endUs: 0, ...planned };
  const endUs = plannedEndUs;
  if (endUs > nowUs) return { state: 'running', submitUs, startUs, endUs: 0, ...planned };
  return { state: 'completed', submitUs, startUs, endUs, ...planned };
}

function micros(rng: Random, minSeconds: number, maxSeconds: number): number {
  return rng.int(minSeconds * 1000, maxSeconds * 1000) * 1000 + rng.int(0, 999);
}

/** When a push's builds for a build platform finish (tests become pending then). */
function buildReadyUs(ctx: JobContext, push: Push, buildPlatform: string, decisionEndUs: number): number {
  const rng = createRandom(ctx.seed, 'build-ready', push.id, buildPlatform);
  return decisionEndUs + micros(rng, 25 * 60, 80 * 60);
}

function decisionEndUs(ctx: JobContext, push: Push): number {
  const rng = createRandom(ctx.seed, 'decision-time', push.id);
  return push.pushTimestamp * MICROS_PER_SECOND + micros(rng, 4 * 60, 9 * 60);
}

function machineName(rng: Random, os: JobTypeSpec['os'], platform: string): string {
  switch (os) {
    case 'windows':
      return `vm-${rng.hex(26).replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)] ?? 'g')}`;
    case 'mac':
      return platform.includes('aarch64') ? `macmini-m4-${rng.int(1, 320)}` : `macmini-r8-${rng.int(1, 480)}`;
    case 'android':
      return `a55-${rng.int(1, 48)}`;
    default:
      return `i-0${rng.hex(16)}`;
  }
}

function pickResult(rng: Random, type: JobTypeSpec, spec: RepositorySpec, badPush: boolean): string {
  const tryBoost = spec.isTryRepo ? 2 : 1;
  switch (type.kind) {
    case 'decision':
      return rng.chance(0.995) ? 'success' : 'exception';
    case 'build':
      return rng.weighted(['success', 'busted', 'exception', 'retry'], [97, 2 * tryBoost, 0.5, 0.5]);
    case 'lint':
      return rng.weighted(['success', 'testfailed'], [96, 4 * tryBoost]);
    case 'perf':
      return rng.weighted(['success', 'testfailed', 'exception'], [97, 2, 1]);
    case 'test':
      return rng.weighted(
        ['success', 'testfailed', 'retry', 'exception', 'usercancel', 'superseded', 'busted'],
        [93.5, (badPush ? 14 : 4) * tryBoost, 1.2, 0.5, 0.4 * tryBoost, 0.3, 0.1],
      );
  }
}

function isFailure(result: string): boolean {
  return result === 'testfailed' || result === 'busted' || result === 'exception';
}

interface Classification {
  id: number;
  atUs: number | null;
  by: string | null;
}

/** Sheriffs classify failures on integration/release trees some time after they finish. */
function classify(rng: Random, ctx: JobContext, spec: RepositorySpec, result: string, endUs: number): Classification {
  if (!isFailure(result) || endUs === 0) return { id: 1, atUs: null, by: null };
  if (spec.isTryRepo || spec.pushStyle === 'git') {
    return rng.chance(0.12) ? { id: 6, atUs: null, by: null } : { id: 1, atUs: null, by: null };
  }
  const atUs = endUs + micros(rng, 10 * 60, 3 * 3600);
  if (atUs > ctx.nowUs) return rng.chance(0.4) ? { id: 6, atUs: null, by: null } : { id: 1, atUs: null, by: null };
  const id =
    result === 'exception'
      ? rng.weighted([5, 4, 1], [70, 20, 10])
      : rng.weighted([4, 7, 2, 5, 8, 3, 1, 6], [45, 15, 12, 3, 2, 1, 12, 10]);
  if (id === 1 || id === 6) return { id, atUs: null, by: null };
  const by = id === 7 ? 'autoclassifier' : rng.pick(SHERIFFS).email;
  return { id, atUs, by };
}

const SIGNATURES = new Map<string, string>();

/** The 40-hex reference-data signature of a job type in a repository (memoised: hot path). */
function jobSignature(repository: string, type: JobTypeSpec): string {
  const key = `${repository}|${type.name}`;
  let signature = SIGNATURES.get(key);
  if (signature === undefined) {
    signature = sha1Hex(`${repository}|${type.name}|${type.platform}|${type.option}|taskcluster`);
    SIGNATURES.set(key, signature);
  }
  return signature;
}

interface JobDraft {
  type: JobTypeSpec;
  timing: Timing;
  result: string;
  retryId: number;
  taskId: string;
  reason: string;
}

function finishJob(
  ctx: JobContext,
  plan: PushJobPlan,
  id: number,
  draft: JobDraft,
  rng: Random,
): Job {
  const { type, timing, result } = draft;
  const { push, spec } = plan;
  const oc = optionCollection(type.option);
  const mp = machinePlatform(type.platform);
  const bp = machinePlatform(type.buildPlatform);
  const classification = classify(rng, ctx, spec, result, timing.endUs);
  const touchedUs =
    timing.state === 'completed'
      ? timing.endUs
      : timing.state === 'running'
        ? timing.startUs
        : timing.submitUs;
  // Ingestion lags the task event a little and never runs ahead of the anchor time.
  const ingestUs = Math.min(ctx.nowUs - micros(rng, 1, 20), touchedUs + micros(rng, 1, 90));
  // A live push's jobs appear when it arrives, so they count as modified then.
  const lastModifiedUs = Math.max(ingestUs, classification.atUs ?? 0, plan.arrivedUs ?? 0);
  const signature = jobSignature(spec.name, type);
  const job: Job = {
    id,
    pushId: push.id,
    repositoryId: spec.id,
    kind: type.kind,
    guid: `${taskIdToUuid(draft.taskId)}/${draft.retryId}`,
    taskId: draft.taskId,
    retryId: draft.retryId,
    jobTypeId: type.id,
    jobTypeName: type.name,
    jobTypeSymbol: type.symbol,
    jobTypeDescription: '',
    jobGroupId: type.group.id,
    jobGroupName: type.group.name,
    jobGroupSymbol: type.group.symbol,
    jobGroupDescription: type.group.description,
    buildPlatformId: bp.id,
    buildPlatform: bp.platform,
    buildOs: bp.os,
    buildArchitecture: bp.architecture,
    machinePlatformId: mp.id,
    platform: mp.platform,
    machinePlatformOs: mp.os,
    machinePlatformArchitecture: mp.architecture,
    optionCollectionHash: oc.hash,
    platformOption: OPTION_COLLECTION_MAP.get(oc.hash) ?? '',
    signature,
    refDataName: signature,
    buildSystemType: 'taskcluster',
    machineName: timing.state === 'pending' ? 'unknown' : machineName(rng, type.os, type.platform),
    reason: draft.reason,
    who: push.author,
    tier: type.tier,
    state: timing.state,
    result: timing.state === 'completed' ? result : 'unknown',
    failureClassificationId: classification.id,
    submitTimeUs: timing.submitUs,
    startTimeUs: timing.startUs,
    endTimeUs: timing.endUs,
    lastModifiedUs,
    suite: type.suite,
    classifiedUs: classification.atUs,
    classifiedBy: classification.by,
  };
  LIVE_PLANS.set(job, {
    generatedUs: ctx.nowUs,
    startUs: timing.plannedStartUs,
    endUs: timing.plannedEndUs,
    result,
    os: type.os,
    classifiable: !spec.isTryRepo && spec.pushStyle !== 'git',
  });
  return job;
}

function decisionJob(outer: JobContext, plan: PushJobPlan): Job {
  const ctx = asOf(outer, plan);
  const { push, spec } = plan;
  const rng = createRandom(ctx.seed, 'decision-job', push.id);
  const pushUs = push.pushTimestamp * MICROS_PER_SECOND;
  const endUs = decisionEndUs(ctx, push);
  const submitUs = pushUs + micros(rng, 15, 45);
  const startUs = submitUs + micros(rng, 5, 40);
  const timing = schedule(ctx.nowUs, pushUs, submitUs, startUs - submitUs, Math.max(endUs - startUs, MINUTE), rng);
  const type = decisionJobType(spec);
  return finishJob(
    ctx,
    plan,
    push.firstJobId,
    {
      type,
      timing,
      result: pickResult(rng, type, spec, false),
      retryId: 0,
      taskId: taskIdFromBytes(rng.bytes(16)),
      reason: 'scheduled',
    },
    rng,
  );
}

/**
 * The job in a reserved perf slot. It is a pure function of (seed, push, slot) so that perf data
 * can name its job, task and machine without generating the push's other jobs.
 */
export function perfSlotJob(outer: JobContext, plan: PushJobPlan, slot: number): Job {
  const ctx = asOf(outer, plan);
  const { push, spec } = plan;
  const run = plan.perfRuns[slot];
  if (!run) throw new Error(`no perf slot ${slot} on push ${push.id}`);
  const type = jobType(run.label);
  const rng = createRandom(ctx.seed, 'perf-job', push.id, slot);
  const pushUs = push.pushTimestamp * MICROS_PER_SECOND;
  const ready = buildReadyUs(ctx, push, type.buildPlatform, decisionEndUs(ctx, push));
  // Retriggers are requested later, once someone looks at the first results.
  const submitUs = ready + micros(rng, 5, 600) + run.run * micros(rng, 3600, 4 * 3600);
  const queueUs = type.os === 'android' || type.os === 'mac' ? micros(rng, 300, 5400) : micros(rng, 60, 1800);
  const durationUs = micros(rng, Math.round(type.minutes * 0.6 * 60), Math.round(type.minutes * 1.4 * 60));
  const timing = schedule(ctx.nowUs, pushUs, submitUs, queueUs, durationUs, rng);
  return finishJob(
    ctx,
    plan,
    push.firstJobId + 1 + slot,
    {
      type,
      timing,
      result: pickResult(rng, type, spec, false),
      retryId: 0,
      taskId: taskIdFromBytes(rng.bytes(16)),
      reason: 'scheduled',
    },
    rng,
  );
}

const KIND_RANK: Record<JobTypeSpec['kind'], number> = { decision: 0, build: 1, lint: 2, test: 3, perf: 4 };

/** All jobs of a push, in id order. */
export function generatePushJobs(outer: JobContext, plan: PushJobPlan): Job[] {
  const ctx = asOf(outer, plan);
  const { push, spec } = plan;
  const jobs: Job[] = [decisionJob(ctx, plan)];
  for (let slot = 0; slot < plan.perfRuns.length; slot++) jobs.push(perfSlotJob(ctx, plan, slot));

  const remaining = push.jobCount - jobs.length;
  if (remaining <= 0) return jobs;
  const rng = createRandom(ctx.seed, 'jobs', push.id);
  const reserved = new Set(plan.perfRuns.map((r) => r.label));
  const candidates = scheduledJobTypes(spec).filter((t) => !reserved.has(t.name));
  const picked: JobTypeSpec[] = [];
  while (picked.length < remaining) {
    const order = rng.shuffle(candidates);
    const take = order.slice(0, remaining - picked.length);
    take.sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind]);
    picked.push(...take);
  }

  const pushUs = push.pushTimestamp * MICROS_PER_SECOND;
  const decisionEnd = decisionEndUs(ctx, push);
  const ready = new Map<string, number>();
  const readyFor = (buildPlatform: string): number => {
    let at = ready.get(buildPlatform);
    if (at === undefined) {
      at = buildReadyUs(ctx, push, buildPlatform, decisionEnd);
      ready.set(buildPlatform, at);
    }
    return at;
  };
  const badPush = !spec.isTryRepo && rng.chance(0.06);
  let previous: { draft: JobDraft } | null = null;
  let pickIndex = 0;
  for (let id = push.firstJobId + jobs.length; id < push.firstJobId + push.jobCount; id++) {
    let draft: JobDraft;
    if (previous && previous.draft.result === 'retry' && previous.draft.timing.state === 'completed') {
      // A retried task runs again under the same task id with the next run number.
      const before = previous.draft;
      const submitUs = before.timing.endUs + micros(rng, 5, 60);
      const queueUs = micros(rng, 20, 900);
      const durationUs = micros(rng, Math.round(before.type.minutes * 0.6 * 60), Math.round(before.type.minutes * 1.4 * 60));
      const timing = schedule(ctx.nowUs, pushUs, submitUs, queueUs, durationUs, rng);
      draft = {
        type: before.type,
        timing,
        result: pickResult(rng, before.type, spec, badPush),
        retryId: before.retryId + 1,
        taskId: before.taskId,
        reason: 'scheduled',
      };
    } else {
      const type = picked[pickIndex++] ?? picked[0];
      if (!type) break;
      let submitUs: number;
      let queueUs: number;
      if (type.kind === 'build' || type.kind === 'lint') {
        submitUs = decisionEnd + micros(rng, 5, 60);
        queueUs = micros(rng, 20, 360);
      } else {
        submitUs = readyFor(type.buildPlatform) + micros(rng, 5, 120);
        queueUs = type.os === 'mac' ? micros(rng, 60, 3600) : micros(rng, 20, 720);
      }
      const durationUs = micros(rng, Math.round(type.minutes * 0.7 * 60), Math.round(type.minutes * 1.4 * 60));
      const timing = schedule(ctx.nowUs, pushUs, submitUs, queueUs, durationUs, rng);
      draft = {
        type,
        timing,
        result: pickResult(rng, type, spec, badPush),
        retryId: 0,
        taskId: taskIdFromBytes(rng.bytes(16)),
        reason: 'scheduled',
      };
    }
    jobs.push(finishJob(ctx, plan, id, draft, rng));
    previous = { draft };
  }
  return jobs;
}

/** What a failed job's log says went wrong. */
export interface FailureDetails {
  testPath: string;
  message: string;
  lines: string[];
  crashSignature: string | null;
}

const TEST_MESSAGES = [
  'Test timed out -',
  'uncaught exception - TypeError: can\'t access property "linkedBrowser", tab is null',
  'Got 1, expected 0',
  'assertion count 2 is more than expected 0 assertions',
  'leaked 1 window(s) until shutdown [url = about:blank]',
  'Element should be visible - false == true - got false, expected true (operator ==)',
  'application timed out after 370 seconds with no output',
];

function clock(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString().slice(11, 19);
}

/** Picks the failing test and error lines of a failed job; stable per job id. */
export function failureDetails(seed: number, job: Job, testPaths: readonly string[]): FailureDetails {
  const rng = createRandom(seed, 'failure', job.id);
  const at = job.endTimeUs || job.startTimeUs || job.submitTimeUs;
  const prefix = `${clock(at)}     INFO - `;
  if (job.kind === 'build') {
    const file = rng.pick(['dom/base/Document.cpp', 'layout/generic/nsIFrame.cpp', 'js/src/vm/Interpreter.cpp']);
    const line = rng.int(100, 9000);
    return {
      testPath: file,
      message: 'error: use of undeclared identifier',
      lines: [
        `${prefix}/builds/worker/checkouts/gecko/${file}:${line}:${rng.int(3, 40)}: error: use of undeclared identifier 'aPresContext'`,
        `${prefix}make[4]: *** [/builds/worker/checkouts/gecko/config/rules.mk:670: Unified_cpp_${rng.int(1, 9)}.o] Error 1`,
      ],
      crashSignature: null,
    };
  }
  if (job.kind === 'lint') {
    const file = rng.pick(['browser/components/urlbar/UrlbarView.sys.mjs', 'toolkit/modules/Preferences.sys.mjs']);
    return {
      testPath: file,
      message: "'lazy' is not defined. (no-undef)",
      lines: [`TEST-UNEXPECTED-ERROR | /builds/worker/checkouts/gecko/${file}:${rng.int(10, 900)}:${rng.int(1, 40)} | 'lazy' is not defined. (no-undef)`],
      crashSignature: null,
    };
  }
  if (job.result === 'exception') {
    return {
      testPath: '',
      message: 'Task aborted - max run time exceeded',
      lines: ['[taskcluster:error] Task aborted - max run time exceeded'],
      crashSignature: null,
    };
  }
  const testPath = testPaths.length > 0 ? rng.pick(testPaths) : `${job.suite ?? 'unknown'}/test_${rng.hex(6)}.js`;
  const message = rng.pick(TEST_MESSAGES);
  const lines = [`${prefix}TEST-UNEXPECTED-FAIL | ${testPath} | ${message}`];
  let crashSignature: string | null = null;
  if (rng.chance(0.2)) {
    crashSignature = rng.pick(['mozilla::dom::BrowsingContext::Detach', 'js::gc::GCRuntime::collect', 'nsDocShell::InternalLoad']);
    lines.push(`${prefix}PROCESS-CRASH | ${testPath} | application crashed [@ ${crashSignature}]`);
  }
  if (rng.chance(0.3)) lines.push(`${prefix}TEST-UNEXPECTED-FAIL | ${testPath} | ${rng.pick(TEST_MESSAGES)}`);
  return { testPath, message, lines, crashSignature };
}

export function perfSheriff(rng: Random): { username: string; email: string } {
  const person = rng.pick(PERF_SHERIFFS);
  return { username: `mozilla-ldap/${person.email}`, email: person.email };
}

/** What the live simulator needs to move a generated job along its own timeline. */
interface LivePlan {
  /** The simulated time the job was generated as of. */
  generatedUs: number;
  startUs: number;
  endUs: number;
  /** The result it will have once completed (drawn whatever its state at generation). */
  result: string;
  os: JobTypeSpec['os'];
  /** Whether sheriffs classify failures in its repository. */
  classifiable: boolean;
}

const LIVE_PLANS = new WeakMap<Job, LivePlan>();

/**
 * The job as it stands at simulated time `clockUs`, for a job generated earlier: a pending job
 * whose planned start has passed runs, then completes with its planned result; failures on
 * sheriffed trees get classified a while later. Every change sets `lastModifiedUs` to when it
 * happened, so `last_modified__gt` finds it. Returns the job itself when nothing moved.
 */
export function jobAt(seed: number, job: Job, clockUs: number): Job {
  const plan = LIVE_PLANS.get(job);
  if (!plan || clockUs <= plan.generatedUs) return job;
  let next: Job = job;
  if (job.state !== 'completed' && plan.startUs <= clockUs) {
    const machine = job.machineName === 'unknown' ? machineName(createRandom(seed, 'live-machine', job.id), plan.os, job.platform) : job.machineName;
    next =
      plan.endUs <= clockUs
        ? { ...job, state: 'completed', result: plan.result, startTimeUs: plan.startUs, endTimeUs: plan.endUs, machineName: machine, lastModifiedUs: plan.endUs }
        : { ...job, state: 'running', startTimeUs: plan.startUs, machineName: machine, lastModifiedUs: Math.max(job.lastModifiedUs, plan.startUs) };
  }
  if (next.state === 'completed' && plan.classifiable && isFailure(next.result) && next.classifiedUs === null) {
    const rng = createRandom(seed, 'live-classification', job.id);
    const atUs = Math.max(next.endTimeUs, plan.generatedUs) + micros(rng, 5 * 60, 90 * 60);
    if (atUs <= clockUs && rng.chance(0.7)) {
      const id =
        next.result === 'exception'
          ? rng.weighted([5, 4], [75, 25])
          : rng.weighted([4, 7, 2, 5, 8, 3], [50, 17, 14, 4, 3, 2]);
      const by = id === 7 ? 'autoclassifier' : rng.pick(SHERIFFS).email;
      next = { ...next, failureClassificationId: id, classifiedUs: atUs, classifiedBy: by, lastModifiedUs: Math.max(next.lastModifiedUs, atUs) };
    }
  }
  if (next !== job) LIVE_PLANS.set(next, plan);
  return next;
}
