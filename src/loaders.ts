import DataLoader from 'dataloader';
import { batchMany, batchOne, csvItem, repeatedItem } from './batch.js';
import { createLimiter } from './limit.js';
import type { PushMapper } from './mappers/push.mappers.js';
import { LIMITS, type TreeherderApi } from './treeherder/api.js';
import type { QueryParams } from './treeherder/http.js';
import type {
  AlertSummary,
  BugSuggestion,
  DecisionTask,
  FailureClassification,
  JobBugLink,
  JobCounts,
  JobNote,
  MachinePlatform,
  PerformanceDatum,
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
  /** `tip`: the push's own revision (prefix allowed); `commit`: any commit in it. */
  kind: 'tip' | 'commit';
}

/** Job filters as Treeherder matches them (exact values); null means "any". */
export interface JobFilter {
  result: string | null;
  state: string | null;
  tier: number | null;
  jobTypeName: string | null;
  jobTypeSymbol: string | null;
  platform: string | null;
  /** ISO-8601 UTC; jobs changed after it. */
  lastModifiedSince: string | null;
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

export interface RevisionKey {
  repository: string;
  revision: string;
}

/** A series' data in one time window; series of a repository and window share requests. */
export interface SeriesKey {
  repository: string;
  signatureId: number;
  signatureHash: string;
  /** The window and retrigger parameters, identical for every key of a group. */
  params: ReadonlyArray<readonly [string, string | number]>;
}

export interface ParentKey {
  repository: string;
  parentHash: string;
}

export interface SimilarJobsKey {
  repository: string;
  jobId: number;
  /** Only jobs of this push and older ones (the push of the page's cursor). */
  maxPushId: number | null;
  count: number;
  excludeSuccessful: boolean;
}

export interface LoaderOptions {
  /** Requests at once for endpoints without a batch form, per GraphQL request. */
  fanoutConcurrency: number;
}

export interface Loaders {
  /** The repository list, fetched at most once per GraphQL request. */
  repositories(): Promise<Repository[]>;
  repositoryById(id: number): Promise<Repository | null>;
  repositoryByName(name: string): Promise<Repository | null>;
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
  failureClassifications(): Promise<FailureClassification[]>;
  performanceTags(): Promise<PerformanceTag[]>;
  machinePlatforms(): Promise<MachinePlatform[]>;
  textLogErrors: DataLoader<RepositoryKey, TextLogError[], number>;
  bugSuggestions: DataLoader<RepositoryKey, BugSuggestion[], number>;
  jobNotes: DataLoader<RepositoryKey, JobNote[], number>;
  jobBugLinks: DataLoader<RepositoryKey, JobBugLink[], number>;
  taskclusterMetadata: DataLoader<number, TaskclusterMetadata | null>;
  pushStatus: DataLoader<RepositoryKey, JobCounts, number>;
  pushNotes: DataLoader<RevisionKey, PushNote[], string>;
  decisionTask: DataLoader<RepositoryKey, DecisionTask | null, number>;
  series: DataLoader<SeriesKey, PerformanceDatum[], string>;
  subtests: DataLoader<ParentKey, PerformanceSignature[], string>;
  alertSummary: DataLoader<number, AlertSummary | null>;
  /** Up to `count` of a job's similar jobs, in Treeherder's order (newest push first). */
  similarJobs: DataLoader<SimilarJobsKey, JobDetail[], string>;
  /** Seeds the push cache with pushes a listing already returned. */
  primePushes(pushes: readonly PushMapper[]): void;
  /** Seeds the signature caches (by id and by hash) with signatures a listing already returned. */
  primeSignatures(signatures: readonly PerformanceSignature[]): void;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => (promise ??= load());
}

export function filterParams(filter: JobFilter): Array<[string, string | number]> {
  const params: Array<[string, string | number]> = [];
  if (filter.result !== null) params.push(['result', filter.result]);
  if (filter.state !== null) params.push(['state', filter.state]);
  if (filter.tier !== null) params.push(['tier', filter.tier]);
  if (filter.jobTypeName !== null) params.push(['job_type_name', filter.jobTypeName]);
  if (filter.jobTypeSymbol !== null) params.push(['job_type_symbol', filter.jobTypeSymbol]);
  if (filter.platform !== null) params.push(['platform', filter.platform]);
  // Treeherder compares against a zone-less ISO time in UTC.
  if (filter.lastModifiedSince !== null) params.push(['last_modified__gt', filter.lastModifiedSince.replace(/Z$/, '')]);
  return params;
}

const filterKey = (filter: JobFilter): string =>
  JSON.stringify([filter.result, filter.state, filter.tier, filter.jobTypeName, filter.jobTypeSymbol, filter.platform, filter.lastModifiedSince]);

/** Loaders are created per GraphQL request: their caches never outlive it or cross callers. */
export function createLoaders(api: TreeherderApi, options: LoaderOptions = { fanoutConcurrency: 6 }): Loaders {
  const repositories = once(() => api.repositories());
  const limit = createLimiter(options.fanoutConcurrency);

  /** A loader for an endpoint with no batch form: one request per distinct key, bounded. */
  function fanOut<K, V, C>(load: (key: K) => Promise<V>, cacheKeyFn: (key: K) => C): DataLoader<K, V, C> {
    return new DataLoader<K, V, C>(
      (keys) =>
        Promise.all(
          keys.map((key) => limit(() => load(key)).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))),
        ),
      { cacheKeyFn },
    );
  }
  const byId = (key: RepositoryKey): number => key.id;

  const jobSummary = new DataLoader<number, JobSummary | null>((ids) =>
    // GET /api/jobs/?id__in=… (CSV, ≤ 2000 per page, ordered by id; no repository needed).
    batchOne(ids, {
      groupOf: () => '',
      idOf: (id) => id,
      limits: { maxItems: LIMITS.jobPage, charsPerItem: csvItem },
      fetch: (_group, chunk) => api.jobSummaries([['id__in', chunk.join(',')]], { limit: chunk.length }),
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
    // GET /api/project/{repo}/push/?revision=… (or commit_revision=…) has no batch form:
    // one request per revision.
    (keys) =>
      Promise.all(
        keys.map(async ({ repository, revision, kind }) => {
          try {
            const [found] = await api.pushes(repository, [
              [kind === 'tip' ? 'revision' : 'commit_revision', revision],
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
    { cacheKeyFn: (key) => `${key.repository}\u0000${key.kind}\u0000${key.revision}` },
  );

  const pushJobs = new DataLoader<PushJobsKey, JobPage, string>(
    (keys) => loadPushJobs(api, keys, primeJobs),
    {
      cacheKeyFn: (key) => `${key.pushId}/${key.afterId}/${key.first}/${filterKey(key)}`,
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
          primeSignatures(found);
          return found;
        },
        rowId: (found) => found.signatureHash,
      }),
    { cacheKeyFn: (key) => `${key.repository}\u0000${key.hash}` },
  );

  function primeSignatures(signatures: readonly PerformanceSignature[]): void {
    for (const item of signatures) {
      signature.prime({ repository: item.repository, id: item.id }, item);
      signatureByHash.prime({ repository: item.repository, hash: item.signatureHash }, item);
    }
  }

  return {
    repositories,
    failureClassifications: once(() => api.failureClassifications()),
    performanceTags: once(() => api.performanceTags()),
    machinePlatforms: once(() => api.machinePlatforms()),

    // Per job, no batch form: fanned out with bounded concurrency, once per job.
    textLogErrors: fanOut((key) => api.textLogErrors(key.repository, key.id), byId),
    bugSuggestions: fanOut((key) => api.bugSuggestions(key.repository, key.id), byId),
    jobNotes: fanOut((key) => api.jobNotes(key.repository, key.id), byId),

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

    // GET /api/project/{repo}/push/{id}/status/: per push, no batch form.
    pushStatus: fanOut((key) => api.pushStatus(key.repository, key.id), byId),
    // GET /api/project/{repo}/note/push_notes/?revision=: per push, no batch form.
    pushNotes: fanOut(
      (key) => api.pushNotes(key.repository, key.revision),
      (key) => `${key.repository}\u0000${key.revision}`,
    ),

    decisionTask: new DataLoader<RepositoryKey, DecisionTask | null, number>(
      // GET /api/project/{repo}/push/decisiontask/?push_ids=1,2 (CSV), keyed by push id.
      (keys) =>
        batchOne(keys, {
          groupOf: (key) => key.repository,
          idOf: (key) => key.id,
          limits: { maxItems: LIMITS.pushCount, charsPerItem: csvItem },
          fetch: (repository, ids) => api.decisionTasks(repository, ids),
          rowId: (task) => task.pushId,
        }),
      { cacheKeyFn: byId },
    ),

    series: new DataLoader<SeriesKey, PerformanceDatum[], string>(
      // GET /api/project/{repo}/performance/data/?signature_id=1&signature_id=2 (repeated),
      // one request per repository and window. The answer is keyed by signature *hash*:
      // the keys of the chunk bridge it back to the ids that were asked for.
      (keys) => {
        const hashById = new Map(keys.map((key) => [key.signatureId, key.signatureHash]));
        return batchMany(keys, {
          groupOf: (key) => JSON.stringify([key.repository, key.params]),
          idOf: (key) => key.signatureId,
          limits: { maxItems: Number.POSITIVE_INFINITY, charsPerItem: repeatedItem('signature_id') },
          fetch: async (group, ids) => {
            const [repository, params] = JSON.parse(group) as [string, Array<[string, string | number]>];
            const byHash = await api.performanceData(repository, [...ids.map((id) => ['signature_id', id] as const), ...params]);
            return ids.flatMap((id) => (byHash.get(hashById.get(id)!) ?? []).map((point) => ({ id, point })));
          },
          rowId: (row) => row.id,
        }).then((results) => results.map((rows) => (rows instanceof Error ? rows : rows.map((row) => row.point))));
      },
      { cacheKeyFn: (key) => JSON.stringify([key.repository, key.signatureId, key.params]) },
    ),

    subtests: new DataLoader<ParentKey, PerformanceSignature[], string>(
      // GET /api/project/{repo}/performance/signatures/?parent_signature=<hash>&… (repeated).
      (keys) =>
        batchMany(keys, {
          groupOf: (key) => key.repository,
          idOf: (key) => key.parentHash,
          limits: { maxItems: Number.POSITIVE_INFINITY, charsPerItem: repeatedItem('parent_signature') },
          fetch: async (repository, hashes) => {
            const found = await api.signatures(repository, hashes.map((hash) => ['parent_signature', hash] as const));
            primeSignatures(found);
            return found.filter((item) => item.parentSignatureHash !== null);
          },
          rowId: (item) => item.parentSignatureHash!,
        }),
      { cacheKeyFn: (key) => `${key.repository}\u0000${key.parentHash}` },
    ),

    // GET /api/project/{repo}/jobs/{id}/similar_jobs/: per job, no batch form.
    similarJobs: fanOut(
      (key: SimilarJobsKey) =>
        api.similarJobs(key.repository, key.jobId, [
          ['count', key.count],
          ...(key.maxPushId !== null ? ([['push_id__lte', key.maxPushId]] as const) : []),
          // Treeherder drops successes when `nosuccess` is present, whatever its value.
          ...(key.excludeSuccessful ? ([['nosuccess', 'true']] as const) : []),
        ]),
      (key) => JSON.stringify([key.jobId, key.maxPushId, key.count, key.excludeSuccessful]),
    ),

    // GET /api/performance/alertsummary/{id}/: no batch form (`id=` takes one value).
    alertSummary: fanOut((id: number) => api.alertSummary(id), (id) => id),

    async repositoryById(id) {
      return (await repositories()).find((repository) => repository.id === id) ?? null;
    },
    async repositoryByName(name) {
      return (await repositories()).find((repository) => repository.name === name) ?? null;
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
    primeSignatures,
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
    const filter = filterKey(key);
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
