import { badUserInput } from './errors.js';

// Cursors are opaque to clients but simple inside: a kind and the sort key of the last
// item (one or more integers), base64url-encoded. Keyset cursors stay valid as new items
// arrive, unlike offsets.

export type CursorKind = 'push' | 'job' | 'similar' | 'alertsummary';

export function encodeCursor(kind: CursorKind, ...parts: number[]): string {
  return Buffer.from(`${kind}:${parts.join(':')}`, 'utf8').toString('base64url');
}

/** The integers inside a cursor of the expected kind; a cursor from another list is refused. */
export function decodeCursorParts(argument: string, kind: CursorKind, cursor: string | null | undefined, count: number): number[] | null {
  if (cursor === null || cursor === undefined) return null;
  const text = cursor.length <= 160 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const [found, ...parts] = text.split(':');
  if (found !== kind || parts.length !== count || !parts.every((part) => /^\d{1,16}$/.test(part))) {
    throw badUserInput(argument, `${argument} is not a cursor of this list; pass a pageInfo.endCursor from it.`);
  }
  return parts.map(Number);
}

/** The id inside a single-id cursor. */
export function decodeCursor(argument: string, kind: CursorKind, cursor: string | null | undefined): number | null {
  return decodeCursorParts(argument, kind, cursor, 1)?.[0] ?? null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export function toConnection<T>(kind: CursorKind, items: T[], keyOf: (item: T) => number | number[], hasNextPage: boolean): Connection<T> {
  const edges = items.map((node) => {
    const key = keyOf(node);
    return { cursor: encodeCursor(kind, ...(Array.isArray(key) ? key : [key])), node };
  });
  return { edges, nodes: items, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
