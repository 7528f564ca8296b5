import { MAX_BATCH_QUERY_CHARS, csvItem, repeatedItem } from '../batch.js';
import { filterKey, toJobFilter, UNFILTERED } from '../job-filter.js';
import { DEFAULT_JOBS_PER_PUSH, FILTERED_SHARE, usesWholeLists } from '../job-plan.js';
import { LIMITS } from '../treeherder/api.js';

// What each resolver-backed field costs upstream, read off the loaders in `src/loaders/`.
// A test checks that every field with a resolver has an entry here, so a new field cannot
// silently cost nothing.
//
// The numbers are realistic, not worst cases: a push's job list is as long as the gateway has
// learnt pushes' lists to be (per filter, capped by `first`); other lists are as long as their
// `first` (or its default, or its cap) allows. The budget, enforced as requests go out
// (`src/treeherder/budget.ts`), covers what an estimate gets wrong.

export type Args = Readonly<Record<string, unknown>>;

/** What the gateway has learnt about list sizes, for realistic estimates. */
export interface CostFacts {
  /** Expected jobs per push for a job filter (`filterKey`), priors applied. */
  jobsPerPush(filter: string): number;
}

/**
 * The priors, before anything was learnt: 200 jobs per push unfiltered (`DEFAULT_JOBS_PER_PUSH`),
 * a tenth of that (20) for any filter (`FILTERED_SHARE`: failed, running or one platform's jobs
 * are a small part of a push).
 */
export const PRIOR_FACTS: CostFacts = {
  jobsPerPush: (filter) => (filter === UNFILTERED ? DEFAULT_JOBS_PER_PUSH : Math.max(1, Math.ceil(DEFAULT_JOBS_PER_PUSH * FILTERED_SHARE))),
};

/** How one field of one selection costs, given how many parent objects it is resolved for. */
export interface FieldCost {
  /** Upstream requests for `parents` parents. Batched loaders share one request per chunk. */
  requests(parents: number, args: Args, facts: CostFacts): number;
  /**
   * Keys of loaders this field goes through: a key counts once per selection level
   * (`batched:` — DataLoader merges the whole level into one batch) or once per operation
   * (`once:` — reference lists fetched at most once per GraphQL request).
   */
  shares?: readonly string[] | ((args: Args) => readonly string[]);
  /** More shared keys when the parent jobs or pushes do not know their repository (see `repository`). */
  sharesWithoutRepository?: readonly string[];
  /** Whether the jobs (and their pushes) this field returns know their repository; inherited from the parent when absent. */
  repository?: 'known' | 'unknown';
  /** How many objects the field returns per parent (an upper bound); lists without one count as `UNKNOWN_LIST_LENGTH`. */
  length?(args: Args, facts: CostFacts): number;
}

/** The length assumed for lists nothing bounds (alerts of a summary, series of a framework…). */
export const UNKNOWN_LIST_LENGTH = 25;

// Ids as long as Treeherder's are today, to size batches the way `chunkIds` will cut them.
const JOB_ID = 999_999_999;
const PUSH_ID = 9_999_999;
const SIGNATURE_ID = 9_999_999;
const SIGNATURE_HASH = 'f'.repeat(40);

/** Ids per request of a batched endpoint, as `chunkIds` splits them (URL length and page cap). */
function perRequest(charsPerItem: number, maxItems = Number.POSITIVE_INFINITY): number {
  return Math.min(maxItems, Math.floor(MAX_BATCH_QUERY_CHARS / charsPerItem));
}

const intArg = (args: Args, name: string, fallback: number): number => {
  const value = args[name];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
};

/** Read from the parent object or computed: no request. */
export const free: FieldCost = { requests: () => 0 };

/** Reference data (repositories, frameworks…): one request the first time any field needs it. */
const once = (key: string, extra: Partial<FieldCost> = {}): FieldCost => ({ requests: () => 0, shares: [`once:${key}`], ...extra });

