import type { AnyShape, Shaped } from '../partial.js';

// The normalised Treeherder model the rest of the gateway works with: camelCase, one time
// format (ISO-8601 UTC with `Z`), optional keys defaulted. Produced by ./normalize.ts.

export interface Repository {
  id: number;
  name: string;
  dvcsType: string;
  url: string;
  codebase: string;
  description: string;
  groupName: string;
  groupDescription: string;
  lifeCycleOrder: number | null;
  performanceAlertsEnabled: boolean;
  expirePerformanceData: boolean;
  isTryRepo: boolean;
  taskclusterRootUrl: string;
  acceptsPullRequests: boolean | null;
}

export interface Revision {
  revision: string;
  author: string;
  comments: string;
}

export interface Push {
  id: number;
  revision: string;
  author: string;
  /** ISO-8601 UTC. */
  timestamp: string;
  repositoryId: number;
  revisions: Revision[];
  revisionCount: number;
}

/** The fields every job listing carries (the compact `/api/jobs/` rows have exactly these). */
export interface JobSummary {
  id: number;
  pushId: number;
  pushRevision: string | null;
  failureClassificationId: number;
  jobGroupName: string;
  jobGroupSymbol: string;
  jobTypeName: string;
  jobTypeSymbol: string;
  lastModified: string;
  platform: string;
  result: string;
  signature: string;
  state: string;
  tier: number;
  taskId: string | null;
  retryId: number | null;
  /** Minutes, as Treeherder computes it. */
  duration: number;
  platformOption: string;
}

/**
 * The summary fields the project jobs route (`/api/project/{repo}/jobs/`, `similar_jobs/`)
 * does not send: `duration` is computed by `/api/jobs/` from microsecond times (Python's
 * `round`), which the route's whole-second epochs cannot reproduce; `push_revision` is absent.
 */
export const JOB_DETAIL_LACKS = ['duration', 'pushRevision'] as const;
export type JobDetailLacks = (typeof JOB_DETAIL_LACKS)[number];

/** A job as the project jobs route describes it: the summary fields it carries plus the detail fields. */
export interface JobDetail extends Omit<JobSummary, JobDetailLacks> {
  guid: string;
  buildArchitecture: string;
  buildOs: string;
  buildPlatform: string;
  buildSystemType: string;
  jobGroupDescription: string;
  jobTypeDescription: string;
  machineName: string;
  machinePlatformArchitecture: string;
  machinePlatformOs: string;
  optionCollectionHash: string;
  reason: string;
  who: string;
  submitTime: string;
  startTime: string | null;
  endTime: string | null;
}

export interface JobLog {
  id: number;
  jobId: number;
  name: string;
  url: string;
  parseStatus: string;
}

export interface PerformanceSignature {
  id: number;
  /** The repository name the signature was read from. */
  repository: string;
  signatureHash: string;
  frameworkId: number;
  optionCollectionHash: string;
  platform: string;
  suite: string;
  test: string | null;
  lowerIsBetter: boolean;
  hasSubtests: boolean;
  tags: string[];
  /** The parent signature's hash (Treeherder gives the hash here, not the id). */
  parentSignatureHash: string | null;
  extraOptions: string[];
  application: string | null;
  measurementUnit: string | null;
  shouldAlert: boolean | null;
}

/**
 * The fields of a signature an alert's embedded `series_signature` does not carry
 * (Treeherder's `PerformanceSignatureSerializer` lists neither `application`,
 * `parent_signature` nor `should_alert`; the signatures endpoint sends all three).
 */
export const ALERT_SIGNATURE_LACKS = ['application', 'parentSignatureHash', 'shouldAlert'] as const;
export type AlertSignatureLacks = (typeof ALERT_SIGNATURE_LACKS)[number];
export const RELATED_ALERT_SIGNATURE_LACKS = [...ALERT_SIGNATURE_LACKS, 'repository'] as const;

/**
 * A related alert's signature (an alert of another summary, downstreamed or reassigned to
 * this one) belongs to the repository of the alert's own summary, which may be another
 * repository than the listing summary's: the shape lacks it, and names the summary to read it from.
 */
export type RelatedAlertSignature = Shaped<PerformanceSignature, AlertSignatureLacks | 'repository'> & {
  /** The alert's own summary (`summary_id`): its repository is the signature's. */
  readonly ownerSummaryId: number;
};

/** A signature as some path built it: from the signatures endpoint (complete) or from an alert. */
export type AnySignature = AnyShape<PerformanceSignature, AlertSignatureLacks> | RelatedAlertSignature;

export interface PerformanceFramework {
  id: number;
  name: string;
}

export interface OptionCollection {
  hash: string;
  options: string[];
}

export interface TextLogError {
  id: number;
  jobId: number;
  line: string;
  lineNumber: number;
  newFailure: boolean;
}

export interface Bug {
  id: number | null;
  internalId: number;
  status: string;
  resolution: string;
  summary: string;
  dupeOf: number | null;
  crashSignature: string;
  keywords: string;
  whiteboard: string;
  occurrences: number | null;
}

