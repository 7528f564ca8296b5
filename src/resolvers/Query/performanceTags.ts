import type { QueryResolvers } from './../../types.generated.js';

export const performanceTags: NonNullable<QueryResolvers['performanceTags']> = (_parent, _args, ctx) => ctx.loaders.performanceTags();
