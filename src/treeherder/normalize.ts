import type {
  AlertPayload,
  AlertSummaryPayload,
  BugJobMapPayload,
  BugPayload,
  BugSuggestionPayload,
  CommitPayload,
  DecisionTaskPayload,
  NotePayload,
  PerfCompareRowPayload,
  PerformanceDatumPayload,
  PerformanceSummaryPayload,
  PushNotePayload,
  PushStatusPayload,
  SummaryPointPayload,
  TaskclusterMetadataPayload,
  TextLogErrorPayload,
  JobDictPayload,
  JobLogUrlPayload,
  JobRowPagePayload,
  OptionCollectionPayload,
  PushPayload,
  RepositoryPayload,
  SignaturePayload,
} from './payloads.js';
import { ALERT_SIGNATURE_LACKS, RELATED_ALERT_SIGNATURE_LACKS } from './types.js';
import type {
  Alert,
  AlertStatus,
  AlertSummary,
  AlertSummaryStatus,
  Bug,
  BugSuggestion,
  DecisionTask,
  JobBugLink,
  JobCounts,
  JobNote,
  PerfCompareRow,
  PerformanceDatum,
  PerformanceSeries,
  PerformanceSummaryPoint,
  PushNote,
  TaskclusterMetadata,
  TextLogError,
  JobDetail,
  JobLog,
  JobSummary,
  OptionCollection,
  PerformanceSignature,
  Push,
  Repository,
  Revision,
} from './types.js';

/** Epoch seconds (possibly fractional) → ISO-8601 UTC. */
export function epochToIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Treeherder's zone-less ISO strings are UTC (the server runs with `USE_TZ=False`,
 * `TIME_ZONE=UTC`); give them their `Z`. Strings that already carry a zone are re-serialised.
 */
