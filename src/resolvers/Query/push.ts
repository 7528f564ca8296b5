import { badUserInput } from '../../errors.js';
import { positiveId, repositoryName, revision } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const push: NonNullable<QueryResolvers['push']> = async (_parent, args, ctx) => {
  const repository = repositoryName('repository', args.repository);
  const given = (['id', 'revision', 'commitRevision'] as const).filter((name) => args[name] != null);
  if (given.length !== 1) throw badUserInput(given[1] ?? 'id', 'Give exactly one of id, revision and commitRevision.');
  if (args.id != null) return ctx.loaders.push.load({ repository, id: positiveId('id', args.id), fromCaller: true });
  if (args.revision != null) return ctx.loaders.pushByRevision.load({ repository, revision: revision('revision', args.revision), kind: 'tip' });
  const commit = revision('commitRevision', args.commitRevision!);
  if (commit.length !== 40) throw badUserInput('commitRevision', 'commitRevision must be a full 40-character revision.');
  return ctx.loaders.pushByRevision.load({ repository, revision: commit, kind: 'commit' });
};
