import type { HandlerContext, Route } from '../http/context.js';
import { route } from '../http/context.js';
import { drfBoolean, pythonInt, validateQuery, type FieldSpec } from '../http/fields.js';
import { json, message, serverError, type Reply } from '../http/reply.js';
import { signatureListEntry } from '../serializers.js';
import { MICROS_PER_SECOND, parseIsoDateTime, toPythonIso } from '../time.js';
import type { PerformanceDatum, PerformanceSignature } from '../types.js';

/** Raised where Treeherder lets an exception escape (unguarded casts and lookups). */
class Unhandled extends Error {}

/** Django casting a query value for an integer column: anything but an int blows up. */
function intsOrThrow(values: readonly string[]): number[] {
  return values.map((v) => {
    const n = pythonInt(v);
    if (n === null) throw new Unhandled();
    return n;
  });
}

/** A datetime compared against a DateTimeField: Django parses it or raises (→ 500). */
function datetimeOrThrow(value: string): number {
  const us = parseIsoDateTime(value);
  if (us === null) throw new Unhandled();
  return us;
}

function guarded(handler: (ctx: HandlerContext) => Reply): (ctx: HandlerContext) => Reply {
  return (ctx) => {
    try {
      return handler(ctx);
    } catch (error) {
      if (error instanceof Unhandled) return serverError();
      throw error;
    }
  };
}

/** `int(time.time() - int(interval))` seconds ago, as microseconds. */
function sinceInterval(ctx: HandlerContext, interval: string | number): number {
  const seconds = typeof interval === 'number' ? interval : pythonInt(interval);
  if (seconds === null) throw new Unhandled();
  return Math.trunc(ctx.nowUs() / MICROS_PER_SECOND - seconds) * MICROS_PER_SECOND;
}

function repositoryOrThrow(ctx: HandlerContext): { id: number; name: string } {
  const repository = ctx.model.repository(ctx.params.project ?? '');
  // `Repository.objects.get(name=project)` is not guarded in the perf views.
  if (!repository) throw new Unhandled();
  return repository;
}

function signatures(ctx: HandlerContext): Reply {
  const repository = repositoryOrThrow(ctx);
  let sigs: readonly PerformanceSignature[] = ctx.model.signaturesOf(repository.name);
  const parentHashes = ctx.query.getlist('parent_signature');
  if (parentHashes.length > 0) {
    const parents = new Set(sigs.filter((s) => parentHashes.includes(s.signatureHash)).map((s) => s.id));
    sigs = sigs.filter((s) => s.parentSignatureId !== null && parents.has(s.parentSignatureId));
  }
  const subtests = ctx.query.get('subtests');
  if (subtests !== undefined) {
    const flag = pythonInt(subtests);
    if (flag === null) throw new Unhandled();
    if (!flag) sigs = sigs.filter((s) => s.parentSignatureId === null);
  }
  const ids = ctx.query.getlist('id');
  if (ids.length > 0) {
    const parsed = ids.map(pythonInt);
    if (parsed.some((n) => n === null)) return message('One or more id values invalid (must be integer)');
    sigs = sigs.filter((s) => parsed.includes(s.id));
  }
  const hashes = ctx.query.getlist('signature');
  if (hashes.length > 0) sigs = sigs.filter((s) => hashes.includes(s.signatureHash));
  const frameworks = ctx.query.getlist('framework');
  if (frameworks.length > 0) {
    const wanted = intsOrThrow(frameworks);
    sigs = sigs.filter((s) => wanted.includes(s.frameworkId));
  }
  const interval = ctx.query.get('interval');
  const startDate = ctx.query.get('start_date');
  const endDate = ctx.query.get('end_date');
  if (interval && (startDate || endDate)) return message('Provide either interval only -or- start (and end) date');
  if (interval) {
    const since = sinceInterval(ctx, interval);
    sigs = sigs.filter((s) => s.lastUpdatedUs >= since);
  }
  if (startDate) {
    const from = datetimeOrThrow(startDate);
    sigs = sigs.filter((s) => s.lastUpdatedUs >= from);
  }
  if (endDate) {
    const to = datetimeOrThrow(endDate);
    sigs = sigs.filter((s) => s.lastUpdatedUs <= to);
  }
  const platform = ctx.query.get('platform');
  if (platform) sigs = sigs.filter((s) => s.platform === platform);
  const out: Record<string, unknown> = {};
  for (const s of sigs) out[String(s.id)] = signatureListEntry(s);
  return json(out);
}

