// Facts read off the simulator's request log.

/**
 * The most requests that were in flight at once, from each entry's arrival and duration.
 * `slackMs` shifts arrivals later, so a request that arrived within rounding of another's
 * end does not count as overlapping it.
 */
export function peakConcurrency(entries: ReadonlyArray<{ receivedAt: number; durationMs: number }>, slackMs = 0): number {
  const events = entries.flatMap((entry): Array<[number, number]> => [
    [entry.receivedAt + slackMs, 1],
    [entry.receivedAt + entry.durationMs, -1],
  ]);
  // Ends before starts at the same instant: back-to-back requests did not overlap.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) peak = Math.max(peak, (current += delta));
  return peak;
}
