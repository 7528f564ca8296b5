import type {
  CommitPayload,
  JobDictPayload,
  JobLogUrlPayload,
  JobRowPagePayload,
  OptionCollectionPayload,
  PushPayload,
  RepositoryPayload,
  SignaturePayload,
} from './payloads.js';
import type {
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
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const date = new Date(hasZone ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not an ISO-8601 time: ${value}`);
  return date.toISOString().replace('.000Z', 'Z');
}

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

/** Minutes from start (or submission) to end (or now), at least 1: Treeherder's `duration`. */
export function durationMinutes(submit: number, start: number, end: number, nowSeconds: number): number {
  const from = start > 0 ? start : submit;
  const to = end > 0 ? end : nowSeconds;
  return Math.max(1, Math.round((to - from) / 60));
}

export function toJobDetail(payload: JobDictPayload, nowSeconds = Date.now() / 1000): JobDetail {
  return {
    id: payload.id,
    pushId: payload.push_id,
    pushRevision: null,
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
    duration: durationMinutes(payload.submit_timestamp, payload.start_timestamp, payload.end_timestamp, nowSeconds),
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
