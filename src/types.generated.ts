import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { JobMapper, JobGroupMapper, JobLogMapper, JobTypeMapper } from './mappers/job.mappers.js';
import type { PerformanceFrameworkMapper, PerformanceSignatureMapper } from './mappers/performance.mappers.js';
import type { PushMapper, RevisionMapper } from './mappers/push.mappers.js';
import type { RepositoryMapper } from './mappers/repository.mappers.js';
import type { GatewayContext } from './context.js';
export type Maybe<T> = T | null | undefined;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string | number; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * An instant in time, always serialised as an ISO-8601 string in UTC with a `Z` suffix
   * (for example `2026-11-27T03:33:23Z`). Treeherder mixes epoch seconds and zone-less ISO
   * strings (which are UTC on the server); the gateway converts both to this one format.
   * Inputs accept an ISO-8601 string with an explicit zone (`Z` or `+hh:mm`).
   */
  DateTime: { input: Date; output: string; }
};

/**
 * A job: one run of one task (a build, a test chunk, a lint…) for one push. Retriggers and
 * retries are separate jobs.
 *
 * Summary fields (result, state, tier, job type and group, platform, task id, duration…)
 * come from Treeherder's compact job lists and cost nothing extra when the jobs were listed
 * anyway. Detail fields (`guid`, `machineName`, `who`, `reason`, the times, build platform…)
 * are fetched in one batched request per repository for all jobs of the query that need them.
 */
export type Job = {
  __typename?: 'Job';
  /** The architecture of the build platform, `-` when unknown (detail field). */
  buildArchitecture: Scalars['String']['output'];
  /** The operating system of the build platform, `-` when unknown (detail field). */
  buildOs: Scalars['String']['output'];
  /** The build platform, e.g. `linux1804-64` (detail field). */
  buildPlatform: Scalars['String']['output'];
  /** The build system that reported the job, e.g. `taskcluster` (detail field). */
  buildSystemType: Scalars['String']['output'];
  /**
   * How long the job took, in whole **minutes**, as Treeherder computes it: from its start
   * (or its submission when it never started) to its end, or to now while it is unfinished;
   * at least 1.
   */
  duration: Scalars['Int']['output'];
  /** When the job ended; null while it is pending or running (detail field). */
  endTime?: Maybe<Scalars['DateTime']['output']>;
  /** The id of the job's failure classification (1 = not classified; see Treeherder's list). */
  failureClassificationId: Scalars['Int']['output'];
  /** The job's guid: `<task id as a UUID>/<run number>`. */
  guid: Scalars['String']['output'];
  /** Treeherder's numeric job id (unique across repositories). */
  id: Scalars['ID']['output'];
  /** The group the job is shown in (e.g. `Mochitests` / `M`). */
  jobGroup: JobGroup;
  /** What the job runs (the task label and its Treeherder symbol). */
  jobType: JobType;
  /** When Treeherder last changed this job (useful for polling). */
  lastModified: Scalars['DateTime']['output'];
  /** The job's logs (the raw log and structured error summaries), fetched in one batched request per repository. */
  logs: Array<JobLog>;
  /** The worker that ran the job (detail field). */
  machineName: Scalars['String']['output'];
  /** The 40-hex hash of the job's option collection (`platformOption` names its options; detail field). */
  optionCollectionHash: Scalars['String']['output'];
  /** The machine platform the job ran on, e.g. `linux1804-64`. */
  platform: Scalars['String']['output'];
  /** The build options, space separated, e.g. `opt`, `debug`, `asan`. */
  platformOption: Scalars['String']['output'];
  /** The push this job ran for. */
  push: Push;
  /** Why the job ran, e.g. `scheduled` (detail field). */
  reason: Scalars['String']['output'];
  /** The repository of the job's push. */
  repository: Repository;
  /**
   * The outcome as Treeherder records it. Known values: `success`, `testfailed`, `busted`,
   * `exception`, `retry`, `usercancel`, `superseded`, and `unknown` while the job has not
   * completed. Kept as a string because Treeherder stores a free string and has added values
   * over time.
   */
  result: Scalars['String']['output'];
  /** The Taskcluster run number of this job's task, when the job came from Taskcluster. */
  retryId?: Maybe<Scalars['Int']['output']>;
  /** The 40-hex job signature (identifies the kind of job across pushes). */
  signature: Scalars['String']['output'];
  /** When the job started; null while it is pending (detail field). */
  startTime?: Maybe<Scalars['DateTime']['output']>;
  /** `pending`, `running` or `completed`. */
  state: Scalars['String']['output'];
  /** When the job was submitted (detail field). */
  submitTime: Scalars['DateTime']['output'];
  /** The Taskcluster task id (22 characters), when the job came from Taskcluster. */
  taskId?: Maybe<Scalars['String']['output']>;
  /** The job's tier: 1 (shown by default, sheriffed), 2, or 3 (hidden by default). */
  tier: Scalars['Int']['output'];
  /** Who triggered the job, usually the pusher's email (detail field). */
  who: Scalars['String']['output'];
};

