import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../src/simulator/types.js';
import { requestLines, startStack, type Stack } from './support/stack.js';
import { peakConcurrency } from './support/request-log.js';

// The whole read model end to end: each capability's data checked against the
// simulator's model, and its cost read from the simulator's request log.

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { UPSTREAM_FANOUT_CONCURRENCY: '3' } });
});
afterAll(() => stack.close());
beforeEach(() => stack.resetLog());

const data = () => stack.simulator.data;
const count = (lines: string[], fragment: string) => lines.filter((line) => line.includes(fragment)).length;

/** A completed push of the repository with at least `failures` testfailed jobs. */
function pushWithFailures(repository: string, failures: number): { id: number; failed: Job[]; jobs: readonly Job[] } {
  for (const push of [...data().pushesOf(repository)].reverse().slice(5)) {
    const jobs = data().jobsOfPush(push.id);
    const failed = jobs.filter((job) => job.result === 'testfailed');
    if (failed.length >= failures) return { id: push.id, failed, jobs };
  }
  throw new Error(`no push of ${repository} has ${failures} failures`);
}


describe('(a) a push with all its jobs, and each failed job\'s logs, notes, bug links and bug suggestions', () => {
  it('costs 5 requests plus 2 per failed job (notes and bug suggestions have no batch form); the failed jobs are filtered from the whole list', async () => {
    const push = pushWithFailures('autoland', 3);
    const { body } = await stack.query(
      `query($id: ID!) { push(repository: "autoland", id: $id) {
        revision
        all: jobs { nodes { id result state } }
        failed: jobs(result: "testfailed", first: 100) { nodes {
          id
          failureClassification { id name }
          logs { name url parseStatus }
          notes { text who created failureClassification { name } }
          bugs { bugId internalId who created }
          bugSuggestions { search searchTerms lineNumber counter failureNewInRev openRecentBugs { id status resolution summary } allOtherBugs { id } }
        } }
      } }`,
      { id: push.id },
    );
    expect(body.errors).toBeUndefined();
    const failed = body.data!.push.failed.nodes as Array<Record<string, any>>;
    expect(body.data!.push.all.nodes).toHaveLength(push.jobs.length);
    expect(failed.map((job) => Number(job.id))).toEqual(push.failed.map((job) => job.id).sort((a, b) => a - b));

    const job = data().job(Number(failed[0]!.id))!;
    expect(failed[0]!.logs).toEqual(data().logsOfJob(job).map((log) => ({ name: log.name, url: log.url, parseStatus: log.parseStatus })));
    expect(failed[0]!.notes.map((note: { text: string }) => note.text)).toEqual(data().notesOfJob(job).map((note) => note.text));
    expect(failed[0]!.bugs.map((bug: { internalId: number }) => bug.internalId)).toEqual(data().bugJobMapOfJob(job).map((link) => link.bugInternalId));
    expect(failed.some((item) => item.bugSuggestions.length > 0)).toBe(true);

    const lines = requestLines(stack.upstream());
    expect(count(lines, '/push/?id__in=')).toBe(1);
    expect(lines.filter((line) => line.startsWith('/api/jobs/'))).toEqual([`/api/jobs/?push_id__in=${push.id}&count=2000`]);
    expect(count(lines, '/job-log-url/')).toBe(1);
    expect(count(lines, '/bug-job-map/')).toBe(1);
    expect(count(lines, '/api/failureclassification/')).toBe(1);
    expect(count(lines, '/note/?job_id=')).toBe(push.failed.length);
    expect(count(lines, '/bug_suggestions/')).toBe(push.failed.length);
    expect(lines).toHaveLength(5 + 2 * push.failed.length);
  });

  it('asks for the same job\'s suggestions once however often the query names them', async () => {
    const { failed } = pushWithFailures('autoland', 1);
    const id = failed[0]!.id;
    const { body } = await stack.query(`{ a: job(id: ${id}) { bugSuggestions { search } } b: job(id: ${id}) { bugSuggestions { search } textLogErrors { line } } c: jobs(ids: [${id}, ${id}]) { bugSuggestions { counter } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.a.bugSuggestions).toEqual(body.data!.b.bugSuggestions);
    const lines = requestLines(stack.upstream());
    expect(count(lines, `/jobs/${id}/bug_suggestions/`)).toBe(1);
    expect(count(lines, `/jobs/${id}/text_log_errors/`)).toBe(1);
    expect(count(lines, '/api/jobs/?id__in=')).toBe(1);
  });

  it('fans out per-job requests with at most UPSTREAM_FANOUT_CONCURRENCY in flight', async () => {
    stack.simulator.setLatency(40);
    try {
      const push = pushWithFailures('autoland', 6);
      const { body } = await stack.query(`query($id: ID!) { push(repository: "autoland", id: $id) { jobs(result: "testfailed", first: 100) { nodes { textLogErrors { lineNumber } } } } }`, { id: push.id });
      expect(body.errors).toBeUndefined();
      const perJob = stack.upstream().filter((entry) => entry.path.endsWith('/text_log_errors/'));
      expect(perJob).toHaveLength(push.failed.length);
      expect(peakConcurrency(perJob)).toBeLessThanOrEqual(3);
    } finally {
      stack.simulator.setLatency(0);
    }
  });

  it('batches taskcluster metadata across jobs and reads the failure classification from the reference list', async () => {
    const push = data().pushesOf('mozilla-central')[10]!;
    const { body } = await stack.query(`query($id: ID!) { push(repository: "mozilla-central", id: $id) { jobs(first: 40) { nodes { id taskclusterMetadata { taskId retryId } failureClassification { id name } } } } }`, { id: push.id });
    expect(body.errors).toBeUndefined();
    const jobs = body.data!.push.jobs.nodes as Array<Record<string, any>>;
    const first = data().job(Number(jobs[0]!.id))!;
    expect(jobs[0]!.taskclusterMetadata).toEqual({ taskId: first.taskId, retryId: first.retryId });
    const lines = requestLines(stack.upstream());
    expect(count(lines, '/api/taskclustermetadata/?job_ids=')).toBe(1);
    expect(count(lines, '/api/failureclassification/')).toBe(1);
  });

  it('pages through similar jobs, newest push first, without repeats', async () => {
    const { failed } = pushWithFailures('autoland', 1);
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const { body }: { body: any } = await stack.query(`query($after: String) { job(id: ${failed[0]!.id}) { similarJobs(first: 4, after: $after) { nodes { id push { id } jobType { name } } pageInfo { hasNextPage endCursor } } } }`, { after });
      expect(body.errors).toBeUndefined();
      const connection: any = body.data!.job.similarJobs;
      for (const node of connection.nodes) expect(node.jobType.name).toBe(failed[0]!.jobTypeName);
      seen.push(...connection.nodes.map((node: { id: string }) => Number(node.id)));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const expected = [...data().pushesOf('autoland')].flatMap((push) => data().jobsOfPush(push.id)).filter((job) => job.jobTypeId === failed[0]!.jobTypeId && job.id !== failed[0]!.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort((a, b) => a - b)).toEqual(expected.map((job) => job.id).sort((a, b) => a - b));
  });
});

describe('pushes: status, notes, decision tasks and filters', () => {
  it('reads job counts per push, push notes per revision, and decision tasks in one batch', async () => {
    const { body } = await stack.query(`{ pushes(repository: "autoland", first: 4) { nodes { id jobCounts { pending running completed results { result count } } notes { id jobTypeName failureClassification } decisionTask { taskId run } } } }`);
    expect(body.errors).toBeUndefined();
    const lines = requestLines(stack.upstream());
    expect(count(lines, '/status/')).toBe(4);
    expect(count(lines, '/note/push_notes/')).toBe(4);
    expect(count(lines, '/push/decisiontask/?push_ids=')).toBe(1);
    const nodes = body.data!.pushes.nodes as Array<Record<string, any>>;
    for (const node of nodes) {
      const jobs = data().jobsOfPush(Number(node.id));
      expect(node.decisionTask.taskId).toBe(jobs.find((job) => job.kind === 'decision')!.taskId);
      expect(node.jobCounts.pending + node.jobCounts.running + node.jobCounts.completed).toBeLessThanOrEqual(jobs.length);
    }
  });

  it('filters pushes by author, time, revision range, search, and finds a push by any commit', async () => {
    const all = [...data().pushesOf('mozilla-central')].sort((a, b) => b.id - a.id);
    const target = all[5]!;
    const [byAuthor, window, range, commit, search] = await Promise.all([
      stack.query(`query($a: String) { pushes(repository: "mozilla-central", author: $a, first: 100) { nodes { author } } }`, { a: target.author.toUpperCase() }),
      stack.query(`query($s: DateTime, $u: DateTime) { pushes(repository: "mozilla-central", since: $s, until: $u, first: 100) { nodes { id } } }`, {
        s: new Date(all[8]!.pushTimestamp * 1000).toISOString(),
        u: new Date(all[3]!.pushTimestamp * 1000).toISOString(),
      }),
      stack.query(`query($f: String, $t: String) { pushes(repository: "mozilla-central", fromRevision: $f, toRevision: $t, first: 100) { nodes { id } } }`, { f: all[6]!.revision, t: all[2]!.revision }),
      stack.query(`query($c: String) { push(repository: "mozilla-central", commitRevision: $c) { id } }`, { c: target.commits[0]!.revision }),
      stack.query(`query($q: String) { pushes(repository: "mozilla-central", search: $q, first: 3) { nodes { id revision } pageInfo { hasNextPage } } }`, { q: target.revision.slice(0, 12) }),
    ]);
    expect(byAuthor.body.data!.pushes.nodes.every((node: { author: string }) => node.author === target.author)).toBe(true);
    expect(window.body.data!.pushes.nodes.map((node: { id: string }) => Number(node.id))).toEqual(all.slice(3, 9).map((push) => push.id));
    expect(range.body.data!.pushes.nodes.map((node: { id: string }) => Number(node.id))).toEqual(all.slice(2, 7).map((push) => push.id));
    expect(commit.body.data!.push).toEqual({ id: String(target.id) });
    expect(search.body.data!.pushes.nodes).toEqual([{ id: String(target.id), revision: target.revision }]);
  });

  it('names the wrong revision when Treeherder fails on an unknown fromRevision', async () => {
    const { body } = await stack.query(`{ pushes(repository: "autoland", fromRevision: "${'f'.repeat(40)}") { nodes { id } } }`);
    expect(body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'fromRevision' });
  });

  it('searches jobs of pushes with filters and a stable cursor', async () => {
    const pushes = data().pushesOf('try').slice(-6, -1);
    const platform = data().jobsOfPush(pushes[0]!.id)[3]!.platform;
    const expected = pushes.flatMap((push) => data().jobsOfPush(push.id)).filter((job) => job.platform === platform && job.tier === 1).map((job) => job.id).sort((a, b) => a - b);
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const { body }: { body: any } = await stack.query(`query($ids: [ID!]!, $p: String, $after: String) { jobSearch(pushIds: $ids, filter: { platform: $p, tier: 1 }, first: 25, after: $after) { nodes { id platform tier } pageInfo { hasNextPage endCursor } } }`, { ids: pushes.map((push) => push.id), p: platform, after });
      expect(body.errors).toBeUndefined();
      seen.push(...body.data!.jobSearch.nodes.map((node: { id: string }) => Number(node.id)));
      if (!body.data!.jobSearch.pageInfo.hasNextPage) break;
      after = body.data!.jobSearch.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });
});

describe('(b) Perfherder series', () => {
  it('20 signatures of one framework with their last 7 days of data = 2 requests, mapped back by hash', async () => {
    const { body } = await stack.query(`{ performanceSignatures(repository: "mozilla-central", framework: 1, first: 20) { id signatureHash series(interval: 604800) { id value pushId revision pushTimestamp jobId } } }`);
    expect(body.errors).toBeUndefined();
    const signatures = body.data!.performanceSignatures as Array<Record<string, any>>;
    expect(signatures).toHaveLength(20);
    const since = data().now / 1000 - 604800;
    for (const signature of signatures) {
      const expected = data().dataOfSignature(Number(signature.id)).filter((point) => point.pushTimestamp >= since);
      expect(signature.series.map((point: { id: string }) => Number(point.id)).sort((a: number, b: number) => a - b)).toEqual(expected.map((point) => point.id).sort((a, b) => a - b));
    }
    expect(signatures.some((signature) => signature.series.length > 0)).toBe(true);
    const lines = requestLines(stack.upstream());
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\/api\/project\/mozilla-central\/performance\/data\/\?(signature_id=\d+&){20}interval=604800$/);
  });

  it('batches subtests of many summary series into one request', async () => {
    const { body } = await stack.query(`{ performanceSignatures(repository: "mozilla-central", subtests: false, first: 40) { id hasSubtests subtests { id parent { id } } } }`);
    expect(body.errors).toBeUndefined();
    const parents = (body.data!.performanceSignatures as Array<Record<string, any>>).filter((signature) => signature.hasSubtests);
    expect(parents.length).toBeGreaterThan(1);
    for (const parent of parents) for (const subtest of parent.subtests) expect(subtest.parent.id).toBe(parent.id);
    const lines = requestLines(stack.upstream());
    expect(count(lines, 'parent_signature=')).toBe(1);
    expect(lines).toHaveLength(2);
  });

  it('performanceSummary returns top-level series by default and subtests only when asked', async () => {
    const [top, sub] = await Promise.all([
      stack.query(`{ performanceSummary(repository: "mozilla-central", framework: 1) { signatureId parentSignatureId values } }`),
      stack.query(`{ performanceSummary(repository: "mozilla-central", framework: 1, includeSubtests: true) { signatureId parentSignatureId } }`),
    ]);
    const topSeries = top.body.data!.performanceSummary as Array<Record<string, any>>;
    expect(topSeries.length).toBeGreaterThan(0);
    expect(topSeries.every((series) => series.parentSignatureId === null)).toBe(true);
    const subSeries = sub.body.data!.performanceSummary as Array<Record<string, any>>;
    expect(subSeries.length).toBeGreaterThan(0);
    expect(subSeries.every((series) => series.parentSignatureId !== null)).toBe(true);
  });

  it('reads the reference lists once each', async () => {
    const { body } = await stack.query(`{ performanceFrameworks { id name } performanceTags { id name } optionCollections { hash options } machinePlatforms { id platform } failureClassifications { id name } performancePlatforms(repository: "mozilla-central", framework: 1) }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.performanceFrameworks).toContainEqual({ id: 13, name: 'browsertime' });
    expect(body.data!.failureClassifications).toContainEqual({ id: 4, name: 'intermittent' });
    expect(body.data!.optionCollections.map((item: { hash: string }) => item.hash)).toEqual(data().optionCollections.map((item) => item.hash));
    expect(stack.upstream()).toHaveLength(6);
  });
});

