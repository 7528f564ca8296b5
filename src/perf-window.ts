import { badUserInput } from './errors.js';
import { optionalInt } from './validate.js';

/** Two weeks: Perfherder's default graph window. */
export const DEFAULT_INTERVAL_SECONDS = 1_209_600;
const MAX_INTERVAL_SECONDS = 366 * 86_400;

/** Treeherder reads these dates as zone-less UTC `YYYY-MM-DDTHH:MM:SS`. */
export function toTreeherderDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/**
 * The time window of a performance query: `interval` seconds back from now, or a
 * start/end pair (never both; Treeherder refuses the mix with a 400).
 */
export function toWindow(
  args: { interval?: number | null; startDate?: Date | null; endDate?: Date | null },
  names: { start: string; end: string },
): Array<[string, string | number]> {
  const interval = optionalInt('interval', args.interval, 1, MAX_INTERVAL_SECONDS);
  const start = args.startDate ?? null;
  const end = args.endDate ?? null;
  if (interval !== null && (start !== null || end !== null)) {
    throw badUserInput('interval', 'Give either interval or startDate/endDate, not both.');
  }
  if (start !== null || end !== null) {
    if (start === null || end === null) throw badUserInput(start === null ? 'startDate' : 'endDate', 'Give both startDate and endDate.');
    if (start.getTime() > end.getTime()) throw badUserInput('startDate', 'startDate must not be after endDate.');
    if (end.getTime() - start.getTime() > MAX_INTERVAL_SECONDS * 1000) throw badUserInput('endDate', 'The window may span at most 366 days.');
    return [
      [names.start, toTreeherderDate(start)],
      [names.end, toTreeherderDate(end)],
    ];
  }
  return [['interval', interval ?? DEFAULT_INTERVAL_SECONDS]];
}