/** A page of jobs, ordered by job id. */
export type JobConnection = {
  __typename?: 'JobConnection';
  /** The jobs of this page with their cursors. */
  edges: Array<JobEdge>;
  /** The jobs of this page (the same as `edges { node }`). */
  nodes: Array<Job>;
  /** Where this page ends. */
  pageInfo: PageInfo;
};

/** A job and its cursor. */
export type JobEdge = {
  __typename?: 'JobEdge';
  /** Pass as `after` to continue after this job. */
  cursor: Scalars['String']['output'];
  /** The job. */
  node: Job;
};

/** The group a job is shown in. */
export type JobGroup = {
  __typename?: 'JobGroup';
  /** A description (often empty; detail field). */
  description: Scalars['String']['output'];
  /** The group name, e.g. `Mochitests`; `unknown` for ungrouped jobs. */
  name: Scalars['String']['output'];
  /** The group symbol, e.g. `M`; `?` for ungrouped jobs. */
  symbol: Scalars['String']['output'];
};

/** A log file of a job. */
export type JobLog = {
  __typename?: 'JobLog';
  /** The log's kind, e.g. `live_backing_log` or `errorsummary_json`. */
  name: Scalars['String']['output'];
  /** Whether Treeherder has parsed the log: `pending`, `parsed`, `failed` or `skipped-size`. */
  parseStatus: Scalars['String']['output'];
  /** Where to download the log (a Taskcluster artifact URL). */
  url: Scalars['String']['output'];
};

/** What a job runs. */
export type JobType = {
  __typename?: 'JobType';
  /** A description (often empty; detail field). */
  description: Scalars['String']['output'];
  /** The task label, e.g. `test-linux1804-64/opt-mochitest-browser-chrome-3`. */
  name: Scalars['String']['output'];
  /** The short symbol shown in Treeherder, e.g. `bc3`. */
  symbol: Scalars['String']['output'];
};

/**
 * Where a page of a connection ends, in the style of the Relay cursor specification.
 * Cursors are opaque, stable keyset cursors (over ids): re-using one after new data arrived
 * continues after the same item, never skips or repeats.
 */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last item of this page; pass it as `after` to get the next page. Null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** A Perfherder framework: the harness that produced a family of performance series. */
export type PerformanceFramework = {
  __typename?: 'PerformanceFramework';
  /** The framework id used in every `framework:` argument (e.g. 1 talos, 13 browsertime). */
  id: Scalars['Int']['output'];
  /** The framework name, e.g. `talos`, `browsertime`, `awsy`. */
  name: Scalars['String']['output'];
};

/**
 * A performance signature: one series of Perfherder measurements, identified by its
 * framework, suite, test, platform and options within one repository.
 */
