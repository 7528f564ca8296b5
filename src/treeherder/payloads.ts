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
