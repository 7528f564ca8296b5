import type { RepositorySpec } from './catalog.js';
import { failureDetails } from './job-generator.js';
import { createRandom, sha1Hex } from './random.js';
import { jobType } from './reference-data.js';
import type { Bug, BugJobMapEntry, Job, JobLogUrl, JobNote, TextLogError } from './types.js';

/**
 * Everything hanging off a job (logs, error lines, notes, bug links) is derived from the job and
 * the seed, with ids computed from the job id, so none of it needs storing.
 */
export const JOB_ID_BASE = 480_000_001;
const LOG_ID_BASE = 790_000_001;
const TEXT_LOG_ERROR_ID_BASE = 3_100_000_001;
const NOTE_ID_BASE = 2_400_001;

export function noteIdOfJob(jobId: number): number {
  return NOTE_ID_BASE + (jobId - JOB_ID_BASE);
}

export function jobIdOfNote(noteId: number): number {
  return noteId - NOTE_ID_BASE + JOB_ID_BASE;
}

export function jobIdOfLog(logId: number): number {
  return Math.floor((logId - LOG_ID_BASE) / 2) + JOB_ID_BASE;
}

function taskArtifactUrl(spec: RepositorySpec, job: Job, artifact: string): string {
  return `${spec.tcRootUrl}/api/queue/v1/task/${job.taskId}/runs/${job.retryId}/artifacts/${artifact}`;
}

export function logsOfJob(seed: number, spec: RepositorySpec, job: Job): JobLogUrl[] {
  if (job.state === 'pending') return [];
  const rng = createRandom(seed, 'logs', job.id);
  const base = LOG_ID_BASE + (job.id - JOB_ID_BASE) * 2;
  const finished = job.state === 'completed';
  const logs: JobLogUrl[] = [
    {
      id: base,
      jobId: job.id,
      name: 'live_backing_log',
      url: taskArtifactUrl(spec, job, 'public/logs/live_backing.log'),
      parseStatus: finished ? rng.weighted(['parsed', 'skipped-size', 'failed'], [97, 2, 1]) : 'pending',
    },
  ];
  if ((job.kind === 'test' || job.kind === 'perf') && job.suite) {
    logs.push({
      id: base + 1,
      jobId: job.id,
      name: 'errorsummary_json',
      // The double slash is what the harness uploads under; Treeherder keeps the URL verbatim.
      url: taskArtifactUrl(spec, job, `public/test_info//${job.suite}_errorsummary.log`),
      parseStatus: finished ? 'parsed' : 'pending',
    });
  }
  return logs;
}

function hasErrorLines(job: Job): boolean {
  return job.state === 'completed' && (job.result === 'testfailed' || job.result === 'busted' || job.result === 'exception');
}

export function textLogErrorsOfJob(seed: number, job: Job): TextLogError[] {
  if (!hasErrorLines(job)) return [];
  const details = failureDetails(seed, job, jobType(job.jobTypeName).testPaths);
  const rng = createRandom(seed, 'error-lines', job.id);
  let lineNumber = rng.int(800, 4000);
  return details.lines.map((line, index) => {
    lineNumber += rng.int(3, 2500);
    return {
      id: TEXT_LOG_ERROR_ID_BASE + (job.id - JOB_ID_BASE) * 10 + index,
      jobId: job.id,
      line,
      lineNumber,
      newFailure: job.failureClassificationId === 6,
    };
  });
}

export function notesOfJob(seed: number, job: Job): JobNote[] {
  const fc = job.failureClassificationId;
  if (job.classifiedUs === null || job.classifiedBy === null || fc === 1 || fc === 6) return [];
  const rng = createRandom(seed, 'note', job.id);
  const text: Record<number, string> = {
    2: rng.hex(12),
    3: 'expected fail, see bug',
    4: '',
    5: rng.pick(['worker lost', 'infra', 'claim expired']),
    7: '',
    8: '',
  };
  return [
    {
      id: noteIdOfJob(job.id),
      jobId: job.id,
      failureClassificationId: fc,
      createdUs: job.classifiedUs,
      who: job.classifiedBy,
      text: text[fc] ?? '',
    },
  ];
}

