import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectHtml500, startSimulator, type Running } from './support.js';

let sim: Running;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const newestFirst = (repo: string) => [...sim.simulator.data.pushesOf(repo)].sort((a, b) => b.pushTimestamp - a.pushTimestamp);

describe('GET /api/project/{repo}/push/', () => {
  it('returns the newest 10 pushes with meta by default', async () => {
    const r = await sim.get('/api/project/autoland/push/');
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual(['meta', 'results']);
    expect(r.json.meta).toEqual({ count: 10, repository: 'autoland', filter_params: {} });
    const expected = newestFirst('autoland').slice(0, 10);
    expect(r.json.results.map((p: { id: number }) => p.id)).toEqual(expected.map((p) => p.id));
    const push = r.json.results[0];
    expect(Object.keys(push)).toEqual(['id', 'revision', 'author', 'branch', 'revisions', 'revision_count', 'push_timestamp', 'repository_id']);
    expect(push.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(push.revisions[0].revision).toBe(push.revision);
    expect(Object.keys(push.revisions[0])).toEqual(['result_set_id', 'repository_id', 'revision', 'author', 'comments']);
  });

  it('truncates revisions to the newest 20 while revision_count counts them all', async () => {
    const big = sim.simulator.data.pushesOf('mozilla-central').find((p) => p.commits.length > 20)!;
    expect(big).toBeDefined();
    const r = await sim.get(`/api/project/mozilla-central/push/${big.id}/`);
    expect(r.json.revisions).toHaveLength(20);
    expect(r.json.revision_count).toBe(big.commits.length);
    expect(r.json.revisions[0].revision).toBe(big.commits.at(-1)!.revision);
  });

  it.each([
    ['count=abc', 'Valid count value required'],
    ['count=1001', 'Specified count exceeds api limit: 1000'],
    ['count=0', 'count requires a positive integer, not: 0'],
    ['id__in=1,x', 'Invalid id__in specification'],
    ['id__lt=x', 'Invalid timestamp specified for id__lt'],
    ['push_timestamp__gte=soon', 'Invalid timestamp specified for push_timestamp__gte'],
  ])('400 for %s', async (query, message) => {
    const r = await sim.get(`/api/project/autoland/push/?${query}`);
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ detail: message });
  });

  it('404s an unknown project with a detail message', async () => {
    const r = await sim.get('/api/project/foo/push/');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ detail: 'No project with name foo' });
  });

  it('batches by id__in (count must cover the ids) and across repos with all_repos', async () => {
    const ids = [newestFirst('try')[3]!.id, newestFirst('autoland')[5]!.id];
    const one = await sim.get(`/api/project/try/push/?id__in=${ids.join(',')}`);
    expect(one.json.results.map((p: { id: number }) => p.id)).toEqual([ids[0]]);
    const all = await sim.get(`/api/project/try/push/?id__in=${ids.join(',')}&all_repos=true&count=2`);
    expect(all.json.meta.repository).toBe('all');
    expect(all.json.results.map((p: { id: number }) => p.id).sort()).toEqual([...ids].sort());
  });

  it('filters by revision (prefix under 40 chars) and records it in filter_params', async () => {
    const push = newestFirst('autoland')[7]!;
    const r = await sim.get(`/api/project/autoland/push/?revision=${push.revision.slice(0, 12)}`);
    expect(r.json.results.map((p: { id: number }) => p.id)).toEqual([push.id]);
    expect(r.json.meta.revision).toBe(push.revision.slice(0, 12));
    expect(r.json.meta.filter_params).toEqual({ revisions_short_revision: push.revision.slice(0, 12) });
    const full = await sim.get(`/api/project/autoland/push/?revision=${push.revision}`);
    expect(full.json.meta.filter_params).toEqual({ revisions_long_revision: push.revision });
  });

  it('finds a push by any of its commits with commit_revision', async () => {
    const push = newestFirst('mozilla-central')[2]!;
    const r = await sim.get(`/api/project/mozilla-central/push/?commit_revision=${push.commits[0]!.revision}`);
    expect(r.json.results.map((p: { id: number }) => p.id)).toEqual([push.id]);
  });

  it('ranges with fromchange/tochange and derives push_timestamp filter params', async () => {
    const pushes = newestFirst('autoland');
    const from = pushes[6]!;
    const to = pushes[2]!;
    const r = await sim.get(`/api/project/autoland/push/?fromchange=${from.revision}&tochange=${to.revision}&count=100`);
    expect(r.json.results.map((p: { id: number }) => p.id)).toEqual(pushes.slice(2, 7).map((p) => p.id));
    expect(Object.keys(r.json.meta)).toEqual(['fromchange', 'tochange', 'count', 'repository', 'filter_params']);
    expect(r.json.meta.filter_params).toEqual({ count: '100', push_timestamp__gte: from.pushTimestamp, push_timestamp__lte: to.pushTimestamp });
  });

  it('answers an unknown fromchange revision with the 500 page', async () => {
    expectHtml500(await sim.get('/api/project/autoland/push/?fromchange=0123456789ab'));
  });

  it('filters by author (case-insensitive, "-" excludes) and author_contains', async () => {
    const pushes = newestFirst('try');
    const author = pushes[0]!.author;
    const mine = await sim.get(`/api/project/try/push/?author=${encodeURIComponent(author.toUpperCase())}&count=1000`);
    expect(mine.json.results.length).toBe(pushes.filter((p) => p.author === author).length);
    const others = await sim.get(`/api/project/try/push/?author=-${encodeURIComponent(author)}&count=1000`);
    expect(others.json.results.length).toBe(pushes.length - mine.json.results.length);
    const contains = await sim.get(`/api/project/try/push/?author_contains=MOZILLA&count=1000`);
    expect(contains.json.results.every((p: { author: string }) => p.author.toLowerCase().includes('mozilla'))).toBe(true);
  });

  it('filters by epoch range and by date range (enddate inclusive)', async () => {
    const pushes = newestFirst('mozilla-central');
    const pivot = pushes[4]!.pushTimestamp;
    const r = await sim.get(`/api/project/mozilla-central/push/?push_timestamp__gte=${pivot}&count=1000`);
    expect(r.json.results.length).toBe(5);
    const day = new Date(pivot * 1000).toISOString().slice(0, 10);
    const byDay = await sim.get(`/api/project/mozilla-central/push/?startdate=${day}&enddate=${day}&count=1000`);
    const start = Date.parse(`${day}T00:00:00Z`) / 1000;
    expect(byDay.json.results.map((p: { id: number }) => p.id)).toEqual(
      pushes.filter((p) => p.pushTimestamp >= start && p.pushTimestamp <= start + 86400).map((p) => p.id),
    );
  });

  it('ignores full and unknown parameters', async () => {
    const r = await sim.get('/api/project/autoland/push/?full=true&count=3&whatever=1');
    expect(r.json.results).toHaveLength(3);
    expect(r.json.meta.filter_params).toEqual({ full: 'true', count: '3', whatever: '1' });
  });
});

