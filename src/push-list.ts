import type { GatewayContext } from './context.js';
import { badUserInput, ErrorCode, UpstreamError } from './errors.js';
import type { PushMapper } from './mappers/push.mappers.js';
import { decodeCursor, toConnection, type Connection } from './pagination.js';
import { LIMITS } from './treeherder/api.js';
import type { Push } from './treeherder/types.js';
import { filterText, pageSize, repositoryName, revision } from './validate.js';
import type { QuerypushesArgs } from './types.generated.js';

/** Treeherder cuts a search at 200 pushes and refuses any further filter after it. */
const SEARCH_CAP = 200;

/**
 * One page of `Query.pushes`: validates the filters, asks Treeherder, and pages with a
 * keyset cursor over push ids.
 */
export async function listPushes(args: QuerypushesArgs, ctx: GatewayContext): Promise<Connection<PushMapper>> {
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
  if (args.since != null && args.until != null && args.since.getTime() > args.until.getTime()) {
    throw badUserInput('since', 'since must not be after until.');
  }
  if (args.since != null) filters.push(['push_timestamp__gte', Math.floor(args.since.getTime() / 1000)]);
  if (args.until != null) filters.push(['push_timestamp__lte', Math.floor(args.until.getTime() / 1000)]);
  if (args.hideReviewbot) filters.push(['hide_reviewbot_pushes', 'true']);
  const search = filterText('search', args.search);

  let found: Push[];
  let hasNextPage: boolean;
  if (search !== null) {
    // Treeherder answers 500 when anything filters a search, so the other filters and the
    // cursor apply here, to the (at most 200) pushes the search found.
    if (args.fromRevision != null || args.toRevision != null) {
      throw badUserInput(args.fromRevision != null ? 'fromRevision' : 'toRevision', 'search cannot be combined with fromRevision or toRevision.');
    }
    const matches = (await ctx.api.pushes(repository, [['search', search], ['count', SEARCH_CAP]])).filter(
      (push) => (afterId === null || push.id < afterId) && matchesLocally(push, args),
    );
    found = matches.slice(0, first);
    hasNextPage = matches.length > first;
  } else {
    // Keyset pagination: pushes older than the cursor's push (ids grow with push time).
    const keyset: Array<[string, string | number]> = afterId === null ? [] : [['id__lt', afterId]];
    // One more than asked tells whether a next page exists, within Treeherder's cap.
    const page = await ctx.api
      .pushes(repository, [...filters, ...keyset, ['count', Math.min(first + 1, LIMITS.pushCount)]])
      .catch((error: unknown) => explainRevisionFailure(error, args, repository, ctx));
    found = page.slice(0, first);
    hasNextPage = page.length > first;
    if (first === LIMITS.pushCount && page.length === first) {
      // The cap leaves no room for the look-ahead item: ask whether anything older exists.
      const older = await ctx.api.pushes(repository, [...filters, ['id__lt', page.at(-1)!.id], ['count', 1]]);
      hasNextPage = older.length > 0;
    }
  }
  const nodes: PushMapper[] = found.map((push) => ({ ...push, repositoryName: repository }));
  ctx.loaders.primePushes(nodes);
  return toConnection('push', nodes, (push) => push.id, hasNextPage);
}

/**
 * Treeherder answers an unknown (or ambiguous) fromchange/tochange revision with a bare
 * 500 page. Only then, look the revisions up to tell the caller which one is wrong.
 */
async function explainRevisionFailure(
  error: unknown,
  args: { fromRevision?: string | null; toRevision?: string | null },
  repository: string,
  ctx: GatewayContext,
): Promise<never> {
  if (error instanceof UpstreamError && error.code === ErrorCode.UPSTREAM_ERROR) {
    for (const [argument, value] of [['fromRevision', args.fromRevision], ['toRevision', args.toRevision]] as const) {
      if (value == null) continue;
      const candidates = await ctx.api.pushes(repository, [['revision', value.toLowerCase()], ['count', 2]]);
      if (candidates.length !== 1) {
        throw badUserInput(argument, candidates.length === 0 ? `${repository} has no push with tip revision ${value}.` : `${value} matches more than one push; give more characters.`);
      }
    }
  }
  throw error;
}

/** The filters Treeherder would have applied, for pushes found by a search. */
function matchesLocally(
  push: Push,
  args: { revision?: string | null; author?: string | null; authorContains?: string | null; since?: Date | null; until?: Date | null; hideReviewbot?: boolean | null },
): boolean {
  const seconds = Date.parse(push.timestamp) / 1000;
  const author = push.author.toLowerCase();
  if (args.revision != null && !push.revision.startsWith(args.revision.toLowerCase())) return false;
  if (args.author != null) {
    const wanted = args.author.toLowerCase();
    if (wanted.startsWith('-') ? author === wanted.slice(1) : author !== wanted) return false;
  }
  if (args.authorContains != null && !author.includes(args.authorContains.toLowerCase())) return false;
  if (args.since != null && seconds < args.since.getTime() / 1000) return false;
  if (args.until != null && seconds > args.until.getTime() / 1000) return false;
  if (args.hideReviewbot && push.author === 'reviewbot') return false;
  return true;
}