/** A batched loader: `⌈parents / size⌉` requests, shared by every field of the level that uses it. */
const batched = (key: string, size: number, extra: Partial<FieldCost> = {}): FieldCost => ({
  requests: () => 0,
  ...extra,
  shares: [`batched:${key}:${size}`, ...((extra.shares as readonly string[] | undefined) ?? [])],
});

/** No batch form upstream: one request per parent. */
const perParent = (extra: Partial<FieldCost> = {}): FieldCost => ({ requests: (parents) => parents, ...extra });

const SIGNATURE_BY_ID = `batched:signature:${perRequest(repeatedItem('id')(SIGNATURE_ID))}`;
const signatureById: FieldCost = { requests: () => 0, shares: [SIGNATURE_BY_ID] };
const JOB_DETAIL = 'jobDetail';
const jobDetail = batched(JOB_DETAIL, perRequest(csvItem(JOB_ID), LIMITS.jobPage));
const PUSH_BATCH = `batched:push:${perRequest(csvItem(PUSH_ID), LIMITS.pushCount)}`;
const pushById: FieldCost = { requests: () => 0, shares: [PUSH_BATCH] };
/** Jobs listed by id know no repository: their per-repository fields find it through their push (batched) and the repository list. */
const withJobRepository = (cost: FieldCost): FieldCost => ({ ...cost, sharesWithoutRepository: [PUSH_BATCH, 'once:repositories'] });
/** Job pages of `/api/jobs/`: the request asks for one more job than the page, to know whether another follows. */
const jobPages = (jobs: number): number => Math.ceil((jobs + 1) / LIMITS.jobPage);

