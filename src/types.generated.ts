import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AlertMapper, AlertSummaryMapper, PerfCompareRowMapper } from './mappers/alert.mappers.js';
import type { BugSuggestionMapper, JobMapper, JobGroupMapper, JobLogMapper, JobTypeMapper, TaskclusterMetadataMapper, TextLogErrorMapper } from './mappers/job.mappers.js';
import type { DecisionTaskMapper, JobCountsMapper, PushMapper, PushNoteMapper, RevisionMapper } from './mappers/push.mappers.js';
import type { FailureClassificationMapper, JobBugLinkMapper, JobNoteMapper } from './mappers/classification.mappers.js';
import type { MachinePlatformMapper, OptionCollectionMapper, PerformanceDatumMapper, PerformanceFrameworkMapper, PerformanceSeriesMapper, PerformanceSignatureMapper, PerformanceSummaryPointMapper, PerformanceTagMapper } from './mappers/performance.mappers.js';
import type { RepositoryMapper } from './mappers/repository.mappers.js';
import type { GatewayContext } from './context.js';
export type Maybe<T> = T | null | undefined;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type EnumResolverSignature<T, AllowedValues = any> = { [key in keyof T]?: AllowedValues };
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

/** A performance alert: a step change in one series between two pushes. */
export type Alert = {
  __typename?: 'Alert';
  /** The change in the series' unit. */
  amountAbs: Scalars['Float']['output'];
  /** The change in percent. */
  amountPct: Scalars['Float']['output'];
  /** Who classified the alert, if anyone. */
  classifier?: Maybe<Scalars['String']['output']>;
  /** Treeherder's id of the alert. */
  id: Scalars['ID']['output'];
  /** Whether the change is for the worse. */
  isRegression: Scalars['Boolean']['output'];
  /** Whether a sheriff created the alert by hand. */
  manuallyCreated: Scalars['Boolean']['output'];
  /** The value after. */
  newValue: Scalars['Float']['output'];
  /** How noisy the series is: `SKEWED`, `OUTLIERS`, `MODAL`, `OK` or `N/A`. */
  noiseProfile?: Maybe<Scalars['String']['output']>;
  /** A Firefox Profiler link for the previous value, when there is one. */
  prevProfileUrl?: Maybe<Scalars['String']['output']>;
  /** The value before. */
  prevValue: Scalars['Float']['output'];
  /** A Firefox Profiler link for the new value, when there is one. */
  profileUrl?: Maybe<Scalars['String']['output']>;
  /** That summary, fetched with bounded concurrency, once per id per query. */
  relatedSummary?: Maybe<AlertSummary>;
  /** The summary the alert was reassigned or marked downstream to; null otherwise. */
  relatedSummaryId?: Maybe<Scalars['ID']['output']>;
  /** The series that changed (embedded in the summary: no extra request). */
  series: PerformanceSignature;
  /** Whether a sheriff starred the alert. */
  starred: Scalars['Boolean']['output'];
  /** The sheriffs' decision. */
  status: AlertStatus;
  /** The summary the alert belongs to (by id). */
  summaryId: Scalars['ID']['output'];
  /** Student's t value of the change; null when not computed. */
  tValue?: Maybe<Scalars['Float']['output']>;
};

/** What sheriffs decided about one alert (Treeherder's numeric status). */
export type AlertStatus =
  /** 4: acknowledged as real. */
  | 'ACKNOWLEDGED'
  /** 1: caused by another summary's push. */
  | 'DOWNSTREAM'
  /** 5: caused by infrastructure. */
  | 'INFRA'
  /** 3: not a real change. */
  | 'INVALID'
  /** 2: moved to another summary. */
  | 'REASSIGNED'
  /** 0: nobody has looked at it yet. */
  | 'UNTRIAGED';

/**
 * A performance alert summary: the alerts Perfherder raised for one push (against the
 * previous push) in one framework, and what sheriffs decided about them.
 */
export type AlertSummary = {
  __typename?: 'AlertSummary';
  /** The alerts of the summary. */
  alerts: Array<Alert>;
  /** The sheriff the summary is assigned to. */
  assignee?: Maybe<Assignee>;
  /** When a bug is due. */
  bugDueDate?: Maybe<Scalars['DateTime']['output']>;
  /** The bug filed for the regression, if any. */
  bugNumber?: Maybe<Scalars['Int']['output']>;
  /** When that bug was last updated. */
  bugUpdated?: Maybe<Scalars['DateTime']['output']>;
  /** When Perfherder created the summary. */
  created: Scalars['DateTime']['output'];
  /** When a sheriff first triaged it; null while untriaged. */
  firstTriaged?: Maybe<Scalars['DateTime']['output']>;
  /** The framework of the alerts. */
  framework: PerformanceFramework;
  /** Treeherder's id of the summary. */
  id: Scalars['ID']['output'];
  /** Sheriff notes. */
  notes?: Maybe<Scalars['String']['output']>;
  /** The revision the summary was originally created for, when it was moved since. */
  originalRevision?: Maybe<Scalars['String']['output']>;
  /** The push before it, the comparison base (batched). */
  prevPush: Push;
  /** The tip revision of `prevPush`. */
  prevPushRevision: Scalars['String']['output'];
  /** The push where the values changed (batched). */
  push: Push;
  /** When `push` happened. */
  pushTimestamp: Scalars['DateTime']['output'];
  /** Alerts of other summaries that were reassigned or marked downstream to this one. */
  relatedAlerts: Array<Alert>;
  /**
   * The other summaries on the same push and framework, and the summaries the related alerts
   * come from, fetched once each with bounded concurrency.
   */
  relatedSummaries: Array<AlertSummary>;
  /** The repository. */
  repository: Repository;
  /** The tip revision of `push`. */
  revision: Scalars['String']['output'];
  /** The sheriffs' decision. */
  status: AlertSummaryStatus;
  /** Tags on the summary (e.g. `harness`). */
  tags: Array<Scalars['String']['output']>;
  /** When triage is due. */
  triageDueDate?: Maybe<Scalars['DateTime']['output']>;
};

/** A page of alert summaries, newest first. */
export type AlertSummaryConnection = {
  __typename?: 'AlertSummaryConnection';
  /** The summaries of this page with their cursors. */
  edges: Array<AlertSummaryEdge>;
  /** The summaries of this page. */
  nodes: Array<AlertSummary>;
  /** Where this page ends. */
  pageInfo: PageInfo;
  /** How many summaries match in all (Treeherder's count). */
  totalCount: Scalars['Int']['output'];
};

/** An alert summary and its cursor. */
export type AlertSummaryEdge = {
  __typename?: 'AlertSummaryEdge';
  /** Pass as `after` to continue after this summary. */
  cursor: Scalars['String']['output'];
  /** The summary. */
  node: AlertSummary;
};

/** What sheriffs decided about an alert summary (Treeherder's numeric status). */
export type AlertSummaryStatus =
  /** 8: the culprit was backed out. */
  | 'BACKED_OUT'
  /** 1: caused by another summary's push. */
  | 'DOWNSTREAM'
  /** 7: fixed. */
  | 'FIXED'
  /** 4: the change is an improvement. */
  | 'IMPROVEMENT'
  /** 9: caused by infrastructure. */
  | 'INFRA'
  /** 3: not a real change. */
  | 'INVALID'
  /** 5: being investigated. */
  | 'INVESTIGATING'
  /** 2: its alerts were moved to another summary. */
  | 'REASSIGNED'
  /** 0: nobody has looked at it yet. */
  | 'UNTRIAGED'
  /** 6: a real regression that will not be fixed. */
  | 'WONTFIX';

