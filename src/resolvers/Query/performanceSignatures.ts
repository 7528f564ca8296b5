import { filterText, optionalInt, pageSize, repositoryName } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const SIGNATURES_DEFAULT = 500;
export const SIGNATURES_MAX = 5000;

export const performanceSignatures: NonNullable<QueryResolvers['performanceSignatures']> = async (_parent, args, ctx) => {
  const repository = repositoryName('repository', args.repository);
  const first = pageSize('first', args.first, SIGNATURES_DEFAULT, SIGNATURES_MAX);
  const params: Array<[string, string | number]> = [];
  const framework = optionalInt('framework', args.framework, 1, 1_000_000);
  if (framework !== null) params.push(['framework', framework]);
  const platform = filterText('platform', args.platform, 100);
  if (platform !== null) params.push(['platform', platform]);
  const interval = optionalInt('interval', args.interval, 1, 366 * 86_400);
  if (interval !== null) params.push(['interval', interval]);
  if (args.subtests === false) params.push(['subtests', 0]);

  const found = (await ctx.loaders.signatureList(repository, params)).slice(0, first);
  ctx.loaders.primeSignatures(found);
  return found;
};
