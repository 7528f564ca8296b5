import { badUserInput } from '../../errors.js';
import { positiveId, repositoryName, revision } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const push: NonNullable<QueryResolvers['push']> = async (_parent, args, ctx) => {
  const repository = repositoryName('repository', args.repository);
  const hasId = args.id != null;
  const hasRevision = args.revision != null;
  if (hasId === hasRevision) throw badUserInput(hasId ? 'revision' : 'id', 'Give exactly one of id and revision.');
  if (hasId) return ctx.loaders.push.load({ repository, id: positiveId('id', args.id!) });
  return ctx.loaders.pushByRevision.load({ repository, revision: revision('revision', args.revision!) });
};