describe('push detail, status and decision tasks', () => {
  it('404s an unknown push (or one of another repository) with a bare string', async () => {
    const push = newestFirst('autoland')[0]!;
    expect((await sim.get(`/api/project/autoland/push/${push.id}/`)).json.id).toBe(push.id);
    const other = await sim.get(`/api/project/try/push/${push.id}/`);
    expect(other.status).toBe(404);
    expect(other.json).toBe(`No push with id: ${push.id}`);
  });

  it('counts unclassified tier 1–2 jobs by state and result', async () => {
    const push = newestFirst('autoland')[12]!;
    const jobs = sim.simulator.data.jobsOfPush(push.id).filter((j) => j.tier !== 3 && j.failureClassificationId === 1);
    const r = await sim.get(`/api/project/autoland/push/${push.id}/status/`);
    expect(r.json.completed).toBe(jobs.filter((j) => j.state === 'completed').length);
    expect(r.json.success).toBe(jobs.filter((j) => j.result === 'success').length);
    expect(Object.values(r.json).every((v) => typeof v === 'number' && (v as number) >= 0)).toBe(true);
  });

  it('maps pushes to their decision task', async () => {
    const push = newestFirst('autoland')[10]!;
    const decision = sim.simulator.data.jobsOfPush(push.id)[0]!;
    const r = await sim.get(`/api/project/autoland/push/decisiontask/?push_ids=${push.id}`);
    expect(r.json).toEqual({ [push.id]: { id: decision.taskId, run: '0' } });
    const none = await sim.get('/api/project/autoland/push/decisiontask/?push_ids=1');
    expect(none.status).toBe(404);
    expect(none.json).toBe("No decision tasks found for pushes: ['1']");
  });

  it('summarises push health by revision, and 500s for author without count', async () => {
    const push = newestFirst('autoland')[8]!;
    const r = await sim.get(`/api/project/autoland/push/health_summary/?revision=${push.revision}&with_history=true`);
    expect(r.json).toHaveLength(1);
    expect(r.json[0]).toMatchObject({ revision: push.revision, repository: 'autoland', history: [expect.objectContaining({ id: push.id })] });
    expect(Object.keys(r.json[0].metrics)).toEqual(['linting', 'tests', 'builds']);
    expect(r.json[0].needInvestigation).toBe(r.json[0].testFailureCount + r.json[0].buildFailureCount + r.json[0].lintFailureCount);
    const byAuthor = await sim.get(`/api/project/autoland/push/health_summary/?author=${encodeURIComponent(push.author)}&count=2`);
    expect(byAuthor.json.length).toBeGreaterThan(0);
    expectHtml500(await sim.get(`/api/project/autoland/push/health_summary/?author=${encodeURIComponent(push.author)}`));
  });
});
