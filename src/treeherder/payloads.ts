// Raw Treeherder response shapes, exactly as the REST API sends them (snake_case, epoch
// seconds or zone-less ISO strings, optional keys omitted). Only the client reads these;
// everything above it sees the normalised types of ./types.ts.

export interface RepositoryPayload {
  id: number;
  repository_group: { name: string; description: string };
  name: string;
  dvcs_type: string;
  url: string;
  branch?: string | null;
  codebase: string;
  description: string;
  active_status: string;
  life_cycle_order: number | null;
  performance_alerts_enabled: boolean;
  expire_performance_data: boolean;
  is_try_repo: boolean;
  tc_root_url: string;
  accepts_pull_requests?: boolean;
}

export interface CommitPayload {
  result_set_id: number;
  repository_id: number;
  revision: string;
  author: string;
  comments: string;
}

export interface PushPayload {
  id: number;
  revision: string;
  author: string;
  branch?: string | null;
  revisions: CommitPayload[];
  revision_count: number;
  push_timestamp: number;
  repository_id: number;
}

export interface PushListPayload {
  meta: { count: number; repository: string; filter_params: Record<string, unknown> };
  results: PushPayload[];
}

/** `GET /api/jobs/`: a DRF page whose rows are arrays to be zipped with `job_property_names`. */
export interface JobRowPagePayload {
  count: number;
  next: string | null;
  previous: string | null;
  results: unknown[][];
  job_property_names: string[];
}

/** A job of the project jobs list (`/api/project/{repo}/jobs/`, dict mode). */
export interface JobDictPayload {
  build_architecture: string;
  build_os: string;
  build_platform: string;
  build_platform_id: number;
  build_system_type: string;
  end_timestamp: number;
  failure_classification_id: number;
  id: number;
  job_group_description: string;
  job_group_id: number;
  job_group_name: string;
  job_group_symbol: string;
  job_guid: string;
  job_type_description: string;
  job_type_id: number;
  job_type_name: string;
  job_type_symbol: string;
  last_modified: string;
  machine_name: string;
  machine_platform_architecture: string;
  machine_platform_os: string;
  option_collection_hash: string;
  platform: string;
  push_id: number;
  reason: string;
  ref_data_name: string;
  result: string;
  result_set_id: number;
  signature: string;
  start_timestamp: number;
  state: string;
  submit_timestamp: number;
  tier: number;
  who: string;
  task_id?: string | null;
  retry_id?: number | null;
  platform_option?: string;
}

export interface JobDictListPayload {
  results: JobDictPayload[];
  meta: { repository: string; offset: number; count: number };
}

export interface JobLogUrlPayload {
  id: number;
  job_id: number;
  name: string;
  url: string;
  parse_status: string;
}

export interface SignaturePayload {
  id: number;
  signature_hash: string;
  framework_id: number;
  option_collection_hash: string;
  machine_platform: string;
  suite: string;
  should_alert?: boolean | null;
  lower_is_better?: boolean;
  test?: string;
  application?: string;
  has_subtests?: boolean;
  tags?: string[];
  parent_signature?: string;
  extra_options?: string[];
  measurement_unit?: string;
}

export interface OptionCollectionPayload {
  option_collection_hash: string;
  options: Array<{ name: string }>;
}

export interface NamedPayload {
  id: number;
  name: string;
}

export interface TextLogErrorPayload {
  id: number;
  job: number;
  line: string;
  line_number: number;
  new_failure: boolean;
}

export interface BugPayload {
  id: number | null;
  internal_id: number;
  status: string;
  resolution: string;
  summary: string;
  dupe_of: number | null;
  crash_signature: string;
  keywords: string;
  whiteboard: string;
  occurrences?: number | null;
}

export interface BugSuggestionPayload {
  search: string;
  search_terms: string[];
  path_end: string | null;
  bugs: { open_recent: BugPayload[]; all_others: BugPayload[] };
  line_number: number;
  counter: number;
  failure_new_in_rev: boolean;
}

export interface NotePayload {
  id: number;
  job_id: number;
  failure_classification_id: number;
  created: string;
  who: string;
  text: string;
}

