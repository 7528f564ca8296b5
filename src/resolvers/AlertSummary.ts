import { ErrorCode, UpstreamError } from '../errors.js';
import { frameworkOf, requireRepository } from '../reference.js';
import type { AlertSummaryResolvers } from './../types.generated.js';

export const AlertSummary: AlertSummaryResolvers = {
  repository: (summary, _args, ctx) => requireRepository(ctx, { name: summary.repository }),
  framework: (summary, _args, ctx) => frameworkOf(ctx, summary.frameworkId),
  push: async (summary, _args, ctx) => {
    const push = await ctx.loaders.push.load({ repository: summary.repository, id: summary.pushId });
    if (!push) throw new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, `Treeherder has no push ${summary.pushId}.`, 404);
    return push;
  },
  prevPush: async (summary, _args, ctx) => {
    const push = await ctx.loaders.push.load({ repository: summary.repository, id: summary.prevPushId });
    if (!push) throw new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, `Treeherder has no push ${summary.prevPushId}.`, 404);
    return push;
  },
  relatedSummaries: async (summary, _args, ctx) => {
    const ids = new Set([...summary.duplicatedSummaryIds, ...summary.relatedAlerts.map((alert) => alert.summaryId)]);
    ids.delete(summary.id);
    const found = await ctx.loaders.alertSummary.loadMany([...ids].sort((a, b) => a - b));
    return found.flatMap((item) => {
      if (item instanceof Error) throw item;
      return item ? [item] : [];
    });
  },
};
