import type { GatewayContext } from '../../context.js';
import { badUserInput } from '../../errors.js';
import { alertSummaryCreatedTopic } from '../../live/topics.js';
import { resolveLive, subscribeLive, type LivePayload } from '../../live/subscribe.js';
import type { AlertSummaryMapper } from '../../mappers/alert.mappers.js';
import { optionalInt, repositoryName } from '../../validate.js';
import type { SubscriptionResolvers } from './../../types.generated.js';

export const alertSummaryCreated: NonNullable<SubscriptionResolvers['alertSummaryCreated']> = {
  subscribe: async (_parent, args, ctx) => {
    const framework = optionalInt('framework', args.framework, 1, 1_000_000);
    let repositoryId: number | null = null;
    if (args.repository != null) {
      // Treeherder filters alert summaries by numeric repository id, not by name.
      const repository = await ctx.loaders.repositoryByName(repositoryName('repository', args.repository));
      if (!repository) throw badUserInput('repository', `No active repository is named ${args.repository}.`);
      repositoryId = repository.id;
    }
    return subscribeLive(ctx, alertSummaryCreatedTopic({ repositoryId, framework }, ctx.identity), (summaries) => summaries);
  },
  resolve: (payload: LivePayload<AlertSummaryMapper>, _args: unknown, ctx: GatewayContext) => resolveLive(payload, ctx),
};
