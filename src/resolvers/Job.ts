import { jobDetail, jobRepository, jobSummary } from '../job-access.js';
import type { JobResolvers } from './../types.generated.js';

export const Job: JobResolvers = {
  // Summary fields: present on every listing.
  result: async (job, _args, ctx) => (await jobSummary(job, ctx)).result,
  state: async (job, _args, ctx) => (await jobSummary(job, ctx)).state,
  tier: async (job, _args, ctx) => (await jobSummary(job, ctx)).tier,
  platform: async (job, _args, ctx) => (await jobSummary(job, ctx)).platform,
  platformOption: async (job, _args, ctx) => (await jobSummary(job, ctx)).platformOption,
  taskId: async (job, _args, ctx) => (await jobSummary(job, ctx)).taskId,
  retryId: async (job, _args, ctx) => (await jobSummary(job, ctx)).retryId,
  duration: async (job, _args, ctx) => (await jobSummary(job, ctx)).duration,
  lastModified: async (job, _args, ctx) => (await jobSummary(job, ctx)).lastModified,
  failureClassificationId: async (job, _args, ctx) => (await jobSummary(job, ctx)).failureClassificationId,
  signature: async (job, _args, ctx) => (await jobSummary(job, ctx)).signature,
  jobType: async (job, _args, ctx) => {
    const { jobTypeName, jobTypeSymbol } = await jobSummary(job, ctx);
    return { name: jobTypeName, symbol: jobTypeSymbol, job };
  },
  jobGroup: async (job, _args, ctx) => {
    const { jobGroupName, jobGroupSymbol } = await jobSummary(job, ctx);
    return { name: jobGroupName, symbol: jobGroupSymbol, job };
  },
  push: async (job, _args, ctx) => {
    const { pushId } = await jobSummary(job, ctx);
    const push = await ctx.loaders.push.load({ repository: job.repository, id: pushId });
    if (!push) throw new Error(`push ${pushId} of job ${job.id} is missing`);
    return push;
  },
  repository: async (job, _args, ctx) => {
    const name = await jobRepository(job, ctx);
    const repository = (await ctx.loaders.repositories()).find((candidate) => candidate.name === name);
    if (!repository) throw new Error(`repository ${name} of job ${job.id} is not listed`);
    return repository;
  },

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

  logs: async (job, _args, ctx) => ctx.loaders.jobLogs.load({ repository: await jobRepository(job, ctx), id: job.id }),
};
