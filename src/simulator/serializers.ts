import type { BugSuggestion } from './job-artifacts.js';
import { MICROS_PER_SECOND, microsToEpochSeconds, toPythonIso } from './time.js';
import type {
  Bug,
  BugJobMapEntry,
  Job,
  JobLogUrl,
  JobNote,
  PerformanceAlert,
  PerformanceAlertSummary,
  PerformanceSignature,
  Push,
  Repository,
  TextLogError,
} from './types.js';

/**
 * Model → Treeherder payloads. Key order follows the serializers and views of Treeherder
 * (JSON consumers should not care, but diffing against production is easier this way).
 */

export function repositoryPayload(r: Repository): Record<string, unknown> {
  return {
    id: r.id,
    repository_group: { name: r.repositoryGroup.name, description: r.repositoryGroup.description },
    name: r.name,
    dvcs_type: r.dvcsType,
    url: r.url,
    codebase: r.codebase,
    description: r.description,
    active_status: r.activeStatus,
    life_cycle_order: r.lifeCycleOrder,
    performance_alerts_enabled: r.performanceAlertsEnabled,
    expire_performance_data: r.expirePerformanceData,
    is_try_repo: r.isTryRepo,
    tc_root_url: r.tcRootUrl,
    accepts_pull_requests: r.acceptsPullRequests,
  };
}

/** `revisions` holds at most 20 commits, newest first; `revision_count` counts them all. */
export function pushPayload(p: Push): Record<string, unknown> {
  const newestFirst = p.commits.slice().reverse().slice(0, 20);
  return {
    id: p.id,
    revision: p.revision,
    author: p.author,
    branch: p.branch,
    revisions: newestFirst.map((c) => ({
      result_set_id: p.id,
      repository_id: p.repositoryId,
      revision: c.revision,
      author: c.author,
      comments: c.comments,
    })),
    revision_count: p.commits.length,
    push_timestamp: p.pushTimestamp,
    repository_id: p.repositoryId,
  };
}

/** `to_timestamp`: epoch seconds; the 1970 placeholder of unstarted/unfinished jobs is 0. */
function epoch(us: number): number {
  return microsToEpochSeconds(us);
}

/** The 37 keys of the project jobs list, in `_property_query_mapping` order (+ platform_option). */
export const PROJECT_JOB_PROPERTY_NAMES = [
  'build_architecture',
  'build_os',
  'build_platform',
  'build_platform_id',
  'build_system_type',
  'end_timestamp',
  'failure_classification_id',
  'id',
  'job_group_description',
  'job_group_id',
  'job_group_name',
  'job_group_symbol',
  'job_guid',
  'job_type_description',
  'job_type_id',
  'job_type_name',
  'job_type_symbol',
  'last_modified',
  'machine_name',
  'machine_platform_architecture',
  'machine_platform_os',
  'option_collection_hash',
  'platform',
  'push_id',
  'reason',
  'ref_data_name',
  'result',
  'result_set_id',
  'signature',
  'start_timestamp',
  'state',
  'submit_timestamp',
  'tier',
  'who',
  'task_id',
  'retry_id',
  'platform_option',
] as const;

export function projectJobValues(j: Job): unknown[] {
  return [
    j.buildArchitecture,
    j.buildOs,
    j.buildPlatform,
    j.buildPlatformId,
    j.buildSystemType,
    epoch(j.endTimeUs),
    j.failureClassificationId,
    j.id,
    j.jobGroupDescription,
    j.jobGroupId,
    j.jobGroupName,
    j.jobGroupSymbol,
    j.guid,
    j.jobTypeDescription,
    j.jobTypeId,
    j.jobTypeName,
    j.jobTypeSymbol,
    toPythonIso(j.lastModifiedUs),
    j.machineName,
    j.machinePlatformArchitecture,
    j.machinePlatformOs,
    j.optionCollectionHash,
    j.platform,
    j.pushId,
    j.reason,
    j.refDataName,
    j.result,
    j.pushId,
    j.signature,
    epoch(j.startTimeUs),
    j.state,
    epoch(j.submitTimeUs),
    j.tier,
    j.who,
    j.taskId,
    j.retryId,
    j.platformOption,
  ];
}

export function projectJobDict(j: Job): Record<string, unknown> {
  const values = projectJobValues(j);
  const out: Record<string, unknown> = {};
  PROJECT_JOB_PROPERTY_NAMES.forEach((name, i) => {
    out[name] = values[i];
  });
  return out;
}

/** The global `/api/jobs/` property order (current code; older fixtures differ). */
export const JOB_PROPERTY_NAMES = [
  'failure_classification_id',
  'id',
  'job_group_name',
  'job_group_symbol',
  'job_type_name',
  'job_type_symbol',
  'last_modified',
  'platform',
  'push_id',
  'push_revision',
  'result',
  'signature',
  'state',
  'tier',
  'task_id',
  'retry_id',
  'duration',
  'platform_option',
] as const;