export function naiveIsoToIso(value: string): string {
  // The common case, a zone-less `YYYY-MM-DDTHH:MM:SS[.ffffff]`, is rewritten as text:
  // job lists hold thousands of these and a Date round trip each is measurable.
  // Cut from the text by position (no match array): seconds end at 19, a fraction starts at 20.
  if (NAIVE_ISO.test(value)) {
    if (value.length === 19) return `${value}Z`;
    if (value.length >= 23) return value.startsWith('000', 20) ? `${value.slice(0, 19)}Z` : `${value.slice(0, 23)}Z`;
    const millis = value.slice(20).padEnd(3, '0');
    return millis === '000' ? `${value.slice(0, 19)}Z` : `${value.slice(0, 20)}${millis}Z`;
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const date = new Date(hasZone ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not an ISO-8601 time: ${value}`);
  return date.toISOString().replace('.000Z', 'Z');
}

const NAIVE_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$/;

export function toRepository(payload: RepositoryPayload): Repository {
  return {
    id: payload.id,
    name: payload.name,
    dvcsType: payload.dvcs_type,
    url: payload.url,
    codebase: payload.codebase,
    description: payload.description,
    groupName: payload.repository_group.name,
    groupDescription: payload.repository_group.description,
    lifeCycleOrder: payload.life_cycle_order,
    performanceAlertsEnabled: payload.performance_alerts_enabled,
    expirePerformanceData: payload.expire_performance_data,
    isTryRepo: payload.is_try_repo,
    taskclusterRootUrl: payload.tc_root_url,
    acceptsPullRequests: payload.accepts_pull_requests ?? null,
  };
}

function toRevision(payload: CommitPayload): Revision {
  return { revision: payload.revision, author: payload.author, comments: payload.comments };
}

export function toPush(payload: PushPayload): Push {
  return {
    id: payload.id,
    revision: payload.revision,
    author: payload.author,
    timestamp: epochToIso(payload.push_timestamp),
    repositoryId: payload.repository_id,
    revisions: payload.revisions.map(toRevision),
    revisionCount: payload.revision_count,
  };
}

/**
 * Zips the positional rows of `GET /api/jobs/` with `job_property_names`. Never by
 * position: the order has changed across Treeherder versions.
 */
export function toJobSummaries(page: JobRowPagePayload): JobSummary[] {
  const index = new Map(page.job_property_names.map((name, position) => [name, position]));
  const column = (name: string): number => {
    const position = index.get(name);
    if (position === undefined) throw new Error(`/api/jobs/ rows lack the property ${name}`);
    return position;
  };
  const optional = (name: string): number | null => index.get(name) ?? null;
  const at = {
    id: column('id'),
    pushId: column('push_id'),
    pushRevision: optional('push_revision'),
    failureClassificationId: column('failure_classification_id'),
    jobGroupName: column('job_group_name'),
    jobGroupSymbol: column('job_group_symbol'),
    jobTypeName: column('job_type_name'),
    jobTypeSymbol: column('job_type_symbol'),
    lastModified: column('last_modified'),
    platform: column('platform'),
    result: column('result'),
    signature: column('signature'),
    state: column('state'),
    tier: column('tier'),
    taskId: optional('task_id'),
    retryId: optional('retry_id'),
    duration: column('duration'),
    platformOption: column('platform_option'),
  };
  return page.results.map((row) => ({
    id: row[at.id] as number,
    pushId: row[at.pushId] as number,
    pushRevision: at.pushRevision === null ? null : ((row[at.pushRevision] as string | undefined) ?? null),
    failureClassificationId: row[at.failureClassificationId] as number,
    jobGroupName: row[at.jobGroupName] as string,
    jobGroupSymbol: row[at.jobGroupSymbol] as string,
    jobTypeName: row[at.jobTypeName] as string,
    jobTypeSymbol: row[at.jobTypeSymbol] as string,
    lastModified: naiveIsoToIso(row[at.lastModified] as string),
    platform: row[at.platform] as string,
    result: row[at.result] as string,
    signature: row[at.signature] as string,
    state: row[at.state] as string,
    tier: row[at.tier] as number,
    taskId: at.taskId === null ? null : ((row[at.taskId] as string | null | undefined) ?? null),
    retryId: at.retryId === null ? null : ((row[at.retryId] as number | null | undefined) ?? null),
    duration: row[at.duration] as number,
    platformOption: (row[at.platformOption] as string | undefined) ?? '',
  }));
}

/** The project jobs route's dict; it lacks `duration` and `push_revision` (see `JOB_DETAIL_LACKS`). */
export function toJobDetail(payload: JobDictPayload): JobDetail {
  return {
    id: payload.id,
    pushId: payload.push_id,
    failureClassificationId: payload.failure_classification_id,
    jobGroupName: payload.job_group_name,
    jobGroupSymbol: payload.job_group_symbol,
    jobTypeName: payload.job_type_name,
    jobTypeSymbol: payload.job_type_symbol,
    lastModified: naiveIsoToIso(payload.last_modified),
    platform: payload.platform,
    result: payload.result,
    signature: payload.signature,
    state: payload.state,
    tier: payload.tier,
    taskId: payload.task_id ?? null,
    retryId: payload.retry_id ?? null,
    platformOption: payload.platform_option ?? '',
    guid: payload.job_guid,
    buildArchitecture: payload.build_architecture,
    buildOs: payload.build_os,
    buildPlatform: payload.build_platform,
    buildSystemType: payload.build_system_type,
    jobGroupDescription: payload.job_group_description,
    jobTypeDescription: payload.job_type_description,
    machineName: payload.machine_name,
    machinePlatformArchitecture: payload.machine_platform_architecture,
    machinePlatformOs: payload.machine_platform_os,
    optionCollectionHash: payload.option_collection_hash,
    reason: payload.reason,
    who: payload.who,
    submitTime: epochToIso(payload.submit_timestamp),
    // 0 means "not yet" in Treeherder's epoch fields.
    startTime: payload.start_timestamp > 0 ? epochToIso(payload.start_timestamp) : null,
    endTime: payload.end_timestamp > 0 ? epochToIso(payload.end_timestamp) : null,
  };
}

export function toJobLog(payload: JobLogUrlPayload): JobLog {
  return { id: payload.id, jobId: payload.job_id, name: payload.name, url: payload.url, parseStatus: payload.parse_status };
}

/** Signatures omit keys that hold their default; fill them in. */
export function toSignature(payload: SignaturePayload, repository: string): PerformanceSignature {
  return {
    id: payload.id,
    repository,
    signatureHash: payload.signature_hash,
    frameworkId: payload.framework_id,
    optionCollectionHash: payload.option_collection_hash,
    platform: payload.machine_platform,
    suite: payload.suite,
    test: payload.test ? payload.test : null,
    lowerIsBetter: payload.lower_is_better ?? true,
    hasSubtests: payload.has_subtests ?? false,
    tags: payload.tags ?? [],
    parentSignatureHash: payload.parent_signature ?? null,
    extraOptions: payload.extra_options ?? [],
    application: payload.application ?? null,
    measurementUnit: payload.measurement_unit ?? null,
    shouldAlert: payload.should_alert ?? null,
  };
}

export function toOptionCollection(payload: OptionCollectionPayload): OptionCollection {
  return { hash: payload.option_collection_hash, options: payload.options.map((option) => option.name) };
}

export function toTextLogError(payload: TextLogErrorPayload): TextLogError {
  return { id: payload.id, jobId: payload.job, line: payload.line, lineNumber: payload.line_number, newFailure: payload.new_failure };
}

function toBug(payload: BugPayload): Bug {
  return {
    id: payload.id,
    internalId: payload.internal_id,
    status: payload.status,
    resolution: payload.resolution,
    summary: payload.summary,
    dupeOf: payload.dupe_of,
    crashSignature: payload.crash_signature,
    keywords: payload.keywords,
    whiteboard: payload.whiteboard,
    occurrences: payload.occurrences ?? null,
  };
}

export function toBugSuggestion(payload: BugSuggestionPayload): BugSuggestion {
  return {
    search: payload.search,
    searchTerms: payload.search_terms,
    pathEnd: payload.path_end,
    lineNumber: payload.line_number,
    counter: payload.counter,
    failureNewInRev: payload.failure_new_in_rev,
    openRecentBugs: payload.bugs.open_recent.map(toBug),
    allOtherBugs: payload.bugs.all_others.map(toBug),
  };
}

export function toJobNote(payload: NotePayload): JobNote {
  return {
    id: payload.id,
    jobId: payload.job_id,
    failureClassificationId: payload.failure_classification_id,
    created: naiveIsoToIso(payload.created),
    who: payload.who,
    text: payload.text,
  };
}

export function toJobBugLink(payload: BugJobMapPayload): JobBugLink {
  return {
    jobId: payload.job_id,
    bugId: payload.bug_id,
    internalId: payload.bug_internal_id,
    created: naiveIsoToIso(payload.created),
    who: payload.who,
  };
}

export function toTaskclusterMetadata(payload: TaskclusterMetadataPayload): TaskclusterMetadata {
  return { jobId: payload.job, taskId: payload.task_id, retryId: payload.retry_id };
}

const STATE_KEYS = new Set(['pending', 'running', 'completed']);

/** `push/{id}/status/`: states apart, one count per result; `coalesced` only mirrors `superseded`. */
export function toJobCounts(payload: PushStatusPayload): JobCounts {
  const results = Object.entries(payload)
    .filter(([key, count]) => !STATE_KEYS.has(key) && key !== 'coalesced' && typeof count === 'number' && count > 0)
    .map(([result, count]) => ({ result, count }))
    .sort((a, b) => a.result.localeCompare(b.result));
  return { pending: payload['pending'] ?? 0, running: payload['running'] ?? 0, completed: payload['completed'] ?? 0, results };
}

export function toPushNote(payload: PushNotePayload): PushNote {
  return {
    id: payload.id,
    taskId: payload.job.task_id,
    jobTypeName: payload.job.job_type_name,
    result: payload.job.result,
    failureClassification: payload.failure_classification_name,
    created: naiveIsoToIso(payload.created),
    who: payload.who,
    text: payload.text,
  };
}

export function toDecisionTasks(payload: DecisionTaskPayload): DecisionTask[] {
  return Object.entries(payload).map(([pushId, task]) => ({ pushId: Number(pushId), taskId: task.id, run: String(task.run) }));
}

export function toPerformanceData(payload: Record<string, PerformanceDatumPayload[]>, repository: string): Map<string, PerformanceDatum[]> {
  // The series of one request share their pushes, so most timestamps repeat: each is formatted once.
  const timestamps = new Map<number, string>();
  const pushTimestamp = (seconds: number): string => {
    let iso = timestamps.get(seconds);
    if (iso === undefined) timestamps.set(seconds, (iso = epochToIso(seconds)));
    return iso;
  };
  return new Map(
    Object.entries(payload).map(([hash, points]) => [
      hash,
      points.map((point) => ({
        id: point.id,
        signatureId: point.signature_id,
        repository,
        value: point.value,
        pushId: point.push_id,
        revision: point.revision,
        pushTimestamp: pushTimestamp(point.push_timestamp),
        jobId: point.job_id,
      })),
    ]),
  );
}

function toSummaryPoint(payload: SummaryPointPayload): PerformanceSummaryPoint {
  return {
    id: payload.id,
    jobId: payload.job_id,
    value: payload.value,
    pushId: payload.push_id,
    revision: payload.revision,
    pushTimestamp: naiveIsoToIso(payload.push_timestamp),
    submitTime: payload.submit_time ? naiveIsoToIso(payload.submit_time) : null,
    machineName: payload.machine_name ?? null,
  };
}

export function toPerformanceSeries(payload: PerformanceSummaryPayload): PerformanceSeries {
  return {
    signatureId: payload.signature_id,
    signatureHash: payload.signature_hash,
    frameworkId: payload.framework_id,
    repository: payload.repository_name,
    platform: payload.platform,
    suite: payload.suite,
    test: payload.test ? payload.test : null,
    name: payload.name,
    lowerIsBetter: payload.lower_is_better,
    hasSubtests: payload.has_subtests,
    parentSignatureId: payload.parent_signature,
    // The summary endpoint sends tags as one space-separated string.
    tags: payload.tags ? payload.tags.split(' ').filter(Boolean) : [],
    measurementUnit: payload.measurement_unit,
    application: payload.application ? payload.application : null,
    shouldAlert: payload.should_alert,
    values: payload.values,
    jobIds: payload.job_ids,
    data: payload.data.map(toSummaryPoint),
  };
}

const SUMMARY_STATUSES: readonly AlertSummaryStatus[] = ['UNTRIAGED', 'DOWNSTREAM', 'REASSIGNED', 'INVALID', 'IMPROVEMENT', 'INVESTIGATING', 'WONTFIX', 'FIXED', 'BACKED_OUT', 'INFRA'];
const ALERT_STATUSES: readonly AlertStatus[] = ['UNTRIAGED', 'DOWNSTREAM', 'REASSIGNED', 'INVALID', 'ACKNOWLEDGED', 'INFRA'];

export function alertSummaryStatusCode(status: AlertSummaryStatus): number {
  return SUMMARY_STATUSES.indexOf(status);
}

function enumOf<T>(values: readonly T[], code: number, what: string): T {
  const value = values[code];
  if (value === undefined) throw new Error(`unknown ${what} status ${code}`);
  return value;
}

/**
 * An alert as a summary embeds it. `repository` is the listing summary's: the repository of
 * the alert's series when the alert is the summary's own, unknown for a related alert (one
 * of another summary, which may be of another repository).
 */
function toAlert(payload: AlertPayload, repository: string | null): Alert {
  const signature = payload.series_signature;
  // Normalised as the signatures endpoint's entries are (empty values are absent there).
  const carried = {
    id: signature.id,
    signatureHash: signature.signature_hash,
    frameworkId: signature.framework_id,
    optionCollectionHash: signature.option_collection_hash,
    platform: signature.machine_platform,
    suite: signature.suite,
    test: signature.test ? signature.test : null,
    lowerIsBetter: signature.lower_is_better,
    hasSubtests: signature.has_subtests,
    // `WordsField` sends `[""]` for an empty value.
    tags: signature.tags.filter(Boolean),
    extraOptions: signature.extra_options.filter(Boolean),
    measurementUnit: signature.measurement_unit ? signature.measurement_unit : null,
  };
  return {
    id: payload.id,
    status: enumOf(ALERT_STATUSES, payload.status, 'alert'),
    series:
      repository === null
        ? { ...carried, ownerSummaryId: payload.summary_id, lacks: RELATED_ALERT_SIGNATURE_LACKS }
        : { ...carried, repository, lacks: ALERT_SIGNATURE_LACKS },
    isRegression: payload.is_regression,
    prevValue: payload.prev_value,
    newValue: payload.new_value,
    amountAbs: payload.amount_abs,
    amountPct: payload.amount_pct,
    tValue: payload.t_value,
    summaryId: payload.summary_id,
    relatedSummaryId: payload.related_summary_id,
    manuallyCreated: payload.manually_created,
    starred: payload.starred,
    classifier: payload.classifier,
    noiseProfile: payload.noise_profile ?? null,
    profileUrl: payload.profile_url ?? null,
    prevProfileUrl: payload.prev_profile_url ?? null,
  };
}

export function toAlertSummary(payload: AlertSummaryPayload): AlertSummary {
  const iso = (value: string | null | undefined): string | null => (value ? naiveIsoToIso(value) : null);
  return {
    id: payload.id,
    repository: payload.repository,
    frameworkId: payload.framework,
    pushId: payload.push_id,
    prevPushId: payload.prev_push_id,
    revision: payload.revision,
    prevPushRevision: payload.prev_push_revision,
    originalRevision: payload.original_revision ?? null,
    pushTimestamp: epochToIso(payload.push_timestamp),
    created: naiveIsoToIso(payload.created),
    firstTriaged: iso(payload.first_triaged),
    triageDueDate: iso(payload.triage_due_date),
    bugDueDate: iso(payload.bug_due_date),
    status: enumOf(SUMMARY_STATUSES, payload.status, 'alert summary'),
    bugNumber: payload.bug_number,
    bugUpdated: iso(payload.bug_updated),
    notes: payload.notes,
    assignee: payload.assignee_username ? { username: payload.assignee_username, email: payload.assignee_email } : null,
    tags: payload.performance_tags,
    alerts: payload.alerts.map((alert) => toAlert(alert, payload.repository)),
    relatedAlerts: payload.related_alerts.map((alert) => toAlert(alert, alert.summary_id === payload.id ? payload.repository : null)),
    duplicatedSummaryIds: (payload.duplicated_summaries ?? []).map((summary) => summary.id),
  };
}

export function toPerfCompareRow(payload: PerfCompareRowPayload): PerfCompareRow {
  return {
    signatureId: payload.new_signature_id ?? payload.base_signature_id,
    frameworkId: payload.framework_id,
    platform: payload.platform,
    suite: payload.suite,
    test: payload.test,
    headerName: payload.header_name,
    option: payload.option_name,
    extraOptions: payload.extra_options,
    baseRevision: payload.base_rev,
    newRevision: payload.new_rev,
    baseRepository: payload.base_repository_name,
    newRepository: payload.new_repository_name,
    isComplete: payload.is_complete,
    lowerIsBetter: payload.lower_is_better ?? true,
    baseRuns: payload.base_runs,
    newRuns: payload.new_runs,
    baseAverage: payload.base_avg_value,
    newAverage: payload.new_avg_value,
    baseMedian: payload.base_median_value,
    newMedian: payload.new_median_value,
    baseStddev: payload.base_stddev,
    newStddev: payload.new_stddev,
    delta: payload.delta_value,
    deltaPercentage: payload.delta_percentage,
    confidence: payload.confidence,
    confidenceText: payload.confidence_text ?? '',
    isImprovement: payload.is_improvement ?? false,
    isRegression: payload.is_regression ?? false,
    isMeaningful: payload.is_meaningful ?? false,
    moreRunsAreNeeded: payload.more_runs_are_needed ?? false,
  };
}
