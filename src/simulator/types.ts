/**
 * Public types of the simulator: its options, its HTTP handle and the generated data model.
 * Model fields are camelCase; the HTTP layer turns them into Treeherder's snake_case payloads.
 * Times are epoch microseconds (`…Us`) or epoch seconds where Treeherder stores seconds.
 */
import type { FaultKind, FaultRule, FaultRuleStatus } from './faults.js';
import type { TlsIdentity } from './tls.js';

export interface SimulatorScale {
  /** Pushes generated per repository (the inactive repository included). */
  pushesPerRepository: number;
  /** Mean jobs per push; repositories scale it (try pushes are smaller, central bigger). */
  jobsPerPush: number;
  /** Maximum commits in one push; some pushes exceed 20 so `revisions` truncation shows. */
  revisionsPerPush: number;
  /** Top-level performance series per framework in each repository with perf data. */
  signaturesPerFramework: number;
  /** Alert summaries across the alerting repositories. */
  alertSummaries: number;
}

export interface HawkCredential {
  id: string;
  key: string;
  algorithm: 'sha256';
}

export interface SimulatorOptions {
  /** Seed of every generated value; same seed and options → same data. Default 1. */
  seed?: number;
  scale?: Partial<SimulatorScale>;
  /** Anchor time in ms; generated times lie before it. Default: Date.now() at creation. */
  now?: number;
  /** Fixed delay before each response, standing in for the network. */
  latencyMs?: number;
  /** When given, `Authorization: Hawk …` headers are verified against these credentials. */
  hawkCredentials?: HawkCredential[];
  /** Offset of the simulator's clock for Hawk timestamp checks. */
  clockSkewMs?: number;
  /** Maximum number of generated jobs kept in memory (pushes are evicted LRU). Default 60000. */
  jobCacheSize?: number;
  /** Fault rules in force from the start (see `faults.ts`); `setFaults` and `PUT /__simulator/faults` replace them. */
  faults?: FaultRule[];
  /** Seed of the fault rules' random streams. Default: `seed`. */
  faultSeed?: number;
  /** Simulated time one live step moves the clock by, in ms. Default 60000 (a minute). */
  stepMs?: number;
  /**
   * Real milliseconds between live steps: the simulator moves on its own. Default: none (frozen
   * until `advance` or `POST /__simulator/advance`).
   */
  liveStepMs?: number;
  /**
   * Serve HTTPS: HTTP/2 to clients that offer it by ALPN, HTTP/1.1 to the others, same
   * handlers. `true` makes a self-signed certificate for localhost, 127.0.0.1 and ::1 (its PEM
   * is `simulator.tls.cert`, for clients to trust); or pass a certificate and key. Default: plain HTTP/1.1.
   */
  tls?: boolean | TlsIdentity;
}

/** Connections the simulator accepted since it started. */
export interface ConnectionCounts {
  /** TCP connections, TLS ones included (and those whose handshake failed). */
  accepted: number;
  /** TLS handshakes completed. */
  tls: number;
  /** Of those, the ones that chose HTTP/2 by ALPN. */
  h2: number;
}

/** What `advance` did. */
export interface AdvanceResult {
  /** Steps taken since the start. */
  step: number;
  /** The simulated time now, epoch milliseconds. */
  now: number;
  /** Ids of the pushes that arrived, oldest first. */
  pushes: number[];
  /** Ids of the alert summaries that appeared. */
  alertSummaries: number[];
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  /** Raw query string, without the '?'. */
  query: string;
  params: Array<[string, string]>;
  userAgent: string | null;
  authorization: string | null;
  /** The verified Hawk id, or null when the request was anonymous or failed verification. */
  hawkId: string | null;
  status: number;
  receivedAt: number;
  durationMs: number;
  /** The injected fault that shaped this answer, or null for a plain one. */
  fault: FaultKind | null;
  /**
   * Bytes of the request line (`GET /api/…?… HTTP/1.1`, no CRLF): gunicorn refuses more than
   * 4094. Over HTTP/2, the HTTP/1.1 line a proxy in front of gunicorn would send it.
   */
  requestLineBytes: number;
  /** `1.1` (or `1.0`), or `2.0` for a request that came as an HTTP/2 stream. */
  httpVersion: string;
  /** Which connection it came on: 1 for the first that sent a request, and so on (an HTTP/2 session is one). */
  connection: number;
}

