import DataLoader from 'dataloader';
import { batchMany, batchOne, csvItem, repeatedItem } from './batch.js';
import type { PushMapper } from './mappers/push.mappers.js';
import { LIMITS, type TreeherderApi } from './treeherder/api.js';
import type { QueryParams } from './treeherder/http.js';
import type {
  JobDetail,
  JobLog,
  JobSummary,
  OptionCollection,
  PerformanceFramework,
  PerformanceSignature,
  Repository,
} from './treeherder/types.js';

/** A push by id; `repository: null` when the caller does not know it (looked up across repositories). */
export interface PushKey {
  repository: string | null;
  id: number;
}

export interface PushRevisionKey {
  repository: string;
  revision: string;
}

export interface JobFilter {
  result: string | null;
  state: string | null;
  tier: number | null;
}

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

export interface RepositoryKey {
  repository: string;
  id: number;
}

export interface SignatureHashKey {
  repository: string;
  hash: string;
}

export interface Loaders {
  /** The repository list, fetched at most once per GraphQL request. */
  repositories(): Promise<Repository[]>;
  repositoryById(id: number): Promise<Repository | null>;
  frameworks(): Promise<PerformanceFramework[]>;
  optionCollections(): Promise<OptionCollection[]>;
  push: DataLoader<PushKey, PushMapper | null, number>;
  pushByRevision: DataLoader<PushRevisionKey, PushMapper | null, string>;
  pushJobs: DataLoader<PushJobsKey, JobPage, string>;
  jobSummary: DataLoader<number, JobSummary | null>;
  jobDetail: DataLoader<RepositoryKey, JobDetail | null, number>;
  jobLogs: DataLoader<RepositoryKey, JobLog[], number>;
  signature: DataLoader<RepositoryKey, PerformanceSignature | null, number>;
  signatureByHash: DataLoader<SignatureHashKey, PerformanceSignature | null, string>;
  /** Seeds the push cache with pushes a listing already returned. */
  primePushes(pushes: readonly PushMapper[]): void;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => (promise ??= load());
}

function filterParams(filter: JobFilter): Array<[string, string | number]> {
  const params: Array<[string, string | number]> = [];
  if (filter.result !== null) params.push(['result', filter.result]);
  if (filter.state !== null) params.push(['state', filter.state]);
  if (filter.tier !== null) params.push(['tier', filter.tier]);
  return params;
}

