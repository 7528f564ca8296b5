import { ErrorCode, UpstreamError } from '../errors.js';
import type { QueryParams, RequestScope, Upstream } from './http.js';
import {
  toAlertSummary,
  toBugSuggestion,
  toDecisionTasks,
  toJobBugLink,
  toJobCounts,
  toJobNote,
  toPerfCompareRow,
  toPerformanceData,
  toPerformanceSeries,
  toPushNote,
  toTaskclusterMetadata,
  toTextLogError,
  toJobDetail,
  toJobLog,
  toJobSummaries,
  toOptionCollection,
  toPush,
  toRepository,
  toSignature,
} from './normalize.js';
import type {
  AlertSummaryPayload,
  BugJobMapPayload,
  BugSuggestionPayload,
  DecisionTaskPayload,
  DrfPagePayload,
  MachinePlatformPayload,
  NotePayload,
  PerfCompareRowPayload,
  PerformanceDatumPayload,
  PerformanceSummaryPayload,
  PushNotePayload,
  PushStatusPayload,
  TaskclusterMetadataPayload,
  TextLogErrorPayload,
  JobDictListPayload,
  JobLogUrlPayload,
  JobRowPagePayload,
  NamedPayload,
  OptionCollectionPayload,
  PushListPayload,
  RepositoryPayload,
  SignaturePayload,
} from './payloads.js';
import type {
  AlertSummary,
  AlertSummaryPage,
  BugSuggestion,
  DecisionTask,
  FailureClassification,
  JobBugLink,
  JobCounts,
  JobNote,
  MachinePlatform,
  PerfCompareRow,
  PerformanceDatum,
  PerformanceSeries,
  PerformanceTag,
  PushNote,
  TaskclusterMetadata,
  TextLogError,
  JobDetail,
  JobLog,
  JobSummary,
  OptionCollection,
  PerformanceFramework,
  PerformanceSignature,
  Push,
  Repository,
} from './types.js';

/** Treeherder's page caps. */
export const LIMITS = {
  /** `push/?count=`: "Specified count exceeds api limit: 1000". */
  pushCount: 1000,
  /** `/api/jobs/` page size and the project jobs `count` cap (MAX_JOBS_COUNT). */
  jobPage: 2000,
  /** Alert summaries: `limit` default 10, max 100. */
  alertSummaryPage: 100,
} as const;

/** Pages of one job listing read at most when no budget bounds them (a budget always does in the gateway). */
const MAX_LISTING_PAGES = 1000;

export interface JobPageOptions {
  /** Stop after this many jobs (the last page is not fetched when it is not needed). */
  limit?: number;
  /** Jobs per upstream page; Treeherder's maximum (2000) unless a test wants small pages. */
  pageSize?: number;
}

/**
 * Treeherder's REST endpoints as typed methods, bound to one GraphQL request's scope
 * (its signer, caller agent and observer). Every envelope is unwrapped here.
 */