export type PerformanceSignature = {
  __typename?: 'PerformanceSignature';
  /** The application measured, e.g. `firefox`; null when not recorded. */
  application?: Maybe<Scalars['String']['output']>;
  /** Extra options of the measurement, e.g. `["e10s", "fission", "webrender"]`. */
  extraOptions: Array<Scalars['String']['output']>;
  /** The Perfherder framework that produced the series (e.g. talos, browsertime). */
  framework: PerformanceFramework;
  /** The id of the framework (the same as `framework { id }`, without looking the framework up). */
  frameworkId: Scalars['Int']['output'];
  /** Whether this series is a summary of subtests. */
  hasSubtests: Scalars['Boolean']['output'];
  /** Treeherder's numeric signature id (unique across repositories). */
  id: Scalars['ID']['output'];
  /** Whether a lower value is an improvement (Treeherder omits the key when it is true). */
  lowerIsBetter: Scalars['Boolean']['output'];
  /** The unit of the values, e.g. `ms`; null when not recorded. */
  measurementUnit?: Maybe<Scalars['String']['output']>;
  /** The 40-hex hash of the build option collection of the series. */
  optionCollectionHash: Scalars['String']['output'];
  /** The build options of the series (e.g. `["opt"]`), resolved from the option collection. */
  options: Array<Scalars['String']['output']>;
  /** The summary series this subtest belongs to; null for a top-level series. */
  parent?: Maybe<PerformanceSignature>;
  /** The machine platform, e.g. `linux1804-64-shippable-qr`. */
  platform: Scalars['String']['output'];
  /** The repository the series belongs to. */
  repository: Repository;
  /** Whether Perfherder alerts on this series (null: use the framework's default). */
  shouldAlert?: Maybe<Scalars['Boolean']['output']>;
  /** The 40-hex signature hash (stable across repositories for the same series). */
  signatureHash: Scalars['String']['output'];
  /** The suite, e.g. `tp5n`. */
  suite: Scalars['String']['output'];
  /** The tags of the series, e.g. `["cold"]`. */
  tags: Array<Scalars['String']['output']>;
  /** The test within the suite; null for a suite-level series. */
  test?: Maybe<Scalars['String']['output']>;
};

/**
 * A push: one or more commits pushed to a repository together, and the unit Treeherder
 * schedules jobs for.
 */
export type Push = {
  __typename?: 'Push';
  /** Who pushed (an email address). */
  author: Scalars['String']['output'];
  /** Treeherder's numeric push id (unique across repositories). */
  id: Scalars['ID']['output'];
  /**
   * The jobs of the push, ordered by job id. One page can hold a whole push: `first`
   * defaults to 2000 (Treeherder's own page size) and may go up to 5000. The filters match
   * Treeherder's values exactly (see `Job.result` and `Job.state`).
   */
  jobs: JobConnection;
  /** The repository the push belongs to. */
  repository: Repository;
  /** The tip revision of the push (40 hex characters). */
  revision: Scalars['String']['output'];
  /** The total number of commits in the push (may exceed the length of `revisions`). */
  revisionCount: Scalars['Int']['output'];
  /**
   * The commits of the push, newest first. Treeherder returns at most 20 of them;
   * `revisionCount` tells how many there are in all.
   */
  revisions: Array<Revision>;
  /** When the push happened. */
  timestamp: Scalars['DateTime']['output'];
};


/**
 * A push: one or more commits pushed to a repository together, and the unit Treeherder
 * schedules jobs for.
 */
export type PushjobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  result?: InputMaybe<Scalars['String']['input']>;
  state?: InputMaybe<Scalars['String']['input']>;
  tier?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of pushes, newest first. */
export type PushConnection = {
  __typename?: 'PushConnection';
  /** The pushes of this page with their cursors. */
  edges: Array<PushEdge>;
  /** The pushes of this page (the same as `edges { node }`). */
  nodes: Array<Push>;
  /** Where this page ends. */
  pageInfo: PageInfo;
};

/** A push and its cursor. */
export type PushEdge = {
  __typename?: 'PushEdge';
  /** Pass as `after` to continue after this push. */
  cursor: Scalars['String']['output'];
  /** The push. */
  node: Push;
};

/**
 * The entry points of the graph. Every field reads Treeherder's public REST API through a
 * batched client: the number of upstream requests a query costs depends on the levels and
 * kinds of objects it asks for, not on how many objects it returns.
 */
