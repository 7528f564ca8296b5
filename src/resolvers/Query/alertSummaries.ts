import { decodeAlertCursor, encodeAlertCursor, readAlertSummaryPage } from '../../alert-summary-pages.js';
import { badUserInput } from '../../errors.js';
import { LIMITS } from '../../treeherder/api.js';
import { alertSummaryStatusCode } from '../../treeherder/normalize.js';
import { filterText, optionalInt, pageSize, positiveId, repositoryName } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const alertSummaries: NonNullable<QueryResolvers['alertSummaries']> = async (_parent, args, ctx) => {
  const first = pageSize('first', args.first, 10, LIMITS.alertSummaryPage);
  const after = decodeAlertCursor('after', args.after);
  const filters: Array<[string, string | number]> = [];
  if (args.repository != null) {
    // Treeherder filters alert summaries by numeric repository id, not by name.
    const repository = await ctx.loaders.repositoryByName(repositoryName('repository', args.repository));
    if (!repository) throw badUserInput('repository', `No active repository is named ${args.repository}.`);
    filters.push(['repository', repository.id]);
  }
  const framework = optionalInt('framework', args.framework, 1, 1_000_000);
  if (framework !== null) filters.push(['framework', framework]);
  if (args.status != null) filters.push(['status', alertSummaryStatusCode(args.status)]);
  if (args.signature != null) filters.push(['alerts__series_signature', positiveId('signature', args.signature)]);
  const text = filterText('filterText', args.filterText);
  if (text !== null) filters.push(['filter_text', text]);
  const assignee = filterText('assignee', args.assignee, 150);
  if (assignee !== null) filters.push(['with_assignee', assignee]);
  const timeRange = optionalInt('timeRange', args.timeRange, 1, 366 * 86_400);
  if (timeRange !== null) filters.push(['timerange', timeRange]);
  // Treeherder applies these flags as soon as they are present, whatever their value:
  // send only the ones that are on.
  if (args.hideImprovements) filters.push(['hide_improvements', 'true']);
  if (args.hideRelatedAndInvalid) filters.push(['hide_related_and_invalid', 'true']);
  if (args.includeUnsheriffed) filters.push(['monitored_alerts', 'true']);

  const page = await readAlertSummaryPage(ctx.api, filters, first, after);
  for (const summary of page.summaries) ctx.loaders.alertSummary.prime(summary.id, summary);
  const edges = page.summaries.map((node, index) => ({ cursor: encodeAlertCursor(page.offset + index, node), node }));
  return {
    edges,
    nodes: page.summaries,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
};
