import type { GatewayContext } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { filterParams, toJobFilter } from '../../job-filter.js';
import { jobsChangedTopic } from '../../live/topics.js';
import { resolveLive, subscribeLive, type LivePayload } from '../../live/subscribe.js';
import type { JobMapper } from '../../mappers/job.mappers.js';
import { positiveId, repositoryName, revision } from '../../validate.js';
import type { SubscriptionResolvers } from './../../types.generated.js';

export const jobsChanged: NonNullable<SubscriptionResolvers['jobsChanged']> = {
  subscribe: (_parent, args, ctx) => {
    const repository = repositoryName('repository', args.repository);
    if (args.pushId != null && args.revision != null) throw badUserInput('revision', 'Give pushId or revision, not both.');
    if (args.filter?.lastModifiedSince != null) {
      throw badUserInput('filter.lastModifiedSince', 'jobsChanged tracks what changed itself: leave filter.lastModifiedSince out.');
    }
    const scope = {
      repository,
      pushId: args.pushId == null ? null : positiveId('pushId', args.pushId),
      revision: args.revision == null ? null : revision('revision', args.revision),
      filter: filterParams(toJobFilter(args.filter)),
    };
    return subscribeLive(ctx, jobsChangedTopic(scope, ctx.identity), (jobs) => [
      jobs.map((detail): JobMapper => ({ id: detail.id, repository, summary: null, detail })),
    ]);
  },
  resolve: (payload: LivePayload<JobMapper[]>, _args: unknown, ctx: GatewayContext) => resolveLive(payload, ctx),
};
