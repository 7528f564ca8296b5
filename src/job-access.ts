import type { GatewayContext } from './context.js';
import { ErrorCode, UpstreamError } from './errors.js';
import type { JobMapper } from './mappers/job.mappers.js';
import type { PushMapper } from './mappers/push.mappers.js';
import { ListedJob } from './listed-jobs.js';
import { requireRepository } from './reference.js';
import type { JobDetail, JobDetailLacks, JobSummary } from './treeherder/types.js';

// How a Job resolver reaches the part of a job it needs, fetching (batched) only what the
// job object does not carry yet.

function vanished(id: number): UpstreamError {
  // The job was listed a moment ago; Treeherder no longer knows it (e.g. expired data).
  return new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, `Treeherder no longer has job ${id}.`, 404);
}

/** The job's `/api/jobs/` row: carried by listings, loaded (batched by id) for a job built from detail alone. */
export async function jobSummary(job: JobMapper, ctx: GatewayContext): Promise<JobSummary> {
  if (job.summary) return job.summary;
  const summary = await ctx.loaders.jobSummary.load(job.id);
  if (!summary) throw vanished(job.id);
  return (job.summary = summary);
}

/** The summary fields every shape of a job carries (the detail lacks `JOB_DETAIL_LACKS`). */
export type JobBasics = Omit<JobSummary, JobDetailLacks>;

/** Those fields: from whichever shape the job carries, else from its loaded summary. */
export function jobBasics(job: JobMapper, ctx: GatewayContext): JobBasics | Promise<JobBasics> {
  return job.summary ?? job.detail ?? jobSummary(job, ctx);
}

/** The repository name of a job: known from its listing, or found through its push. */
export async function jobRepository(job: JobMapper, ctx: GatewayContext): Promise<string> {
  if (job.repository) return job.repository;
  const { pushId } = await jobBasics(job, ctx);
  const push = await ctx.loaders.push.load({ repository: null, id: pushId });
  if (!push) throw new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, `Treeherder has no push ${pushId} for job ${job.id}.`, 404);
  return (job.repository = await pushRepository(push, ctx));
}

export async function jobDetail(job: JobMapper, ctx: GatewayContext): Promise<JobDetail> {
  if (job.detail) return job.detail;
  const repository = await jobRepository(job, ctx);
  const detail = await ctx.loaders.jobDetail.load({ repository, id: job.id });
  if (!detail) throw vanished(job.id);
  return (job.detail = detail);
}

/** A job from a listing (see `ListedJob`: compiled code may read its summary fields as properties). */
export function toJobMapper(summary: JobSummary, repository: string | null): JobMapper {
  return new ListedJob(summary, repository);
}

/** The repository name of a push: known from its listing, or looked up by id. */
export async function pushRepository(push: PushMapper, ctx: GatewayContext): Promise<string> {
  if (push.repositoryName) return push.repositoryName;
  return (push.repositoryName = (await requireRepository(ctx, { id: push.repositoryId })).name);
}