describe('(c) alert summaries', () => {
  it('the latest 10 summaries with their alerts\' series and their pushes = 1 page + 1 push request per repository', async () => {
    const { body } = await stack.query(`{ alertSummaries(first: 10) { totalCount nodes { id repository { name } status push { revision } prevPush { revision } alerts { id status isRegression amountPct series { id suite test platform extraOptions } } } pageInfo { hasNextPage } } }`);
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.alertSummaries.nodes as Array<Record<string, any>>;
    expect(nodes).toHaveLength(10);
    const sheriffed = data().alertSummaries.filter((summary) => summary.sheriffed).sort((a, b) => b.createdUs - a.createdUs || b.id - a.id);
    expect(nodes.map((node) => Number(node.id))).toEqual(sheriffed.slice(0, 10).map((summary) => summary.id));
    expect(body.data!.alertSummaries.totalCount).toBe(sheriffed.length);
    const first = data().alertSummary(Number(nodes[0]!.id))!;
    expect(nodes[0]!.push.revision).toBe(data().push(first.pushId)!.revision);
    expect(nodes[0]!.alerts.map((alert: { id: string }) => Number(alert.id)).sort()).toEqual([...first.alertIds].sort());
    const repositories = new Set(nodes.map((node) => node.repository.name));
    const lines = requestLines(stack.upstream());
    expect(count(lines, '/api/performance/alertsummary/')).toBe(1);
    expect(count(lines, '/push/?id__in=')).toBe(repositories.size);
    expect(count(lines, '/performance/signatures/')).toBe(0);
    expect(lines).toHaveLength(1 + 1 + repositories.size);
  });

  it('pages with cursors through every summary once', async () => {
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 30; page += 1) {
      const { body }: { body: any } = await stack.query(`query($after: String) { alertSummaries(first: 7, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`, { after });
      seen.push(...body.data!.alertSummaries.nodes.map((node: { id: string }) => Number(node.id)));
      if (!body.data!.alertSummaries.pageInfo.hasNextPage) break;
      after = body.data!.alertSummaries.pageInfo.endCursor;
    }
    const sheriffed = data().alertSummaries.filter((summary) => summary.sheriffed).sort((a, b) => b.createdUs - a.createdUs || b.id - a.id);
    expect(seen).toEqual(sheriffed.map((summary) => summary.id));
  });

  it('fetches related summaries once each', async () => {
    const withRelated = data().alertSummaries.filter((summary) => summary.relatedAlertIds.length > 0);
    expect(withRelated.length).toBeGreaterThan(0);
    const ids = withRelated.map((summary) => summary.id);
    const fields = ids.map((id, index) => `s${index}: alertSummary(id: ${id}) { relatedAlerts { summaryId } relatedSummaries { id } again: relatedSummaries { id } }`);
    const { body } = await stack.query(`{ ${fields.join(' ')} }`);
    expect(body.errors).toBeUndefined();
    const fetched = stack.upstream().filter((entry) => /^\/api\/performance\/alertsummary\/\d+\/$/.test(entry.path)).map((entry) => entry.path);
    expect(new Set(fetched).size).toBe(fetched.length);
  });

  it('filters by status with the documented enum', async () => {
    const { body } = await stack.query(`{ alertSummaries(status: UNTRIAGED, first: 100) { nodes { status } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.alertSummaries.nodes.every((node: { status: string }) => node.status === 'UNTRIAGED')).toBe(true);
    expect(requestLines(stack.upstream())[0]).toContain('status=0');
  });
});

describe('PerfCompare', () => {
  it('compares two revisions of a framework', async () => {
    const pushes = [...data().pushesOf('mozilla-central')].sort((a, b) => b.id - a.id);
    const { body } = await stack.query(`query($b: String!, $n: String!) { perfCompare(baseRepository: "mozilla-central", baseRevision: $b, newRepository: "mozilla-central", newRevision: $n, framework: 1) { suite test platform baseAverage newAverage deltaPercentage confidenceText isRegression isImprovement baseRuns newRuns } }`, { b: pushes[6]!.revision, n: pushes[1]!.revision });
    expect(body.errors).toBeUndefined();
    expect(Array.isArray(body.data!.perfCompare)).toBe(true);
    expect(requestLines(stack.upstream())).toEqual([expect.stringMatching(/^\/api\/perfcompare\/results\/\?base_repository=mozilla-central&base_revision=[0-9a-f]{40}&new_repository=mozilla-central&new_revision=[0-9a-f]{40}&framework=1&no_subtests=true$/)]);
  });
});
