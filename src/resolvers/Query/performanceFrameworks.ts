import type { QueryResolvers } from './../../types.generated.js';

export const performanceFrameworks: NonNullable<QueryResolvers['performanceFrameworks']> = (_parent, _args, ctx) =>
  ctx.loaders.frameworks();
