import type { QueryResolvers } from './../../types.generated.js';

export const failureClassifications: NonNullable<QueryResolvers['failureClassifications']> = (_parent, _args, ctx) => ctx.loaders.failureClassifications();
