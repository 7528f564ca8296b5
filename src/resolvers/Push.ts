import { pushRepository, toJobMapper } from '../job-access.js';
import { decodeCursor, toConnection } from '../pagination.js';
import { toJobFilter } from '../job-filter.js';
import { requireRepository } from '../reference.js';
import { pageSize } from '../validate.js';
import type { PushResolvers } from './../types.generated.js';

/** Treeherder's own page size: a push's whole job list fits in one page by default. */
export const PUSH_JOBS_DEFAULT = 2000;
export const PUSH_JOBS_MAX = 5000;

export const Push: PushResolvers = {
  repository: (push, _args, ctx) => requireRepository(ctx, { id: push.repositoryId }),
  jobs: async (push, args, ctx) => {
    const first = pageSize('first', args.first, PUSH_JOBS_DEFAULT, PUSH_JOBS_MAX);
    const afterId = decodeCursor('after', 'job', args.after);
    const filter = toJobFilter(args.filter, { result: args.result, state: args.state, tier: args.tier });
    const page = await ctx.loaders.pushJobs.load({ pushId: push.id, afterId, first, ...filter });
    const jobs = page.jobs.map((summary) => toJobMapper(summary, push.repositoryName));
    return toConnection('job', jobs, (job) => job.id, page.hasNextPage);
  },
  jobCounts: async (push, _args, ctx) => ctx.loaders.pushStatus.load({ repository: await pushRepository(push, ctx), id: push.id }),
  notes: async (push, _args, ctx) =>
    ctx.loaders.pushNotes.load({ repository: await pushRepository(push, ctx), revision: push.revision }),
  decisionTask: async (push, _args, ctx) =>
    ctx.loaders.decisionTask.load({ repository: await pushRepository(push, ctx), id: push.id }),
};
