import { ErrorCode, UpstreamError } from '../errors.js';
import type { PerformanceDatumResolvers } from './../types.generated.js';

export const PerformanceDatum: PerformanceDatumResolvers = {
  push: async (datum, _args, ctx) => {
    const push = await ctx.loaders.push.load({ repository: datum.repository, id: datum.pushId });
    if (!push) throw new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, `Treeherder has no push ${datum.pushId}.`, 404);
    return push;
  },
  // The job's fields load lazily (batched) when asked for.
  job: (datum) => (datum.jobId === null ? null : { id: datum.jobId, repository: datum.repository, summary: null, detail: null }),
};
