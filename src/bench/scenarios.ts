import { createHash } from 'node:crypto';
import type { Params, RestClient } from './rest.js';

// The five scenarios of the benchmark, each three ways: one GraphQL query to the gateway;
// the naive REST client, modelled on what Treeherder's UI does (jobs per push, details per
// job, summary per series, one request per downstream id); and the ideal REST client, the
// fewest requests the API allows for the same data, each as soon as what it needs is known.
// Every way returns a digest of the data it got, so the benchmark can check that all three
// fetched the same thing before comparing their costs.

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON from the wire, read field by field */
type Json = any;

export type Way = 'gateway' | 'naive' | 'ideal';

export interface Scenario {
  id: string;
  title: string;
  query: string;
  variables: Record<string, unknown>;
  /** The digest of the gateway's `data`. */
  digestGateway(data: Json): string;
  naive(rest: RestClient): Promise<string>;
  ideal(rest: RestClient): Promise<string>;
}

/** What every scenario's inputs are picked from, read once before anything is measured. */
export interface Fixtures {
  /** S2: a push with several failed jobs. */
  failedPush: { repository: string; revision: string };
  /** S3: 50 job ids across three repositories. */
  jobIds: number[];
  /** S4: the repository and framework whose signatures are listed. */
  perf: { repository: string; framework: number; last: number; interval: number };
}

const digest = (parts: readonly string[]): string => createHash('sha1').update(parts.join('\n')).digest('hex').slice(0, 12);
const byNumber = (a: number, b: number): number => a - b;
/** The repository segment for `all_repos=true` lookups, which Treeherder ignores. */
const ANY_REPOSITORY = 'mozilla-central';
const PUSH_COUNT = 10;
const ALERT_SUMMARIES = 10;

/** Picks the fixtures through the REST API (not measured). */
export async function readFixtures(rest: RestClient): Promise<Fixtures> {
  const pushes = (await rest.get<Json>('/api/project/autoland/push/', [['count', 30]])).results as Json[];
  let failedPush: Fixtures['failedPush'] | null = null;
  for (const push of pushes) {
    const jobs = await rest.jobRows([['push_id', push.id]]);
    if (jobs.filter((job) => job['result'] === 'testfailed').length >= 8) {
      failedPush = { repository: 'autoland', revision: push.revision };
      break;
    }
  }
  if (failedPush === null) throw new Error('no autoland push has 8 failed jobs: use more jobs per push');

  const jobIds: number[] = [];
  for (const repository of ['autoland', 'mozilla-central', 'try']) {
    const latest = (await rest.get<Json>(`/api/project/${repository}/push/`, [['count', 2]])).results as Json[];
    for (const push of latest) {
      const jobs = await rest.jobRows([['push_id', push.id]]);
      jobIds.push(...jobs.slice(0, 9).map((job) => job['id'] as number));
    }
  }
  return { failedPush, jobIds: jobIds.slice(0, 50), perf: { repository: 'mozilla-central', framework: 1, last: 10, interval: 1_209_600 } };
}

export function createScenarios(fixtures: Fixtures): Scenario[] {
  return [latestPushes(), failedJobs(fixtures.failedPush), jobsById(fixtures.jobIds), signatureSeries(fixtures.perf), alertSummaries()];
}

