import { ErrorCode, UpstreamError } from '../errors.js';
import type { AlertSummary, JobDetail, Push } from '../treeherder/types.js';
import type { TreeherderApi } from '../treeherder/api.js';
import type { LiveSource } from './types.js';

// The upstream side of each topic. Every source finds "now" once (`start`), then asks only for
// what is newer, with the incremental filters Treeherder's own UI polls with.

/** Treeherder's largest page of pushes (`count`) and of project jobs (MAX_JOBS_COUNT). */
const PUSH_PAGE = 1000;
const JOB_PAGE = 2000;
/** Pages one poll may read when a lot changed at once (then the rest comes next interval). */
const MAX_JOB_PAGES = 10;
const ALERT_PAGE = 50;
const MAX_ALERT_PAGES = 5;

/** New pushes of a repository, oldest first, with the push list's `id__gt`. */
export function pushCreatedSource(repository: string): LiveSource<Push> {
  let lastId = 0;
  return {
    async start(api) {
      const [newest] = await api.pushes(repository, [['count', 1]]);
      lastId = newest?.id ?? 0;
    },
    async poll(api) {
      const pushes = await api.pushes(repository, [
        ['id__gt', lastId],
        ['count', PUSH_PAGE],
      ]);
      const fresh = pushes.filter((p) => p.id > lastId).sort((a, b) => a.id - b.id);
      if (fresh.length > 0) lastId = fresh[fresh.length - 1]!.id;
      return fresh;
    },
    position: () => ({ lastId }),
    resume(position) {
      const id = (position as { lastId?: unknown } | null)?.lastId;
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) return false;
      lastId = id;
      return true;
    },
  };
}

export interface JobsScope {
  repository: string;
  pushId: number | null;
  revision: string | null;
  /** Treeherder filter parameters (exact matches). */
  filter: ReadonlyArray<readonly [string, string | number]>;
}

/** `2026-08-21T12:00:00.123Z` → Treeherder's zone-less `2026-08-21T12:00:00.123`. */
const naive = (iso: string): string => iso.replace(/Z$/, '');

/**
 * Jobs that changed, with `last_modified__gt` on the project jobs route: one request per
 * interval (more only when over 2000 jobs changed). The watermark is the newest
 * `last_modified` seen; Treeherder keeps microseconds and answers milliseconds, so jobs
 * exactly at the watermark's millisecond come back once more and are recognised.
 */
export function jobsChangedSource(scope: JobsScope): LiveSource<JobDetail> {
  let pushParams: Array<[string, number]> = [];
  let watermark = '';
  /** Jobs seen with `last_modified` equal to the watermark, and that value. */
  let atWatermark = new Map<number, string>();

  async function read(api: TreeherderApi, params: ReadonlyArray<readonly [string, string | number]>): Promise<JobDetail[]> {
    const jobs: JobDetail[] = [];
    for (let page = 0; page < MAX_JOB_PAGES; page++) {
      const batch = await api.jobDetails(scope.repository, [...params, ['count', JOB_PAGE], ['offset', page * JOB_PAGE]]);
      jobs.push(...batch);
      if (batch.length < JOB_PAGE) break;
    }
    return jobs;
  }

  function advance(jobs: readonly JobDetail[]): void {
    for (const job of jobs) {
      if (job.lastModified > watermark) {
        watermark = job.lastModified;
        atWatermark = new Map();
      }
      if (job.lastModified === watermark) atWatermark.set(job.id, job.lastModified);
    }
  }

  return {
    async start(api) {
      let since: string;
      if (scope.pushId !== null || scope.revision !== null) {
        const [push] = await api.pushes(scope.repository, [
          scope.pushId !== null ? ['id', scope.pushId] : ['revision', scope.revision!],
          ['count', 1],
        ]);
        if (!push || (scope.pushId !== null && push.id !== scope.pushId)) {
          const what = scope.pushId !== null ? `push ${scope.pushId}` : `a push with revision ${scope.revision}`;
          throw new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, `Treeherder has no ${what} in ${scope.repository}.`, 404);
        }
        pushParams = [['push_id', push.id]];
        since = push.timestamp;
        // The push's own jobs as they are now: changes are what comes after the newest of them.
        advance(await read(api, [...pushParams, ...scope.filter]));
      } else {
        // The repository as it is now: the newest change since its newest push arrived.
        const [newest] = await api.pushes(scope.repository, [['count', 1]]);
        since = newest?.timestamp ?? '1970-01-01T00:00:00Z';
        advance(await read(api, [...scope.filter, ['last_modified__gt', naive(since)]]));
      }
      if (watermark === '' || since > watermark) {
        watermark = since;
        atWatermark = new Map();
      }
    },
    async poll(api) {
      const jobs = await read(api, [...pushParams, ...scope.filter, ['last_modified__gt', naive(watermark)]]);
      const changed = jobs.filter((job) => job.lastModified > watermark || (job.lastModified === watermark && !atWatermark.has(job.id)));
      advance(changed);
      return changed.sort((a, b) => a.id - b.id);
    },
    position: () => ({ pushParams, watermark, atWatermark: [...atWatermark] }),
    resume(position) {
      const saved = position as { pushParams?: unknown; watermark?: unknown; atWatermark?: unknown } | null;
      if (!saved || typeof saved.watermark !== 'string' || !Array.isArray(saved.pushParams) || !Array.isArray(saved.atWatermark)) return false;
      pushParams = saved.pushParams as Array<[string, number]>;
      watermark = saved.watermark;
      atWatermark = new Map(saved.atWatermark as Array<[number, string]>);
      return true;
    },
  };
}

export interface AlertScope {
  /** Treeherder's repository id, already resolved from the name. */
  repositoryId: number | null;
  framework: number | null;
}

/** New alert summaries, oldest first: the list is newest first, so page 1 holds them. */
export function alertSummaryCreatedSource(scope: AlertScope): LiveSource<AlertSummary> {
  let lastId = 0;
  const filters: Array<[string, number]> = [];
  if (scope.repositoryId !== null) filters.push(['repository', scope.repositoryId]);
  if (scope.framework !== null) filters.push(['framework', scope.framework]);
  return {
    async start(api) {
      const page = await api.alertSummaries([...filters, ['limit', ALERT_PAGE], ['page', 1]]);
      lastId = page.summaries.reduce((max, s) => Math.max(max, s.id), 0);
    },
    async poll(api) {
      const fresh: AlertSummary[] = [];
      for (let page = 1; page <= MAX_ALERT_PAGES; page++) {
        const result = await api.alertSummaries([...filters, ['limit', ALERT_PAGE], ['page', page]]);
        const newer = result.summaries.filter((s) => s.id > lastId);
        fresh.push(...newer);
        if (newer.length < result.summaries.length || !result.hasNext) break;
      }
      fresh.sort((a, b) => a.id - b.id);
      if (fresh.length > 0) lastId = fresh[fresh.length - 1]!.id;
      return fresh;
    },
    position: () => ({ lastId }),
    resume(position) {
      const id = (position as { lastId?: unknown } | null)?.lastId;
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) return false;
      lastId = id;
      return true;
    },
  };
}
