import { optionalInt, repositoryName } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const performancePlatforms: NonNullable<QueryResolvers['performancePlatforms']> = (_parent, args, ctx) => {
  const params: Array<[string, string | number]> = [];
  const framework = optionalInt('framework', args.framework, 1, 1_000_000);
  if (framework !== null) params.push(['framework', framework]);
  const interval = optionalInt('interval', args.interval, 1, 366 * 86_400);
  if (interval !== null) params.push(['interval', interval]);
  return ctx.api.performancePlatforms(repositoryName('repository', args.repository), params);
};
