import { positiveId } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const alertSummary: NonNullable<QueryResolvers['alertSummary']> = (_parent, args, ctx) =>
  ctx.loaders.alertSummary.load(positiveId('id', args.id));
