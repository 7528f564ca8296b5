import { badUserInput } from '../../errors.js';
import { toJobMapper } from '../../job-access.js';
import { filterParams, toJobFilter } from '../../job-filter.js';
import { decodeCursor, toConnection } from '../../pagination.js';
import { pageSize, positiveId } from '../../validate.js';
import { PUSH_JOBS_DEFAULT, PUSH_JOBS_MAX } from '../Push.js';
import type { QueryResolvers } from './../../types.generated.js';

export const MAX_SEARCH_PUSHES = 100;

export const jobSearch: NonNullable<QueryResolvers['jobSearch']> = async (_parent, args, ctx) => {
  if (args.pushIds.length === 0 || args.pushIds.length > MAX_SEARCH_PUSHES) {
    throw badUserInput('pushIds', `pushIds must hold 1 to ${MAX_SEARCH_PUSHES} push ids.`);
  }
  const pushIds = [...new Set(args.pushIds.map((id) => positiveId('pushIds', id)))];
  const first = pageSize('first', args.first, PUSH_JOBS_DEFAULT, PUSH_JOBS_MAX);
  const afterId = decodeCursor('after', 'job', args.after);
  const params: Array<[string, string | number]> = [['push_id__in', pushIds.join(',')], ...filterParams(toJobFilter(args.filter))];
  // /api/jobs/ is ordered by id, so "ids above the cursor" is a stable keyset.
  if (afterId !== null) params.push(['id__gt', afterId]);
  const found = await ctx.api.jobSummaries(params, { limit: first + 1 });
  for (const job of found) ctx.loaders.jobSummary.prime(job.id, job);
  const jobs = found.slice(0, first).map((summary) => toJobMapper(summary, null));
  return toConnection('job', jobs, (job) => job.id, found.length > first);
};
