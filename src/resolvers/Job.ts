import { jobBasics, jobDetail, jobRepository, jobSummary, type JobBasics } from '../job-access.js';
import { classificationOf, requireRepository } from '../reference.js';
import { decodeCursorParts, toConnection } from '../pagination.js';
import { readSimilarJobsPage, similarJobKey, type SimilarJobKey } from '../similar-jobs.js';
import { ErrorCode, UpstreamError } from '../errors.js';
import { pageSize } from '../validate.js';
import type { GatewayContext } from '../context.js';
import type { JobGroupMapper, JobMapper, JobTypeMapper } from '../mappers/job.mappers.js';
import type { JobResolvers } from './../types.generated.js';

/** The job's summary fields, loaded (batched) when the job carries neither its summary nor its detail. */
function loadedBasics<K extends keyof JobBasics>(job: JobMapper, ctx: GatewayContext, key: K): JobBasics[K] | Promise<JobBasics[K]> {
  const known = jobBasics(job, ctx);
  return known instanceof Promise ? known.then((summary) => summary[key]) : known[key];
}

// Each summary field reads the carried summary directly: one resolver per field, made once
// here, and no closure per call (2,500 jobs times a dozen fields is most of a large answer's
// calls on the general executor; compiled code reads a listed job's fields as properties).
const summaryField =
  <K extends keyof JobBasics>(key: K) =>
  (job: JobMapper, _args: unknown, ctx: GatewayContext): JobBasics[K] | Promise<JobBasics[K]> =>
    job.summary ? job.summary[key] : loadedBasics(job, ctx, key);

const jobTypeOf = ({ jobTypeName, jobTypeSymbol }: JobBasics, job: JobMapper): JobTypeMapper => ({ name: jobTypeName, symbol: jobTypeSymbol, job });
const jobGroupOf = ({ jobGroupName, jobGroupSymbol }: JobBasics, job: JobMapper): JobGroupMapper => ({ name: jobGroupName, symbol: jobGroupSymbol, job });

export const Job: JobResolvers = {
  // Summary fields: present on every listing. Answered synchronously when the job carries
  // them (a promise per field per job dominated the CPU of large job lists).
  result: summaryField('result'),
  state: summaryField('state'),
  tier: summaryField('tier'),
  platform: summaryField('platform'),
  platformOption: summaryField('platformOption'),
  taskId: summaryField('taskId'),
  retryId: summaryField('retryId'),
  // Only `/api/jobs/` rows carry it (the project jobs route lacks it): a job built from
  // detail alone (a similar job) loads its row, batched by id.
  duration: (job, _args, ctx) => (job.summary ? job.summary.duration : jobSummary(job, ctx).then((summary) => summary.duration)),
  lastModified: summaryField('lastModified'),
  failureClassificationId: summaryField('failureClassificationId'),
  signature: summaryField('signature'),
  jobType: (job, _args, ctx) => {
    const known = jobBasics(job, ctx);
    return known instanceof Promise ? known.then((basics) => jobTypeOf(basics, job)) : jobTypeOf(known, job);
  },
  jobGroup: (job, _args, ctx) => {
    const known = jobBasics(job, ctx);
    return known instanceof Promise ? known.then((basics) => jobGroupOf(basics, job)) : jobGroupOf(known, job);
  },
  push: async (job, _args, ctx) => {
    const { pushId } = await jobBasics(job, ctx);
    const push = await ctx.loaders.push.load({ repository: job.repository, id: pushId });
    if (!push) throw new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, `Treeherder has no push ${pushId} for job ${job.id}.`, 404);
    return push;
  },
  repository: async (job, _args, ctx) => requireRepository(ctx, { name: await jobRepository(job, ctx) }),
  failureClassification: async (job, _args, ctx) => classificationOf(ctx, (await jobBasics(job, ctx)).failureClassificationId),

  // Detail fields: one batched request per repository for all jobs that need them.
  guid: async (job, _args, ctx) => (await jobDetail(job, ctx)).guid,
  machineName: async (job, _args, ctx) => (await jobDetail(job, ctx)).machineName,
  who: async (job, _args, ctx) => (await jobDetail(job, ctx)).who,
  reason: async (job, _args, ctx) => (await jobDetail(job, ctx)).reason,
  submitTime: async (job, _args, ctx) => (await jobDetail(job, ctx)).submitTime,
  startTime: async (job, _args, ctx) => (await jobDetail(job, ctx)).startTime,
  endTime: async (job, _args, ctx) => (await jobDetail(job, ctx)).endTime,
  buildPlatform: async (job, _args, ctx) => (await jobDetail(job, ctx)).buildPlatform,
  buildOs: async (job, _args, ctx) => (await jobDetail(job, ctx)).buildOs,
  buildArchitecture: async (job, _args, ctx) => (await jobDetail(job, ctx)).buildArchitecture,
  buildSystemType: async (job, _args, ctx) => (await jobDetail(job, ctx)).buildSystemType,
  optionCollectionHash: async (job, _args, ctx) => (await jobDetail(job, ctx)).optionCollectionHash,

  // Related records: batched where Treeherder allows it, else fanned out with a bound.
  logs: async (job, _args, ctx) => ctx.loaders.jobLogs.load({ repository: await jobRepository(job, ctx), id: job.id }),
  bugs: async (job, _args, ctx) => ctx.loaders.jobBugLinks.load({ repository: await jobRepository(job, ctx), id: job.id }),
  taskclusterMetadata: (job, _args, ctx) => ctx.loaders.taskclusterMetadata.load(job.id),
  textLogErrors: async (job, _args, ctx) => ctx.loaders.textLogErrors.load({ repository: await jobRepository(job, ctx), id: job.id }),
  bugSuggestions: async (job, _args, ctx) => ctx.loaders.bugSuggestions.load({ repository: await jobRepository(job, ctx), id: job.id }),
  notes: async (job, _args, ctx) => ctx.loaders.jobNotes.load({ repository: await jobRepository(job, ctx), id: job.id }),
  similarJobs: async (job, args, ctx) => {
    const first = pageSize('first', args.first, 20, 200);
    const after = decodeCursorParts('after', 'similar', args.after, 3) as SimilarJobKey | null;
    const repository = await jobRepository(job, ctx);
    const excludeSuccessful = args.excludeSuccessful === true;
    const page = await readSimilarJobsPage(
      (count, maxPushId) => ctx.loaders.similarJobs.load({ repository, jobId: job.id, maxPushId, count, excludeSuccessful }),
      first,
      after,
    );
    // Built from the project jobs route's dicts: detail, but no `/api/jobs/` row (see `duration`).
    const jobs = page.jobs.map((detail) => ({ id: detail.id, repository, summary: null, detail }));
    return toConnection('similar', jobs, (item) => similarJobKey(item.detail), page.hasNextPage);
  },
};