export const FIELD_COSTS: Readonly<Record<string, FieldCost>> = {
  'Query.repositories': once('repositories'),
  'Query.repository': once('repositories'),
  'Query.failureClassifications': once('failureClassifications'),
  'Query.performanceFrameworks': once('frameworks'),
  'Query.performanceTags': once('performanceTags'),
  'Query.optionCollections': once('optionCollections'),
  'Query.machinePlatforms': once('machinePlatforms'),
  // A full page of 1000 leaves no room for the look-ahead push: one more request asks whether older ones exist.
  'Query.pushes': {
    requests: (_parents, args) => (intArg(args, 'first', 10) >= LIMITS.pushCount ? 2 : 1),
    length: (args) => intArg(args, 'first', 10),
  },
  'Query.push': { requests: () => 1, length: () => 1 },
  'Query.jobSearch': {
    requests: (_parents, args) => jobPages(intArg(args, 'first', 2000)),
    length: (args) => intArg(args, 'first', 2000),
    repository: 'unknown',
  },
  'Query.job': { requests: () => 1, length: () => 1, repository: 'unknown' },
  'Query.jobs': {
    requests: (_parents, args) => Math.ceil(idCount(args) / perRequest(csvItem(JOB_ID), LIMITS.jobPage)),
    length: (args) => idCount(args),
    repository: 'unknown',
  },
  'Query.performancePlatforms': { requests: () => 1 },
  'Query.performanceSummary': { requests: () => 1 },
  'Query.performanceSignatures': { requests: () => 1, length: (args) => intArg(args, 'first', 500) },
  'Query.performanceSignature': { requests: () => 1, length: () => 1 },
  // Filtering by repository needs its numeric id, from the repository list.
  'Query.alertSummaries': {
    requests: () => 1,
    shares: (args) => (args['repository'] != null ? ['once:repositories'] : []),
    length: (args) => intArg(args, 'first', 10),
  },
  'Query.alertSummary': { requests: () => 1, length: () => 1 },
  'Query.perfCompare': { requests: () => 1 },
  // Subscriptions are measured per event. The polls are shared by every subscriber of a topic,
  // so the root costs a subscriber nothing; the fields asked of each event cost as usual.
  'Subscription.pushCreated': { requests: () => 0, length: () => 1 },
  'Subscription.jobsChanged': { requests: () => 0, repository: 'known' },
  'Subscription.alertSummaryCreated': { requests: () => 0, shares: (args) => (args['repository'] != null ? ['once:repositories'] : []), length: () => 1 },

  'Push.repository': once('repositories'),
  // Planned as `src/loaders/push-jobs.ts` fetches (see `usesWholeLists`): first pages of many
  // pushes share `/api/jobs/?push_id__in=…` listings (whole lists, or filtered ones) of 2000
  // jobs a page; a small unfiltered page, a lone push's page or a page after a cursor is one
  // request per push.
  'Push.jobs': {
    requests: (parents, args, facts) => {
      const { first, filter, expected } = pushJobsShape(args, facts);
      const perPush = parents * jobPages(Math.min(first, expected));
      if (args['after'] != null || parents === 1) return perPush;
      if (filter !== UNFILTERED) return Math.max(1, Math.ceil((parents * expected) / LIMITS.jobPage));
      return usesWholeLists(parents, first, expected) ? Math.max(1, Math.ceil((parents * expected) / LIMITS.jobPage)) : perPush;
    },
    length: (args, facts) => {
      const { first, expected } = pushJobsShape(args, facts);
      return Math.max(1, Math.min(first, expected));
    },
    repository: 'known',
  },
  // A push found through a job of unknown repository looks its repository up by id.
  'Push.jobCounts': perParent({ sharesWithoutRepository: ['once:repositories'] }),
  'Push.notes': perParent({ sharesWithoutRepository: ['once:repositories'] }),
  'Push.decisionTask': batched('decisionTask', perRequest(csvItem(PUSH_ID), LIMITS.pushCount), { sharesWithoutRepository: ['once:repositories'] }),

  // Summary fields come with every job listing.
  'Job.result': free,
  'Job.state': free,
  'Job.tier': free,
  'Job.platform': free,
  'Job.platformOption': free,
  'Job.taskId': free,
  'Job.retryId': free,
  'Job.duration': free,
  'Job.lastModified': free,
  'Job.failureClassificationId': free,
  'Job.signature': free,
  'Job.jobType': free,
  'Job.jobGroup': free,
  'Job.failureClassification': once('failureClassifications'),
  'Job.push': withJobRepository(pushById),
  'Job.repository': withJobRepository(free),
  // Detail fields: one batched `jobs/?id__in=` per repository for the whole level.
  'Job.guid': withJobRepository(jobDetail),
  'Job.machineName': withJobRepository(jobDetail),
  'Job.who': withJobRepository(jobDetail),
  'Job.reason': withJobRepository(jobDetail),
  'Job.submitTime': withJobRepository(jobDetail),
  'Job.startTime': withJobRepository(jobDetail),
  'Job.endTime': withJobRepository(jobDetail),
  'Job.buildPlatform': withJobRepository(jobDetail),
  'Job.buildOs': withJobRepository(jobDetail),
  'Job.buildArchitecture': withJobRepository(jobDetail),
  'Job.buildSystemType': withJobRepository(jobDetail),
  'Job.optionCollectionHash': withJobRepository(jobDetail),
  'JobType.description': withJobRepository(jobDetail),
  'JobGroup.description': withJobRepository(jobDetail),
  'Job.logs': withJobRepository(batched('jobLogs', perRequest(repeatedItem('job_id')(JOB_ID)))),
  'Job.bugs': withJobRepository(batched('jobBugLinks', perRequest(repeatedItem('job_id')(JOB_ID)))),
  'Job.taskclusterMetadata': batched('taskclusterMetadata', perRequest(csvItem(JOB_ID), LIMITS.jobPage)),
  // No batch form upstream: one request per job (the fan-out the budget exists for).
  'Job.textLogErrors': withJobRepository(perParent()),
  'Job.bugSuggestions': withJobRepository(perParent()),
  'Job.notes': withJobRepository(perParent()),
  // Similar jobs come from the project jobs route, whose dicts lack `duration`: asking for it
  // loads their `/api/jobs/` rows, batched for the level (counted here, as an upper bound).
  'Job.similarJobs': withJobRepository({
    requests: (parents, args) => parents + Math.ceil((parents * intArg(args, 'first', 20)) / perRequest(csvItem(JOB_ID), LIMITS.jobPage)),
    length: (args) => intArg(args, 'first', 20),
    repository: 'known',
  }),
  'JobNote.failureClassification': once('failureClassifications'),

  'PerformanceSignature.repository': once('repositories'),
  'PerformanceSignature.framework': once('frameworks'),
  'PerformanceSignature.options': once('optionCollections'),
  // An alert's signature lacks these: the full signatures, one batched `signatures/?id=` per
  // repository for the level (an upper bound for signatures that carry them).
  'PerformanceSignature.application': signatureById,
  'PerformanceSignature.shouldAlert': signatureById,
  'PerformanceSignature.parent': batched('signatureByHash', perRequest(repeatedItem('signature')(SIGNATURE_HASH)), { shares: [SIGNATURE_BY_ID] }),
  'PerformanceSignature.subtests': batched('subtests', perRequest(repeatedItem('parent_signature')(SIGNATURE_HASH))),
  'PerformanceSignature.series': batched('series', perRequest(repeatedItem('signature_id')(SIGNATURE_ID)), {
    length: (args) => intArg(args, 'last', UNKNOWN_LIST_LENGTH),
  }),
  'PerformanceSeries.signature': signatureById,
  'PerformanceDatum.push': pushById,
  'PerformanceDatum.job': batched('jobSummary', perRequest(csvItem(JOB_ID), LIMITS.jobPage), { repository: 'known' }),

  'AlertSummary.repository': once('repositories'),
  'AlertSummary.framework': once('frameworks'),
  'AlertSummary.push': pushById,
  'AlertSummary.prevPush': pushById,
  // Other summaries on the same push, and those its related alerts come from: one request each.
  'AlertSummary.relatedSummaries': perParent({ requests: (parents) => parents * 2 }),
  'Alert.relatedSummary': perParent(),

  // Connections hand their page through; the list length was counted on the field that made the page.
  'PushConnection.nodes': { requests: () => 0, length: () => 1 },
  'PushConnection.edges': { requests: () => 0, length: () => 1 },
  'JobConnection.nodes': { requests: () => 0, length: () => 1 },
  'JobConnection.edges': { requests: () => 0, length: () => 1 },
  'AlertSummaryConnection.nodes': { requests: () => 0, length: () => 1 },
  'AlertSummaryConnection.edges': { requests: () => 0, length: () => 1 },
};

