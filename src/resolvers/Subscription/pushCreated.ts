import type { GatewayContext } from '../../context.js';
import { pushCreatedTopic } from '../../live/topics.js';
import { resolveLive, subscribeLive, type LivePayload } from '../../live/subscribe.js';
import type { PushMapper } from '../../mappers/push.mappers.js';
import { repositoryName } from '../../validate.js';
import type { SubscriptionResolvers } from './../../types.generated.js';

export const pushCreated: NonNullable<SubscriptionResolvers['pushCreated']> = {
  subscribe: (_parent, args, ctx) => {
    const repository = repositoryName('repository', args.repository);
    return subscribeLive(ctx, pushCreatedTopic(repository, ctx.identity), (pushes) => pushes.map((push): PushMapper => ({ ...push, repositoryName: repository })));
  },
  resolve: (payload: LivePayload<PushMapper>, _args: unknown, ctx: GatewayContext) => resolveLive(payload, ctx),
};
