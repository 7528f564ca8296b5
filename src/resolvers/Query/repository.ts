import { repositoryName } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const repository: NonNullable<QueryResolvers['repository']> = async (_parent, args, ctx) => {
  const name = repositoryName('name', args.name);
  return (await ctx.loaders.repositories()).find((candidate) => candidate.name === name) ?? null;
};
