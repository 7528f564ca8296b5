import { optionalInt, repositoryName, revision } from '../../validate.js';
import { badUserInput } from '../../errors.js';
import type { QueryResolvers } from './../../types.generated.js';

export const perfCompare: NonNullable<QueryResolvers['perfCompare']> = (_parent, args, ctx) => {
  const full = (name: string, value: string): string => {
    const checked = revision(name, value);
    if (checked.length !== 40) throw badUserInput(name, `${name} must be a full 40-character revision.`);
    return checked;
  };
  return ctx.api.perfCompare([
    ['base_repository', repositoryName('baseRepository', args.baseRepository)],
    ['base_revision', full('baseRevision', args.baseRevision)],
    ['new_repository', repositoryName('newRepository', args.newRepository)],
    ['new_revision', full('newRevision', args.newRevision)],
    ['framework', optionalInt('framework', args.framework, 1, 1_000_000)!],
    // Like the summary endpoint, an absent flag would not mean what callers expect.
    ['no_subtests', args.includeSubtests ? 'false' : 'true'],
  ]);
};