export interface TreeherderApi {
  repositories(): Promise<Repository[]>;
  /** `GET /api/project/{repo}/push/` with the given filters (send `count`: the default is 10). */
  pushes(repository: string, params: QueryParams): Promise<Push[]>;
  /** `GET /api/jobs/` with the given filters, every page (pages after the first are fetched in parallel). */
  jobSummaries(params: QueryParams, options?: JobPageOptions): Promise<JobSummary[]>;
  /** `GET /api/project/{repo}/jobs/` in dict mode. */
  jobDetails(repository: string, params: QueryParams): Promise<JobDetail[]>;
  /** `GET /api/project/{repo}/job-log-url/?job_id=…` (repeated parameter). */
  jobLogs(repository: string, jobIds: readonly number[]): Promise<JobLog[]>;
  /** `GET /api/project/{repo}/performance/signatures/`, unkeyed into a list ordered by id. */
  signatures(repository: string, params: QueryParams): Promise<PerformanceSignature[]>;
  frameworks(): Promise<PerformanceFramework[]>;
  optionCollections(): Promise<OptionCollection[]>;
  failureClassifications(): Promise<FailureClassification[]>;
  performanceTags(): Promise<PerformanceTag[]>;
  machinePlatforms(): Promise<MachinePlatform[]>;
  /** `GET /api/project/{repo}/jobs/{id}/text_log_errors/` (no batch form). */
  textLogErrors(repository: string, jobId: number): Promise<TextLogError[]>;
  /** `GET /api/project/{repo}/jobs/{id}/bug_suggestions/` (no batch form). */
  bugSuggestions(repository: string, jobId: number): Promise<BugSuggestion[]>;
  /** `GET /api/project/{repo}/note/?job_id=N` (one job per request). */
  jobNotes(repository: string, jobId: number): Promise<JobNote[]>;
  /** `GET /api/project/{repo}/bug-job-map/?job_id=…` (repeated parameter). */
  jobBugLinks(repository: string, jobIds: readonly number[]): Promise<JobBugLink[]>;
  /** `GET /api/taskclustermetadata/?job_ids=1,2` (CSV, required). */
  taskclusterMetadata(jobIds: readonly number[]): Promise<TaskclusterMetadata[]>;
  /** `GET /api/project/{repo}/jobs/{id}/similar_jobs/`. */
  similarJobs(repository: string, jobId: number, params: QueryParams): Promise<JobDetail[]>;
  /** `GET /api/project/{repo}/push/{id}/status/`. */
  pushStatus(repository: string, pushId: number): Promise<JobCounts>;
  /** `GET /api/project/{repo}/note/push_notes/?revision=`. */
  pushNotes(repository: string, revision: string): Promise<PushNote[]>;
  /** `GET /api/project/{repo}/push/decisiontask/?push_ids=1,2` (CSV); none found is an empty list. */
  decisionTasks(repository: string, pushIds: readonly number[]): Promise<DecisionTask[]>;
  /** `GET /api/project/{repo}/performance/platforms/`. */
  performancePlatforms(repository: string, params: QueryParams): Promise<string[]>;
  /** `GET /api/project/{repo}/performance/data/`: points keyed by signature hash. */
  performanceData(repository: string, params: QueryParams): Promise<Map<string, PerformanceDatum[]>>;
  /** `GET /api/performance/summary/`. */
  performanceSummary(params: QueryParams): Promise<PerformanceSeries[]>;
  /** `GET /api/performance/alertsummary/` (page/limit). */
  alertSummaries(params: QueryParams): Promise<AlertSummaryPage>;
  /** `GET /api/performance/alertsummary/{id}/`; null when Treeherder has none. */
  alertSummary(id: number): Promise<AlertSummary | null>;
  /** `GET /api/perfcompare/results/`. */
  perfCompare(params: QueryParams): Promise<PerfCompareRow[]>;
}

