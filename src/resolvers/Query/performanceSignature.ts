import { positiveId, repositoryName } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const performanceSignature: NonNullable<QueryResolvers['performanceSignature']> = (_parent, args, ctx) =>
  ctx.loaders.signature.load({ repository: repositoryName('repository', args.repository), id: positiveId('id', args.id) });