/** The sheriff assigned to an alert summary. */
export type Assignee = {
  __typename?: 'Assignee';
  /** The email address, when known. */
  email?: Maybe<Scalars['String']['output']>;
  /** The Treeherder username, e.g. `mozilla-ldap/someone@mozilla.com`. */
  username: Scalars['String']['output'];
};

/** A Bugzilla bug (or a Treeherder-internal issue) suggested for a failure. */
export type Bug = {
  __typename?: 'Bug';
  /** Crash signatures of the bug (may be empty). */
  crashSignature: Scalars['String']['output'];
  /** The bug this one duplicates, when it is a duplicate. */
  dupeOf?: Maybe<Scalars['Int']['output']>;
  /** The Bugzilla bug number; null for an internal issue that has no Bugzilla bug. */
  id?: Maybe<Scalars['Int']['output']>;
  /** Treeherder's internal id of the issue. */
  internalId: Scalars['Int']['output'];
  /** Comma-separated Bugzilla keywords, e.g. `intermittent-failure`. */
  keywords: Scalars['String']['output'];
  /** How many times the issue occurred (internal issues only). */
  occurrences?: Maybe<Scalars['Int']['output']>;
  /** The Bugzilla resolution, e.g. `FIXED`, `WORKSFORME`; empty while open. */
  resolution: Scalars['String']['output'];
  /** The Bugzilla status, e.g. `NEW`, `RESOLVED`. */
  status: Scalars['String']['output'];
  /** The bug summary. */
  summary: Scalars['String']['output'];
  /** The Bugzilla whiteboard, e.g. `[stockwell disabled]`. */
  whiteboard: Scalars['String']['output'];
};

/** An error line of a job and the bugs that look like it. */
export type BugSuggestion = {
  __typename?: 'BugSuggestion';
  /** All other matching bugs (closed or older). */
  allOtherBugs: Array<Bug>;
  /** How often the same cleaned line was seen recently across integration repositories (Treeherder's 21-day cache). */
  counter: Scalars['Int']['output'];
  /** Whether the failure is new in this revision. */
  failureNewInRev: Scalars['Boolean']['output'];
  /** The line number of the error in the log. */
  lineNumber: Scalars['Int']['output'];
  /** Open bugs changed recently that match the line (the likely intermittent). */
  openRecentBugs: Array<Bug>;
  /** The end of the test path in the line, when there is one. */
  pathEnd?: Maybe<Scalars['String']['output']>;
  /** The cleaned error line Treeherder searched Bugzilla for. */
  search: Scalars['String']['output'];
  /** The search terms derived from the line (e.g. the test file name). */
  searchTerms: Array<Scalars['String']['output']>;
};

/** The decision task of a push. */
export type DecisionTask = {
  __typename?: 'DecisionTask';
  /** The run of the task. */
  run: Scalars['String']['output'];
  /** The Taskcluster task id. */
  taskId: Scalars['String']['output'];
};

/**
 * How a failed job was explained: not classified, fixed by commit, expected fail,
 * intermittent, infra, new failure, autoclassified intermittent, intermittent needs bug id.
 */