export function createTreeherderApi(upstream: Upstream, scope: RequestScope): TreeherderApi {
  const get = <T>(path: string, params: QueryParams = []): Promise<T> => upstream.getJson<T>(path, params, scope);
  const project = (repository: string, rest: string): string => `/api/project/${encodeURIComponent(repository)}/${rest}`;

  return {
    async repositories() {
      return (await get<RepositoryPayload[]>('/api/repository/')).map(toRepository);
    },

    async pushes(repository, params) {
      const body = await get<PushListPayload>(project(repository, 'push/'), params);
      return body.results.map(toPush);
    },

    async jobSummaries(params, options = {}) {
      const limit = options.limit ?? Number.POSITIVE_INFINITY;
      const pageSize = Math.min(options.pageSize ?? LIMITS.jobPage, limit);
      const first = await get<JobRowPagePayload>('/api/jobs/', [...params, ['count', pageSize]]);
      const jobs = toJobSummaries(first);
      // The first page tells the total. It is believed only as far as this request could use
      // it: up to `limit`, and no more pages than the GraphQL request's budget can pay for (a
      // page claiming `count: 1e9` is refused here, not planned); a count that is no count is
      // not believed at all.
      const count = typeof first.count === 'number' && Number.isSafeInteger(first.count) && first.count >= 0 ? first.count : jobs.length;
      const wanted = Math.min(count, limit);
      if (first.next === null || jobs.length >= wanted) return jobs.slice(0, limit);
      const more = Math.ceil(wanted / pageSize) - 1;
      const affordable = Math.min(scope.budget?.remaining() ?? MAX_LISTING_PAGES, MAX_LISTING_PAGES);
      if (more > affordable) {
        throw (
          scope.budget?.exceeded('/api/jobs/', more) ??
          new UpstreamError(ErrorCode.UPSTREAM_BAD_RESPONSE, `Treeherder claims ${count} jobs for one listing; the gateway reads at most ${MAX_LISTING_PAGES} pages.`, null, null, '/api/jobs/')
        );
      }
      // The remaining pages need not wait for each other's `next` link: fetch them side by side.
      const pages: number[] = [];
      for (let page = 2; page <= more + 1; page += 1) pages.push(page);
      const rest = await Promise.all(
        pages.map((page) => get<JobRowPagePayload>('/api/jobs/', [...params, ['count', pageSize], ['page', page]])),
      );
      for (const page of rest) jobs.push(...toJobSummaries(page));
      return jobs.slice(0, limit);
    },

    async jobDetails(repository, params) {
      const body = await get<JobDictListPayload>(project(repository, 'jobs/'), params);
      return body.results.map(toJobDetail);
    },

    async jobLogs(repository, jobIds) {
      const params = jobIds.map((id) => ['job_id', id] as const);
      return (await get<JobLogUrlPayload[]>(project(repository, 'job-log-url/'), params)).map(toJobLog);
    },

    async signatures(repository, params) {
      const body = await get<Record<string, SignaturePayload>>(project(repository, 'performance/signatures/'), params);
      return Object.values(body)
        .map((payload) => toSignature(payload, repository))
        .sort((a, b) => a.id - b.id);
    },

    async frameworks() {
      return (await get<NamedPayload[]>('/api/performance/framework/')).map(({ id, name }) => ({ id, name }));
    },

    async optionCollections() {
      return (await get<OptionCollectionPayload[]>('/api/optioncollectionhash/')).map(toOptionCollection);
    },

    async failureClassifications() {
      return (await get<NamedPayload[]>('/api/failureclassification/')).map(({ id, name }) => ({ id, name }));
    },

    async performanceTags() {
      return (await get<NamedPayload[]>('/api/performance/tag/')).map(({ id, name }) => ({ id, name }));
    },

    async machinePlatforms() {
      return (await get<MachinePlatformPayload[]>('/api/machineplatforms/')).map(({ id, platform }) => ({ id, platform }));
    },

    async textLogErrors(repository, jobId) {
      return (await get<TextLogErrorPayload[]>(project(repository, `jobs/${jobId}/text_log_errors/`))).map(toTextLogError);
    },

    async bugSuggestions(repository, jobId) {
      return (await get<BugSuggestionPayload[]>(project(repository, `jobs/${jobId}/bug_suggestions/`))).map(toBugSuggestion);
    },

    async jobNotes(repository, jobId) {
      return (await get<NotePayload[]>(project(repository, 'note/'), [['job_id', jobId]])).map(toJobNote);
    },

    async jobBugLinks(repository, jobIds) {
      const params = jobIds.map((id) => ['job_id', id] as const);
      return (await get<BugJobMapPayload[]>(project(repository, 'bug-job-map/'), params)).map(toJobBugLink);
    },

    async taskclusterMetadata(jobIds) {
      const body = await get<TaskclusterMetadataPayload[]>('/api/taskclustermetadata/', [['job_ids', jobIds.join(',')]]);
      return body.map(toTaskclusterMetadata);
    },

    async similarJobs(repository, jobId, params) {
      const body = await get<JobDictListPayload>(project(repository, `jobs/${jobId}/similar_jobs/`), params);
      return body.results.map(toJobDetail);
    },

    async pushStatus(repository, pushId) {
      return toJobCounts(await get<PushStatusPayload>(project(repository, `push/${pushId}/status/`)));
    },

    async pushNotes(repository, revision) {
      return (await get<PushNotePayload[]>(project(repository, 'note/push_notes/'), [['revision', revision]])).map(toPushNote);
    },

    async decisionTasks(repository, pushIds) {
      try {
        return toDecisionTasks(await get<DecisionTaskPayload>(project(repository, 'push/decisiontask/'), [['push_ids', pushIds.join(',')]]));
      } catch (error) {
        // Treeherder answers 404 when none of the pushes has a decision task.
        if (error instanceof UpstreamError && error.code === ErrorCode.UPSTREAM_NOT_FOUND) return [];
        throw error;
      }
    },

    async performancePlatforms(repository, params) {
      return get<string[]>(project(repository, 'performance/platforms/'), params);
    },

    async performanceData(repository, params) {
      return toPerformanceData(await get<Record<string, PerformanceDatumPayload[]>>(project(repository, 'performance/data/'), params), repository);
    },

    async performanceSummary(params) {
      return (await get<PerformanceSummaryPayload[]>('/api/performance/summary/', params)).map(toPerformanceSeries);
    },

    async alertSummaries(params) {
      const body = await get<DrfPagePayload<AlertSummaryPayload>>('/api/performance/alertsummary/', params);
      return { count: body.count, hasNext: body.next !== null, summaries: body.results.map(toAlertSummary) };
    },

    async alertSummary(id) {
      try {
        return toAlertSummary(await get<AlertSummaryPayload>(`/api/performance/alertsummary/${id}/`));
      } catch (error) {
        if (error instanceof UpstreamError && error.code === ErrorCode.UPSTREAM_NOT_FOUND) return null;
        throw error;
      }
    },

    async perfCompare(params) {
      return (await get<PerfCompareRowPayload[]>('/api/perfcompare/results/', params)).map(toPerfCompareRow);
    },
  };
}