/** A Bugzilla bug (or internal issue) about a failing test; stable per test path. */
export function bugFor(seed: number, key: string, message: string, internalOnly = false): Bug {
  const rng = createRandom(seed, 'bug', key);
  const open = rng.chance(0.75);
  const resolution = open ? '' : rng.pick(['WORKSFORME', 'INCOMPLETE', 'FIXED', 'DUPLICATE']);
  return {
    internalId: 1 + (parseInt(sha1Hex(`${seed}|${key}`).slice(0, 8), 16) % 240_000),
    bugzillaId: internalOnly ? null : rng.int(1_400_000, 1_990_000),
    status: open ? rng.pick(['NEW', 'REOPENED', 'ASSIGNED']) : 'RESOLVED',
    resolution,
    summary: `Intermittent ${key} | ${message}`,
    dupeOf: resolution === 'DUPLICATE' ? rng.int(1_400_000, 1_990_000) : null,
    crashSignature: '',
    keywords: open ? 'intermittent-failure' : 'intermittent-failure,regression',
    whiteboard: rng.chance(0.2) ? '[stockwell disabled]' : '',
  };
}

export function bugJobMapOfJob(seed: number, job: Job): BugJobMapEntry[] {
  const fc = job.failureClassificationId;
  if (job.classifiedUs === null || job.classifiedBy === null) return [];
  if (fc !== 4 && fc !== 7 && fc !== 8) return [];
  const details = failureDetails(seed, job, jobType(job.jobTypeName).testPaths);
  const bug = bugFor(seed, details.testPath || job.jobTypeName, details.message, fc === 8);
  return [
    {
      jobId: job.id,
      bugId: bug.bugzillaId,
      bugInternalId: bug.internalId,
      createdUs: job.classifiedUs,
      who: job.classifiedBy,
    },
  ];
}

const MOZHARNESS_RE = /^\d+:\d+:\d+[ ]+(?:DEBUG|INFO|WARNING|ERROR|CRITICAL|FATAL) - [ ]?/;
const TEST_LINE_RE = /^(?:TEST-UNEXPECTED-\S+|PROCESS-CRASH)\s+\|\s+([^|]+?)\s+\|/;
const CRASH_RE = /.+ application crashed \[@ (.+)\] \|?.*/;

export interface BugSuggestion {
  search: string;
  searchTerms: string[];
  pathEnd: string | null;
  openRecent: Bug[];
  allOthers: Bug[];
  lineNumber: number;
  counter: number;
  failureNewInRev: boolean;
}

/** One suggestion per error line, shaped like Treeherder's error summary. */
export function bugSuggestionsOfJob(seed: number, spec: RepositorySpec, job: Job): BugSuggestion[] {
  const errors = textLogErrorsOfJob(seed, job);
  const counted = ['autoland', 'mozilla-central', 'comm-central'].includes(spec.name);
  return errors.map((error) => {
    const rng = createRandom(seed, 'suggestion', error.id);
    const search = error.line.replace(MOZHARNESS_RE, '').trim();
    const match = TEST_LINE_RE.exec(search);
    const pathEnd = match?.[1] ?? null;
    const searchTerms: string[] = [];
    const openRecent: Bug[] = [];
    const allOthers: Bug[] = [];
    if (pathEnd) {
      const term = pathEnd.split('/').pop() ?? pathEnd;
      searchTerms.push(term);
      const message = search.split(' | ').slice(2).join(' | ');
      const bugs = [bugFor(seed, pathEnd, message)];
      if (rng.chance(0.4)) bugs.push(bugFor(seed, `${pathEnd}#2`, message));
      for (const bug of bugs) (bug.resolution === '' ? openRecent : allOthers).push(bug);
    }
    const crash = CRASH_RE.exec(search);
    if (openRecent.length === 0 && allOthers.length === 0 && crash?.[1]) searchTerms.push(crash[1]);
    return {
      search,
      searchTerms,
      pathEnd,
      openRecent,
      allOthers,
      lineNumber: error.lineNumber,
      counter: counted ? rng.int(0, 40) : 0,
      failureNewInRev: counted && job.failureClassificationId === 6,
    };
  });
}
