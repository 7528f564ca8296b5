import DataLoader from 'dataloader';
import { batchMany, batchOne, csvItem, repeatedItem } from '../batch.js';
import { filterKey, UNFILTERED } from '../job-filter.js';
import { createJobsPerPushEstimate, type JobsPerPushEstimate } from '../job-plan.js';
import { LIMITS } from '../treeherder/api.js';
import { estimateBytes, type SharedCaches } from '../treeherder/cache.js';
import type {
  BugSuggestion,
  JobBugLink,
  JobDetail,
  JobLog,
  JobNote,
  JobSummary,
  TaskclusterMetadata,
  TextLogError,
} from '../treeherder/types.js';
import { byId, fanOut, type LoaderContext, type RepositoryKey } from './common.js';
import { loadPushJobs, type JobPage, type PushJobsKey } from './push-jobs.js';

export interface SimilarJobsKey {
  repository: string;
  jobId: number;
  /** Only jobs of this push and older ones (the push of the page's cursor). */
  maxPushId: number | null;
  count: number;
  excludeSuccessful: boolean;
}

export interface JobLoaders {
  pushJobs: DataLoader<PushJobsKey, JobPage, string>;
  jobSummary: DataLoader<number, JobSummary | null>;
  jobDetail: DataLoader<RepositoryKey, JobDetail | null, number>;
  jobLogs: DataLoader<RepositoryKey, JobLog[], number>;
  textLogErrors: DataLoader<RepositoryKey, TextLogError[], number>;
  bugSuggestions: DataLoader<RepositoryKey, BugSuggestion[], number>;
  jobNotes: DataLoader<RepositoryKey, JobNote[], number>;
  jobBugLinks: DataLoader<RepositoryKey, JobBugLink[], number>;
  taskclusterMetadata: DataLoader<number, TaskclusterMetadata | null>;
  /** Up to `count` of a job's similar jobs, in Treeherder's order (newest push first). */
  similarJobs: DataLoader<SimilarJobsKey, JobDetail[], string>;
}

/** A gateway-wide estimate of jobs per push, keyed by job filter. */
export const createJobsEstimate = (): JobsPerPushEstimate => createJobsPerPushEstimate(UNFILTERED);

