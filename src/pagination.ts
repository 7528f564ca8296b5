import { badUserInput } from './errors.js';

// Cursors are opaque to clients but simple inside: a kind and the id of the last item,
// base64url-encoded. Keyset cursors stay valid as new items arrive.

export type CursorKind = 'push' | 'job';

export function encodeCursor(kind: CursorKind, id: number): string {
  return Buffer.from(`${kind}:${id}`, 'utf8').toString('base64url');
}

/** The id inside a cursor of the expected kind; a cursor from another list is refused. */
export function decodeCursor(argument: string, kind: CursorKind, cursor: string | null | undefined): number | null {
  if (cursor === null || cursor === undefined) return null;
  const text = cursor.length <= 64 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^([a-z]+):(\d{1,15})$/.exec(text);
  if (!match || match[1] !== kind) {
    throw badUserInput(argument, `${argument} is not a cursor of this list; pass a pageInfo.endCursor from it.`);
  }
  return Number(match[2]);
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export function toConnection<T>(kind: CursorKind, items: T[], idOf: (item: T) => number, hasNextPage: boolean): Connection<T> {
  const edges = items.map((node) => ({ cursor: encodeCursor(kind, idOf(node)), node }));
  return { edges, nodes: items, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
