import { chunkIds, csvItem } from './batch.js';
import { LIMITS } from './treeherder/api.js';
import type { JobSummary } from './treeherder/types.js';
import type { JobFilter } from './job-filter.js';

// How the jobs of many pushes are fetched in as few round trips as possible without more
// requests than the fewest possible. One `push_id__in` list costs ⌈jobs / 2000⌉ pages, but
// page 2 can only be asked for once page 1 has told the total: three round trips for 2,500
// jobs. Cutting the push list into chunks that each fit one page, fetched side by side, costs
// the same number of requests in one round trip — if the chunks are cut right. The gateway
// learns how many jobs a push has from the listings it gets, and cuts by that.

/** Jobs per push assumed before any listing was seen: low, so a wrong guess costs a round trip, not requests. */
export const DEFAULT_JOBS_PER_PUSH = 200;
const SMOOTHING = 0.3;
const MAX_FILTERS = 100;

export interface JobsPerPushEstimate {
  /** The expected number of jobs per push for listings with this filter (`filterKey`). */
  get(filter: string): number;
  /** `jobs` came back for `pushes` pushes with this filter, every page read. */
  observe(filter: string, pushes: number, jobs: number): void;
}

/**
 * A moving average per filter, gateway-wide (it is no data of any caller: only how big pushes
 * are). Unfiltered listings start at `initial`; filtered ones at 0 (one chunk) until seen.
 */
export function createJobsPerPushEstimate(unfilteredKey: string, initial = DEFAULT_JOBS_PER_PUSH): JobsPerPushEstimate {
  const estimates = new Map<string, number>([[unfilteredKey, initial]]);
  return {
    get: (filter) => estimates.get(filter) ?? 0,
    observe(filter, pushes, jobs) {
      if (pushes <= 0) return;
      const seen = jobs / pushes;
      const before = estimates.get(filter);
      if (before === undefined && estimates.size >= MAX_FILTERS) return;
      estimates.set(filter, before === undefined ? seen : before + SMOOTHING * (seen - before));
    },
  };
}

/**
 * Jobs a whole-list listing may fetch for one level of first pages beyond what was asked:
 * past it, small pages (`first` under half a push's list) are fetched push by push, so
 * `pushes(first: 400) { jobs(first: 1) }` reads 400 tiny pages, not 400 whole lists.
 */
export const WHOLE_LIST_MAX_JOBS = 20_000;
/** Jobs per push expected for a filter never seen, as a share of the unfiltered estimate (failures are a few percent). */
export const FILTERED_SHARE = 0.1;

/**
 * Whether unfiltered first pages of `first` jobs for `pushes` pushes are cut from each push's
 * whole job list (one `push_id__in` listing for all of them: the fewest requests) rather than
 * fetched push by push with `count=first+1` (honouring `first`). Whole lists when a page is the
 * whole list anyway (`first` ≥ a page of 2000), or when there are several pushes and either
 * the page is most of the list or all the lists together stay small. The cost estimate
 * (`src/plugins/upstream-costs.ts`) plans with this same function.
 */
export function usesWholeLists(pushes: number, first: number, jobsPerPush: number): boolean {
  if (first >= LIMITS.jobPage) return true;
  if (pushes <= 1) return false;
  return first * 2 >= jobsPerPush || pushes * jobsPerPush <= WHOLE_LIST_MAX_JOBS;
}

/** The jobs per push to expect for a filter: what was learnt, else a share of the unfiltered estimate. */
export function expectedJobsPerPush(estimate: JobsPerPushEstimate, filter: string, unfiltered: string): number {
  const learnt = estimate.get(filter);
  if (filter === unfiltered || learnt > 0) return learnt;
  return Math.max(1, Math.ceil(estimate.get(unfiltered) * FILTERED_SHARE));
}

/**
 * Cuts push ids into chunks predicted to fit one page each: ⌈expected jobs / page⌉ chunks of
 * nearly equal size, and never a URL longer than the batching limit.
 */
export function planPushChunks(pushIds: readonly number[], jobsPerPush: number, pageSize: number = LIMITS.jobPage): number[][] {
  if (pushIds.length === 0) return [];
  const chunks = Math.min(pushIds.length, Math.max(1, Math.ceil((pushIds.length * jobsPerPush) / pageSize)));
  const planned: number[][] = [];
  for (let index = 0; index < chunks; index += 1) {
    const from = Math.round((index * pushIds.length) / chunks);
    const to = Math.round(((index + 1) * pushIds.length) / chunks);
    planned.push(...chunkIds(pushIds.slice(from, to), { maxItems: Number.POSITIVE_INFINITY, charsPerItem: csvItem }));
  }
  return planned;
}

/** Whether a job passes a filter as Treeherder applies it (exact values; modified strictly after). */
export function matchesFilter(job: JobSummary, filter: JobFilter): boolean {
  return (
    (filter.result === null || job.result === filter.result) &&
    (filter.state === null || job.state === filter.state) &&
    (filter.tier === null || job.tier === filter.tier) &&
    (filter.jobTypeName === null || job.jobTypeName === filter.jobTypeName) &&
    (filter.jobTypeSymbol === null || job.jobTypeSymbol === filter.jobTypeSymbol) &&
    (filter.platform === null || job.platform === filter.platform) &&
    (filter.lastModifiedSince === null || Date.parse(job.lastModified) > Date.parse(filter.lastModifiedSince))
  );
}