function latestPushes(): Scenario {
  const pushDigest = (pushes: Array<{ id: number; revision: string; jobs: Array<{ id: number; result: string }> }>): string =>
    digest(pushes.map((push) => `${push.id}:${push.revision}:${push.jobs.sort((a, b) => a.id - b.id).map((job) => `${job.id}${job.result[0]}`).join(',')}`));
  return {
    id: 'S1',
    title: 'latest 10 pushes, revisions, all jobs',
    query: `query S1 { pushes(repository: "autoland", first: ${PUSH_COUNT}) { nodes { id revision author timestamp revisions { revision author }
      jobs { nodes { id result state tier jobType { name symbol } jobGroup { name symbol } platform platformOption duration lastModified } } } } }`,
    variables: {},
    digestGateway: (data) =>
      pushDigest(
        data.pushes.nodes.map((push: Json) => ({
          id: Number(push.id),
          revision: push.revision,
          jobs: push.jobs.nodes.map((job: Json) => ({ id: Number(job.id), result: job.result })),
        })),
      ),
    // The UI: the push list, then each push's jobs on its own.
    async naive(rest) {
      const pushes = (await rest.get<Json>('/api/project/autoland/push/', [['count', PUSH_COUNT]])).results as Json[];
      const jobs = await Promise.all(pushes.map((push) => rest.jobRows([['push_id', push.id]])));
      return pushDigest(pushes.map((push, index) => ({ id: push.id, revision: push.revision, jobs: jobs[index]!.map((job) => ({ id: job['id'] as number, result: job['result'] as string })) })));
    },
    // One push request, then one `push_id__in` listing: page 1, then the other pages at once.
    async ideal(rest) {
      const pushes = (await rest.get<Json>('/api/project/autoland/push/', [['count', PUSH_COUNT]])).results as Json[];
      const rows = await rest.jobRows([['push_id__in', pushes.map((push) => push.id).join(',')]]);
      return pushDigest(
        pushes.map((push) => ({
          id: push.id,
          revision: push.revision,
          jobs: rows.filter((job) => job['push_id'] === push.id).map((job) => ({ id: job['id'] as number, result: job['result'] as string })),
        })),
      );
    },
  };
}

function failedJobs(target: Fixtures['failedPush']): Scenario {
  const project = (rest: string): string => `/api/project/${target.repository}/${rest}`;
  type Failed = { id: number; logs: number; notes: number; bugs: number; suggestions: number };
  const failedDigest = (revision: string, all: number, failed: Failed[]): string =>
    digest([revision, String(all), ...failed.sort((a, b) => a.id - b.id).map((job) => `${job.id}:${job.logs}:${job.notes}:${job.bugs}:${job.suggestions}`)]);
  const pushByRevision = async (rest: RestClient): Promise<Json> =>
    ((await rest.get<Json>(project('push/'), [['revision', target.revision], ['count', 1]])).results as Json[])[0];
  const perJob = (rest: RestClient, id: number) =>
    Promise.all([rest.get<Json[]>(project(`jobs/${id}/bug_suggestions/`)), rest.get<Json[]>(project('note/'), [['job_id', id]])]);
  return {
    id: 'S2',
    title: "push by revision, jobs, failed jobs' logs/notes/bugs/suggestions",
    query: `query S2($revision: String!) { push(repository: "${target.repository}", revision: $revision) { revision
      jobs { nodes { id result state } }
      failed: jobs(result: "testfailed", first: 50) { nodes { id logs { name url } notes { text who } bugs { bugId } bugSuggestions { search } } } } }`,
    variables: { revision: target.revision },
    digestGateway: (data) =>
      failedDigest(
        data.push.revision,
        data.push.jobs.nodes.length,
        data.push.failed.nodes.map((job: Json) => ({ id: Number(job.id), logs: job.logs.length, notes: job.notes.length, bugs: job.bugs.length, suggestions: job.bugSuggestions.length })),
      ),
    // The UI: the push, its jobs, then the details panel's requests for each failed job.
    async naive(rest) {
      const push = await pushByRevision(rest);
      const jobs = await rest.jobRows([['push_id', push.id]]);
      const failed = jobs.filter((job) => job['result'] === 'testfailed').map((job) => job['id'] as number);
      const details = await Promise.all(
        failed.map(async (id) => {
          const [logs, bugs, [suggestions, notes]] = await Promise.all([
            rest.get<Json[]>(project('job-log-url/'), [['job_id', id]]),
            rest.get<Json[]>(project('bug-job-map/'), [['job_id', id]]),
            perJob(rest, id),
          ]);
          return { id, logs: logs.length, notes: notes.length, bugs: bugs.length, suggestions: suggestions.length };
        }),
      );
      return failedDigest(push.revision, jobs.length, details);
    },
    // Logs and bug links batch by repeated job_id; notes and suggestions have no batch form.
    async ideal(rest) {
      const push = await pushByRevision(rest);
      const jobs = await rest.jobRows([['push_id', push.id]]);
      const failed = jobs.filter((job) => job['result'] === 'testfailed').map((job) => job['id'] as number);
      const repeated: Params = failed.map((id) => ['job_id', id] as const);
      const [logs, bugs, perJobs] = await Promise.all([
        rest.get<Json[]>(project('job-log-url/'), repeated),
        rest.get<Json[]>(project('bug-job-map/'), repeated),
        Promise.all(failed.map((id) => perJob(rest, id))),
      ]);
      return failedDigest(
        push.revision,
        jobs.length,
        failed.map((id, index) => ({
          id,
          logs: logs.filter((log) => log.job_id === id).length,
          notes: perJobs[index]![1].length,
          bugs: bugs.filter((bug) => bug.job_id === id).length,
          suggestions: perJobs[index]![0].length,
        })),
      );
    },
  };
}

