import type { QueryResolvers } from './../../types.generated.js';

export const machinePlatforms: NonNullable<QueryResolvers['machinePlatforms']> = (_parent, _args, ctx) => ctx.loaders.machinePlatforms();
