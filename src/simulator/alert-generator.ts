import { type RepositorySpec } from './catalog.js';
import { perfSheriff, perfSlotJob, type JobContext } from './job-generator.js';
import type { LevelShift } from './perf-generator.js';
import { createRandom, type Random } from './random.js';
import { MICROS_PER_SECOND, toPythonIso } from './time.js';
import type {
  BackfillRecord,
  PerformanceAlert,
  PerformanceAlertSummary,
  PerformanceDatum,
  PerformanceSignature,
  Push,
} from './types.js';

const HOUR = 3600 * MICROS_PER_SECOND;
const DAY = 24 * HOUR;

/** A step change chosen before data generation; it becomes one (or two) alert summaries. */
export interface AlertEvent {
  spec: RepositorySpec;
  frameworkId: number;
  push: Push;
  prevPush: Push;
  /** The series touched: a suite and (some of) its subtests, or a single-test series. */
  signatureIds: number[];
  createdUs: number;
  /** Also produce an unsheriffed ("monitored") duplicate on the same push and framework. */
  duplicate: boolean;
}

export interface AlertEventInput {
  seed: number;
  ctx: JobContext;
  count: number;
  specs: readonly RepositorySpec[];
  pushesByRepo: ReadonlyMap<number, readonly Push[]>;
  signaturesByRepo: ReadonlyMap<number, readonly PerformanceSignature[]>;
}

const REPO_WEIGHT: Record<string, number> = { autoland: 0.55, 'mozilla-central': 0.3, 'mozilla-beta': 0.15 };

/** Indexes (in repository order) of pushes where a perf label ran to success. */
function successfulRuns(ctx: JobContext, pushes: readonly Push[], label: string): Push[] {
  const found: Push[] = [];
  for (const push of pushes) {
    const plan = ctx.planOf(push.id);
    const slot = plan.perfRuns.findIndex((r) => r.label === label);
    if (slot < 0) continue;
    const job = perfSlotJob(ctx, plan, slot);
    if (job.state === 'completed' && job.result === 'success') found.push(push);
  }
  return found;
}

