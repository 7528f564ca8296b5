/**
 * Query-string handling with Django's semantics: `get` returns the last value of a repeated
 * parameter (QueryDict), `getlist` all of them, and absolute page links are rebuilt the way
 * DRF's `replace_query_param` does (parameters re-encoded with quote_plus, sorted by name).
 */

export class Query {
  readonly pairs: ReadonlyArray<readonly [string, string]>;

  constructor(raw: string) {
    const pairs: Array<[string, string]> = [];
    if (raw.length > 0) {
      for (const part of raw.split('&')) {
        if (part === '') continue;
        const eq = part.indexOf('=');
        const key = eq < 0 ? part : part.slice(0, eq);
        const value = eq < 0 ? '' : part.slice(eq + 1);
        pairs.push([decodeComponent(key), decodeComponent(value)]);
      }
    }
    this.pairs = pairs;
  }

  has(name: string): boolean {
    return this.pairs.some(([k]) => k === name);
  }

  /** QueryDict.get: the last value, or undefined when absent. */
  get(name: string): string | undefined {
    let found: string | undefined;
    for (const [k, v] of this.pairs) if (k === name) found = v;
    return found;
  }

  getlist(name: string): string[] {
    return this.pairs.filter(([k]) => k === name).map(([, v]) => v);
  }

  /** Distinct names in first-appearance order, each with its last value (QueryDict.items()). */
  lastValues(): Array<[string, string]> {
    // Map.set on an existing key keeps its original position, as QueryDict does.
    const map = new Map<string, string>();
    for (const [k, v] of this.pairs) map.set(k, v);
    return [...map.entries()];
  }
}

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Python replaces undecodable sequences instead of failing; decode what we can.
    return spaced.replace(/(%[0-9a-fA-F]{2})+/g, (seq) => {
      try {
        return decodeURIComponent(seq);
      } catch {
        return '\ufffd';
      }
    });
  }
}

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;

/** Python's `urllib.parse.quote_plus(s, safe='')`. */
export function quotePlus(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === ' ') out += '+';
    else if (ALWAYS_SAFE.test(ch)) out += ch;
    else {
      for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/** `urlencode(sorted(parse_qs(query).items()), doseq=True)` after setting or removing a key. */
function rebuild(rawQuery: string, key: string, value: string | null): string {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of new Query(rawQuery).pairs) {
    const list = grouped.get(k) ?? [];
    list.push(v);
    grouped.set(k, list);
  }
  if (value === null) grouped.delete(key);
  else grouped.set(key, [value]);
  const keys = [...grouped.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: string[] = [];
  for (const k of keys) for (const v of grouped.get(k) ?? []) parts.push(`${quotePlus(k)}=${quotePlus(v)}`);
  return parts.join('&');
}

export function replaceQueryParam(base: string, rawQuery: string, key: string, value: string | number): string {
  const query = rebuild(rawQuery, key, String(value));
  return query ? `${base}?${query}` : base;
}

export function removeQueryParam(base: string, rawQuery: string, key: string): string {
  const query = rebuild(rawQuery, key, null);
  return query ? `${base}?${query}` : base;
}