export interface Simulator {
  /** Starts listening; resolves to the base URL, e.g. http://127.0.0.1:PORT (https:// with `tls`). */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  readonly url: string;
  readonly data: SimulatorData;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  setLatency(ms: number): void;
  /**
   * Replaces the fault rules (throws `FaultRuleError` listing every problem). Each rule's
   * random stream restarts from `seed` (default: `faultSeed`, else the data seed).
   */
  setFaults(rules: readonly FaultRule[], seed?: number): void;
  /** The fault rules with how many requests each has hit. */
  faults(): FaultRuleStatus[];
  /**
   * Moves the simulation `steps` steps on: the clock by `stepMs` each, jobs along their
   * timelines, new pushes and alert summaries as the seed has them arrive.
   */
  advance(steps?: number): AdvanceResult;
  /** Steps on its own every `stepMs` real milliseconds; null stops it (frozen again). */
  setLive(stepMs: number | null): void;
  /** Real milliseconds between live steps, or null when frozen. */
  readonly liveStepMs: number | null;
  /** The certificate and key served with `tls`; null over plain HTTP. */
  readonly tls: TlsIdentity | null;
  /** Connections accepted so far (also `GET /__simulator/connections`). */
  connections(): ConnectionCounts;
}

export interface RepositoryGroup {
  name: string;
  description: string;
}

export interface Repository {
  id: number;
  repositoryGroup: RepositoryGroup;
  name: string;
  dvcsType: 'hg' | 'git';
  url: string;
  codebase: string;
  description: string;
  activeStatus: string;
  lifeCycleOrder: number | null;
  performanceAlertsEnabled: boolean;
  expirePerformanceData: boolean;
  isTryRepo: boolean;
  tcRootUrl: string;
  acceptsPullRequests: boolean;
}

export interface OptionCollection {
  /** OptionCollection row id (one row per option; single-option collections here). */
  id: number;
  hash: string;
  options: string[];
}

export interface MachinePlatform {
  id: number;
  platform: string;
  os: string;
  architecture: string;
}

export interface Commit {
  revision: string;
  /** `Name <email>`. */
  author: string;
  comments: string;
}

export interface Push {
  id: number;
  repositoryId: number;
  repositoryName: string;
  revision: string;
  author: string;
  branch: string | null;
  /** Oldest first; the last commit is the tip (`revision`). */
  commits: Commit[];
  /** Epoch seconds. */
  pushTimestamp: number;
  /** Position in its repository, 0 = oldest. */
  index: number;
  firstJobId: number;
  jobCount: number;
}

export type JobState = 'pending' | 'running' | 'completed';
export type JobKind = 'decision' | 'build' | 'test' | 'perf' | 'lint';

export interface Job {
  id: number;
  pushId: number;
  repositoryId: number;
  kind: JobKind;
  guid: string;
  taskId: string;
  retryId: number;
  jobTypeId: number;
  jobTypeName: string;
  jobTypeSymbol: string;
  jobTypeDescription: string;
  jobGroupId: number;
  jobGroupName: string;
  jobGroupSymbol: string;
  jobGroupDescription: string;
  buildPlatformId: number;
  buildPlatform: string;
  buildOs: string;
  buildArchitecture: string;
  machinePlatformId: number;
  platform: string;
  machinePlatformOs: string;
  machinePlatformArchitecture: string;
  optionCollectionHash: string;
  platformOption: string;
  signature: string;
  refDataName: string;
  buildSystemType: string;
  machineName: string;
  reason: string;
  who: string;
  tier: number;
  state: JobState;
  result: string;
  failureClassificationId: number;
  /** Epoch microseconds; start/end are 0 (the epoch) while not started/finished. */
  submitTimeUs: number;
  startTimeUs: number;
  endTimeUs: number;
  lastModifiedUs: number;
  /** Suite name for test and perf jobs (used for logs and error lines). */
  suite: string | null;
  /** When a sheriff (or the autoclassifier) classified the failure; null if never. */
  classifiedUs: number | null;
  /** Email of the classifier, or 'autoclassifier'. */
  classifiedBy: string | null;
}

export interface JobLogUrl {
  id: number;
  jobId: number;
  name: string;
  url: string;
  parseStatus: 'pending' | 'parsed' | 'failed' | 'skipped-size';
}

export interface TextLogError {
  id: number;
  jobId: number;
  line: string;
  lineNumber: number;
  newFailure: boolean;
}

export interface JobNote {
  id: number;
  jobId: number;
  failureClassificationId: number;
  createdUs: number;
  who: string;
  text: string;
}

export interface BugJobMapEntry {
  jobId: number;
  bugId: number | null;
  bugInternalId: number;
  createdUs: number;
  who: string;
}

export interface Bug {
  internalId: number;
  bugzillaId: number | null;
  status: string;
  resolution: string;
  summary: string;
  dupeOf: number | null;
  crashSignature: string;
  keywords: string;
  whiteboard: string;
}