export type Query = {
  __typename?: 'Query';
  /** One job by id, or null when Treeherder has no job with that id. */
  job?: Maybe<Job>;
  /**
   * Jobs by id, in the order asked, with null for ids that do not exist. All ids are fetched
   * in one batched upstream request (chunked when the list is long); at most 2000 ids.
   */
  jobs: Array<Maybe<Job>>;
  /** The enabled Perfherder frameworks, ordered by id. */
  performanceFrameworks: Array<PerformanceFramework>;
  /** One performance signature by id, or null when the repository has none with that id. */
  performanceSignature?: Maybe<PerformanceSignature>;
  /**
   * The performance signatures of a repository, ordered by id. All filters are applied by
   * Treeherder; the page is cut after `first` signatures.
   */
  performanceSignatures: Array<PerformanceSignature>;
  /**
   * One push, by its id or by its tip revision (give exactly one of them). Null when the
   * repository has no such push.
   */
  push?: Maybe<Push>;
  /**
   * The pushes of a repository, newest first, with stable cursor pagination (over push id).
   * Treeherder caps a page at 1000 pushes.
   */
  pushes: PushConnection;
  /** All active repositories, in Treeherder's order. */
  repositories: Array<Repository>;
  /** One repository by name, or null when no active repository has that name. */
  repository?: Maybe<Repository>;
};


/**
 * The entry points of the graph. Every field reads Treeherder's public REST API through a
 * batched client: the number of upstream requests a query costs depends on the levels and
 * kinds of objects it asks for, not on how many objects it returns.
 */
export type QueryjobArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The entry points of the graph. Every field reads Treeherder's public REST API through a
 * batched client: the number of upstream requests a query costs depends on the levels and
 * kinds of objects it asks for, not on how many objects it returns.
 */
export type QueryjobsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/**
 * The entry points of the graph. Every field reads Treeherder's public REST API through a
 * batched client: the number of upstream requests a query costs depends on the levels and
 * kinds of objects it asks for, not on how many objects it returns.
 */
export type QueryperformanceSignatureArgs = {
  id: Scalars['ID']['input'];
  repository: Scalars['String']['input'];
};


/**
 * The entry points of the graph. Every field reads Treeherder's public REST API through a
 * batched client: the number of upstream requests a query costs depends on the levels and
 * kinds of objects it asks for, not on how many objects it returns.
 */
export type QueryperformanceSignaturesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  framework?: InputMaybe<Scalars['Int']['input']>;
  interval?: InputMaybe<Scalars['Int']['input']>;
  platform?: InputMaybe<Scalars['String']['input']>;
  repository: Scalars['String']['input'];
  subtests?: InputMaybe<Scalars['Boolean']['input']>;
};


/**
 * The entry points of the graph. Every field reads Treeherder's public REST API through a
 * batched client: the number of upstream requests a query costs depends on the levels and
 * kinds of objects it asks for, not on how many objects it returns.
 */
export type QuerypushArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  repository: Scalars['String']['input'];
  revision?: InputMaybe<Scalars['String']['input']>;
};


/**
 * The entry points of the graph. Every field reads Treeherder's public REST API through a
 * batched client: the number of upstream requests a query costs depends on the levels and
 * kinds of objects it asks for, not on how many objects it returns.
 */
export type QuerypushesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  author?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  repository: Scalars['String']['input'];
  revision?: InputMaybe<Scalars['String']['input']>;
};


/**
 * The entry points of the graph. Every field reads Treeherder's public REST API through a
 * batched client: the number of upstream requests a query costs depends on the levels and
 * kinds of objects it asks for, not on how many objects it returns.
 */
export type QueryrepositoryArgs = {
  name: Scalars['String']['input'];
};

/**
 * A source repository Treeherder tracks (a "tree", e.g. `autoland`, `mozilla-central`, `try`).
 * Only active repositories are listed, as in Treeherder.
 */