/** `Job.get_duration`: minutes, at least 1, measured to "now" while unfinished. */
export function durationMinutes(j: Job, nowUs: number): number {
  const end = epoch(j.endTimeUs) ? j.endTimeUs : nowUs;
  const start = epoch(j.startTimeUs) ? j.startTimeUs : j.submitTimeUs;
  const seconds = Math.max((end - start) / MICROS_PER_SECOND, 60);
  return Math.max(roundHalfEven(seconds / 60), 1);
}

/** Python's `round()` to an integer (banker's rounding). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export function compactJob(j: Job, push: Push, nowUs: number): unknown[] {
  return [
    j.failureClassificationId,
    j.id,
    j.jobGroupName,
    j.jobGroupSymbol,
    j.jobTypeName,
    j.jobTypeSymbol,
    toPythonIso(j.lastModifiedUs),
    j.platform,
    j.pushId,
    push.revision,
    j.result,
    j.signature,
    j.state,
    j.tier,
    j.taskId,
    j.retryId,
    durationMinutes(j, nowUs),
    j.platformOption,
  ];
}

/** Job detail: the serializer's 34 keys, then resource_uri, logs, and the optional extras. */
export function jobDetail(j: Job, repositoryName: string, logs: readonly JobLogUrl[]): Record<string, unknown> {
  const dict = projectJobDict(j);
  delete dict.task_id;
  delete dict.retry_id;
  delete dict.platform_option;
  const out: Record<string, unknown> = {
    ...dict,
    resource_uri: `/api/project/${repositoryName}/jobs/${j.id}/`,
    logs: logs.map((l) => ({ name: l.name, url: l.url })),
  };
  if (j.platformOption) out.platform_option = j.platformOption;
  out.task_id = j.taskId;
  out.retry_id = j.retryId;
  out.taskcluster_metadata = { task_id: j.taskId, retry_id: j.retryId };
  return out;
}

export function logPayload(l: JobLogUrl): Record<string, unknown> {
  return { id: l.id, job_id: l.jobId, name: l.name, url: l.url, parse_status: l.parseStatus };
}

export function textLogErrorPayload(e: TextLogError): Record<string, unknown> {
  return { id: e.id, job: e.jobId, line: e.line, line_number: e.lineNumber, new_failure: e.newFailure };
}

export function notePayload(n: JobNote): Record<string, unknown> {
  return {
    id: n.id,
    job_id: n.jobId,
    failure_classification_id: n.failureClassificationId,
    created: toPythonIso(n.createdUs),
    who: n.who,
    text: n.text,
  };
}

export function bugJobMapPayload(b: BugJobMapEntry): Record<string, unknown> {
  return { job_id: b.jobId, bug_id: b.bugId, bug_internal_id: b.bugInternalId, created: toPythonIso(b.createdUs), who: b.who };
}

export function bugPayload(b: Bug): Record<string, unknown> {
  return {
    id: b.bugzillaId,
    status: b.status,
    resolution: b.resolution,
    summary: b.summary,
    dupe_of: b.dupeOf,
    crash_signature: b.crashSignature,
    keywords: b.keywords,
    whiteboard: b.whiteboard,
    internal_id: b.internalId,
    // Only internal issues (no Bugzilla id) report occurrences.
    occurrences: b.bugzillaId === null ? 1 : null,
  };
}

export function bugSuggestionPayload(s: BugSuggestion): Record<string, unknown> {
  return {
    search: s.search,
    search_terms: s.searchTerms,
    path_end: s.pathEnd,
    bugs: { open_recent: s.openRecent.map(bugPayload), all_others: s.allOthers.map(bugPayload) },
    line_number: s.lineNumber,
    counter: s.counter,
    failure_new_in_rev: s.failureNewInRev,
  };
}

/** Signature list entry: optional keys are left out rather than sent as null. */
export function signatureListEntry(s: PerformanceSignature): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id,
    signature_hash: s.signatureHash,
    framework_id: s.frameworkId,
    option_collection_hash: s.optionCollectionHash,
    machine_platform: s.platform,
    suite: s.suite,
    should_alert: s.shouldAlert,
  };
  if (!s.lowerIsBetter) out.lower_is_better = false;
  if (s.test) out.test = s.test;
  if (s.application) out.application = s.application;
  if (s.hasSubtests) out.has_subtests = true;
  if (s.tags) out.tags = s.tags.split(' ');
  if (s.parentSignatureHash) out.parent_signature = s.parentSignatureHash;
  if (s.extraOptions) out.extra_options = s.extraOptions.split(' ');
  if (s.measurementUnit) out.measurement_unit = s.measurementUnit;
  return out;
}

