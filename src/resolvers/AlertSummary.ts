import { ErrorCode, UpstreamError } from '../errors.js';
import type { AlertSummaryResolvers } from './../types.generated.js';

export const AlertSummary: AlertSummaryResolvers = {
  repository: async (summary, _args, ctx) => {
    const repository = await ctx.loaders.repositoryByName(summary.repository);
    if (!repository) throw new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, `Treeherder lists no repository ${summary.repository}.`, 404);
    return repository;
  },
  framework: async (summary, _args, ctx) =>
    (await ctx.loaders.frameworks()).find((framework) => framework.id === summary.frameworkId) ?? {
      id: summary.frameworkId,
      name: `framework ${summary.frameworkId}`,
    },
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