export interface PerformanceSignature {
  id: number;
  repositoryId: number;
  frameworkId: number;
  signatureHash: string;
  platform: string;
  platformId: number;
  optionCollectionHash: string;
  optionCollectionId: number;
  optionName: string;
  suite: string;
  test: string;
  application: string;
  lowerIsBetter: boolean;
  hasSubtests: boolean;
  parentSignatureId: number | null;
  parentSignatureHash: string | null;
  /** Space separated, as stored. */
  tags: string;
  /** Space separated, as stored. */
  extraOptions: string;
  measurementUnit: string | null;
  suitePublicName: string | null;
  testPublicName: string | null;
  shouldAlert: boolean | null;
  alertChangeType: number | null;
  alertThreshold: number | null;
  lastUpdatedUs: number;
  /** Job label whose runs produce this series' data. */
  jobLabel: string;
}

export interface PerformanceDatum {
  id: number;
  signatureId: number;
  repositoryId: number;
  jobId: number;
  pushId: number;
  /** Epoch seconds (the push time). */
  pushTimestamp: number;
  /** Already rounded to 2 decimal places. */
  value: number;
}

export interface PerformanceAlert {
  id: number;
  summaryId: number;
  relatedSummaryId: number | null;
  signatureId: number;
  status: number;
  isRegression: boolean;
  prevValue: number;
  newValue: number;
  tValue: number | null;
  amountAbs: number;
  amountPct: number;
  manuallyCreated: boolean;
  classifier: string | null;
  classifierEmail: string | null;
  starred: boolean;
  backfillRecord: BackfillRecord | null;
  noiseProfile: string;
  sheriffed: boolean;
}

export interface BackfillRecord {
  context: string;
  status: number;
  totalActionsTriggered: number;
  totalBackfillsFailed: number;
  totalBackfillsSuccessful: number;
  totalBackfillsInProgress: number;
}

export interface PerformanceAlertSummary {
  id: number;
  repositoryId: number;
  frameworkId: number;
  pushId: number;
  prevPushId: number;
  originalPushId: number | null;
  originalPrevPushId: number | null;
  createdUs: number;
  firstTriagedUs: number | null;
  triageDueDateUs: number | null;
  bugDueDateUs: number | null;
  bugUpdatedUs: number | null;
  status: number;
  bugNumber: number | null;
  bugStatus: number | null;
  issueTracker: number;
  notes: string | null;
  assigneeUsername: string | null;
  assigneeEmail: string | null;
  performanceTags: string[];
  sheriffed: boolean;
  manuallyCreated: boolean;
  /** Alert ids owned by this summary. */
  alertIds: number[];
  /** Alert ids of other summaries reassigned/downstreamed here. */
  relatedAlertIds: number[];
}

/** Typed, read-only access to the generated model, for tests to compute expectations. */
export interface SimulatorData {
  readonly seed: number;
  readonly scale: SimulatorScale;
  /** Anchor time in ms. */
  readonly now: number;
  /** Live steps taken so far (0: as generated). */
  readonly step: number;
  /** The simulated time: the anchor plus `step` times `stepMs`, in ms. */
  clockMs(): number;
  readonly repositories: readonly Repository[];
  readonly optionCollections: readonly OptionCollection[];
  readonly machinePlatforms: readonly MachinePlatform[];
  /** All pushes, ordered by id (= push time). */
  readonly pushes: readonly Push[];
  repository(name: string): Repository | undefined;
  repositoryById(id: number): Repository | undefined;
  pushesOf(repositoryName: string): readonly Push[];
  push(id: number): Push | undefined;
  /** Total number of jobs across all pushes (from the id ranges; nothing is generated). */
  readonly totalJobs: number;
  /** Jobs of one push, generated on demand (memoised in a bounded cache). */
  jobsOfPush(pushId: number): readonly Job[];
  job(id: number): Job | undefined;
  pushOfJob(jobId: number): Push | undefined;
  logsOfJob(job: Job): JobLogUrl[];
  textLogErrorsOfJob(job: Job): TextLogError[];
  notesOfJob(job: Job): JobNote[];
  bugJobMapOfJob(job: Job): BugJobMapEntry[];
  /** Number of jobs currently held in memory, and the number of push generations done. */
  jobCacheStats(): { cachedJobs: number; cachedPushes: number; generations: number };
  readonly signatures: readonly PerformanceSignature[];
  signature(id: number): PerformanceSignature | undefined;
  signaturesOf(repositoryName: string): readonly PerformanceSignature[];
  readonly data: readonly PerformanceDatum[];
  dataOfSignature(signatureId: number): readonly PerformanceDatum[];
  readonly alertSummaries: readonly PerformanceAlertSummary[];
  readonly alerts: readonly PerformanceAlert[];
  alertSummary(id: number): PerformanceAlertSummary | undefined;
  alert(id: number): PerformanceAlert | undefined;
}