export function createJobLoaders({ api, shared, limit }: LoaderContext, estimate: JobsPerPushEstimate): JobLoaders {
  const jobSummary = new DataLoader<number, JobSummary | null>((ids) =>
    // GET /api/jobs/?id__in=… (CSV, ≤ 2000 per page, ordered by id; no repository needed).
    // Completed jobs are shared for the job TTL (only their classification may still change).
    withSharedEntries(shared, 'job', ids, (id) => `job:${id}`, (missing) =>
      batchOne(missing, {
        groupOf: () => '',
        idOf: (id) => id,
        limits: { maxItems: LIMITS.jobPage, charsPerItem: csvItem },
        fetch: async (_group, chunk) => {
          const found = await api.jobSummaries([['id__in', chunk.join(',')]], { limit: chunk.length });
          if (shared) {
            for (const job of found) {
              if (job.state === 'completed') shared.entities.set(`job:${job.id}`, job, estimateBytes(job), shared.settings.jobTtlMs);
            }
          }
          return found;
        },
        rowId: (job) => job.id,
      }),
    ),
  );

  const primeJobs = (jobs: readonly JobSummary[]): void => {
    for (const job of jobs) jobSummary.prime(job.id, job);
  };

  return {
    jobSummary,

    // GET /api/jobs/?push_id__in=… (CSV), cut into chunks of one page each; see push-jobs.ts.
    pushJobs: new DataLoader<PushJobsKey, JobPage, string>((keys) => loadPushJobs({ api, primeJobs, shared, estimate }, keys), {
      cacheKeyFn: (key) => `${key.pushId}/${key.afterId}/${key.first}/${filterKey(key)}`,
    }),

    jobDetail: new DataLoader<RepositoryKey, JobDetail | null, number>(
      // GET /api/project/{repo}/jobs/?id__in=…&count=N (CSV; count defaults to 10, max 2000).
      (keys) =>
        batchOne(keys, {
          groupOf: (key) => key.repository,
          idOf: (key) => key.id,
          limits: { maxItems: LIMITS.jobPage, charsPerItem: csvItem },
          fetch: (repository, ids) =>
            api.jobDetails(repository, [
              ['id__in', ids.join(',')],
              ['count', ids.length],
            ]),
          rowId: (job) => job.id,
        }),
      { cacheKeyFn: (key) => key.id },
    ),

    jobLogs: new DataLoader<RepositoryKey, JobLog[], number>(
      // GET /api/project/{repo}/job-log-url/?job_id=1&job_id=2 (repeated; CSV is a 400).
      (keys) =>
        batchMany(keys, {
          groupOf: (key) => key.repository,
          idOf: (key) => key.id,
          limits: { maxItems: Number.POSITIVE_INFINITY, charsPerItem: repeatedItem('job_id') },
          fetch: (repository, ids) => api.jobLogs(repository, ids),
          rowId: (log) => log.jobId,
        }),
      { cacheKeyFn: (key) => key.id },
    ),

    // Per job, no batch form: fanned out with bounded concurrency, once per job.
    // GET /api/project/{repo}/jobs/{id}/text_log_errors/
    textLogErrors: fanOut(limit, (key: RepositoryKey) => api.textLogErrors(key.repository, key.id), byId),
    // GET /api/project/{repo}/jobs/{id}/bug_suggestions/
    bugSuggestions: fanOut(limit, (key: RepositoryKey) => api.bugSuggestions(key.repository, key.id), byId),
    // GET /api/project/{repo}/note/?job_id=
    jobNotes: fanOut(limit, (key: RepositoryKey) => api.jobNotes(key.repository, key.id), byId),

    jobBugLinks: new DataLoader<RepositoryKey, JobBugLink[], number>(
      // GET /api/project/{repo}/bug-job-map/?job_id=1&job_id=2 (repeated).
      (keys) =>
        batchMany(keys, {
          groupOf: (key) => key.repository,
          idOf: (key) => key.id,
          limits: { maxItems: Number.POSITIVE_INFINITY, charsPerItem: repeatedItem('job_id') },
          fetch: (repository, ids) => api.jobBugLinks(repository, ids),
          rowId: (link) => link.jobId,
        }),
      { cacheKeyFn: byId },
    ),

    taskclusterMetadata: new DataLoader<number, TaskclusterMetadata | null>((ids) =>
      // GET /api/taskclustermetadata/?job_ids=1,2,3 (CSV; global, no repository).
      batchOne(ids, {
        groupOf: () => '',
        idOf: (id) => id,
        limits: { maxItems: LIMITS.jobPage, charsPerItem: csvItem },
        fetch: (_group, chunk) => api.taskclusterMetadata(chunk),
        rowId: (row) => row.jobId,
      }),
    ),

    // GET /api/project/{repo}/jobs/{id}/similar_jobs/: per job, no batch form.
    similarJobs: fanOut(
      limit,
      (key: SimilarJobsKey) =>
        api.similarJobs(key.repository, key.jobId, [
          ['count', key.count],
          ...(key.maxPushId !== null ? ([['push_id__lte', key.maxPushId]] as const) : []),
          // Treeherder drops successes when `nosuccess` is present, whatever its value.
          ...(key.excludeSuccessful ? ([['nosuccess', 'true']] as const) : []),
        ]),
      (key) => JSON.stringify([key.jobId, key.maxPushId, key.count, key.excludeSuccessful]),
    ),
  };
}

/**
 * Answers the keys the shared cache holds and batches the rest through `load` (dense, in
 * key order). Without shared caches, everything goes to `load`.
 */
async function withSharedEntries<V>(
  shared: SharedCaches | null,
  kind: 'job',
  ids: readonly number[],
  cacheKey: (id: number) => string,
  load: (missing: readonly number[]) => Promise<Array<V | null | Error>>,
): Promise<Array<V | null | Error>> {
  if (!shared) return load(ids);
  await shared.entities.warm(ids.map(cacheKey));
  const answers = ids.map((id) => shared.entities.get<V>(cacheKey(id)));
  for (const answer of answers) shared.observe(kind, answer === undefined ? 'miss' : 'hit');
  const missing = ids.filter((_id, index) => answers[index] === undefined);
  if (missing.length === 0) return answers as V[];
  const loaded = await load(missing);
  let next = 0;
  return answers.map((answer) => (answer === undefined ? loaded[next++]! : answer));
}
