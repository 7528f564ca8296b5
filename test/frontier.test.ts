import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJobsPerPushEstimate, matchesFilter, planPushChunks } from '../src/job-plan.js';
import type { JobFilter } from '../src/job-filter.js';
import type { JobSummary } from '../src/treeherder/types.js';
import { requestLines, startStack, type Stack } from './support/stack.js';
import { peakConcurrency } from './support/request-log.js';

// The request-count/round-trip frontier: as few upstream requests as the REST API allows,
// sent as side by side as the data allows.

const ids = (count: number) => Array.from({ length: count }, (_, index) => 1000 + index);

describe('planPushChunks', () => {
  it.each([
    ['no pushes, no request', 0, 300, []],
    ['everything fits one page: one chunk', 6, 300, [6]],
    ['10 pushes of 300 jobs: two pages, two chunks of five', 10, 300, [5, 5]],
    ['10 pushes of 450 jobs: three chunks', 10, 450, [3, 4, 3]],
    ['never more chunks than pushes', 3, 5000, [1, 1, 1]],
    ['nothing known (filtered listing not seen yet): one chunk', 10, 0, [10]],
  ])('%s', (_name, pushes, perPush, sizes) => {
    const chunks = planPushChunks(ids(pushes), perPush);
    expect(chunks.map((chunk) => chunk.length)).toEqual(sizes);
    expect(chunks.flat()).toEqual(ids(pushes));
  });

  it('keeps each chunk\'s URL under the batching limit', () => {
    const chunks = planPushChunks(Array.from({ length: 900 }, (_, index) => 4_000_000_000 + index), 1);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.join(',').length).toBeLessThanOrEqual(3000);
  });
});

describe('createJobsPerPushEstimate', () => {
  it('starts low for whole lists, at nothing for filters, and follows what it sees', () => {
    const estimate = createJobsPerPushEstimate('all', 200);
    expect([estimate.get('all'), estimate.get('failed')]).toEqual([200, 0]);
    estimate.observe('all', 5, 1500);
    expect(estimate.get('all')).toBeCloseTo(230);
    estimate.observe('failed', 10, 40);
    expect(estimate.get('failed')).toBe(4);
    estimate.observe('all', 0, 0);
    expect(estimate.get('all')).toBeCloseTo(230);
  });
});

describe('matchesFilter', () => {
  const job = { result: 'testfailed', state: 'completed', tier: 2, jobTypeName: 'test-linux/opt-mochitest-1', jobTypeSymbol: 'm1', platform: 'linux64', lastModified: '2026-11-20T10:00:00.500Z' } as JobSummary;
  const none: JobFilter = { result: null, state: null, tier: null, jobTypeName: null, jobTypeSymbol: null, platform: null, lastModifiedSince: null };
  it.each([
    ['no filter', {}, true],
    ['result', { result: 'testfailed' }, true],
    ['another result', { result: 'success' }, false],
    ['tier', { tier: 1 }, false],
    ['platform and symbol', { platform: 'linux64', jobTypeSymbol: 'm1' }, true],
    ['job type name is exact', { jobTypeName: 'test-linux/opt-mochitest' }, false],
    ['modified strictly after', { lastModifiedSince: '2026-11-20T10:00:00.499Z' }, true],
    ['not modified after', { lastModifiedSince: '2026-11-20T10:00:00.500Z' }, false],
  ])('%s', (_name, filter, expected) => {
    expect(matchesFilter(job, { ...none, ...filter })).toBe(expected);
  });
});


describe('jobs of many pushes, end to end', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ simulator: { scale: { pushesPerRepository: 30, jobsPerPush: 300 }, latencyMs: 25 } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetLog());

  const S1 = '{ pushes(repository: "autoland", first: 10) { nodes { id jobs { nodes { id } } } } }';

  it('once it knows how big pushes are, fetches ⌈jobs / 2000⌉ pages side by side, one per chunk of pushes', async () => {
    // The first query teaches the gateway how many jobs a push has (caches are emptied after it).
    expect((await stack.query(S1)).body.errors).toBeUndefined();
    stack.resetLog();
    const { body } = await stack.query(S1);
    expect(body.errors).toBeUndefined();
    const total = (body.data!.pushes.nodes as Array<{ jobs: { nodes: unknown[] } }>).reduce((sum, push) => sum + push.jobs.nodes.length, 0);
    expect(total).toBeGreaterThan(2000);
    const jobs = stack.upstream().filter((entry) => entry.path === '/api/jobs/');
    expect(jobs).toHaveLength(Math.ceil(total / 2000));
    expect(requestLines(jobs).every((line) => /^\/api\/jobs\/\?push_id__in=[\d,]+&count=2000$/.test(line))).toBe(true);
    // Every chunk is a first page: none waited for another's `count`.
    expect(jobs.every((entry) => !entry.query.includes('page='))).toBe(true);
    expect(peakConcurrency(jobs)).toBe(jobs.length);
  });

  it('answers a filtered page of a push from its whole list when both are asked for', async () => {
    const push = [...stack.simulator.data.pushesOf('autoland')].reverse()[6]!;
    const failed = stack.simulator.data.jobsOfPush(push.id).filter((job) => job.result === 'testfailed' && job.tier === 1);
    const { body } = await stack.query(`query($id: ID!) { push(repository: "autoland", id: $id) { all: jobs { nodes { id } } failed: jobs(result: "testfailed", tier: 1) { nodes { id } } } }`, { id: push.id });
    expect(body.errors).toBeUndefined();
    expect(body.data!.push.failed.nodes.map((job: { id: string }) => Number(job.id))).toEqual(failed.map((job) => job.id).sort((a, b) => a - b));
    expect(requestLines(stack.upstream()).filter((line) => line.startsWith('/api/jobs/'))).toEqual([`/api/jobs/?push_id__in=${push.id}&count=2000`]);
  });
});
