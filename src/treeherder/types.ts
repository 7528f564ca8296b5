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

/** A job as the project jobs route describes it: the summary plus the detail fields. */
export interface JobDetail extends JobSummary {
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

export interface PerformanceFramework {
  id: number;
  name: string;
}

export interface OptionCollection {
  hash: string;
  options: string[];
}
