import type { JobDetail } from './treeherder/types.js';

// Treeherder orders a job's similar jobs by push (newest first), then start time, and
// pages them by offset, which shifts as new pushes arrive. The gateway's cursor keeps the
// last job's sort key instead; the next page asks for jobs of that push and older ones,
// drops those at or before the cursor, and asks again with a larger count in the rare case
// that too few remain.

/** (push id, start time in seconds, job id), compared in descending order. */
export type SimilarJobKey = [number, number, number];

export function similarJobKey(job: JobDetail): SimilarJobKey {
  return [job.pushId, job.startTime === null ? 0 : Math.floor(Date.parse(job.startTime) / 1000), job.id];
}

function compareDescending(a: SimilarJobKey, b: SimilarJobKey): number {
  return b[0] - a[0] || b[1] - a[1] || b[2] - a[2];
}

/** Extra jobs asked for beyond the page, to absorb the ones at or before the cursor. */
const SLACK = 10;
const MAX_ROUNDS = 4;

export interface SimilarJobsPage {
  jobs: JobDetail[];
  hasNextPage: boolean;
}

/**
 * @param load fetches up to `count` similar jobs, of pushes up to `maxPushId` when given,
 *   in Treeherder's order.
 */
export async function readSimilarJobsPage(
  load: (count: number, maxPushId: number | null) => Promise<JobDetail[]>,
  first: number,
  after: SimilarJobKey | null,
): Promise<SimilarJobsPage> {
  let count = first + 1 + (after === null ? 0 : SLACK);
  for (let round = 0; ; round += 1) {
    const fetched = await load(count, after === null ? null : after[0]);
    const remaining = fetched
      .map((job) => ({ job, key: similarJobKey(job) }))
      .filter(({ key }) => after === null || compareDescending(after, key) < 0)
      .sort((a, b) => compareDescending(a.key, b.key))
      .map(({ job }) => job);
    const exhausted = fetched.length < count;
    if (remaining.length > first || exhausted || round === MAX_ROUNDS) {
      return { jobs: remaining.slice(0, first), hasNextPage: remaining.length > first || !exhausted };
    }
    count *= 2;
  }
}
