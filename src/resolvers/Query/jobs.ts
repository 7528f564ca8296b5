import { badUserInput } from '../../errors.js';
import { toJobMapper } from '../../job-access.js';
import { LIMITS } from '../../treeherder/api.js';
import { positiveId } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const jobs: NonNullable<QueryResolvers['jobs']> = async (_parent, args, ctx) => {
  if (args.ids.length > LIMITS.jobPage) throw badUserInput('ids', `ids may hold at most ${LIMITS.jobPage} ids.`);
  const ids = args.ids.map((id) => positiveId('ids', id));
  const summaries = await ctx.loaders.jobSummary.loadMany(ids);
  return summaries.map((summary) => {
    if (summary instanceof Error) throw summary;
    return summary ? toJobMapper(summary, null) : null;
  });
};