function platforms(ctx: HandlerContext): Reply {
  // Filtered by repository name without a lookup: an unknown repository simply has none.
  let sigs: readonly PerformanceSignature[] = ctx.model.signaturesOf(ctx.params.project ?? '');
  const interval = ctx.query.get('interval');
  if (interval) {
    const since = sinceInterval(ctx, interval);
    sigs = sigs.filter((s) => s.lastUpdatedUs >= since);
  }
  const frameworks = ctx.query.getlist('framework');
  if (frameworks.length > 0) {
    const wanted = intsOrThrow(frameworks);
    sigs = sigs.filter((s) => wanted.includes(s.frameworkId));
  }
  return json([...new Set(sigs.map((s) => s.platform))]);
}

function perfData(ctx: HandlerContext): Reply {
  const repository = repositoryOrThrow(ctx);
  const model = ctx.model;
  const signatureHashes = ctx.query.getlist('signatures');
  const signatureIds = ctx.query.getlist('signature_id');
  const pushIds = ctx.query.getlist('push_id');
  const noRetriggersRaw = ctx.query.get('no_retriggers');
  let noRetriggers = false;
  if (noRetriggersRaw !== undefined) {
    const parsed = drfBoolean(noRetriggersRaw);
    // A serializer field used outside a serializer: its ValidationError renders as a list.
    if (!parsed.ok) return json(['Must be a valid boolean.'], 400);
    noRetriggers = parsed.value === true;
  }
  const jobIds: number[] = [];
  for (const raw of ctx.query.getlist('job_id')) {
    const id = pythonInt(raw);
    if (id === null) return message('Job id(s) must be specified as integers');
    jobIds.push(id);
  }
  if (signatureIds.length === 0 && signatureHashes.length === 0 && pushIds.length === 0 && jobIds.length === 0) {
    return json(['Need to specify either signature_id, signatures, push_id, or job_id'], 400);
  }
  if (signatureIds.length > 0 && signatureHashes.length > 0) {
    return json(["Can't specify both signature_id and signatures in same query"], 400);
  }
  const repoSignatures = model.signaturesOf(repository.name);
  let wantedSignatures: Set<number> | null = null;
  if (signatureHashes.length > 0) {
    wantedSignatures = new Set(repoSignatures.filter((s) => signatureHashes.includes(s.signatureHash)).map((s) => s.id));
  } else if (signatureIds.length > 0) {
    wantedSignatures = new Set(intsOrThrow(signatureIds));
  }
  const wantedPushes = pushIds.length > 0 ? new Set(intsOrThrow(pushIds)) : null;
  const wantedJobs = jobIds.length > 0 ? new Set(jobIds) : null;
  const frameworks = ctx.query.getlist('framework');
  const wantedFrameworks = frameworks.length > 0 ? new Set(intsOrThrow(frameworks)) : null;
  const interval = ctx.query.get('interval');
  const startDate = ctx.query.get('start_date');
  const endDate = ctx.query.get('end_date');
  if (interval && (startDate || endDate)) return message('Provide either interval only -or- start (and end) date');
  const after = interval ? sinceInterval(ctx, interval) : null;
  const startUs = startDate ? datetimeOrThrow(startDate) : null;
  const endUs = endDate ? datetimeOrThrow(endDate) : null;

  let candidates: readonly PerformanceDatum[];
  if (wantedSignatures) candidates = [...wantedSignatures].sort((a, b) => a - b).flatMap((id) => model.dataOfSignature(id));
  else candidates = model.data;
  const rows = candidates
    .filter((d) => {
      if (d.repositoryId !== repository.id) return false;
      if (wantedPushes && !wantedPushes.has(d.pushId)) return false;
      if (wantedJobs && !wantedJobs.has(d.jobId)) return false;
      const sig = model.signature(d.signatureId);
      if (wantedFrameworks && (!sig || !wantedFrameworks.has(sig.frameworkId))) return false;
      const ts = d.pushTimestamp * MICROS_PER_SECOND;
      if (after !== null && !(ts > after)) return false;
      if (startUs !== null && !(ts > startUs)) return false;
      if (endUs !== null && !(ts < endUs)) return false;
      return true;
    })
    .sort((a, b) => a.id - b.id);
  const out: Record<string, unknown[]> = {};
  const seen = new Map<string, Set<number>>();
  for (const d of rows) {
    const sig = model.signature(d.signatureId);
    if (!sig) continue;
    if (noRetriggers) {
      const pushes = seen.get(sig.signatureHash) ?? new Set<number>();
      if (pushes.has(d.pushId)) continue;
      pushes.add(d.pushId);
      seen.set(sig.signatureHash, pushes);
    }
    const list = out[sig.signatureHash] ?? [];
    list.push({
      id: d.id,
      signature_id: d.signatureId,
      job_id: d.jobId,
      push_id: d.pushId,
      revision: model.push(d.pushId)?.revision ?? null,
      push_timestamp: d.pushTimestamp,
      value: d.value,
    });
    out[sig.signatureHash] = list;
  }
  return json(out);
}

