import type { QueryResolvers } from './../../types.generated.js';

export const repositories: NonNullable<QueryResolvers['repositories']> = (_parent, _args, ctx) => ctx.loaders.repositories();