/** `Push.jobs`' page size, filter key and the jobs per push expected for that filter. */
function pushJobsShape(args: Args, facts: CostFacts): { first: number; filter: string; expected: number } {
  const first = intArg(args, 'first', 2000);
  let filter = UNFILTERED;
  try {
    // Arguments here are not coerced yet: a DateTime is still its text.
    const input = args['filter'] as Record<string, unknown> | null | undefined;
    const since = input?.['lastModifiedSince'];
    const nested = input ? { ...input, lastModifiedSince: typeof since === 'string' ? new Date(since) : null } : null;
    filter = filterKey(toJobFilter(nested as Parameters<typeof toJobFilter>[0], args as Parameters<typeof toJobFilter>[1]));
  } catch {
    // Bad filter input: the resolver refuses it before any request.
  }
  return { first, filter, expected: Math.max(1, facts.jobsPerPush(filter)) };
}

function idCount(args: Args): number {
  const ids = args['ids'];
  return Array.isArray(ids) ? ids.length : LIMITS.jobPage;
}

/** Requests for `parents` parents through a shared loader key (see `FieldCost.shares`). */
export function sharedRequests(key: string, parents: number): number {
  if (key.startsWith('once:')) return 1;
  const size = Number(key.slice(key.lastIndexOf(':') + 1));
  return Math.ceil(parents / size);
}