export type Repository = {
  __typename?: 'Repository';
  /** Whether the repository accepts pull requests (null when the Treeherder deployment does not report it). */
  acceptsPullRequests?: Maybe<Scalars['Boolean']['output']>;
  /** The product codebase, e.g. `gecko`, `comm`. */
  codebase: Scalars['String']['output'];
  /** A free-text description (often empty). */
  description: Scalars['String']['output'];
  /** The version control system: `hg` or `git`. */
  dvcsType: Scalars['String']['output'];
  /** Whether Perfherder expires old performance data for this repository. */
  expirePerformanceData: Scalars['Boolean']['output'];
  /** The description of the repository group. */
  groupDescription: Scalars['String']['output'];
  /** The name of the repository group (e.g. `development`, `release-stabilization`, `try`). */
  groupName: Scalars['String']['output'];
  /** Treeherder's numeric id of the repository. */
  id: Scalars['ID']['output'];
  /** Whether this is a try repository (pushes there are not landed code). */
  isTryRepo: Scalars['Boolean']['output'];
  /** Ordering hint from Treeherder for listing repositories by their place in the release cycle (null when unset). */
  lifeCycleOrder?: Maybe<Scalars['Int']['output']>;
  /** The repository name used in URLs and in every `repository:` argument of this graph. */
  name: Scalars['String']['output'];
  /** Whether Perfherder raises performance alerts for this repository. */
  performanceAlertsEnabled: Scalars['Boolean']['output'];
  /** The Taskcluster root URL of this repository's tasks. */
  taskclusterRootUrl: Scalars['String']['output'];
  /** Where the repository's source lives. */
  url: Scalars['String']['output'];
};

/** A commit that is part of a push. */
export type Revision = {
  __typename?: 'Revision';
  /** The commit's author, as `Name <email>`. */
  author: Scalars['String']['output'];
  /** The full commit message. */
  comments: Scalars['String']['output'];
  /** The commit's revision (40 hex characters). */
  revision: Scalars['String']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Job: ResolverTypeWrapper<JobMapper>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  JobConnection: ResolverTypeWrapper<Omit<JobConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['JobEdge']>, nodes: Array<ResolversTypes['Job']> }>;
  JobEdge: ResolverTypeWrapper<Omit<JobEdge, 'node'> & { node: ResolversTypes['Job'] }>;
  JobGroup: ResolverTypeWrapper<JobGroupMapper>;
  JobLog: ResolverTypeWrapper<JobLogMapper>;
  JobType: ResolverTypeWrapper<JobTypeMapper>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PerformanceFramework: ResolverTypeWrapper<PerformanceFrameworkMapper>;
  PerformanceSignature: ResolverTypeWrapper<PerformanceSignatureMapper>;
  Push: ResolverTypeWrapper<PushMapper>;
  PushConnection: ResolverTypeWrapper<Omit<PushConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['PushEdge']>, nodes: Array<ResolversTypes['Push']> }>;
  PushEdge: ResolverTypeWrapper<Omit<PushEdge, 'node'> & { node: ResolversTypes['Push'] }>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Repository: ResolverTypeWrapper<RepositoryMapper>;
  Revision: ResolverTypeWrapper<RevisionMapper>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTime: Scalars['DateTime']['output'];
  Job: JobMapper;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  JobConnection: Omit<JobConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['JobEdge']>, nodes: Array<ResolversParentTypes['Job']> };
  JobEdge: Omit<JobEdge, 'node'> & { node: ResolversParentTypes['Job'] };
  JobGroup: JobGroupMapper;
  JobLog: JobLogMapper;
  JobType: JobTypeMapper;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PerformanceFramework: PerformanceFrameworkMapper;
  PerformanceSignature: PerformanceSignatureMapper;
  Push: PushMapper;
  PushConnection: Omit<PushConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['PushEdge']>, nodes: Array<ResolversParentTypes['Push']> };
  PushEdge: Omit<PushEdge, 'node'> & { node: ResolversParentTypes['Push'] };
  Query: Record<PropertyKey, never>;
  Repository: RepositoryMapper;
  Revision: RevisionMapper;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type JobResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job']> = {
  buildArchitecture?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  buildOs?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  buildPlatform?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  buildSystemType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  duration?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  endTime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  failureClassificationId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  guid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobGroup?: Resolver<ResolversTypes['JobGroup'], ParentType, ContextType>;
  jobType?: Resolver<ResolversTypes['JobType'], ParentType, ContextType>;
  lastModified?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  logs?: Resolver<Array<ResolversTypes['JobLog']>, ParentType, ContextType>;
  machineName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  optionCollectionHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  platform?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  platformOption?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  push?: Resolver<ResolversTypes['Push'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  repository?: Resolver<ResolversTypes['Repository'], ParentType, ContextType>;
  result?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retryId?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startTime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  submitTime?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  taskId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  who?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type JobConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobConnection'] = ResolversParentTypes['JobConnection']> = {
  edges?: Resolver<Array<ResolversTypes['JobEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Job']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type JobEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobEdge'] = ResolversParentTypes['JobEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
};

