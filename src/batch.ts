/**
 * The one batching helper every loader uses: it splits ids into upstream-sized requests,
 * never sends an empty list, and maps the rows that come back to the keys that asked for
 * them (dense, in key order, `null` for a missing key, an `Error` only for the keys whose
 * request failed).
 */

/**
 * Gunicorn rejects request lines over 4094 bytes. Keep the part a batch adds to the URL
 * well below that, leaving room for the path, the other parameters and a Hawk-free margin.
 */
export const MAX_BATCH_QUERY_CHARS = 3000;

export interface ChunkLimits {
  /** At most this many ids per request (the endpoint's page cap). */
  maxItems: number;
  /** How many characters one id adds to the URL (`"123,"` for CSV, `"job_id=123&"` for repeats). */
  charsPerItem: (id: string | number) => number;
  maxChars?: number;
}

/** Splits ids into chunks that respect both the item cap and the URL length. */
export function chunkIds<T extends string | number>(ids: readonly T[], limits: ChunkLimits): T[][] {
  const maxChars = limits.maxChars ?? MAX_BATCH_QUERY_CHARS;
  const chunks: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const id of ids) {
    const size = limits.charsPerItem(id);
    if (current.length > 0 && (current.length >= limits.maxItems || chars + size > maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(id);
    chars += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** `id__in=1,2,3`: each id costs its digits and a comma. */
export const csvItem = (id: string | number): number => String(id).length + 1;
/** `job_id=1&job_id=2`: each id costs the parameter name again. */
export const repeatedItem =
  (name: string) =>
  (id: string | number): number =>
    name.length + String(id).length + 2;

export interface BatchOptions<K, Id extends string | number, Row> {
  /** Requests never mix groups (e.g. repositories: each has its own URL). */
  groupOf: (key: K) => string;
  idOf: (key: K) => Id;
  limits: ChunkLimits;
  /** Fetches the rows of one chunk of distinct ids of one group. */
  fetch: (group: string, ids: Id[]) => Promise<readonly Row[]>;
  /** The id a row answers. */
  rowId: (row: Row) => Id;
}

async function runChunks<K, Id extends string | number, Row>(
  keys: readonly K[],
  options: BatchOptions<K, Id, Row>,
): Promise<{ rows: Map<string, Row[]>; failures: Map<string, Error> }> {
  const groups = new Map<string, Id[]>();
  for (const key of keys) {
    const group = options.groupOf(key);
    const ids = groups.get(group) ?? [];
    const id = options.idOf(key);
    if (!ids.includes(id)) ids.push(id);
    groups.set(group, ids);
  }
  const rows = new Map<string, Row[]>();
  const failures = new Map<string, Error>();
  const requests: Promise<void>[] = [];
  for (const [group, ids] of groups) {
    for (const chunk of chunkIds(ids, options.limits)) {
      requests.push(
        options.fetch(group, chunk).then(
          (found) => {
            for (const row of found) {
              const key = slot(group, options.rowId(row));
              const list = rows.get(key) ?? [];
              list.push(row);
              rows.set(key, list);
            }
          },
          (error: unknown) => {
            const failure = error instanceof Error ? error : new Error(String(error));
            for (const id of chunk) failures.set(slot(group, id), failure);
          },
        ),
      );
    }
  }
  await Promise.all(requests);
  return { rows, failures };
}

function slot(group: string, id: string | number): string {
  return `${group}\u0000${String(id)}`;
}

function slotOf<K, Id extends string | number, Row>(options: BatchOptions<K, Id, Row>, key: K): string {
  return slot(options.groupOf(key), options.idOf(key));
}

/** For lookups by id: one row (or null) per key. */
export async function batchOne<K, Id extends string | number, Row>(
  keys: readonly K[],
  options: BatchOptions<K, Id, Row>,
): Promise<Array<Row | null | Error>> {
  const { rows, failures } = await runChunks(keys, options);
  return keys.map((key) => {
    const at = slotOf(options, key);
    return failures.get(at) ?? rows.get(at)?.[0] ?? null;
  });
}

/** For one-to-many lookups (a job's logs): all rows of each key, `[]` when none. */
export async function batchMany<K, Id extends string | number, Row>(
  keys: readonly K[],
  options: BatchOptions<K, Id, Row>,
): Promise<Array<Row[] | Error>> {
  const { rows, failures } = await runChunks(keys, options);
  return keys.map((key) => {
    const at = slotOf(options, key);
    return failures.get(at) ?? rows.get(at) ?? [];
  });
}
