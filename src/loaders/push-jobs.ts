import type { TreeherderApi } from '../treeherder/api.js';
import { estimateBytes, type SharedCaches } from '../treeherder/cache.js';
import type { QueryParams } from '../treeherder/http.js';
import type { JobSummary } from '../treeherder/types.js';
import { filterKey, filterParams, UNFILTERED, type JobFilter } from '../job-filter.js';
import { matchesFilter, planPushChunks, usesWholeLists, type JobsPerPushEstimate } from '../job-plan.js';
import { toError } from './common.js';

/** One page of one push's jobs. */
export interface PushJobsKey extends JobFilter {
  pushId: number;
  /** Jobs with an id above this one (keyset cursor); null for the first page. */
  afterId: number | null;
  first: number;
}

export interface JobPage {
  jobs: JobSummary[];
  hasNextPage: boolean;
}

/** A push's whole job list as the shared cache keeps it, revalidated with `last_modified__gt`. */
interface CachedJobList {
  jobs: JobSummary[];
  /** The latest `last_modified` among the jobs, ms since the epoch. */
  watermark: number;
  /** Every job is completed: nothing will change but a classification or a retrigger. */
  settled: boolean;
  storedAt: number;
}

/**
 * How far before the newest `last_modified` a revalidation asks from: a job saved just
 * before the list was read may become visible (its transaction committed) just after.
 */
const REVALIDATION_OVERLAP_MS = 60_000;

/**
 * The latest `last_modified` of the jobs, ms since the epoch (0 for none). The times are in the
 * client's one form (`YYYY-MM-DDTHH:MM:SS[.mmm]Z`, see `naiveIsoToIso`): two of the same length
 * order as text, so only the latest is parsed, not each job's.
 */
export function latestModified(jobs: readonly JobSummary[]): number {
  let latest: string | null = null;
  for (const job of jobs) {
    const time = job.lastModified;
    if (latest === null || (time.length === latest.length ? time > latest : Date.parse(time) > Date.parse(latest))) latest = time;
  }
  return latest === null ? 0 : Math.max(0, Date.parse(latest));
}

const jobListKey = (pushId: number): string => `push-jobs:${pushId}`;

export interface PushJobsContext {
  api: TreeherderApi;
  primeJobs: (jobs: readonly JobSummary[]) => void;
  shared: SharedCaches | null;
  estimate: JobsPerPushEstimate;
}

/**
 * Pages of jobs for many pushes.
 *
 * Whole job lists: first pages with no filter, and any page of a push whose whole list is
 * needed anyway, are answered from one `GET /api/jobs/?push_id__in=…` listing, cut into
 * chunks that each fit one page (see `job-plan.ts`) and fetched side by side. A filtered page
 * of such a push is filtered here instead of asking Treeherder again. With shared caches, a
 * push's whole list is kept and revalidated with one `push_id__in=…&last_modified__gt=…`
 * request for all cached pushes (none while every job is completed and the list is younger
 * than the job TTL), as Treeherder's own UI polls.
 *
 * Other first pages with the same filters share a `push_id__in` request; a page after a
 * cursor, or a lone small first page, has its own `push_id=…&id__gt=…` request that stops
 * once the page is full.
 */