function jobsById(ids: readonly number[]): Scenario {
  const jobDigest = (rows: Array<{ id: number; revision: string; author: string }>): string => digest(rows.map((row) => `${row.id}:${row.revision}:${row.author}`));
  const pushesById = async (rest: RestClient, pushIds: number[]): Promise<Map<number, Json>> => {
    const found = (await rest.get<Json>(`/api/project/${ANY_REPOSITORY}/push/`, [['id__in', pushIds.join(',')], ['count', pushIds.length], ['all_repos', 'true']])).results as Json[];
    return new Map(found.map((push) => [push.id as number, push]));
  };
  return {
    id: 'S3',
    title: "50 jobs by id, each with its push's revision and author",
    query: 'query S3($ids: [ID!]!) { jobs(ids: $ids) { id push { revision author } } }',
    variables: { ids },
    digestGateway: (data) => jobDigest(data.jobs.map((job: Json) => ({ id: Number(job.id), revision: job.push.revision, author: job.push.author }))),
    // One request per job, then one per distinct push.
    async naive(rest) {
      const jobs = (await Promise.all(ids.map((id) => rest.jobRows([['id', id]])))).map((rows) => rows[0]!);
      const pushIds = [...new Set(jobs.map((job) => job['push_id'] as number))];
      const pushes = new Map(
        await Promise.all(
          pushIds.map(async (id) => {
            const found = (await rest.get<Json>(`/api/project/${ANY_REPOSITORY}/push/`, [['id', id], ['all_repos', 'true']])).results as Json[];
            return [id, found[0]] as const;
          }),
        ),
      );
      return jobDigest(jobs.map((job) => ({ id: job['id'] as number, revision: pushes.get(job['push_id'] as number).revision, author: pushes.get(job['push_id'] as number).author })));
    },
    // The jobs in one request, their pushes in one (push ids are global: all_repos).
    async ideal(rest) {
      const jobs = await rest.jobRows([['id__in', ids.join(',')]]);
      const byId = new Map(jobs.map((job) => [job['id'] as number, job]));
      const pushes = await pushesById(rest, [...new Set(jobs.map((job) => job['push_id'] as number))].sort(byNumber));
      return jobDigest(ids.map((id) => {
        const push = pushes.get(byId.get(id)!['push_id'] as number);
        return { id, revision: push.revision, author: push.author };
      }));
    },
  };
}

function signatureSeries(perf: Fixtures['perf']): Scenario {
  const { repository, framework, last, interval } = perf;
  type Point = { id: number; push_timestamp: number | string; value: number };
  const lastPoints = (points: Point[]): number[] =>
    points
      .map((point) => ({ id: point.id, at: typeof point.push_timestamp === 'number' ? point.push_timestamp * 1000 : Date.parse(`${point.push_timestamp}Z`) }))
      .sort((a, b) => a.at - b.at || a.id - b.id)
      .slice(-last)
      .map((point) => point.id);
  const seriesDigest = (series: Array<{ id: number; suite: string; points: number[] }>): string =>
    digest(series.sort((a, b) => a.id - b.id).map((item) => `${item.id}:${item.suite}:${item.points.join(',')}`));
  const signatures = async (rest: RestClient): Promise<Json[]> =>
    Object.values(await rest.get<Record<string, Json>>(`/api/project/${repository}/performance/signatures/`, [['framework', framework]]));
  return {
    id: 'S4',
    title: `signatures of a framework with their last ${last} points`,
    query: `query S4 { performanceSignatures(repository: "${repository}", framework: ${framework}) { id suite test platform lowerIsBetter series(last: ${last}) { id value pushTimestamp revision } } }`,
    variables: {},
    digestGateway: (data) =>
      seriesDigest(data.performanceSignatures.map((item: Json) => ({ id: Number(item.id), suite: item.suite, points: item.series.map((point: Json) => Number(point.id)) }))),
    // Perfherder's graphs: the signature list, then one summary (with its data) per series.
    async naive(rest) {
      const list = await signatures(rest);
      const series = await Promise.all(
        list.map(async (signature) => {
          const [summary] = await rest.get<Json[]>('/api/performance/summary/', [
            ['repository', repository],
            ['signature', signature.id],
            ['framework', framework],
            ['interval', interval],
            ['all_data', 'true'],
          ]);
          return { id: signature.id as number, suite: signature.suite as string, points: lastPoints((summary?.data ?? []) as Point[]) };
        }),
      );
      return seriesDigest(series);
    },
    // The list, then every series' data in one request (repeated signature_id).
    async ideal(rest) {
      const list = await signatures(rest);
      const data = await rest.get<Record<string, Point[]>>(`/api/project/${repository}/performance/data/`, [
        ...list.map((signature) => ['signature_id', signature.id] as const),
        ['interval', interval],
      ]);
      return seriesDigest(list.map((signature) => ({ id: signature.id, suite: signature.suite, points: lastPoints(data[signature.signature_hash] ?? []) })));
    },
  };
}