function jobData(ctx: HandlerContext): Reply {
  const repository = repositoryOrThrow(ctx);
  const raw = ctx.query.get('job_id');
  const jobId = raw === undefined ? null : pythonInt(raw);
  if (jobId === null) return message('Job id must be specified as integers');
  const datums = ctx.model.data.filter((d) => d.repositoryId === repository.id && d.jobId === jobId);
  const first = datums[0];
  if (!first) return message(`No data found for job_id=${jobId}`);
  const push = ctx.model.push(first.pushId);
  return json({
    job_id: first.jobId,
    push_id: first.pushId,
    push_timestamp: toPythonIso(first.pushTimestamp * MICROS_PER_SECOND),
    revision: push?.revision ?? null,
    data: datums.map((d) => {
      const s = ctx.model.signature(d.signatureId);
      return {
        id: d.id,
        signature_data: s
          ? {
              id: s.id,
              signature_hash: s.signatureHash,
              framework_id: s.frameworkId,
              option_collection_hash: s.optionCollectionHash,
              machine_platform: s.platform,
              suite: s.suite,
              should_alert: s.shouldAlert,
              lower_is_better: s.lowerIsBetter,
              test: s.test ? s.test : null,
              extra_options: s.extraOptions ? s.extraOptions.split(' ') : null,
              measurement_unit: s.measurementUnit ? s.measurementUnit : '',
            }
          : null,
        value: d.value,
      };
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// /api/performance/summary/

export function summaryFieldSpecs(ctx: HandlerContext): FieldSpec[] {
  return [
    { name: 'startday', kind: 'datetime', required: false, allowNull: true, default: null },
    { name: 'endday', kind: 'datetime', required: false, allowNull: true, default: null },
    { name: 'revision', kind: 'char', required: false, allowNull: true, default: null },
    {
      name: 'repository',
      kind: 'char',
      validate: (value) =>
        ctx.model.repository(String(value)) ? { value } : { error: `${String(value)} does not exist.` },
    },
    { name: 'framework', kind: 'intlist', required: false, default: [] },
    { name: 'interval', kind: 'int', required: false, allowNull: true, default: null },
    { name: 'parent_signature', kind: 'char', required: false, allowNull: true, default: null },
    { name: 'signature', kind: 'char', required: false, allowNull: true, default: null },
    { name: 'no_subtests', kind: 'bool', required: false },
    { name: 'all_data', kind: 'bool', required: false, default: false },
    { name: 'replicates', kind: 'bool', required: false, default: false },
    { name: 'no_retriggers', kind: 'bool', required: false, default: false },
  ];
}

/** DecimalField(decimal_places=2) output: banker's rounding on the decimal text of the float. */
export function decimal2(value: number): number {
  if (!Number.isFinite(value)) return value;
  const text = Math.abs(value).toString();
  if (/e/i.test(text)) return Math.round(value * 100) / 100;
  const [whole, frac = ''] = text.split('.');
  if (frac.length <= 2) return value;
  const kept = Number(`${whole}.${frac.slice(0, 2)}`);
  const rest = frac.slice(2);
  const cents = Math.round(kept * 100);
  let roundUp: boolean;
  if (rest[0] !== '5') roundUp = (rest[0] ?? '0') > '5';
  else if (/[1-9]/.test(rest.slice(1))) roundUp = true;
  else roundUp = cents % 2 === 1;
  const result = (cents + (roundUp ? 1 : 0)) / 100;
  return value < 0 ? -result : result;
}

function summaryName(s: PerformanceSignature): string {
  const testSuite = s.test === '' || s.test === s.suite ? s.suite : `${s.suite} ${s.test}`;
  return `${testSuite} ${s.optionName} ${s.extraOptions}`;
}

function performanceSummary(ctx: HandlerContext): Reply {
  const validated = validateQuery(ctx.query, summaryFieldSpecs(ctx), (data) =>
    data.revision === null && data.interval === null && (data.startday === null || data.endday === null)
      ? 'Required: revision, startday and endday or interval.'
      : null,
  );
  if (!validated.ok) return json(validated.errors, 400);
  const v = validated.data;
  // A blank `no_subtests=` is skipped by the serializer, and the view then indexes it: KeyError.
  if (!('no_subtests' in v)) return serverError();
  const model = ctx.model;
  const repositoryName = String(v.repository);
  const repository = model.repository(repositoryName);
  if (!repository) return serverError();
  const signature = v.signature as string | null;
  const frameworks = v.framework as number[];
  const parentSignature = v.parent_signature as string | null;
  const interval = v.interval as number | null;
  const allData = v.all_data === true;
  const revision = v.revision as string | null;
  const startday = v.startday as number | null;
  const endday = v.endday as number | null;

  let sigs = model.signaturesOf(repositoryName).slice();
  if (signature && signature.length === 40) sigs = sigs.filter((s) => s.signatureHash === signature);
  else if (signature) {
    const id = pythonInt(signature);
    if (id === null) return serverError();
    sigs = sigs.filter((s) => s.id === id);
  } else {
    // `parent_signature__isnull=no_subtests`: without no_subtests=true only subtests match.
    const noSubtests = v.no_subtests === true;
    sigs = sigs.filter((s) => (s.parentSignatureId === null) === noSubtests);
  }
  if (frameworks.length > 0) sigs = sigs.filter((s) => frameworks.includes(s.frameworkId));
  if (parentSignature) {
    const id = pythonInt(parentSignature);
    if (id === null) return serverError();
    sigs = sigs.filter((s) => s.parentSignatureId === id);
  }
  if (interval && !allData) {
    const since = sinceInterval(ctx, interval);
    sigs = sigs.filter((s) => s.lastUpdatedUs >= since);
  }

  let keep: (d: PerformanceDatum) => boolean;
  if (revision) {
    keep = (d) => model.push(d.pushId)?.revision === revision;
  } else if (interval && startday === null && endday === null) {
    const since = sinceInterval(ctx, interval);
    keep = (d) => d.pushTimestamp * MICROS_PER_SECOND > since;
  } else {
    // `push_timestamp__gt=None` raises in Django.
    if (startday === null || endday === null) return serverError();
    keep = (d) => d.pushTimestamp * MICROS_PER_SECOND > startday && d.pushTimestamp * MICROS_PER_SECOND < endday;
  }

  const rows = sigs.map((s) => {
    let shouldAlert = s.shouldAlert;
    if (shouldAlert === null && s.parentSignatureId !== null) {
      const parent = model.signature(s.parentSignatureId);
      if (parent && parent.shouldAlert !== false && model.dataOfSignature(parent.id).length > 0) shouldAlert = false;
    }
    const data = model.dataOfSignature(s.id).filter((d) => d.repositoryId === repository.id && keep(d));
    const row: Record<string, unknown> = {
      signature_id: s.id,
      framework_id: s.frameworkId,
      signature_hash: s.signatureHash,
      platform: s.platform,
      test: s.test,
      suite: s.suite,
      lower_is_better: s.lowerIsBetter,
      has_subtests: s.hasSubtests,
      tags: s.tags,
      values: [] as number[],
      name: summaryName(s),
      parent_signature: s.parentSignatureId,
      job_ids: [] as number[],
      repository_name: repositoryName,
      repository_id: repository.id,
      data: [] as unknown[],
      measurement_unit: s.measurementUnit,
      application: s.application,
      should_alert: shouldAlert,
      alert_change_type: s.alertChangeType,
      alert_threshold: s.alertThreshold,
      submit_times: [] as string[],
    };
    if (signature && allData) {
      const ordered = data
        .slice()
        .sort((a, b) => a.pushTimestamp - b.pushTimestamp || a.pushId - b.pushId || a.jobId - b.jobId);
      row.data = ordered.map((d) => {
        const job = model.perfJob(d.jobId);
        return {
          job_id: d.jobId,
          id: d.id,
          value: d.value,
          push_timestamp: toPythonIso(d.pushTimestamp * MICROS_PER_SECOND),
          push_id: d.pushId,
          revision: model.push(d.pushId)?.revision ?? null,
          submit_time: job ? toPythonIso(job.submitTimeUs) : null,
          machine_name: job ? job.machineName : null,
        };
      });
    } else {
      const ordered = data.slice().sort((a, b) => a.jobId - b.jobId || a.id - b.id);
      row.values = ordered.map((d) => decimal2(d.value));
      row.job_ids = ordered.map((d) => d.jobId);
      row.submit_times = ordered.map((d) => {
        const job = model.perfJob(d.jobId);
        return job ? toPythonIso(job.submitTimeUs) : null;
      });
    }
    return row;
  });

  if (v.no_retriggers === true) {
    for (const row of rows) {
      let seenPush: unknown = null;
      row.data = (row.data as Array<{ push_id: number }>).filter((d) => {
        if (d.push_id === seenPush) return false;
        seenPush = d.push_id;
        return true;
      });
    }
  }
  return json(rows);
}

export const perfRoutes: Route[] = [
  route('/api/project/:project/performance/signatures/', guarded(signatures)),
  route('/api/project/:project/performance/platforms/', guarded(platforms)),
  route('/api/project/:project/performance/data/', guarded(perfData)),
  route('/api/project/:project/performance/job-data/', guarded(jobData)),
  route('/api/performance/summary/', guarded(performanceSummary)),
];
