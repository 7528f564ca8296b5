import type { BugSuggestion, JobDetail, JobLog, JobSummary, TaskclusterMetadata, TextLogError } from '../treeherder/types.js';

/**
 * A job as far as the query has fetched it. Listings give the summary; detail fields are
 * loaded (batched) only when asked for. `repository` is known when the job was reached
 * through a push of a known repository; otherwise it is found through the job's push.
 */
export interface JobMapper {
  id: number;
  repository: string | null;
  summary: JobSummary | null;
  detail: JobDetail | null;
}

/** Job type and group resolve their description from the job's detail. */
export interface JobTypeMapper {
  name: string;
  symbol: string;
  job: JobMapper;
}

export interface JobGroupMapper {
  name: string;
  symbol: string;
  job: JobMapper;
}

export type JobLogMapper = JobLog;

export type TextLogErrorMapper = TextLogError;
export type BugSuggestionMapper = BugSuggestion;
export type TaskclusterMetadataMapper = TaskclusterMetadata;