function alertSummaries(): Scenario {
  type Row = { id: number; push: string; prev: string; author: string; alerts: number[]; series: string[] };
  const summaryDigest = (rows: Row[]): string =>
    digest(rows.map((row) => `${row.id}:${row.push}:${row.prev}:${row.author}:${[...row.alerts].sort(byNumber).join(',')}:${[...row.series].sort().join(',')}`));
  const toRow = (summary: Json, pushes: Map<number, Json>): Row => ({
    id: summary.id,
    push: pushes.get(summary.push_id).revision,
    prev: pushes.get(summary.prev_push_id).revision,
    author: pushes.get(summary.push_id).author,
    alerts: summary.alerts.map((alert: Json) => alert.id),
    series: summary.alerts.map((alert: Json) => `${alert.series_signature.id}/${alert.series_signature.suite}`),
  });
  const page = async (rest: RestClient): Promise<Json[]> =>
    (await rest.get<Json>('/api/performance/alertsummary/', [['limit', ALERT_SUMMARIES], ['page', 1]])).results as Json[];
  return {
    id: 'S5',
    title: 'latest 10 alert summaries, alerts, series, pushes',
    query: `query S5 { alertSummaries(first: ${ALERT_SUMMARIES}) { nodes { id status push { revision author timestamp } prevPush { revision timestamp }
      alerts { id status isRegression amountPct series { id suite test platform } } } } }`,
    variables: {},
    digestGateway: (data) =>
      summaryDigest(
        data.alertSummaries.nodes.map((node: Json) => ({
          id: Number(node.id),
          push: node.push.revision,
          prev: node.prevPush.revision,
          author: node.push.author,
          alerts: node.alerts.map((alert: Json) => Number(alert.id)),
          series: node.alerts.map((alert: Json) => `${alert.series.id}/${alert.series.suite}`),
        })),
      ),
    // The alerts view: the page, then each summary's push and previous push on their own.
    async naive(rest) {
      const summaries = await page(rest);
      const ids = new Map<number, string>();
      for (const summary of summaries) {
        ids.set(summary.push_id, summary.repository);
        ids.set(summary.prev_push_id, summary.repository);
      }
      const pushes = new Map(await Promise.all([...ids].map(async ([id, repository]) => [id, await rest.get<Json>(`/api/project/${repository}/push/${id}/`)] as const)));
      return summaryDigest(summaries.map((summary) => toRow(summary, pushes)));
    },
    // The page, then every push of every repository in one request (push ids are global).
    async ideal(rest) {
      const summaries = await page(rest);
      const ids = [...new Set(summaries.flatMap((summary) => [summary.push_id as number, summary.prev_push_id as number]))].sort(byNumber);
      const found = (await rest.get<Json>(`/api/project/${ANY_REPOSITORY}/push/`, [['id__in', ids.join(',')], ['count', ids.length], ['all_repos', 'true']])).results as Json[];
      const pushes = new Map(found.map((push) => [push.id as number, push]));
      return summaryDigest(summaries.map((summary) => toRow(summary, pushes)));
    },
  };
}
