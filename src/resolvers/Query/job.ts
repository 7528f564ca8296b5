import { toJobMapper } from '../../job-access.js';
import { positiveId } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const job: NonNullable<QueryResolvers['job']> = async (_parent, args, ctx) => {
  const summary = await ctx.loaders.jobSummary.load(positiveId('id', args.id));
  return summary ? toJobMapper(summary, null) : null;
};