/** Loaders are created per GraphQL request: their caches never outlive it or cross callers. */
export function createLoaders(api: TreeherderApi): Loaders {
  const repositories = once(() => api.repositories());

  const jobSummary = new DataLoader<number, JobSummary | null>((ids) =>
    // GET /api/jobs/?id__in=… (CSV, ≤ 2000 per page, ordered by id; no repository needed).
    batchOne(ids, {
      groupOf: () => '',
      idOf: (id) => id,
      limits: { maxItems: LIMITS.jobPage, charsPerItem: csvItem },
      fetch: (_group, chunk) => api.jobSummaries([['id__in', chunk.join(',')]]),
      rowId: (job) => job.id,
    }),
  );

  const primeJobs = (jobs: readonly JobSummary[]): void => {
    for (const job of jobs) jobSummary.prime(job.id, job);
  };

  const push = new DataLoader<PushKey, PushMapper | null, number>(
    // GET /api/project/{repo}/push/?id__in=…&count=N (CSV; count is required: the default is 10).
    // Pushes of an unknown repository are looked up with all_repos=true, where the {repo}
    // segment only has to name some existing repository.
    (keys) =>
      batchOne(keys, {
        groupOf: (key) => key.repository ?? '',
        idOf: (key) => key.id,
        limits: { maxItems: LIMITS.pushCount, charsPerItem: csvItem },
        fetch: async (repository, ids) => {
          const params: Array<[string, string | number]> = [
            ['id__in', ids.join(',')],
            ['count', ids.length],
          ];
          let path = repository;
          if (repository === '') {
            const known = await repositories();
            if (known.length === 0) return [];
            path = known[0]!.name;
            params.push(['all_repos', 'true']);
          }
          const pushes = await api.pushes(path, params);
          return pushes.map((found): PushMapper => ({ ...found, repositoryName: repository || null }));
        },
        rowId: (found) => found.id,
      }),
    { cacheKeyFn: (key) => key.id },
  );

  const pushByRevision = new DataLoader<PushRevisionKey, PushMapper | null, string>(
    // GET /api/project/{repo}/push/?revision=… has no batch form: one request per revision.
    (keys) =>
      Promise.all(
        keys.map(async ({ repository, revision }) => {
          try {
            const [found] = await api.pushes(repository, [
              ['revision', revision],
              ['count', 1],
            ]);
            if (!found) return null;
            const mapped: PushMapper = { ...found, repositoryName: repository };
            push.prime({ repository, id: found.id }, mapped);
            return mapped;
          } catch (error) {
            return error instanceof Error ? error : new Error(String(error));
          }
        }),
      ),
    { cacheKeyFn: (key) => `${key.repository}\u0000${key.revision}` },
  );

  const pushJobs = new DataLoader<PushJobsKey, JobPage, string>(
    (keys) => loadPushJobs(api, keys, primeJobs),
    {
      cacheKeyFn: (key) =>
        JSON.stringify([key.pushId, key.afterId, key.first, key.result, key.state, key.tier]),
    },
  );

  const jobDetail = new DataLoader<RepositoryKey, JobDetail | null, number>(
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
  );

  const jobLogs = new DataLoader<RepositoryKey, JobLog[], number>(
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
  );

  const signature = new DataLoader<RepositoryKey, PerformanceSignature | null, number>(
    // GET /api/project/{repo}/performance/signatures/?id=1&id=2 (repeated), keyed by id.
    (keys) =>
      batchOne(keys, {
        groupOf: (key) => key.repository,
        idOf: (key) => key.id,
        limits: { maxItems: Number.POSITIVE_INFINITY, charsPerItem: repeatedItem('id') },
        fetch: (repository, ids) => api.signatures(repository, ids.map((id) => ['id', id] as const)),
        rowId: (found) => found.id,
      }),
    { cacheKeyFn: (key) => key.id },
  );

  const signatureByHash = new DataLoader<SignatureHashKey, PerformanceSignature | null, string>(
    // GET /api/project/{repo}/performance/signatures/?signature=<hash>&signature=… (repeated).
    (keys) =>
      batchOne(keys, {
        groupOf: (key) => key.repository,
        idOf: (key) => key.hash,
        limits: { maxItems: Number.POSITIVE_INFINITY, charsPerItem: repeatedItem('signature') },
        fetch: async (repository, hashes) => {
          const found = await api.signatures(repository, hashes.map((hash) => ['signature', hash] as const));
          for (const item of found) signature.prime({ repository, id: item.id }, item);
          return found;
        },
        rowId: (found) => found.signatureHash,
      }),
    { cacheKeyFn: (key) => `${key.repository}\u0000${key.hash}` },
  );

  return {
    repositories,
    async repositoryById(id) {
      return (await repositories()).find((repository) => repository.id === id) ?? null;
    },
    frameworks: once(() => api.frameworks()),
    optionCollections: once(() => api.optionCollections()),
    push,
    pushByRevision,
    pushJobs,
    jobSummary,
    jobDetail,
    jobLogs,
    signature,
    signatureByHash,
    primePushes(pushes) {
      for (const found of pushes) push.prime({ repository: found.repositoryName, id: found.id }, found);
    },
  };
}

/**
 * Pages of jobs for many pushes. First pages with the same filters share requests:
 * `GET /api/jobs/?push_id__in=…` returns all their jobs ordered by id (every page of it),
 * and each push takes its slice. A push asked for after a cursor has its own request,
 * `push_id=…&id__gt=…`, which stops once the page is full.
 */
async function loadPushJobs(
  api: TreeherderApi,
  keys: readonly PushJobsKey[],
  primeJobs: (jobs: readonly JobSummary[]) => void,
): Promise<Array<JobPage | Error>> {
  const results = new Map<PushJobsKey, JobPage | Error>();
  const firstPages = new Map<string, PushJobsKey[]>();
  const single: PushJobsKey[] = [];
  for (const key of keys) {
    if (key.afterId !== null) {
      single.push(key);
      continue;
    }
    const filter = JSON.stringify([key.result, key.state, key.tier]);
    firstPages.set(filter, [...(firstPages.get(filter) ?? []), key]);
  }
  for (const group of firstPages.values()) {
    if (group.length === 1) single.push(group[0]!);
  }

  const page = (jobs: readonly JobSummary[], first: number): JobPage => ({
    jobs: jobs.slice(0, first),
    hasNextPage: jobs.length > first,
  });

  const work: Promise<void>[] = [];
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
        (error: unknown) => void results.set(key, error instanceof Error ? error : new Error(String(error))),
      ),
    );
  }
  for (const group of firstPages.values()) {
    if (group.length === 1) continue;
    const pushIds = [...new Set(group.map((key) => key.pushId))];
    work.push(
      batchMany(pushIds, {
        groupOf: () => '',
        idOf: (id) => id,
        limits: { maxItems: Number.POSITIVE_INFINITY, charsPerItem: csvItem },
        fetch: (_group, ids) => api.jobSummaries([['push_id__in', ids.join(',')], ...filterParams(group[0]!)]),
        rowId: (job) => job.pushId,
      }).then((perPush) => {
        for (const key of group) {
          const found = perPush[pushIds.indexOf(key.pushId)]!;
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
  return keys.map((key) => results.get(key)!);
}
