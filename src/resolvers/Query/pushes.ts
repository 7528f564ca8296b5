import { badUserInput } from '../../errors.js';
import type { PushMapper } from '../../mappers/push.mappers.js';
import { decodeCursor, toConnection } from '../../pagination.js';
import { LIMITS } from '../../treeherder/api.js';
import { filterText, pageSize, repositoryName, revision } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const pushes: NonNullable<QueryResolvers['pushes']> = async (_parent, args, ctx) => {
  const repository = repositoryName('repository', args.repository);
  const first = pageSize('first', args.first, 10, LIMITS.pushCount);
  const afterId = decodeCursor('after', 'push', args.after);
  const filters: Array<[string, string | number]> = [];
  if (args.revision != null) filters.push(['revision', revision('revision', args.revision)]);
  if (args.fromRevision != null) filters.push(['fromchange', revision('fromRevision', args.fromRevision)]);
  if (args.toRevision != null) filters.push(['tochange', revision('toRevision', args.toRevision)]);
  const author = filterText('author', args.author);
  if (author !== null) filters.push(['author', author]);
  const authorContains = filterText('authorContains', args.authorContains);
  if (authorContains !== null) filters.push(['author_contains', authorContains]);
  const search = filterText('search', args.search);
  if (search !== null) filters.push(['search', search]);
  if (args.since != null && args.until != null && args.since.getTime() > args.until.getTime()) {
    throw badUserInput('since', 'since must not be after until.');
  }
  if (args.since != null) filters.push(['push_timestamp__gte', Math.floor(args.since.getTime() / 1000)]);
  if (args.until != null) filters.push(['push_timestamp__lte', Math.floor(args.until.getTime() / 1000)]);
  if (args.hideReviewbot) filters.push(['hide_reviewbot_pushes', 'true']);

  // Keyset pagination: pushes older than the cursor's push (ids grow with push time).
  const keyset: Array<[string, string | number]> = afterId === null ? [] : [['id__lt', afterId]];
  // One more than asked tells whether a next page exists, within Treeherder's cap.
  const found = await ctx.api.pushes(repository, [...filters, ...keyset, ['count', Math.min(first + 1, LIMITS.pushCount)]]);
  let hasNextPage = found.length > first;
  if (first === LIMITS.pushCount && found.length === first) {
    // The cap leaves no room for the look-ahead item: ask whether anything older exists.
    const older = await ctx.api.pushes(repository, [...filters, ['id__lt', found.at(-1)!.id], ['count', 1]]);
    hasNextPage = older.length > 0;
  }
  const page: PushMapper[] = found.slice(0, first).map((push) => ({ ...push, repositoryName: repository }));
  ctx.loaders.primePushes(page);
  return toConnection('push', page, (push) => push.id, hasNextPage);
};
