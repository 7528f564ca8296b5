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
  readonly edges: Array<{ cursor: string; node: T }>;
  readonly nodes: T[];
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Edges and the end cursor are made when first read: most queries select `nodes` only, and
 * a cursor per node (2,500 in a push list's jobs) was a measurable share of a large answer.
 */
class LazyConnection<T> implements Connection<T> {
  #edges: Array<{ cursor: string; node: T }> | undefined;
  #pageInfo: { hasNextPage: boolean; endCursor: string | null } | undefined;

  constructor(
    private readonly kind: CursorKind,
    readonly nodes: T[],
    private readonly keyOf: (item: T) => number | number[],
    private readonly hasNextPage: boolean,
  ) {}

  #cursor(node: T): string {
    const key = this.keyOf(node);
    return encodeCursor(this.kind, ...(Array.isArray(key) ? key : [key]));
  }

  get edges(): Array<{ cursor: string; node: T }> {
    return (this.#edges ??= this.nodes.map((node) => ({ cursor: this.#cursor(node), node })));
  }

  get pageInfo(): { hasNextPage: boolean; endCursor: string | null } {
    if (this.#pageInfo) return this.#pageInfo;
    const last = this.nodes.length > 0 ? this.nodes[this.nodes.length - 1]! : undefined;
    const endCursor = last === undefined ? null : this.#edges ? this.#edges.at(-1)!.cursor : this.#cursor(last);
    return (this.#pageInfo = { hasNextPage: this.hasNextPage, endCursor });
  }
}

export function toConnection<T>(kind: CursorKind, items: T[], keyOf: (item: T) => number | number[], hasNextPage: boolean): Connection<T> {
  return new LazyConnection(kind, items, keyOf, hasNextPage);
}
