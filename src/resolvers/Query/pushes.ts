import type { PushMapper } from '../../mappers/push.mappers.js';
import { decodeCursor, toConnection } from '../../pagination.js';
import { LIMITS } from '../../treeherder/api.js';
import { filterText, pageSize, repositoryName, revision } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const pushes: NonNullable<QueryResolvers['pushes']> = async (_parent, args, ctx) => {
  const repository = repositoryName('repository', args.repository);
  const first = pageSize('first', args.first, 10, LIMITS.pushCount);
  const afterId = decodeCursor('after', 'push', args.after);
  const params: Array<[string, string | number]> = [];
  if (afterId !== null) params.push(['id__lt', afterId]);
  if (args.revision != null) params.push(['revision', revision('revision', args.revision)]);
  const author = filterText('author', args.author);
  if (author !== null) params.push(['author', author]);
  // One more than asked tells whether a next page exists, within Treeherder's cap.
  params.push(['count', Math.min(first + 1, LIMITS.pushCount)]);

  const found = await ctx.api.pushes(repository, params);
  let hasNextPage = found.length > first;
  if (first === LIMITS.pushCount && found.length === first) {
    // The cap leaves no room for the look-ahead item: ask whether anything older exists.
    const older = await ctx.api.pushes(repository, [...params.filter(([name]) => name !== 'count' && name !== 'id__lt'), ['id__lt', found.at(-1)!.id], ['count', 1]]);
    hasNextPage = older.length > 0;
  }
  const page: PushMapper[] = found.slice(0, first).map((push) => ({ ...push, repositoryName: repository }));
  ctx.loaders.primePushes(page);
  return toConnection('push', page, (push) => push.id, hasNextPage);
};
