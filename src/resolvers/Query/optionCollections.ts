import type { QueryResolvers } from './../../types.generated.js';

export const optionCollections: NonNullable<QueryResolvers['optionCollections']> = (_parent, _args, ctx) => ctx.loaders.optionCollections();