export type FailureClassification = {
  __typename?: 'FailureClassification';
  /** Treeherder's id of the classification (1 = not classified). */
  id: Scalars['Int']['output'];
  /** The classification's name, e.g. `intermittent`. */
  name: Scalars['String']['output'];
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
  /**
   * For each error line, the cleaned search line and the Bugzilla bugs that match it (what
   * the job-details panel shows). One request per job, bounded concurrency; Treeherder
   * caches the answer for 24 hours.
   */
  bugSuggestions: Array<BugSuggestion>;
  /** The bugs this job was linked to (batched across jobs of a repository). */
  bugs: Array<JobBugLink>;
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
  /** How the failure was classified (resolved from the reference list, no extra request per job). */
  failureClassification: FailureClassification;
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
  /** Classification notes left by sheriffs or the autoclassifier, oldest first. */
  notes: Array<JobNote>;
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
  /**
   * Other jobs of the same job type in the same repository, newest push first (Treeherder's
   * "similar jobs" tab). Cursor pagination over job id.
   */
  similarJobs: JobConnection;
  /** When the job started; null while it is pending (detail field). */
  startTime?: Maybe<Scalars['DateTime']['output']>;
  /** `pending`, `running` or `completed`. */
  state: Scalars['String']['output'];
  /** When the job was submitted (detail field). */
  submitTime: Scalars['DateTime']['output'];
  /** The Taskcluster task id (22 characters), when the job came from Taskcluster. */
  taskId?: Maybe<Scalars['String']['output']>;
  /** The Taskcluster task and run of this job (batched across all jobs of the query); null for non-Taskcluster jobs. */
  taskclusterMetadata?: Maybe<TaskclusterMetadata>;
  /**
   * The error lines Treeherder extracted from the job's log, in log order. Treeherder has no
   * batch form for this: one request per job, run with bounded concurrency.
   */
  textLogErrors: Array<TextLogError>;
  /** The job's tier: 1 (shown by default, sheriffed), 2, or 3 (hidden by default). */
  tier: Scalars['Int']['output'];
  /** Who triggered the job, usually the pusher's email (detail field). */
  who: Scalars['String']['output'];
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
export type JobsimilarJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  excludeSuccessful?: InputMaybe<Scalars['Boolean']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A link between a job and a bug, made when a sheriff or the autoclassifier starred the failure. */
export type JobBugLink = {
  __typename?: 'JobBugLink';
  /** The Bugzilla bug number; null for a Treeherder-internal issue. */
  bugId?: Maybe<Scalars['Int']['output']>;
  /** When the link was made. */
  created: Scalars['DateTime']['output'];
  /** Treeherder's internal id of the bug or issue. */
  internalId: Scalars['Int']['output'];
  /** Who made it. */
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

/** How many of a push's jobs are in each state and have each result. */
export type JobCounts = {
  __typename?: 'JobCounts';
  /** Jobs that finished. */
  completed: Scalars['Int']['output'];
  /** Jobs waiting to start. */
  pending: Scalars['Int']['output'];
  /** Completed jobs per result (`success`, `testfailed`, `busted`, …); results with no job are left out. */
  results: Array<ResultCount>;
  /** Jobs running now. */
  running: Scalars['Int']['output'];
};

/** A job and its cursor. */
export type JobEdge = {
  __typename?: 'JobEdge';
  /** Pass as `after` to continue after this job. */
  cursor: Scalars['String']['output'];
  /** The job. */
  node: Job;
};

/**
 * Filters on jobs, as Treeherder matches them (exact values). Used by `Push.jobs` and
 * `Query.jobSearch`.
 */
export type JobFilter = {
  /** Only jobs of this job type (the task label). */
  jobTypeName?: InputMaybe<Scalars['String']['input']>;
  /** Only jobs with this job type symbol, e.g. `bc3`. */
  jobTypeSymbol?: InputMaybe<Scalars['String']['input']>;
  /** Only jobs Treeherder changed after this time (the Treeherder UI polls with this). */
  lastModifiedSince?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only jobs on this platform, e.g. `linux1804-64`. */
  platform?: InputMaybe<Scalars['String']['input']>;
  /** Only jobs with this result, e.g. `testfailed`. */
  result?: InputMaybe<Scalars['String']['input']>;
  /** Only jobs in this state: `pending`, `running` or `completed`. */
  state?: InputMaybe<Scalars['String']['input']>;
  /** Only jobs of this tier (1, 2 or 3). */
  tier?: InputMaybe<Scalars['Int']['input']>;
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

/** A classification note on a job. */
export type JobNote = {
  __typename?: 'JobNote';
  /** When the note was written. */
  created: Scalars['DateTime']['output'];
  /** The classification the note set. */
  failureClassification: FailureClassification;
  /** Treeherder's id of the note. */
  id: Scalars['ID']['output'];
  /** The note text (often a bug number or a short explanation; may be empty). */
  text: Scalars['String']['output'];
  /** Who wrote it (an email, or `autoclassifier`). */
  who: Scalars['String']['output'];
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

/** A machine platform Treeherder knows. */
export type MachinePlatform = {
  __typename?: 'MachinePlatform';
  /** Treeherder's id of the platform. */
  id: Scalars['Int']['output'];
  /** The platform name, e.g. `linux1804-64`. */
  platform: Scalars['String']['output'];
};

/** A set of build options, identified by its hash (what `optionCollectionHash` fields point to). */
export type OptionCollection = {
  __typename?: 'OptionCollection';
  /** The 40-hex option collection hash. */
  hash: Scalars['String']['output'];
  /** The build options, e.g. `["opt"]`, `["debug"]`, `["asan", "opt"]`. */
  options: Array<Scalars['String']['output']>;
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

/** One row of a PerfCompare comparison: one series, base against new. */
export type PerfCompareRow = {
  __typename?: 'PerfCompareRow';
  /** The mean of the base values. */
  baseAverage: Scalars['Float']['output'];
  /** The median of the base values. */
  baseMedian: Scalars['Float']['output'];
  /** The base repository. */
  baseRepository: Scalars['String']['output'];
  /** The base revision compared. */
  baseRevision?: Maybe<Scalars['String']['output']>;
  /** The base values. */
  baseRuns: Array<Scalars['Float']['output']>;
  /** The standard deviation of the base values. */
  baseStddev: Scalars['Float']['output'];
  /** Confidence in the change (Student's t by default); null when not computable. */
  confidence?: Maybe<Scalars['Float']['output']>;
  /** `Low`, `Medium` or `High`; empty when not computable. */
  confidenceText: Scalars['String']['output'];
  /** new - base (means). */
  delta: Scalars['Float']['output'];
  /** The change in percent. */
  deltaPercentage: Scalars['Float']['output'];
  /** Extra options, space separated. */
  extraOptions: Scalars['String']['output'];
  /** The framework id. */
  frameworkId: Scalars['Int']['output'];
  /** Perfherder's header name: suite, test and options. */
  headerName: Scalars['String']['output'];
  /** Whether both sides have data. */
  isComplete: Scalars['Boolean']['output'];
  /** Whether the change is an improvement. */
  isImprovement: Scalars['Boolean']['output'];
  /** Whether the change is meaningful (beyond Perfherder's noise threshold). */
  isMeaningful: Scalars['Boolean']['output'];
  /** Whether the change is a regression. */
  isRegression: Scalars['Boolean']['output'];
  /** Whether lower values are better. */
  lowerIsBetter: Scalars['Boolean']['output'];
  /** Whether more runs are needed to be confident. */
  moreRunsAreNeeded: Scalars['Boolean']['output'];
  /** The mean of the new values. */
  newAverage: Scalars['Float']['output'];
  /** The median of the new values. */
  newMedian: Scalars['Float']['output'];
  /** The new repository. */
  newRepository: Scalars['String']['output'];
  /** The new revision compared. */
  newRevision: Scalars['String']['output'];
  /** The new values. */
  newRuns: Array<Scalars['Float']['output']>;
  /** The standard deviation of the new values. */
  newStddev: Scalars['Float']['output'];
  /** The build option (e.g. `opt`). */
  option: Scalars['String']['output'];
  /** The platform. */
  platform: Scalars['String']['output'];
  /** The series' signature id on the new side (or base when only base has data). */
  signatureId?: Maybe<Scalars['ID']['output']>;
  /** The suite. */
  suite: Scalars['String']['output'];
  /** The test (empty for a suite-level series). */
  test: Scalars['String']['output'];
};

/** One measurement of a performance series. */
export type PerformanceDatum = {
  __typename?: 'PerformanceDatum';
  /** Treeherder's id of the data point. */
  id: Scalars['ID']['output'];
  /** The job that produced the value (batched); null when unknown. */
  job?: Maybe<Job>;
  /** The id of the job that produced the value; null when unknown. */
  jobId?: Maybe<Scalars['ID']['output']>;
  /** The push measured (batched). */
  push: Push;
  /** The id of the push measured. */
  pushId: Scalars['ID']['output'];
  /** When that push happened. */
  pushTimestamp: Scalars['DateTime']['output'];
  /** The tip revision of the push measured. */
  revision: Scalars['String']['output'];
  /** The measured value (2 decimal places, in the series' unit). */
  value: Scalars['Float']['output'];
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
 * A series as Perfherder's graphs read it (`/api/performance/summary/`): the signature's
 * description plus its values in the requested window.
 */
export type PerformanceSeries = {
  __typename?: 'PerformanceSeries';
  /** The application measured; null when not recorded. */
  application?: Maybe<Scalars['String']['output']>;
  /**
   * The data points with their pushes, when asked with `allData: true` for one `signature`
   * (Treeherder fills this only then); otherwise empty.
   */
  data: Array<PerformanceSummaryPoint>;
  /** The framework id. */
  frameworkId: Scalars['Int']['output'];
  /** Whether this is a summary of subtests. */
  hasSubtests: Scalars['Boolean']['output'];
  /** The ids of the jobs that produced `values` (same order). */
  jobIds: Array<Scalars['ID']['output']>;
  /** Whether lower values are better. */
  lowerIsBetter: Scalars['Boolean']['output'];
  /** The unit of the values; null when not recorded. */
  measurementUnit?: Maybe<Scalars['String']['output']>;
  /** Perfherder's display name: suite, test, options and extra options. */
  name: Scalars['String']['output'];
  /** The id of the summary series this subtest belongs to; null for a top-level series. */
  parentSignatureId?: Maybe<Scalars['ID']['output']>;
  /** The machine platform. */
  platform: Scalars['String']['output'];
  /** The repository name. */
  repository: Scalars['String']['output'];
  /** Whether Perfherder alerts on the series. */
  shouldAlert?: Maybe<Scalars['Boolean']['output']>;
  /** The full signature (batched lookup). */
  signature?: Maybe<PerformanceSignature>;
  /** The series' 40-hex signature hash. */
  signatureHash: Scalars['String']['output'];
  /** The series' signature id. */
  signatureId: Scalars['ID']['output'];
  /** The suite. */
  suite: Scalars['String']['output'];
  /** The series' tags. */
  tags: Array<Scalars['String']['output']>;
  /** The test; null for a suite-level series. */
  test?: Maybe<Scalars['String']['output']>;
  /** The values in the window, oldest first. */
  values: Array<Scalars['Float']['output']>;
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
  /**
   * The data points of the series, oldest push first. All series of a repository asked for
   * in one query share one batched `performance/data/` request (per time window), chunked by
   * URL length. Give `interval` (seconds back from now) or `startDate`/`endDate`; the
   * default is the last 14 days.
   */
  series: Array<PerformanceDatum>;
  /** Whether Perfherder alerts on this series (null: use the framework's default). */
  shouldAlert?: Maybe<Scalars['Boolean']['output']>;
  /** The 40-hex signature hash (stable across repositories for the same series). */
  signatureHash: Scalars['String']['output'];
  /** The subtest series of this summary series (empty when it has none); batched across signatures. */
  subtests: Array<PerformanceSignature>;
  /** The suite, e.g. `tp5n`. */
  suite: Scalars['String']['output'];
  /** The tags of the series, e.g. `["cold"]`. */
  tags: Array<Scalars['String']['output']>;
  /** The test within the suite; null for a suite-level series. */
  test?: Maybe<Scalars['String']['output']>;
};


/**
 * A performance signature: one series of Perfherder measurements, identified by its
 * framework, suite, test, platform and options within one repository.
 */
export type PerformanceSignatureseriesArgs = {
  endDate?: InputMaybe<Scalars['DateTime']['input']>;
  interval?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  noRetriggers?: InputMaybe<Scalars['Boolean']['input']>;
  startDate?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A data point of a performance summary, with its push. */
export type PerformanceSummaryPoint = {
  __typename?: 'PerformanceSummaryPoint';
  /** Treeherder's id of the data point. */
  id: Scalars['ID']['output'];
  /** The id of the job that produced it. */
  jobId?: Maybe<Scalars['ID']['output']>;
  /** The worker that produced it; null when not recorded. */
  machineName?: Maybe<Scalars['String']['output']>;
  /** The push id. */
  pushId: Scalars['ID']['output'];
  /** When the push happened. */
  pushTimestamp: Scalars['DateTime']['output'];
  /** The push's tip revision. */
  revision: Scalars['String']['output'];
  /** When the job was submitted; null when not recorded. */
  submitTime?: Maybe<Scalars['DateTime']['output']>;
  /** The value. */
  value: Scalars['Float']['output'];
};

/** A performance tag that groups series (e.g. `harness`, `interaction`). */
export type PerformanceTag = {
  __typename?: 'PerformanceTag';
  /** Treeherder's id of the tag. */
  id: Scalars['Int']['output'];
  /** The tag's name. */
  name: Scalars['String']['output'];
};

/**
 * A push: one or more commits pushed to a repository together, and the unit Treeherder
 * schedules jobs for.
 */
export type Push = {
  __typename?: 'Push';
  /** Who pushed (an email address). */
  author: Scalars['String']['output'];
  /** The push's decision task (the Taskcluster task that scheduled its jobs); batched across pushes. Null when there is none. */
  decisionTask?: Maybe<DecisionTask>;
  /** Treeherder's numeric push id (unique across repositories). */
  id: Scalars['ID']['output'];
  /**
   * Job counts as Treeherder's push status reports them: tier-3 jobs and jobs already
   * classified (other than "not classified") are left out.
   */
  jobCounts: JobCounts;
  /**
   * The jobs of the push, ordered by job id. One page can hold a whole push: `first`
   * defaults to 2000 (Treeherder's own page size) and may go up to 5000. The filters match
   * Treeherder's values exactly (see `Job.result` and `Job.state`).
   */
  jobs: JobConnection;
  /** Classification notes left on the push's jobs, newest first. */
  notes: Array<PushNote>;
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
  filter?: InputMaybe<JobFilter>;
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

/** A classification note on one of a push's jobs. */
export type PushNote = {
  __typename?: 'PushNote';
  /** When the note was written. */
  created: Scalars['DateTime']['output'];
  /** The classification the note set, by name. */
  failureClassification: Scalars['String']['output'];
  /** Treeherder's id of the note. */
  id: Scalars['ID']['output'];
  /** The job type of the noted job. */
  jobTypeName: Scalars['String']['output'];
  /** The noted job's result. */
  result: Scalars['String']['output'];
  /** The task of the noted job, when it came from Taskcluster. */
  taskId?: Maybe<Scalars['String']['output']>;
  /** The note text. */
  text: Scalars['String']['output'];
  /** Who wrote it. */
  who: Scalars['String']['output'];
};

/**
 * The entry points of the graph. Every field reads Treeherder's public REST API through a
 * batched client: the number of upstream requests a query costs depends on the levels and
 * kinds of objects it asks for, not on how many objects it returns.
 */
export type Query = {
  __typename?: 'Query';
  /**
   * Alert summaries, newest first, with stable cursor pagination over Treeherder's page
   * numbers. As in Treeherder, only summaries of sheriffed frameworks are listed unless
   * `includeUnsheriffed` is true.
   */
  alertSummaries: AlertSummaryConnection;
  /** One alert summary by id, or null. */
  alertSummary?: Maybe<AlertSummary>;
  /** Every failure classification Treeherder offers, by id. */
  failureClassifications: Array<FailureClassification>;
  /** One job by id, or null when Treeherder has no job with that id. */
  job?: Maybe<Job>;
  /**
   * Jobs of some pushes that match a filter, ordered by job id, with stable cursor
   * pagination. `pushIds` is required: Treeherder's job list counts every matching job, so
   * an unscoped search would scan the whole database. (`jobs(ids:)` looks jobs up by id.)
   */
  jobSearch: JobConnection;
  /**
   * Jobs by id, in the order asked, with null for ids that do not exist. All ids are fetched
   * in one batched upstream request (chunked when the list is long); at most 2000 ids.
   */
  jobs: Array<Maybe<Job>>;
  /** Every machine platform Treeherder knows. */
  machinePlatforms: Array<MachinePlatform>;
  /** Every option collection (hash → build options). */
  optionCollections: Array<OptionCollection>;
  /**
   * Compare the performance of two revisions (PerfCompare). Heavy upstream: ask for one
   * framework at a time.
   */
  perfCompare: Array<PerfCompareRow>;
  /** The enabled Perfherder frameworks, ordered by id. */
  performanceFrameworks: Array<PerformanceFramework>;
  /** The platforms that have performance series in a repository. */
  performancePlatforms: Array<Scalars['String']['output']>;
  /** One performance signature by id, or null when the repository has none with that id. */
  performanceSignature?: Maybe<PerformanceSignature>;
  /**
   * The performance signatures of a repository, ordered by id. All filters are applied by
   * Treeherder; the page is cut after `first` signatures.
   */
  performanceSignatures: Array<PerformanceSignature>;
  /**
   * Series for graphs, as Perfherder's graphs view reads them. Without `signature`, all
   * top-level series of the framework are returned; set `includeSubtests` to get their
   * subtests instead (Treeherder's own default, the reverse of what most callers expect,
   * is to return only subtests).
   */
  performanceSummary: Array<PerformanceSeries>;
  /** The performance tags Perfherder offers. */
  performanceTags: Array<PerformanceTag>;
  /**
   * One push, by its id, its tip revision, or the revision of any commit in it (give exactly
   * one of them). Null when the repository has no such push.
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
export type QueryalertSummariesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  assignee?: InputMaybe<Scalars['String']['input']>;
  filterText?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  framework?: InputMaybe<Scalars['Int']['input']>;
  hideImprovements?: InputMaybe<Scalars['Boolean']['input']>;
  hideRelatedAndInvalid?: InputMaybe<Scalars['Boolean']['input']>;
  includeUnsheriffed?: InputMaybe<Scalars['Boolean']['input']>;
  repository?: InputMaybe<Scalars['String']['input']>;
  signature?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<AlertSummaryStatus>;
  timeRange?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * The entry points of the graph. Every field reads Treeherder's public REST API through a
 * batched client: the number of upstream requests a query costs depends on the levels and
 * kinds of objects it asks for, not on how many objects it returns.
 */
export type QueryalertSummaryArgs = {
  id: Scalars['ID']['input'];
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
export type QueryjobSearchArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<JobFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  pushIds: Array<Scalars['ID']['input']>;
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
export type QueryperfCompareArgs = {
  baseRepository: Scalars['String']['input'];
  baseRevision: Scalars['String']['input'];
  framework: Scalars['Int']['input'];
  includeSubtests?: InputMaybe<Scalars['Boolean']['input']>;
  newRepository: Scalars['String']['input'];
  newRevision: Scalars['String']['input'];
};


/**
 * The entry points of the graph. Every field reads Treeherder's public REST API through a
 * batched client: the number of upstream requests a query costs depends on the levels and
 * kinds of objects it asks for, not on how many objects it returns.
 */
export type QueryperformancePlatformsArgs = {
  framework?: InputMaybe<Scalars['Int']['input']>;
  interval?: InputMaybe<Scalars['Int']['input']>;
  repository: Scalars['String']['input'];
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
export type QueryperformanceSummaryArgs = {
  allData?: InputMaybe<Scalars['Boolean']['input']>;
  endDate?: InputMaybe<Scalars['DateTime']['input']>;
  framework?: InputMaybe<Scalars['Int']['input']>;
  includeSubtests?: InputMaybe<Scalars['Boolean']['input']>;
  interval?: InputMaybe<Scalars['Int']['input']>;
  noRetriggers?: InputMaybe<Scalars['Boolean']['input']>;
  parentSignature?: InputMaybe<Scalars['ID']['input']>;
  repository: Scalars['String']['input'];
  revision?: InputMaybe<Scalars['String']['input']>;
  signature?: InputMaybe<Scalars['ID']['input']>;
  startDate?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * The entry points of the graph. Every field reads Treeherder's public REST API through a
 * batched client: the number of upstream requests a query costs depends on the levels and
 * kinds of objects it asks for, not on how many objects it returns.
 */
export type QuerypushArgs = {
  commitRevision?: InputMaybe<Scalars['String']['input']>;
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
  authorContains?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  fromRevision?: InputMaybe<Scalars['String']['input']>;
  hideReviewbot?: InputMaybe<Scalars['Boolean']['input']>;
  repository: Scalars['String']['input'];
  revision?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  toRevision?: InputMaybe<Scalars['String']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
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

/** The number of jobs with one result. */
export type ResultCount = {
  __typename?: 'ResultCount';
  /** How many jobs have it. */
  count: Scalars['Int']['output'];
  /** The result, e.g. `testfailed`. */
  result: Scalars['String']['output'];
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

/**
 * Live updates, over Server-Sent Events (`Accept: text/event-stream` on `/graphql`, what
 * `EventSource` and curl use) or the `graphql-ws` protocol over WebSocket on the same path (what
 * Apollo Client and urql use). Subscribers of the same topic (the same arguments, the same
 * caller) share one poller that asks Treeherder for what changed once per interval
 * (`LIVE_POLL_INTERVAL_MS`), however many they are. Every event is an ordinary object of the graph:
 * ask for any of its fields, which are loaded (batched) per event. When Treeherder fails, the
 * stream gets an event with a coded error (`UPSTREAM_…`) and goes on once it answers again; an
 * argument Treeherder refuses (an unknown repository or push) ends the stream with its error.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Each new performance alert summary, once, newest last: those Treeherder lists after the
   * newest one at the time of subscribing.
   */
  alertSummaryCreated: AlertSummary;
  /**
   * The jobs that changed (state, result, classification or any other field; new jobs
   * included) since the previous event, polled with Treeherder's `last_modified__gt`. One event
   * per poll that found changes, never an empty one. Without `pushId` or `revision` it watches
   * the whole repository.
   */
  jobsChanged: Array<Job>;
  /**
   * Each new push of a repository, once, oldest first: the pushes Treeherder lists after the
   * newest one at the time of subscribing (polled with the push list's `id__gt`).
   */
  pushCreated: Push;
};


/**
 * Live updates, over Server-Sent Events (`Accept: text/event-stream` on `/graphql`, what
 * `EventSource` and curl use) or the `graphql-ws` protocol over WebSocket on the same path (what
 * Apollo Client and urql use). Subscribers of the same topic (the same arguments, the same
 * caller) share one poller that asks Treeherder for what changed once per interval
 * (`LIVE_POLL_INTERVAL_MS`), however many they are. Every event is an ordinary object of the graph:
 * ask for any of its fields, which are loaded (batched) per event. When Treeherder fails, the
 * stream gets an event with a coded error (`UPSTREAM_…`) and goes on once it answers again; an
 * argument Treeherder refuses (an unknown repository or push) ends the stream with its error.
 */
export type SubscriptionalertSummaryCreatedArgs = {
  framework?: InputMaybe<Scalars['Int']['input']>;
  repository?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live updates, over Server-Sent Events (`Accept: text/event-stream` on `/graphql`, what
 * `EventSource` and curl use) or the `graphql-ws` protocol over WebSocket on the same path (what
 * Apollo Client and urql use). Subscribers of the same topic (the same arguments, the same
 * caller) share one poller that asks Treeherder for what changed once per interval
 * (`LIVE_POLL_INTERVAL_MS`), however many they are. Every event is an ordinary object of the graph:
 * ask for any of its fields, which are loaded (batched) per event. When Treeherder fails, the
 * stream gets an event with a coded error (`UPSTREAM_…`) and goes on once it answers again; an
 * argument Treeherder refuses (an unknown repository or push) ends the stream with its error.
 */
export type SubscriptionjobsChangedArgs = {
  filter?: InputMaybe<JobFilter>;
  pushId?: InputMaybe<Scalars['ID']['input']>;
  repository: Scalars['String']['input'];
  revision?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live updates, over Server-Sent Events (`Accept: text/event-stream` on `/graphql`, what
 * `EventSource` and curl use) or the `graphql-ws` protocol over WebSocket on the same path (what
 * Apollo Client and urql use). Subscribers of the same topic (the same arguments, the same
 * caller) share one poller that asks Treeherder for what changed once per interval
 * (`LIVE_POLL_INTERVAL_MS`), however many they are. Every event is an ordinary object of the graph:
 * ask for any of its fields, which are loaded (batched) per event. When Treeherder fails, the
 * stream gets an event with a coded error (`UPSTREAM_…`) and goes on once it answers again; an
 * argument Treeherder refuses (an unknown repository or push) ends the stream with its error.
 */
export type SubscriptionpushCreatedArgs = {
  repository: Scalars['String']['input'];
};

/** The Taskcluster identity of a job. */
export type TaskclusterMetadata = {
  __typename?: 'TaskclusterMetadata';
  /** The run of the task (0 for the first run; retries count up). */
  retryId: Scalars['Int']['output'];
  /** The 22-character Taskcluster task id. */
  taskId: Scalars['String']['output'];
};

/** An error line Treeherder extracted from a job's log. */
export type TextLogError = {
  __typename?: 'TextLogError';
  /** Treeherder's id of the line. */
  id: Scalars['ID']['output'];
  /** The line as it appears in the log. */
  line: Scalars['String']['output'];
  /** The 0-based line number in the log. */
  lineNumber: Scalars['Int']['output'];
  /** Whether this failure is new in this push (not seen in recent history). */
  newFailure: Scalars['Boolean']['output'];
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
  Alert: ResolverTypeWrapper<AlertMapper>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AlertStatus: ResolverTypeWrapper<'UNTRIAGED' | 'DOWNSTREAM' | 'REASSIGNED' | 'INVALID' | 'ACKNOWLEDGED' | 'INFRA'>;
  AlertSummary: ResolverTypeWrapper<AlertSummaryMapper>;
  AlertSummaryConnection: ResolverTypeWrapper<Omit<AlertSummaryConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['AlertSummaryEdge']>, nodes: Array<ResolversTypes['AlertSummary']> }>;
  AlertSummaryEdge: ResolverTypeWrapper<Omit<AlertSummaryEdge, 'node'> & { node: ResolversTypes['AlertSummary'] }>;
  AlertSummaryStatus: ResolverTypeWrapper<'UNTRIAGED' | 'DOWNSTREAM' | 'REASSIGNED' | 'INVALID' | 'IMPROVEMENT' | 'INVESTIGATING' | 'WONTFIX' | 'FIXED' | 'BACKED_OUT' | 'INFRA'>;
  Assignee: ResolverTypeWrapper<Assignee>;
  Bug: ResolverTypeWrapper<Bug>;
  BugSuggestion: ResolverTypeWrapper<BugSuggestionMapper>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DecisionTask: ResolverTypeWrapper<DecisionTaskMapper>;
  FailureClassification: ResolverTypeWrapper<FailureClassificationMapper>;
  Job: ResolverTypeWrapper<JobMapper>;
  JobBugLink: ResolverTypeWrapper<JobBugLinkMapper>;
  JobConnection: ResolverTypeWrapper<Omit<JobConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['JobEdge']>, nodes: Array<ResolversTypes['Job']> }>;
  JobCounts: ResolverTypeWrapper<JobCountsMapper>;
  JobEdge: ResolverTypeWrapper<Omit<JobEdge, 'node'> & { node: ResolversTypes['Job'] }>;
  JobFilter: JobFilter;
  JobGroup: ResolverTypeWrapper<JobGroupMapper>;
  JobLog: ResolverTypeWrapper<JobLogMapper>;
  JobNote: ResolverTypeWrapper<JobNoteMapper>;
  JobType: ResolverTypeWrapper<JobTypeMapper>;
  MachinePlatform: ResolverTypeWrapper<MachinePlatformMapper>;
  OptionCollection: ResolverTypeWrapper<OptionCollectionMapper>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PerfCompareRow: ResolverTypeWrapper<PerfCompareRowMapper>;
  PerformanceDatum: ResolverTypeWrapper<PerformanceDatumMapper>;
  PerformanceFramework: ResolverTypeWrapper<PerformanceFrameworkMapper>;
  PerformanceSeries: ResolverTypeWrapper<PerformanceSeriesMapper>;
  PerformanceSignature: ResolverTypeWrapper<PerformanceSignatureMapper>;
  PerformanceSummaryPoint: ResolverTypeWrapper<PerformanceSummaryPointMapper>;
  PerformanceTag: ResolverTypeWrapper<PerformanceTagMapper>;
  Push: ResolverTypeWrapper<PushMapper>;
  PushConnection: ResolverTypeWrapper<Omit<PushConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['PushEdge']>, nodes: Array<ResolversTypes['Push']> }>;
  PushEdge: ResolverTypeWrapper<Omit<PushEdge, 'node'> & { node: ResolversTypes['Push'] }>;
  PushNote: ResolverTypeWrapper<PushNoteMapper>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Repository: ResolverTypeWrapper<RepositoryMapper>;
  ResultCount: ResolverTypeWrapper<ResultCount>;
  Revision: ResolverTypeWrapper<RevisionMapper>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TaskclusterMetadata: ResolverTypeWrapper<TaskclusterMetadataMapper>;
  TextLogError: ResolverTypeWrapper<TextLogErrorMapper>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Alert: AlertMapper;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  AlertSummary: AlertSummaryMapper;
  AlertSummaryConnection: Omit<AlertSummaryConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['AlertSummaryEdge']>, nodes: Array<ResolversParentTypes['AlertSummary']> };
  AlertSummaryEdge: Omit<AlertSummaryEdge, 'node'> & { node: ResolversParentTypes['AlertSummary'] };
  Assignee: Assignee;
  Bug: Bug;
  BugSuggestion: BugSuggestionMapper;
  DateTime: Scalars['DateTime']['output'];
  DecisionTask: DecisionTaskMapper;
  FailureClassification: FailureClassificationMapper;
  Job: JobMapper;
  JobBugLink: JobBugLinkMapper;
  JobConnection: Omit<JobConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['JobEdge']>, nodes: Array<ResolversParentTypes['Job']> };
  JobCounts: JobCountsMapper;
  JobEdge: Omit<JobEdge, 'node'> & { node: ResolversParentTypes['Job'] };
  JobFilter: JobFilter;
  JobGroup: JobGroupMapper;
  JobLog: JobLogMapper;
  JobNote: JobNoteMapper;
  JobType: JobTypeMapper;
  MachinePlatform: MachinePlatformMapper;
  OptionCollection: OptionCollectionMapper;
  PageInfo: PageInfo;
  PerfCompareRow: PerfCompareRowMapper;
  PerformanceDatum: PerformanceDatumMapper;
  PerformanceFramework: PerformanceFrameworkMapper;
  PerformanceSeries: PerformanceSeriesMapper;
  PerformanceSignature: PerformanceSignatureMapper;
  PerformanceSummaryPoint: PerformanceSummaryPointMapper;
  PerformanceTag: PerformanceTagMapper;
  Push: PushMapper;
  PushConnection: Omit<PushConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['PushEdge']>, nodes: Array<ResolversParentTypes['Push']> };
  PushEdge: Omit<PushEdge, 'node'> & { node: ResolversParentTypes['Push'] };
  PushNote: PushNoteMapper;
  Query: Record<PropertyKey, never>;
  Repository: RepositoryMapper;
  ResultCount: ResultCount;
  Revision: RevisionMapper;
  Subscription: Record<PropertyKey, never>;
  TaskclusterMetadata: TaskclusterMetadataMapper;
  TextLogError: TextLogErrorMapper;
  Boolean: Scalars['Boolean']['output'];
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
};

export type deferDirectiveArgs = {
  if?: Scalars['Boolean']['input'];
  label?: Maybe<Scalars['String']['input']>;
};

export type deferDirectiveResolver<Result, Parent, ContextType = GatewayContext, Args = deferDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type streamDirectiveArgs = {
  if?: Scalars['Boolean']['input'];
  initialCount?: Maybe<Scalars['Int']['input']>;
  label?: Maybe<Scalars['String']['input']>;
};

export type streamDirectiveResolver<Result, Parent, ContextType = GatewayContext, Args = streamDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AlertResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Alert'] = ResolversParentTypes['Alert']> = {
  amountAbs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  amountPct?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  classifier?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isRegression?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  manuallyCreated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  newValue?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  noiseProfile?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  prevProfileUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  prevValue?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  profileUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  relatedSummary?: Resolver<Maybe<ResolversTypes['AlertSummary']>, ParentType, ContextType>;
  relatedSummaryId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  series?: Resolver<ResolversTypes['PerformanceSignature'], ParentType, ContextType>;
  starred?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AlertStatus'], ParentType, ContextType>;
  summaryId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  tValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type AlertStatusResolvers = EnumResolverSignature<{ ACKNOWLEDGED?: any, DOWNSTREAM?: any, INFRA?: any, INVALID?: any, REASSIGNED?: any, UNTRIAGED?: any }, ResolversTypes['AlertStatus']>;

export type AlertSummaryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AlertSummary'] = ResolversParentTypes['AlertSummary']> = {
  alerts?: Resolver<Array<ResolversTypes['Alert']>, ParentType, ContextType>;
  assignee?: Resolver<Maybe<ResolversTypes['Assignee']>, ParentType, ContextType>;
  bugDueDate?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  bugNumber?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  bugUpdated?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  created?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  firstTriaged?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  framework?: Resolver<ResolversTypes['PerformanceFramework'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  notes?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  originalRevision?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  prevPush?: Resolver<ResolversTypes['Push'], ParentType, ContextType>;
  prevPushRevision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  push?: Resolver<ResolversTypes['Push'], ParentType, ContextType>;
  pushTimestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  relatedAlerts?: Resolver<Array<ResolversTypes['Alert']>, ParentType, ContextType>;
  relatedSummaries?: Resolver<Array<ResolversTypes['AlertSummary']>, ParentType, ContextType>;
  repository?: Resolver<ResolversTypes['Repository'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AlertSummaryStatus'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  triageDueDate?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type AlertSummaryConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AlertSummaryConnection'] = ResolversParentTypes['AlertSummaryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AlertSummaryEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['AlertSummary']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AlertSummaryEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AlertSummaryEdge'] = ResolversParentTypes['AlertSummaryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AlertSummary'], ParentType, ContextType>;
};

export type AlertSummaryStatusResolvers = EnumResolverSignature<{ BACKED_OUT?: any, DOWNSTREAM?: any, FIXED?: any, IMPROVEMENT?: any, INFRA?: any, INVALID?: any, INVESTIGATING?: any, REASSIGNED?: any, UNTRIAGED?: any, WONTFIX?: any }, ResolversTypes['AlertSummaryStatus']>;

export type AssigneeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Assignee'] = ResolversParentTypes['Assignee']> = {
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type BugResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Bug'] = ResolversParentTypes['Bug']> = {
  crashSignature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dupeOf?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  internalId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  keywords?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurrences?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  resolution?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  whiteboard?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type BugSuggestionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BugSuggestion'] = ResolversParentTypes['BugSuggestion']> = {
  allOtherBugs?: Resolver<Array<ResolversTypes['Bug']>, ParentType, ContextType>;
  counter?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failureNewInRev?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lineNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  openRecentBugs?: Resolver<Array<ResolversTypes['Bug']>, ParentType, ContextType>;
  pathEnd?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  search?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  searchTerms?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DecisionTaskResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DecisionTask'] = ResolversParentTypes['DecisionTask']> = {
  run?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  taskId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FailureClassificationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['FailureClassification'] = ResolversParentTypes['FailureClassification']> = {
  id?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type JobResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job']> = {
  bugSuggestions?: Resolver<Array<ResolversTypes['BugSuggestion']>, ParentType, ContextType>;
  bugs?: Resolver<Array<ResolversTypes['JobBugLink']>, ParentType, ContextType>;
  buildArchitecture?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  buildOs?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  buildPlatform?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  buildSystemType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  duration?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  endTime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  failureClassification?: Resolver<ResolversTypes['FailureClassification'], ParentType, ContextType>;
  failureClassificationId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  guid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobGroup?: Resolver<ResolversTypes['JobGroup'], ParentType, ContextType>;
  jobType?: Resolver<ResolversTypes['JobType'], ParentType, ContextType>;
  lastModified?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  logs?: Resolver<Array<ResolversTypes['JobLog']>, ParentType, ContextType>;
  machineName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  notes?: Resolver<Array<ResolversTypes['JobNote']>, ParentType, ContextType>;
  optionCollectionHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  platform?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  platformOption?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  push?: Resolver<ResolversTypes['Push'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  repository?: Resolver<ResolversTypes['Repository'], ParentType, ContextType>;
  result?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retryId?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  similarJobs?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, Partial<JobsimilarJobsArgs>>;
  startTime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  submitTime?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  taskId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  taskclusterMetadata?: Resolver<Maybe<ResolversTypes['TaskclusterMetadata']>, ParentType, ContextType>;
  textLogErrors?: Resolver<Array<ResolversTypes['TextLogError']>, ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  who?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type JobBugLinkResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobBugLink'] = ResolversParentTypes['JobBugLink']> = {
  bugId?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  created?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  internalId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  who?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type JobConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobConnection'] = ResolversParentTypes['JobConnection']> = {
  edges?: Resolver<Array<ResolversTypes['JobEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Job']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type JobCountsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobCounts'] = ResolversParentTypes['JobCounts']> = {
  completed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  results?: Resolver<Array<ResolversTypes['ResultCount']>, ParentType, ContextType>;
  running?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
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

export type JobNoteResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobNote'] = ResolversParentTypes['JobNote']> = {
  created?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  failureClassification?: Resolver<ResolversTypes['FailureClassification'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  who?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type JobTypeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['JobType'] = ResolversParentTypes['JobType']> = {
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  symbol?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MachinePlatformResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MachinePlatform'] = ResolversParentTypes['MachinePlatform']> = {
  id?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  platform?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type OptionCollectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['OptionCollection'] = ResolversParentTypes['OptionCollection']> = {
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  options?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PerfCompareRowResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PerfCompareRow'] = ResolversParentTypes['PerfCompareRow']> = {
  baseAverage?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  baseMedian?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  baseRepository?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  baseRevision?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  baseRuns?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
  baseStddev?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  confidence?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  confidenceText?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  delta?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  deltaPercentage?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  extraOptions?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  frameworkId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  headerName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  isComplete?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isImprovement?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isMeaningful?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isRegression?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lowerIsBetter?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  moreRunsAreNeeded?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  newAverage?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  newMedian?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  newRepository?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  newRevision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  newRuns?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
  newStddev?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  option?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  platform?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signatureId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  suite?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  test?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PerformanceDatumResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PerformanceDatum'] = ResolversParentTypes['PerformanceDatum']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  jobId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  push?: Resolver<ResolversTypes['Push'], ParentType, ContextType>;
  pushId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pushTimestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type PerformanceFrameworkResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PerformanceFramework'] = ResolversParentTypes['PerformanceFramework']> = {
  id?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PerformanceSeriesResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PerformanceSeries'] = ResolversParentTypes['PerformanceSeries']> = {
  application?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  data?: Resolver<Array<ResolversTypes['PerformanceSummaryPoint']>, ParentType, ContextType>;
  frameworkId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hasSubtests?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  jobIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  lowerIsBetter?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  measurementUnit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parentSignatureId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  platform?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  repository?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shouldAlert?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  signature?: Resolver<Maybe<ResolversTypes['PerformanceSignature']>, ParentType, ContextType>;
  signatureHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signatureId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  suite?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  test?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
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
  series?: Resolver<Array<ResolversTypes['PerformanceDatum']>, ParentType, ContextType, Partial<PerformanceSignatureseriesArgs>>;
  shouldAlert?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  signatureHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subtests?: Resolver<Array<ResolversTypes['PerformanceSignature']>, ParentType, ContextType>;
  suite?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  test?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PerformanceSummaryPointResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PerformanceSummaryPoint'] = ResolversParentTypes['PerformanceSummaryPoint']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  machineName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  pushId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pushTimestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  submitTime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type PerformanceTagResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PerformanceTag'] = ResolversParentTypes['PerformanceTag']> = {
  id?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PushResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Push'] = ResolversParentTypes['Push']> = {
  author?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  decisionTask?: Resolver<Maybe<ResolversTypes['DecisionTask']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobCounts?: Resolver<ResolversTypes['JobCounts'], ParentType, ContextType>;
  jobs?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, Partial<PushjobsArgs>>;
  notes?: Resolver<Array<ResolversTypes['PushNote']>, ParentType, ContextType>;
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

export type PushNoteResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PushNote'] = ResolversParentTypes['PushNote']> = {
  created?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  failureClassification?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobTypeName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  result?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  taskId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  who?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  alertSummaries?: Resolver<ResolversTypes['AlertSummaryConnection'], ParentType, ContextType, Partial<QueryalertSummariesArgs>>;
  alertSummary?: Resolver<Maybe<ResolversTypes['AlertSummary']>, ParentType, ContextType, RequireFields<QueryalertSummaryArgs, 'id'>>;
  failureClassifications?: Resolver<Array<ResolversTypes['FailureClassification']>, ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<QueryjobArgs, 'id'>>;
  jobSearch?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, RequireFields<QueryjobSearchArgs, 'pushIds'>>;
  jobs?: Resolver<Array<Maybe<ResolversTypes['Job']>>, ParentType, ContextType, RequireFields<QueryjobsArgs, 'ids'>>;
  machinePlatforms?: Resolver<Array<ResolversTypes['MachinePlatform']>, ParentType, ContextType>;
  optionCollections?: Resolver<Array<ResolversTypes['OptionCollection']>, ParentType, ContextType>;
  perfCompare?: Resolver<Array<ResolversTypes['PerfCompareRow']>, ParentType, ContextType, RequireFields<QueryperfCompareArgs, 'baseRepository' | 'baseRevision' | 'framework' | 'newRepository' | 'newRevision'>>;
  performanceFrameworks?: Resolver<Array<ResolversTypes['PerformanceFramework']>, ParentType, ContextType>;
  performancePlatforms?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType, RequireFields<QueryperformancePlatformsArgs, 'repository'>>;
  performanceSignature?: Resolver<Maybe<ResolversTypes['PerformanceSignature']>, ParentType, ContextType, RequireFields<QueryperformanceSignatureArgs, 'id' | 'repository'>>;
  performanceSignatures?: Resolver<Array<ResolversTypes['PerformanceSignature']>, ParentType, ContextType, RequireFields<QueryperformanceSignaturesArgs, 'repository'>>;
  performanceSummary?: Resolver<Array<ResolversTypes['PerformanceSeries']>, ParentType, ContextType, RequireFields<QueryperformanceSummaryArgs, 'repository'>>;
  performanceTags?: Resolver<Array<ResolversTypes['PerformanceTag']>, ParentType, ContextType>;
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

export type ResultCountResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ResultCount'] = ResolversParentTypes['ResultCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  result?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RevisionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Revision'] = ResolversParentTypes['Revision']> = {
  author?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  comments?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  alertSummaryCreated?: SubscriptionResolver<ResolversTypes['AlertSummary'], "alertSummaryCreated", ParentType, ContextType, Partial<SubscriptionalertSummaryCreatedArgs>>;
  jobsChanged?: SubscriptionResolver<Array<ResolversTypes['Job']>, "jobsChanged", ParentType, ContextType, RequireFields<SubscriptionjobsChangedArgs, 'repository'>>;
  pushCreated?: SubscriptionResolver<ResolversTypes['Push'], "pushCreated", ParentType, ContextType, RequireFields<SubscriptionpushCreatedArgs, 'repository'>>;
};

export type TaskclusterMetadataResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TaskclusterMetadata'] = ResolversParentTypes['TaskclusterMetadata']> = {
  retryId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  taskId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TextLogErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TextLogError'] = ResolversParentTypes['TextLogError']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  line?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lineNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  newFailure?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GatewayContext> = {
  Alert?: AlertResolvers<ContextType>;
  AlertStatus?: AlertStatusResolvers;
  AlertSummary?: AlertSummaryResolvers<ContextType>;
  AlertSummaryConnection?: AlertSummaryConnectionResolvers<ContextType>;
  AlertSummaryEdge?: AlertSummaryEdgeResolvers<ContextType>;
  AlertSummaryStatus?: AlertSummaryStatusResolvers;
  Assignee?: AssigneeResolvers<ContextType>;
  Bug?: BugResolvers<ContextType>;
  BugSuggestion?: BugSuggestionResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DecisionTask?: DecisionTaskResolvers<ContextType>;
  FailureClassification?: FailureClassificationResolvers<ContextType>;
  Job?: JobResolvers<ContextType>;
  JobBugLink?: JobBugLinkResolvers<ContextType>;
  JobConnection?: JobConnectionResolvers<ContextType>;
  JobCounts?: JobCountsResolvers<ContextType>;
  JobEdge?: JobEdgeResolvers<ContextType>;
  JobGroup?: JobGroupResolvers<ContextType>;
  JobLog?: JobLogResolvers<ContextType>;
  JobNote?: JobNoteResolvers<ContextType>;
  JobType?: JobTypeResolvers<ContextType>;
  MachinePlatform?: MachinePlatformResolvers<ContextType>;
  OptionCollection?: OptionCollectionResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PerfCompareRow?: PerfCompareRowResolvers<ContextType>;
  PerformanceDatum?: PerformanceDatumResolvers<ContextType>;
  PerformanceFramework?: PerformanceFrameworkResolvers<ContextType>;
  PerformanceSeries?: PerformanceSeriesResolvers<ContextType>;
  PerformanceSignature?: PerformanceSignatureResolvers<ContextType>;
  PerformanceSummaryPoint?: PerformanceSummaryPointResolvers<ContextType>;
  PerformanceTag?: PerformanceTagResolvers<ContextType>;
  Push?: PushResolvers<ContextType>;
  PushConnection?: PushConnectionResolvers<ContextType>;
  PushEdge?: PushEdgeResolvers<ContextType>;
  PushNote?: PushNoteResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Repository?: RepositoryResolvers<ContextType>;
  ResultCount?: ResultCountResolvers<ContextType>;
  Revision?: RevisionResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TaskclusterMetadata?: TaskclusterMetadataResolvers<ContextType>;
  TextLogError?: TextLogErrorResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = GatewayContext> = {
  defer?: deferDirectiveResolver<any, any, ContextType>;
  stream?: streamDirectiveResolver<any, any, ContextType>;
};