export interface BugSuggestion {
  search: string;
  searchTerms: string[];
  pathEnd: string | null;
  lineNumber: number;
  counter: number;
  failureNewInRev: boolean;
  openRecentBugs: Bug[];
  allOtherBugs: Bug[];
}

export interface FailureClassification {
  id: number;
  name: string;
}

export interface JobNote {
  id: number;
  jobId: number;
  failureClassificationId: number;
  created: string;
  who: string;
  text: string;
}

export interface JobBugLink {
  jobId: number;
  bugId: number | null;
  internalId: number;
  created: string;
  who: string;
}

export interface TaskclusterMetadata {
  jobId: number;
  taskId: string;
  retryId: number;
}

export interface JobCounts {
  pending: number;
  running: number;
  completed: number;
  results: Array<{ result: string; count: number }>;
}

export interface PushNote {
  id: number;
  taskId: string | null;
  jobTypeName: string;
  result: string;
  failureClassification: string;
  created: string;
  who: string;
  text: string;
}

export interface DecisionTask {
  pushId: number;
  taskId: string;
  run: string;
}

export interface PerformanceTag {
  id: number;
  name: string;
}

export interface MachinePlatform {
  id: number;
  platform: string;
}

export interface PerformanceDatum {
  id: number;
  signatureId: number;
  /** The repository the series was read from (to look its pushes and jobs up). */
  repository: string;
  value: number;
  pushId: number;
  revision: string;
  pushTimestamp: string;
  jobId: number | null;
}

export interface PerformanceSummaryPoint {
  id: number;
  jobId: number | null;
  value: number;
  pushId: number;
  revision: string;
  pushTimestamp: string;
  submitTime: string | null;
  machineName: string | null;
}

export interface PerformanceSeries {
  signatureId: number;
  signatureHash: string;
  frameworkId: number;
  repository: string;
  platform: string;
  suite: string;
  test: string | null;
  name: string;
  lowerIsBetter: boolean;
  hasSubtests: boolean;
  parentSignatureId: number | null;
  tags: string[];
  measurementUnit: string | null;
  application: string | null;
  shouldAlert: boolean | null;
  values: number[];
  jobIds: number[];
  data: PerformanceSummaryPoint[];
}

export type AlertSummaryStatus =
  | 'UNTRIAGED'
  | 'DOWNSTREAM'
  | 'REASSIGNED'
  | 'INVALID'
  | 'IMPROVEMENT'
  | 'INVESTIGATING'
  | 'WONTFIX'
  | 'FIXED'
  | 'BACKED_OUT'
  | 'INFRA';

export type AlertStatus = 'UNTRIAGED' | 'DOWNSTREAM' | 'REASSIGNED' | 'INVALID' | 'ACKNOWLEDGED' | 'INFRA';

export interface Alert {
  id: number;
  status: AlertStatus;
  /** The series, built from the signature embedded in the alert (which lacks some fields). */
  series: Shaped<PerformanceSignature, AlertSignatureLacks> | RelatedAlertSignature;
  isRegression: boolean;
  prevValue: number;
  newValue: number;
  amountAbs: number;
  amountPct: number;
  tValue: number | null;
  summaryId: number;
  relatedSummaryId: number | null;
  manuallyCreated: boolean;
  starred: boolean;
  classifier: string | null;
  noiseProfile: string | null;
  profileUrl: string | null;
  prevProfileUrl: string | null;
}

export interface AlertSummary {
  id: number;
  repository: string;
  frameworkId: number;
  pushId: number;
  prevPushId: number;
  revision: string;
  prevPushRevision: string;
  originalRevision: string | null;
  pushTimestamp: string;
  created: string;
  firstTriaged: string | null;
  triageDueDate: string | null;
  bugDueDate: string | null;
  status: AlertSummaryStatus;
  bugNumber: number | null;
  bugUpdated: string | null;
  notes: string | null;
  assignee: { username: string; email: string | null } | null;
  tags: string[];
  alerts: Alert[];
  relatedAlerts: Alert[];
  /** Other summaries on the same push and framework. */
  duplicatedSummaryIds: number[];
}

export interface AlertSummaryPage {
  count: number;
  hasNext: boolean;
  summaries: AlertSummary[];
}

export interface PerfCompareRow {
  signatureId: number | null;
  frameworkId: number;
  platform: string;
  suite: string;
  test: string;
  headerName: string;
  option: string;
  extraOptions: string;
  baseRevision: string | null;
  newRevision: string;
  baseRepository: string;
  newRepository: string;
  isComplete: boolean;
  lowerIsBetter: boolean;
  baseRuns: number[];
  newRuns: number[];
  baseAverage: number;
  newAverage: number;
  baseMedian: number;
  newMedian: number;
  baseStddev: number;
  newStddev: number;
  delta: number;
  deltaPercentage: number;
  confidence: number | null;
  confidenceText: string;
  isImprovement: boolean;
  isRegression: boolean;
  isMeaningful: boolean;
  moreRunsAreNeeded: boolean;
}