export type JobGroupResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobGroup'] = ResolversParentTypes['JobGroup']> = {
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  symbol?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type JobLogResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobLog'] = ResolversParentTypes['JobLog']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parseStatus?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type JobTypeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobType'] = ResolversParentTypes['JobType']> = {
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  symbol?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PerformanceFrameworkResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PerformanceFramework'] = ResolversParentTypes['PerformanceFramework']> = {
  id?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PerformanceSignatureResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PerformanceSignature'] = ResolversParentTypes['PerformanceSignature']> = {
  application?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  extraOptions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  framework?: Resolver<ResolversTypes['PerformanceFramework'], ParentType, ContextType>;
  frameworkId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hasSubtests?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lowerIsBetter?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  measurementUnit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  optionCollectionHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  options?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['PerformanceSignature']>, ParentType, ContextType>;
  platform?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  repository?: Resolver<ResolversTypes['Repository'], ParentType, ContextType>;
  shouldAlert?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  signatureHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  suite?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  test?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PushResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Push'] = ResolversParentTypes['Push']> = {
  author?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobs?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, Partial<PushjobsArgs>>;
  repository?: Resolver<ResolversTypes['Repository'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revisionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  revisions?: Resolver<Array<ResolversTypes['Revision']>, ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type PushConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PushConnection'] = ResolversParentTypes['PushConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PushEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Push']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type PushEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PushEdge'] = ResolversParentTypes['PushEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Push'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<QueryjobArgs, 'id'>>;
  jobs?: Resolver<Array<Maybe<ResolversTypes['Job']>>, ParentType, ContextType, RequireFields<QueryjobsArgs, 'ids'>>;
  performanceFrameworks?: Resolver<Array<ResolversTypes['PerformanceFramework']>, ParentType, ContextType>;
  performanceSignature?: Resolver<Maybe<ResolversTypes['PerformanceSignature']>, ParentType, ContextType, RequireFields<QueryperformanceSignatureArgs, 'id' | 'repository'>>;
  performanceSignatures?: Resolver<Array<ResolversTypes['PerformanceSignature']>, ParentType, ContextType, RequireFields<QueryperformanceSignaturesArgs, 'repository'>>;
  push?: Resolver<Maybe<ResolversTypes['Push']>, ParentType, ContextType, RequireFields<QuerypushArgs, 'repository'>>;
  pushes?: Resolver<ResolversTypes['PushConnection'], ParentType, ContextType, RequireFields<QuerypushesArgs, 'repository'>>;
  repositories?: Resolver<Array<ResolversTypes['Repository']>, ParentType, ContextType>;
  repository?: Resolver<Maybe<ResolversTypes['Repository']>, ParentType, ContextType, RequireFields<QueryrepositoryArgs, 'name'>>;
};

export type RepositoryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Repository'] = ResolversParentTypes['Repository']> = {
  acceptsPullRequests?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  codebase?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dvcsType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expirePerformanceData?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  groupDescription?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  groupName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isTryRepo?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lifeCycleOrder?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  performanceAlertsEnabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  taskclusterRootUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RevisionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Revision'] = ResolversParentTypes['Revision']> = {
  author?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  comments?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GatewayContext> = {
  DateTime?: GraphQLScalarType;
  Job?: JobResolvers<ContextType>;
  JobConnection?: JobConnectionResolvers<ContextType>;
  JobEdge?: JobEdgeResolvers<ContextType>;
  JobGroup?: JobGroupResolvers<ContextType>;
  JobLog?: JobLogResolvers<ContextType>;
  JobType?: JobTypeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PerformanceFramework?: PerformanceFrameworkResolvers<ContextType>;
  PerformanceSignature?: PerformanceSignatureResolvers<ContextType>;
  Push?: PushResolvers<ContextType>;
  PushConnection?: PushConnectionResolvers<ContextType>;
  PushEdge?: PushEdgeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Repository?: RepositoryResolvers<ContextType>;
  Revision?: RevisionResolvers<ContextType>;
};

