import DataLoader from 'dataloader';
import { batchMany, batchOne, csvItem, repeatedItem } from './batch.js';
import { createJobsPerPushEstimate, matchesFilter, planPushChunks, type JobsPerPushEstimate } from './job-plan.js';
import { createLimiter } from './limit.js';
import type { PushMapper } from './mappers/push.mappers.js';
import { LIMITS, type TreeherderApi } from './treeherder/api.js';
import { estimateBytes, type SharedCaches } from './treeherder/cache.js';
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
  Push,
  Repository,
} from './treeherder/types.js';

/** A push by id; `repository: null` when the caller does not know it (looked up across repositories). */
export interface PushKey {
  repository: string | null;
  id: number;
  /**
   * The caller named this repository and id (`Query.push`): the push must be looked up in
   * that repository, so a push of another one is not found. Ids that came from Treeherder
   * (an alert summary's push, a job's push) are fetched together across repositories.
   */
  fromCaller?: boolean;
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
  /** The gateway's shared caches; null for a Hawk-signed request, or when caching is off. */
  shared?: SharedCaches | null;
  /** What the gateway has learnt about jobs per push (to cut job listings into pages). */
  jobsPerPush?: JobsPerPushEstimate;
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
  /** `GET /api/project/{repo}/performance/signatures/` with filters (shared for the reference TTL). */
  signatureList(repository: string, params: QueryParams): Promise<PerformanceSignature[]>;
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

/** The filter key of a listing without filters: a push's whole job list. */
const UNFILTERED = filterKey({ result: null, state: null, tier: null, jobTypeName: null, jobTypeSymbol: null, platform: null, lastModifiedSince: null });

/** A gateway-wide estimate of jobs per push, keyed by job filter. */
export const createJobsEstimate = (): JobsPerPushEstimate => createJobsPerPushEstimate(UNFILTERED);

/**
 * The `{repo}` segment of an `all_repos=true` push lookup. Treeherder ignores it then
 * (`PushViewSet.list` only reads it without `all_repos`), so no repository list is needed.
 */
export const ANY_REPOSITORY = 'mozilla-central';

/** A push as the shared cache keeps it: pushes never change; the repository is kept when known. */
interface CachedPush {
  push: Push;
  repositoryName: string | null;
}

const pushCacheKey = (id: number): string => `push:${id}`;
/** Roughly what one cached push costs (its 20 revisions dominate). */
const pushBytes = (push: Push): number => estimateBytes(push);

/** Loaders are created per GraphQL request: their caches never outlive it or cross callers. */
export function createLoaders(api: TreeherderApi, options: LoaderOptions = { fanoutConcurrency: 6 }): Loaders {
  const shared = options.shared ?? null;
  const estimate = options.jobsPerPush ?? createJobsEstimate();
  /** A reference list: the shared copy when this request may use it; once per request either way. */
  const reference = <T>(name: string, load: () => Promise<T>): (() => Promise<T>) =>
    once(() => (shared ? shared.reference.get(name, load) : load()));
  const repositories = reference('repositories', () => api.repositories());
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

  const push = new DataLoader<PushKey, PushMapper | null, number>(
    // GET /api/project/{repo}/push/?id__in=…&count=N (CSV; count is required: the default is 10).
    // Push ids are global: every push whose id came from Treeherder is fetched in one
    // all_repos=true request whatever its repository; only an id the caller named is looked
    // up in the repository the caller named. Pushes never change: they are shared by id.
    async (keys) => {
      const answers: Array<PushMapper | null | Error | undefined> = keys.map((key) => {
        const cached = shared?.entities.get<CachedPush>(pushCacheKey(key.id));
        const usable = cached && (key.repository === null || cached.repositoryName === key.repository);
        if (shared) shared.observe('push', usable ? 'hit' : 'miss');
        return usable ? { ...cached.push, repositoryName: key.repository ?? cached.repositoryName } : undefined;
      });
      const missing = keys.filter((_key, index) => answers[index] === undefined);
      const fetched = await batchOne(missing, {
        groupOf: (key) => (key.fromCaller ? (key.repository ?? '') : ''),
        idOf: (key) => key.id,
        limits: { maxItems: LIMITS.pushCount, charsPerItem: csvItem },
        fetch: (repository, ids) =>
          api.pushes(repository || ANY_REPOSITORY, [
            ['id__in', ids.join(',')],
            ['count', ids.length],
            ...(repository ? [] : ([['all_repos', 'true']] as const)),
          ]),
        rowId: (found) => found.id,
      });
      let next = 0;
      return answers.map((answer, index) => {
        if (answer !== undefined) return answer;
        const found = fetched[next++]!;
        if (found === null || found instanceof Error) return found;
        const repositoryName = keys[index]!.repository;
        shared?.entities.set(pushCacheKey(found.id), { push: found, repositoryName } satisfies CachedPush, pushBytes(found));
        return { ...found, repositoryName };
      });
    },
    { cacheKeyFn: (key) => key.id },
  );

  const pushByRevision = new DataLoader<PushRevisionKey, PushMapper | null, string>(
    // GET /api/project/{repo}/push/?revision=… (or commit_revision=…) has no batch form:
    // one request per revision.
    (keys) =>
      Promise.all(
        keys.map(async ({ repository, revision, kind }) => {
          // A full revision names one push for good; a prefix may match a later push too.
          const cacheKey = revision.length === 40 ? `revision:${repository}\u0000${kind}\u0000${revision}` : null;
          try {
            const known = cacheKey === null ? undefined : shared?.entities.get<CachedPush>(cacheKey);
            if (cacheKey !== null && shared) shared.observe('push', known ? 'hit' : 'miss');
            const [found] = known
              ? [known.push]
              : await api.pushes(repository, [
                  [kind === 'tip' ? 'revision' : 'commit_revision', revision],
                  ['count', 1],
                ]);
            if (!found) return null;
            if (cacheKey !== null && !known) shared?.entities.set(cacheKey, { push: found, repositoryName: repository } satisfies CachedPush, pushBytes(found));
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
    (keys) => loadPushJobs({ api, primeJobs, shared, estimate }, keys),
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
    failureClassifications: reference('failureClassifications', () => api.failureClassifications()),
    performanceTags: reference('performanceTags', () => api.performanceTags()),
    machinePlatforms: reference('machinePlatforms', () => api.machinePlatforms()),

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
    frameworks: reference('frameworks', () => api.frameworks()),
    optionCollections: reference('optionCollections', () => api.optionCollections()),
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
      for (const found of pushes) {
        push.prime({ repository: found.repositoryName, id: found.id }, found);
        const { repositoryName, ...pushOnly } = found;
        shared?.entities.set(pushCacheKey(found.id), { push: pushOnly, repositoryName } satisfies CachedPush, pushBytes(pushOnly));
      }
    },
    async signatureList(repository, params) {
      // Signatures change rarely (a new series, a changed alert setting): shared for the reference TTL.
      const key = `signatures:${repository}?${JSON.stringify(params)}`;
      const cached = shared?.entities.get<PerformanceSignature[]>(key);
      if (shared) shared.observe('signatures', cached ? 'hit' : 'miss');
      if (cached) return cached;
      const found = await api.signatures(repository, params);
      shared?.entities.set(key, found, estimateBytes(found), shared.settings.referenceTtlMs);
      return found;
    },
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
  const answers = ids.map((id) => shared.entities.get<V>(cacheKey(id)));
  for (const answer of answers) shared.observe(kind, answer === undefined ? 'miss' : 'hit');
  const missing = ids.filter((_id, index) => answers[index] === undefined);
  if (missing.length === 0) return answers as V[];
  const loaded = await load(missing);
  let next = 0;
  return answers.map((answer) => (answer === undefined ? loaded[next++]! : answer));
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

const jobListKey = (pushId: number): string => `push-jobs:${pushId}`;

interface PushJobsContext {
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
async function loadPushJobs(context: PushJobsContext, keys: readonly PushJobsKey[]): Promise<Array<JobPage | Error>> {
  const { api, primeJobs, shared, estimate } = context;
  const results = new Map<PushJobsKey, JobPage | Error>();
  const toError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
  const page = (jobs: readonly JobSummary[], first: number): JobPage => ({
    jobs: jobs.slice(0, first),
    hasNextPage: jobs.length > first,
  });

  // Which pushes are answered from their whole job list.
  const unfilteredFirst = keys.filter((key) => key.afterId === null && filterKey(key) === UNFILTERED);
  const cached = new Map<number, CachedJobList>();
  const whole = new Set<number>();
  for (const key of keys) {
    const list = shared?.entities.get<CachedJobList>(jobListKey(key.pushId));
    if (list) cached.set(key.pushId, list);
  }
  for (const key of unfilteredFirst) {
    if (unfilteredFirst.length > 1 || key.first >= LIMITS.jobPage) whole.add(key.pushId);
  }
  for (const pushId of cached.keys()) whole.add(pushId);
  if (shared) for (const pushId of whole) shared.observe('push-jobs', cached.has(pushId) ? 'hit' : 'miss');

  const lists = new Map<number, JobSummary[] | Error>();
  const store = (pushId: number, jobs: JobSummary[]): void => {
    lists.set(pushId, jobs);
    if (!shared) return;
    let watermark = 0;
    let settled = true;
    for (const job of jobs) {
      watermark = Math.max(watermark, Date.parse(job.lastModified));
      if (job.state !== 'completed') settled = false;
    }
    const entry: CachedJobList = { jobs, watermark, settled, storedAt: Date.now() };
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
    const jobs = list.filter((job) => (key.afterId === null || job.id > key.afterId) && (unfiltered || matchesFilter(job, key)));
    results.set(key, page(jobs, key.first));
  }
  return keys.map((key) => results.get(key)!);
}