export function chooseAlertEvents(input: AlertEventInput): { events: AlertEvent[]; shifts: Map<number, LevelShift[]> } {
  const events: AlertEvent[] = [];
  const shifts = new Map<number, LevelShift[]>();
  const alerting = input.specs.filter((s) => s.alerting && s.perfCoverage > 0);
  const totalWeight = alerting.reduce((acc, s) => acc + (REPO_WEIGHT[s.name] ?? 0.1), 0);
  const runCache = new Map<string, Push[]>();
  const taken = new Set<string>();
  let assigned = 0;
  alerting.forEach((spec, repoIndex) => {
    const share = (REPO_WEIGHT[spec.name] ?? 0.1) / totalWeight;
    const count = repoIndex === alerting.length - 1 ? input.count - assigned : Math.round(input.count * share);
    assigned += count;
    const pushes = input.pushesByRepo.get(spec.id) ?? [];
    const sigs = input.signaturesByRepo.get(spec.id) ?? [];
    const parents = sigs.filter((s) => s.parentSignatureId === null);
    if (parents.length === 0) return;
    for (let k = 0; k < count; k++) {
      const rng = createRandom(input.seed, 'alert-event', spec.name, k);
      for (let attempt = 0; attempt < 25; attempt++) {
        const parent = rng.pick(parents);
        const cacheKey = `${spec.id}|${parent.jobLabel}`;
        let runs = runCache.get(cacheKey);
        if (!runs) {
          runs = successfulRuns(input.ctx, pushes, parent.jobLabel);
          runCache.set(cacheKey, runs);
        }
        if (runs.length < 6) continue;
        const position = rng.int(3, runs.length - 2);
        const push = runs[position];
        const prevPush = runs[position - 1];
        if (!push || !prevPush) continue;
        const createdUs = push.pushTimestamp * MICROS_PER_SECOND + rng.int(3 * 3600, 12 * 3600) * MICROS_PER_SECOND + rng.int(0, 999_999);
        if (createdUs > input.ctx.nowUs - 10 * 60 * MICROS_PER_SECOND) continue;
        const key = `${spec.id}|${parent.frameworkId}|${push.id}`;
        if (taken.has(key)) continue;
        taken.add(key);
        const children = sigs.filter((s) => s.parentSignatureId === parent.id);
        const leaves = children.length > 0 ? rng.shuffle(children).slice(0, rng.int(1, children.length)) : [parent];
        const regression = rng.chance(0.7);
        const magnitude = 0.04 + rng.next() * 0.21;
        for (const leaf of leaves) {
          const up = regression === leaf.lowerIsBetter;
          const list = shifts.get(leaf.id) ?? [];
          list.push({ fromIndex: push.index, factor: up ? 1 + magnitude : 1 / (1 + magnitude) });
          shifts.set(leaf.id, list);
        }
        const ids = children.length > 0 ? [parent.id, ...leaves.map((l) => l.id)] : [parent.id];
        events.push({
          spec,
          frameworkId: parent.frameworkId,
          push,
          prevPush,
          signatureIds: ids,
          createdUs,
          duplicate: rng.chance(0.12),
        });
        break;
      }
    }
  });
  return { events, shifts };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function variance(values: readonly number[], m: number): number {
  if (values.length < 2) return 0;
  return values.reduce((acc, v) => acc + (v - m) * (v - m), 0) / (values.length - 1);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function addBusinessDays(us: number, days: number): number {
  let t = us;
  let left = days;
  while (left > 0) {
    t += DAY;
    const weekday = new Date(Math.floor(t / 1000)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return t;
}

/** `json.dumps` of a flat list of dicts, with Python's default separators. */
function pythonJsonList(rows: ReadonlyArray<Record<string, string | number>>): string {
  const items = rows.map(
    (row) => `{${Object.entries(row).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`,
  );
  return `[${items.join(', ')}]`;
}

export interface AlertBuildInput {
  seed: number;
  ctx: JobContext;
  events: readonly AlertEvent[];
  signatures: ReadonlyMap<number, PerformanceSignature>;
  dataBySignature: ReadonlyMap<number, readonly PerformanceDatum[]>;
  pushesById: ReadonlyMap<number, Push>;
  firstSummaryId: number;
  firstAlertId: number;
}

interface AlertDraft {
  signature: PerformanceSignature;
  prevValue: number;
  newValue: number;
  tValue: number | null;
}

function measure(
  signature: PerformanceSignature,
  data: readonly PerformanceDatum[],
  pushesById: ReadonlyMap<number, Push>,
  push: Push,
): AlertDraft | null {
  const before: number[] = [];
  const after: number[] = [];
  for (const d of data) {
    const p = pushesById.get(d.pushId);
    if (!p) continue;
    if (p.index < push.index) before.push(d.value);
    else after.push(d.value);
  }
  const prev = before.slice(-12);
  const next = after.slice(0, 12);
  if (prev.length === 0 || next.length === 0) return null;
  const pm = mean(prev);
  const nm = mean(next);
  const se = Math.sqrt(variance(prev, pm) / prev.length + variance(next, nm) / next.length);
  return { signature, prevValue: pm, newValue: nm, tValue: se > 0 ? Math.abs(nm - pm) / se : null };
}

const TRIAGED_STATUSES = [5, 6, 7, 8, 3, 9] as const;
const TRIAGED_WEIGHTS = [20, 15, 12, 20, 10, 6];

/**
 * Alert summaries and alerts from the chosen events and the generated data: values, t-values
 * and percentages are measured on the data, statuses follow age (newest untriaged), and a few
 * summaries are downstreamed or reassigned so `related_alerts` is populated.
 */
export function buildAlerts(input: AlertBuildInput): { summaries: PerformanceAlertSummary[]; alerts: PerformanceAlert[] } {
  const ordered = input.events.slice().sort((a, b) => a.createdUs - b.createdUs);
  const summaries: PerformanceAlertSummary[] = [];
  const alerts: PerformanceAlert[] = [];
  let nextSummaryId = input.firstSummaryId;
  let nextAlertId = input.firstAlertId;
  const nowUs = input.ctx.nowUs;

  interface Draft {
    summary: PerformanceAlertSummary;
    event: AlertEvent;
    rng: Random;
    alerts: PerformanceAlert[];
  }
  const drafts: Draft[] = [];

  for (const event of ordered) {
    const copies = event.duplicate ? [true, false] : [true];
    for (const sheriffed of copies) {
      const rng = createRandom(input.seed, 'alert-summary', event.push.id, event.frameworkId, sheriffed ? 1 : 0);
      const summaryId = nextSummaryId++;
      const measured: AlertDraft[] = [];
      for (const id of event.signatureIds) {
        const signature = input.signatures.get(id);
        if (!signature) continue;
        const m = measure(signature, input.dataBySignature.get(id) ?? [], input.pushesById, event.push);
        if (!m) continue;
        // The suite summary only alerts when it moved visibly.
        if (signature.hasSubtests && Math.abs(m.newValue - m.prevValue) / m.prevValue < 0.02) continue;
        measured.push(m);
      }
      if (measured.length === 0) {
        nextSummaryId--;
        continue;
      }
      const summaryAlerts: PerformanceAlert[] = measured.map((m) => {
        const delta = m.newValue - m.prevValue;
        const pct = m.prevValue !== 0 ? (100 * Math.abs(delta)) / m.prevValue : 0;
        return {
          id: nextAlertId++,
          summaryId,
          relatedSummaryId: null,
          signatureId: m.signature.id,
          status: 0,
          isRegression: (delta > 0 && m.signature.lowerIsBetter) || (delta < 0 && !m.signature.lowerIsBetter),
          prevValue: round2(m.prevValue),
          newValue: round2(m.newValue),
          tValue: m.tValue === null ? null : round2(m.tValue),
          amountAbs: round2(delta),
          amountPct: round2(pct),
          manuallyCreated: false,
          classifier: null,
          classifierEmail: null,
          starred: rng.chance(0.15),
          backfillRecord: null,
          noiseProfile: rng.weighted(['OK', 'SKEWED', 'OUTLIERS', 'MODAL', 'N/A'], [80, 8, 6, 3, 3]),
          sheriffed,
        };
      });
      const summary: PerformanceAlertSummary = {
        id: summaryId,
        repositoryId: event.spec.id,
        frameworkId: event.frameworkId,
        pushId: event.push.id,
        prevPushId: event.prevPush.id,
        originalPushId: null,
        originalPrevPushId: null,
        createdUs: sheriffed ? event.createdUs : event.createdUs + rng.int(1, 600) * MICROS_PER_SECOND,
        firstTriagedUs: null,
        triageDueDateUs: addBusinessDays(event.createdUs, 3),
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
        sheriffed,
        manuallyCreated: false,
        alertIds: summaryAlerts.map((a) => a.id),
        relatedAlertIds: [],
      };
      drafts.push({ summary, event, rng, alerts: summaryAlerts });
      summaries.push(summary);
      alerts.push(...summaryAlerts);
    }
  }

  // Newest summaries are untriaged; older ones have been looked at by a perf sheriff.
  const byAge = drafts.slice().sort((a, b) => b.summary.createdUs - a.summary.createdUs);
  const untriagedCount = Math.ceil(byAge.length * 0.3);
  byAge.forEach((draft, rank) => {
    const { summary, rng } = draft;
    if (rank < untriagedCount || !summary.sheriffed) return;
    const allImprovements = draft.alerts.every((a) => !a.isRegression);
    const status = allImprovements ? 4 : rng.weighted(TRIAGED_STATUSES, TRIAGED_WEIGHTS);
    const sheriff = perfSheriff(rng);
    summary.status = status;
    summary.firstTriagedUs = Math.min(summary.createdUs + rng.int(1, 30) * 3600 * MICROS_PER_SECOND + rng.int(0, 999_999), nowUs - 60 * MICROS_PER_SECOND);
    if (rng.chance(0.7)) {
      summary.assigneeUsername = sheriff.username;
      summary.assigneeEmail = sheriff.email;
    }
    const alertStatus = status === 3 ? 3 : status === 9 ? 5 : 4;
    for (const alert of draft.alerts) {
      alert.status = alertStatus;
      alert.classifier = sheriff.username;
      alert.classifierEmail = sheriff.email;
    }
    if (status === 5 || status === 6 || status === 7 || status === 8) {
      summary.bugNumber = rng.int(1_900_000, 1_990_000);
      summary.bugStatus = status === 5 ? 0 : status === 6 ? 5 : 1;
      summary.bugDueDateUs = addBusinessDays(summary.firstTriagedUs, 5);
      summary.bugUpdatedUs = Math.min(summary.firstTriagedUs + rng.int(2, 72) * 3600 * MICROS_PER_SECOND, nowUs - 60 * MICROS_PER_SECOND);
    }
    const tags: Record<number, string[]> = {
      8: ['regression-backedout'],
      7: rng.chance(0.5) ? ['regression-fix'] : [],
      4: rng.chance(0.4) ? ['improvement'] : [],
      9: ['infra'],
      5: rng.chance(0.2) ? ['bisection'] : [],
    };
    summary.performanceTags = tags[status] ?? [];
    if (rng.chance(0.15)) {
      summary.notes = rng.pick([
        'Pinged the author on the bug.',
        'Likely caused by the new tab strip code; waiting on a profile.',
        'Noisy test, re-triggered to confirm.',
        'Fixed by the follow-up in the same bug.',
      ]);
    }
  });

  // Downstream: merges to mozilla-central repeat alerts first seen on autoland. Reassigned:
  // alerts moved to the summary of the push that really caused them.
  const autolandDrafts = drafts.filter((d) => d.event.spec.name === 'autoland' && d.summary.sheriffed);
  const upstreamOf: Record<string, string> = { 'mozilla-central': 'autoland', 'mozilla-beta': 'mozilla-central' };
  const relationFor = (draft: Draft): { target: Draft; relation: 1 | 2 } | null => {
    const { summary, event } = draft;
    if (!summary.sheriffed || summary.status === 0) return null;
    const upstream = upstreamOf[event.spec.name];
    if (upstream) {
      // Prefer an upstream summary that came first; the default histories are short on
      // integration trees, so fall back to any upstream summary of the same framework.
      const candidates = drafts.filter(
        (d) => d.event.spec.name === upstream && d.summary.sheriffed && d.event.frameworkId === event.frameworkId,
      );
      const target = candidates.find((d) => d.summary.createdUs < summary.createdUs) ?? candidates[0];
      return target ? { target, relation: 1 } : null;
    }
    if (event.spec.name === 'autoland') {
      const target = autolandDrafts.find(
        (d) =>
          d !== draft &&
          d.summary.relatedAlertIds.length === 0 &&
          d.event.frameworkId === event.frameworkId &&
          d.event.push.id !== event.push.id &&
          Math.abs(d.summary.createdUs - summary.createdUs) < 4 * DAY,
      );
      return target ? { target, relation: 2 } : null;
    }
    return null;
  };
  const chosen = drafts
    .map((draft) => ({ draft, link: relationFor(draft) }))
    .filter((c): c is { draft: Draft; link: { target: Draft; relation: 1 | 2 } } => c.link !== null);
  // Some relations exist in any history with candidates, so related_alerts is never always empty.
  const firstOfKind = new Set([1, 2].map((kind) => chosen.find((c) => c.link.relation === kind)).filter((c) => c !== undefined));
  const linked = chosen.filter((c) => firstOfKind.has(c) || c.draft.rng.chance(c.link.relation === 1 ? 0.3 : 0.1));
  for (const { draft, link } of linked) {
    const { summary } = draft;
    const { target, relation } = link;
    if (target.summary.status === 1 || target.summary.status === 2) continue;
    summary.status = relation;
    summary.bugNumber = null;
    summary.bugStatus = null;
    summary.bugDueDateUs = null;
    summary.bugUpdatedUs = null;
    summary.performanceTags = [];
    for (const alert of draft.alerts) {
      alert.status = relation;
      alert.relatedSummaryId = target.summary.id;
      target.summary.relatedAlertIds.push(alert.id);
    }
  }
  for (const s of summaries) s.relatedAlertIds.sort((a, b) => a - b);

  // Some autoland alerts went through automated backfills.
  for (const draft of drafts) {
    if (draft.event.spec.name !== 'autoland') continue;
    for (const alert of draft.alerts) {
      if (!draft.rng.chance(0.25)) continue;
      const around = (input.dataBySignature.get(alert.signatureId) ?? []).filter((d) => {
        const p = input.pushesById.get(d.pushId);
        return p !== undefined && Math.abs(p.index - draft.event.push.index) <= 6;
      });
      const context = pythonJsonList(
        around.slice(0, 5).map((d) => ({
          perf_datum_id: d.id,
          value: d.value,
          job_id: d.jobId,
          push_id: d.pushId,
          push_timestamp: toPythonIso(d.pushTimestamp * MICROS_PER_SECOND),
          push__revision: input.pushesById.get(d.pushId)?.revision ?? '',
        })),
      );
      const status = draft.rng.int(0, 5);
      const triggered = status >= 2 ? draft.rng.int(1, 5) : 0;
      const record: BackfillRecord = {
        context,
        status,
        totalActionsTriggered: triggered,
        totalBackfillsFailed: status === 4 ? Math.min(triggered, 1) : 0,
        totalBackfillsSuccessful: status === 3 ? triggered : 0,
        totalBackfillsInProgress: status === 2 ? triggered : 0,
      };
      alert.backfillRecord = record;
    }
  }
  return { summaries, alerts };
}