export interface BugJobMapPayload {
  job_id: number;
  bug_id: number | null;
  bug_internal_id: number;
  created: string;
  who: string;
}

export interface TaskclusterMetadataPayload {
  job: number;
  task_id: string;
  retry_id: number;
}

/** `push/{id}/status/`: state counts plus one key per non-zero result. */
export type PushStatusPayload = Record<string, number>;

export interface PushNotePayload {
  id: number;
  job: { task_id: string | null; job_type_name: string; result: string; duration: number | null };
  failure_classification_name: string;
  created: string;
  who: string;
  text: string;
}

export type DecisionTaskPayload = Record<string, { id: string; run: string }>;

export interface MachinePlatformPayload {
  id: number;
  platform: string;
}

export interface PerformanceDatumPayload {
  id: number;
  signature_id: number;
  job_id: number | null;
  push_id: number;
  revision: string;
  push_timestamp: number;
  value: number;
}

export interface SummaryPointPayload {
  job_id: number | null;
  id: number;
  value: number;
  push_timestamp: string;
  push_id: number;
  revision: string;
  submit_time?: string | null;
  machine_name?: string | null;
}

export interface PerformanceSummaryPayload {
  signature_id: number;
  framework_id: number;
  signature_hash: string;
  platform: string;
  test: string | null;
  suite: string;
  lower_is_better: boolean;
  has_subtests: boolean;
  tags: string;
  values: number[];
  name: string;
  parent_signature: number | null;
  job_ids: number[];
  repository_name: string;
  repository_id: number;
  data: SummaryPointPayload[];
  measurement_unit: string | null;
  application: string | null;
  should_alert: boolean | null;
}

export interface AlertSignaturePayload {
  id: number;
  framework_id: number;
  signature_hash: string;
  machine_platform: string;
  suite: string;
  test: string | null;
  lower_is_better: boolean;
  has_subtests: boolean;
  option_collection_hash: string;
  tags: string[];
  extra_options: string[];
  measurement_unit: string | null;
  suite_public_name?: string | null;
  test_public_name?: string | null;
}

export interface AlertPayload {
  id: number;
  status: number;
  series_signature: AlertSignaturePayload;
  is_regression: boolean;
  prev_value: number;
  new_value: number;
  t_value: number | null;
  amount_abs: number;
  amount_pct: number;
  summary_id: number;
  related_summary_id: number | null;
  manually_created: boolean;
  classifier: string | null;
  starred: boolean;
  noise_profile?: string;
  profile_url?: string | null;
  prev_profile_url?: string | null;
}

export interface AlertSummaryPayload {
  id: number;
  push_id: number;
  prev_push_id: number;
  original_revision?: string | null;
  created: string;
  first_triaged?: string | null;
  triage_due_date?: string | null;
  bug_due_date?: string | null;
  repository: string;
  framework: number;
  alerts: AlertPayload[];
  related_alerts: AlertPayload[];
  status: number;
  bug_number: number | null;
  bug_updated: string | null;
  notes: string | null;
  revision: string;
  push_timestamp: number;
  prev_push_revision: string;
  assignee_username: string | null;
  assignee_email: string | null;
  performance_tags: string[];
  duplicated_summaries?: Array<{ id: number; status: number }>;
}

export interface DrfPagePayload<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** One row of `/api/perfcompare/results/` (the fields the gateway reads). */
export interface PerfCompareRowPayload {
  base_rev: string | null;
  new_rev: string;
  framework_id: number;
  platform: string;
  suite: string;
  test: string;
  header_name: string;
  option_name: string;
  extra_options: string;
  base_repository_name: string;
  new_repository_name: string;
  is_complete: boolean;
  lower_is_better: boolean | null;
  base_runs: number[];
  new_runs: number[];
  base_avg_value: number;
  new_avg_value: number;
  base_median_value: number;
  new_median_value: number;
  base_stddev: number;
  new_stddev: number;
  delta_value: number;
  delta_percentage: number;
  confidence: number | null;
  confidence_text: string | null;
  is_improvement?: boolean;
  is_regression?: boolean;
  is_meaningful?: boolean;
  more_runs_are_needed: boolean | null;
  base_signature_id: number | null;
  new_signature_id: number | null;
}