/** The signature as embedded in alerts (`WordsField` turns '' into `[""]`). */
export function alertSignaturePayload(s: PerformanceSignature): Record<string, unknown> {
  return {
    id: s.id,
    framework_id: s.frameworkId,
    signature_hash: s.signatureHash,
    machine_platform: s.platform,
    suite: s.suite,
    test: s.test,
    lower_is_better: s.lowerIsBetter,
    has_subtests: s.hasSubtests,
    option_collection_hash: s.optionCollectionHash,
    tags: s.tags.split(' '),
    extra_options: s.extraOptions.split(' '),
    measurement_unit: s.measurementUnit,
    suite_public_name: s.suitePublicName,
    test_public_name: s.testPublicName,
  };
}

export interface AlertPayloadContext {
  signature(id: number): PerformanceSignature | undefined;
  /** Task of the first datum of (signature, push), or {} when there is none. */
  taskMetadata(signatureId: number, pushId: number): Record<string, unknown>;
  summary(id: number): PerformanceAlertSummary | undefined;
}

export function alertPayload(a: PerformanceAlert, ctx: AlertPayloadContext): Record<string, unknown> {
  const summary = ctx.summary(a.summaryId);
  const signature = ctx.signature(a.signatureId);
  return {
    id: a.id,
    status: a.status,
    series_signature: signature ? alertSignaturePayload(signature) : null,
    taskcluster_metadata: summary ? ctx.taskMetadata(a.signatureId, summary.pushId) : {},
    prev_taskcluster_metadata: summary ? ctx.taskMetadata(a.signatureId, summary.prevPushId) : {},
    profile_url: null,
    prev_profile_url: null,
    is_regression: a.isRegression,
    prev_value: a.prevValue,
    new_value: a.newValue,
    t_value: a.tValue,
    amount_abs: a.amountAbs,
    amount_pct: a.amountPct,
    summary_id: a.summaryId,
    related_summary_id: a.relatedSummaryId,
    manually_created: a.manuallyCreated,
    classifier: a.classifier,
    starred: a.starred,
    classifier_email: a.classifierEmail,
    backfill_record: a.backfillRecord
      ? {
          context: a.backfillRecord.context,
          status: a.backfillRecord.status,
          total_actions_triggered: a.backfillRecord.totalActionsTriggered,
          total_backfills_failed: a.backfillRecord.totalBackfillsFailed,
          total_backfills_successful: a.backfillRecord.totalBackfillsSuccessful,
          total_backfills_in_progress: a.backfillRecord.totalBackfillsInProgress,
        }
      : null,
    side_by_side_available: false,
    noise_profile: a.noiseProfile,
  };
}

export interface SummaryPayloadContext extends AlertPayloadContext {
  alert(id: number): PerformanceAlert | undefined;
  push(id: number): Push | undefined;
  repositoryName(id: number): string;
  summaries: readonly PerformanceAlertSummary[];
}

function isoOrNull(us: number | null): string | null {
  return us === null ? null : toPythonIso(us);
}

export function alertSummaryPayload(s: PerformanceAlertSummary, ctx: SummaryPayloadContext): Record<string, unknown> {
  const push = ctx.push(s.pushId);
  const prev = ctx.push(s.prevPushId);
  const alerts = s.alertIds.map((id) => ctx.alert(id)).filter((a): a is PerformanceAlert => a !== undefined);
  const related = s.relatedAlertIds.map((id) => ctx.alert(id)).filter((a): a is PerformanceAlert => a !== undefined);
  return {
    id: s.id,
    push_id: s.pushId,
    prev_push_id: s.prevPushId,
    original_revision: s.originalPushId === null ? null : (ctx.push(s.originalPushId)?.revision ?? null),
    created: toPythonIso(s.createdUs),
    first_triaged: isoOrNull(s.firstTriagedUs),
    triage_due_date: isoOrNull(s.triageDueDateUs),
    repository: ctx.repositoryName(s.repositoryId),
    framework: s.frameworkId,
    alerts: alerts.map((a) => alertPayload(a, ctx)),
    related_alerts: related.map((a) => alertPayload(a, ctx)),
    status: s.status,
    bug_number: s.bugNumber,
    bug_status: s.bugStatus,
    bug_due_date: isoOrNull(s.bugDueDateUs),
    bug_updated: isoOrNull(s.bugUpdatedUs),
    issue_tracker: s.issueTracker,
    notes: s.notes,
    revision: push?.revision ?? null,
    push_timestamp: push?.pushTimestamp ?? null,
    prev_push_revision: prev?.revision ?? null,
    original_prev_push_revision: s.originalPrevPushId === null ? null : (ctx.push(s.originalPrevPushId)?.revision ?? null),
    assignee_username: s.assigneeUsername,
    assignee_email: s.assigneeEmail,
    performance_tags: s.performanceTags,
    duplicated_summaries: ctx.summaries
      .filter((o) => o.pushId === s.pushId && o.frameworkId === s.frameworkId && o.id !== s.id)
      .map((o) => ({ id: o.id, status: o.status })),
  };
}
