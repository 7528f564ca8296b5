/**
 * Time helpers that mirror how Treeherder (Django with USE_TZ=False, TIME_ZONE=UTC) renders and
 * parses times. Internally the simulator keeps times as epoch microseconds (safe integers up to
 * year 2255), because Django datetimes carry microseconds and filters compare at that precision.
 */

export const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_MS = 1_000;

export function microsToEpochSeconds(us: number): number {
  return Math.floor(us / MICROS_PER_SECOND);
}

/**
 * Python's `datetime.isoformat()` for a naive datetime: no zone suffix, and the fractional part
 * only when microseconds are non-zero (so `2021-11-25T16:28:30`, not `...30.000000`).
 */
export function toPythonIso(us: number): string {
  const seconds = Math.floor(us / MICROS_PER_SECOND);
  const micros = us - seconds * MICROS_PER_SECOND;
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  return micros === 0 ? base : `${base}.${String(micros).padStart(6, '0')}`;
}

const ISO_DATETIME_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d*)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses what Django's `parse_datetime` (and `datetime.fromisoformat`) accept: a date, or a date
 * and time with optional seconds, fraction and zone. Aware values are converted to naive UTC, as
 * Django does with USE_TZ=False. Returns epoch microseconds, or null when the text is invalid.
 */
export function parseIsoDateTime(text: string): number | null {
  const m = ISO_DATETIME_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  let us = ms * MICROS_PER_MS + (frac === undefined ? 0 : Number(frac.padEnd(6, '0')));
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    us -= sign * offsetMinutes * 60 * MICROS_PER_SECOND;
  }
  return us;
}

/** `datetime.strptime(value, "%Y-%m-%d")`, strict. Returns epoch microseconds or null. */
export function parseYmd(text: string): number | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return null;
  return parseIsoDateTime(`${m[1]}-${m[2]}-${m[3]}`);
}
