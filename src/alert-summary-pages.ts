import { decodeCursorParts, encodeCursor } from './pagination.js';
import type { TreeherderApi } from './treeherder/api.js';
import type { AlertSummary } from './treeherder/types.js';

// Treeherder pages alert summaries by page number (newest first: -created, -id). Page
// numbers shift when new summaries arrive, so the gateway's cursor remembers the last
// summary itself (its created time and id) plus where it stood. The next page is read
// from around that position, and anything at or before the cursor is dropped: a summary
// that arrived in between never makes a client see an item twice or skip one.

interface AlertCursor {
  offset: number;
  id: number;
  created: number;
}
/** Pages read at most for one GraphQL page when many summaries arrived since the cursor. */
const MAX_EXTRA_PAGES = 3;

export function encodeAlertCursor(offset: number, summary: AlertSummary): string {
  return encodeCursor('alertsummary', offset, summary.id, Date.parse(summary.created));
}

export function decodeAlertCursor(argument: string, cursor: string | null | undefined): AlertCursor | null {
  const parts = decodeCursorParts(argument, 'alertsummary', cursor, 3);
  return parts === null ? null : { offset: parts[0]!, id: parts[1]!, created: parts[2]! };
}

/** Whether a summary comes at or before the cursor in Treeherder's order (-created, -id). */
function isAtOrBefore(summary: AlertSummary, cursor: AlertCursor): boolean {
  const created = Date.parse(summary.created);
  return created > cursor.created || (created === cursor.created && summary.id >= cursor.id);
}

export interface AlertSummaryPageResult {
  summaries: AlertSummary[];
  /** The position of the first summary in the whole list. */
  offset: number;
  hasNextPage: boolean;
  totalCount: number;
}

export async function readAlertSummaryPage(
  api: TreeherderApi,
  filters: Array<[string, string | number]>,
  first: number,
  after: AlertCursor | null,
): Promise<AlertSummaryPageResult> {
  const start = after === null ? 0 : after.offset + 1;
  let page = Math.floor(start / first) + 1;
  const taken: AlertSummary[] = [];
  let hasMore = true;
  let totalCount = 0;
  for (let read = 0; read <= MAX_EXTRA_PAGES && taken.length < first && hasMore; read += 1) {
    const result = await api.alertSummaries([...filters, ['limit', first], ['page', page]]);
    totalCount = result.count;
    hasMore = result.hasNext;
    for (const summary of result.summaries) {
      if (after !== null && isAtOrBefore(summary, after)) continue;
      if (!taken.some((item) => item.id === summary.id)) taken.push(summary);
    }
    page += 1;
  }
  return {
    summaries: taken.slice(0, first),
    offset: start,
    hasNextPage: taken.length > first || hasMore,
    totalCount,
  };
}