export async function loadPushJobs(context: PushJobsContext, keys: readonly PushJobsKey[]): Promise<Array<JobPage | Error>> {
  const { api, primeJobs, shared, estimate } = context;
  const results = new Map<PushJobsKey, JobPage | Error>();
  const page = (jobs: readonly JobSummary[], first: number): JobPage => ({
    jobs: jobs.slice(0, first),
    hasNextPage: jobs.length > first,
  });

  // Which pushes are answered from their whole job list.
  const unfilteredFirst = keys.filter((key) => key.afterId === null && filterKey(key) === UNFILTERED);
  const cached = new Map<number, CachedJobList>();
  const whole = new Set<number>();
  await shared?.entities.warm(keys.map((key) => jobListKey(key.pushId)));
  for (const key of keys) {
    const list = shared?.entities.get<CachedJobList>(jobListKey(key.pushId));
    if (list) cached.set(key.pushId, list);
  }
  const pushesAtLevel = new Set(unfilteredFirst.map((key) => key.pushId)).size;
  for (const key of unfilteredFirst) {
    if (usesWholeLists(pushesAtLevel, key.first, estimate.get(UNFILTERED))) whole.add(key.pushId);
  }
  for (const pushId of cached.keys()) whole.add(pushId);
  if (shared) for (const pushId of whole) shared.observe('push-jobs', cached.has(pushId) ? 'hit' : 'miss');

  const lists = new Map<number, JobSummary[] | Error>();
  const store = (pushId: number, jobs: JobSummary[]): void => {
    lists.set(pushId, jobs);
    if (!shared) return;
    let settled = true;
    for (const job of jobs) {
      if (job.state !== 'completed') settled = false;
    }
    const entry: CachedJobList = { jobs, watermark: latestModified(jobs), settled, storedAt: Date.now() };
    shared.entities.set(jobListKey(pushId), entry, 64 + (jobs.length > 0 ? jobs.length * estimateBytes(jobs[0]) : 0));
  };

  const work: Promise<void>[] = [];
  // Cached lists: reuse the settled, fresh ones; revalidate the rest in one listing.
  const stale: number[] = [];
  for (const [pushId, list] of cached) {
    if (list.settled && Date.now() - list.storedAt < shared!.settings.jobTtlMs) lists.set(pushId, list.jobs);
    else stale.push(pushId);
  }
  if (stale.length > 0) {
    const since = Math.min(...stale.map((pushId) => cached.get(pushId)!.watermark)) - REVALIDATION_OVERLAP_MS;
    const chunks = planPushChunks(stale, 0);
    work.push(
      ...chunks.map((chunk) =>
        api.jobSummaries([['push_id__in', chunk.join(',')], ['last_modified__gt', new Date(since).toISOString().replace(/Z$/, '')]]).then(
          (changed) => {
            const byPush = new Map<number, Map<number, JobSummary>>();
            for (const pushId of chunk) byPush.set(pushId, new Map(cached.get(pushId)!.jobs.map((job) => [job.id, job])));
            for (const job of changed) byPush.get(job.pushId)?.set(job.id, job);
            for (const [pushId, jobs] of byPush) store(pushId, [...jobs.values()].sort((a, b) => a.id - b.id));
          },
          (error: unknown) => {
            for (const pushId of chunk) lists.set(pushId, toError(error));
          },
        ),
      ),
    );
  }
  // Whole lists not cached: chunks predicted to fit one page each, side by side.
  const missing = [...whole].filter((pushId) => !cached.has(pushId));
  work.push(
    ...planPushChunks(missing, estimate.get(UNFILTERED)).map((chunk) =>
      api.jobSummaries([['push_id__in', chunk.join(',')]]).then(
        (jobs) => {
          estimate.observe(UNFILTERED, chunk.length, jobs.length);
          const byPush = new Map<number, JobSummary[]>(chunk.map((pushId) => [pushId, []]));
          for (const job of jobs) byPush.get(job.pushId)?.push(job);
          for (const [pushId, list] of byPush) store(pushId, list);
        },
        (error: unknown) => {
          for (const pushId of chunk) lists.set(pushId, toError(error));
        },
      ),
    ),
  );

  // Everything else asks Treeherder with its filter.
  const firstPages = new Map<string, PushJobsKey[]>();
  const single: PushJobsKey[] = [];
  for (const key of keys) {
    if (whole.has(key.pushId)) continue;
    const filter = filterKey(key);
    // A page after a cursor, or a small unfiltered first page: its own request, `first + 1` jobs.
    if (key.afterId !== null || filter === UNFILTERED) {
      single.push(key);
      continue;
    }
    firstPages.set(filter, [...(firstPages.get(filter) ?? []), key]);
  }
  for (const group of firstPages.values()) {
    if (group.length === 1) single.push(group[0]!);
  }
  for (const key of single) {
    const params: QueryParams = [
      ['push_id', key.pushId],
      ...(key.afterId !== null ? ([['id__gt', key.afterId]] as const) : []),
      ...filterParams(key),
    ];
    work.push(
      api.jobSummaries(params, { limit: key.first + 1 }).then(
        (jobs) => {
          primeJobs(jobs);
          results.set(key, page(jobs, key.first));
        },
        (error: unknown) => void results.set(key, toError(error)),
      ),
    );
  }
  for (const [filter, group] of firstPages) {
    if (group.length === 1) continue;
    const pushIds = [...new Set(group.map((key) => key.pushId))];
    work.push(
      Promise.all(
        planPushChunks(pushIds, estimate.get(filter)).map((chunk) =>
          api.jobSummaries([['push_id__in', chunk.join(',')], ...filterParams(group[0]!)]).then(
            (jobs) => {
              estimate.observe(filter, chunk.length, jobs.length);
              return { chunk, jobs } as const;
            },
            (error: unknown) => ({ chunk, error: toError(error) }) as const,
          ),
        ),
      ).then((chunks) => {
        const perPush = new Map<number, JobSummary[] | Error>();
        for (const done of chunks) {
          for (const pushId of done.chunk) perPush.set(pushId, 'error' in done ? done.error : []);
          if ('jobs' in done) for (const job of done.jobs) (perPush.get(job.pushId) as JobSummary[] | undefined)?.push(job);
        }
        for (const key of group) {
          const found = perPush.get(key.pushId)!;
          if (found instanceof Error) {
            results.set(key, found);
            continue;
          }
          primeJobs(found);
          results.set(key, page(found, key.first));
        }
      }),
    );
  }
  await Promise.all(work);

  // Pages of whole lists: filtered and cut here.
  for (const key of keys) {
    if (!whole.has(key.pushId)) continue;
    const list = lists.get(key.pushId)!;
    if (list instanceof Error) {
      results.set(key, list);
      continue;
    }
    primeJobs(list);
    const unfiltered = filterKey(key) === UNFILTERED;
    // `page` copies what it keeps: the cached list itself is never handed out.
    const jobs =
      unfiltered && key.afterId === null
        ? list
        : list.filter((job) => (key.afterId === null || job.id > key.afterId) && (unfiltered || matchesFilter(job, key)));
    results.set(key, page(jobs, key.first));
  }
  return keys.map((key) => results.get(key)!);
}
