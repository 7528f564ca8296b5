import type { QueryParams, RequestScope, Upstream } from './http.js';
import {
  toJobDetail,
  toJobLog,
  toJobSummaries,
  toOptionCollection,
  toPush,
  toRepository,
  toSignature,
} from './normalize.js';
import type {
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
} as const;

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
      const wanted = Math.min(first.count, limit);
      if (first.next === null || jobs.length >= wanted) return jobs.slice(0, limit);
      // The first page tells the total, so the remaining pages need not wait for each
      // other's `next` link: fetch them side by side.
      const pages: number[] = [];
      for (let page = 2; (page - 1) * pageSize < wanted; page += 1) pages.push(page);
      const rest = await Promise.all(
        pages.map((page) => get<JobRowPagePayload>('/api/jobs/', [...params, ['count', pageSize], ['page', page]])),
      );
      for (const page of rest) jobs.push(...toJobSummaries(page));
      return jobs.slice(0, limit);
    },

    async jobDetails(repository, params) {
      const body = await get<JobDictListPayload>(project(repository, 'jobs/'), params);
      const now = Date.now() / 1000;
      return body.results.map((job) => toJobDetail(job, now));
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
  };
}
