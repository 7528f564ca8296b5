import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/simulator/index.js';
import { expectHtml500, startSimulator, type Running } from './support.js';

let sim: Running;
beforeAll(async () => {
  sim = await startSimulator({ scale: { pushesPerRepository: 20, jobsPerPush: 1200 } });
});
afterAll(() => sim.close());

const JOB_PROPERTY_NAMES = [
  'failure_classification_id',
  'id',
  'job_group_name',
  'job_group_symbol',
  'job_type_name',
  'job_type_symbol',
  'last_modified',
  'platform',
  'push_id',
  'push_revision',
  'result',
  'signature',
  'state',
  'tier',
  'task_id',
  'retry_id',
  'duration',
  'platform_option',
];

function bigPush(repo = 'mozilla-central') {
  return [...sim.simulator.data.pushesOf(repo)].sort((a, b) => b.jobCount - a.jobCount)[0]!;
}

function failedJob(): Job {
  for (const push of sim.simulator.data.pushesOf('autoland')) {
    const job = sim.simulator.data
      .jobsOfPush(push.id)
      .find((j) => j.result === 'testfailed' && j.kind === 'test' && j.failureClassificationId === 4);
    if (job) return job;
  }
  throw new Error('no classified failure generated');
}

describe('GET /api/jobs/', () => {
  it('pages a push over 2000 jobs and the next links lead through every job in id order', async () => {
    const push = bigPush();
    expect(push.jobCount).toBeGreaterThan(2000);
    const ids: number[] = [];
    let path: string | null = `/api/jobs/?push_id=${push.id}`;
    let pages = 0;
    while (path) {
      const r = await sim.get(path);
      expect(r.status).toBe(200);
      expect(Object.keys(r.json)).toEqual(['count', 'next', 'previous', 'results', 'job_property_names']);
      expect(r.json.count).toBe(push.jobCount);
      expect(r.json.job_property_names).toEqual(JOB_PROPERTY_NAMES);
      ids.push(...r.json.results.map((row: unknown[]) => row[1] as number));
      if (pages === 0) expect(r.json.previous).toBeNull();
      path = r.json.next ? (r.json.next as string).slice(sim.url.length) : null;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(push.jobCount / 2000));
    expect(ids).toEqual(sim.simulator.data.jobsOfPush(push.id).map((j) => j.id));
  });

  it('builds absolute links from the Host header, params sorted, page 1 without page=', async () => {
    const push = bigPush();
    // fetch() may not set Host; undici's request can, as a reverse proxy would.
    const response = await request(`${sim.url}/api/jobs/?push_id=${push.id}&count=5&page=2`, {
      headers: { host: 'treeherder.example:8443', 'user-agent': 'simulator-tests/1.0' },
    });
    const body = (await response.body.json()) as { next: string; previous: string };
    expect(body.next).toBe(`http://treeherder.example:8443/api/jobs/?count=5&page=3&push_id=${push.id}`);
    expect(body.previous).toBe(`http://treeherder.example:8443/api/jobs/?count=5&push_id=${push.id}`);
    expect((await sim.get(`/api/jobs/?push_id=${push.id}&page=99`)).json).toEqual({ detail: 'Invalid page.' });
  });

  it('zips rows with job_property_names into the generated values', async () => {
    const job = sim.simulator.data.jobsOfPush(bigPush().id)[17]!;
    const r = await sim.get(`/api/jobs/?id__in=${job.id}`);
    const row = Object.fromEntries(JOB_PROPERTY_NAMES.map((name, i) => [name, r.json.results[0][i]]));
    expect(row).toMatchObject({
      id: job.id,
      push_id: job.pushId,
      job_type_name: job.jobTypeName,
      platform: job.platform,
      state: job.state,
      result: job.result,
      task_id: job.taskId,
      retry_id: job.retryId,
      platform_option: job.platformOption,
    });
    expect(row.last_modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/);
    expect(row.duration).toBeGreaterThanOrEqual(1);
  });

  it('caps the page size at 2000 and falls back to 2000 for invalid sizes', async () => {
    const push = bigPush();
    for (const count of ['5000', '0', '-3', 'many']) {
      const r = await sim.get(`/api/jobs/?push_id=${push.id}&count=${count}`);
      expect(r.json.results).toHaveLength(Math.min(2000, push.jobCount));
    }
    expect((await sim.get(`/api/jobs/?push_id=${push.id}&count=7`)).json.results).toHaveLength(7);
  });

  it('rejects non-numeric filter values with the form errors, ignores unknown params', async () => {
    const r = await sim.get('/api/jobs/?push_id=abc&tier=x&repo=autoland');
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ tier: ['Enter a number.'], push_id: ['Enter a number.'] });
    const lm = await sim.get('/api/jobs/?push_id=1&last_modified__gt=yesterday');
    expect(lm.json).toEqual({ last_modified__gt: ['Enter a valid date/time.'] });
  });

  it('treats an empty id__in as no filter at all (as the real filter set does)', async () => {
    // Unfiltered means every job is generated and counted: use a small instance.
    const small = await startSimulator({ scale: { pushesPerRepository: 3, jobsPerPush: 40 } });
    try {
      const r = await small.get('/api/jobs/?id__in=&count=1');
      expect(r.json.count).toBe(small.simulator.data.totalJobs);
      expect(r.json.results).toHaveLength(1);
    } finally {
      await small.close();
    }
  });

  it('combines push_id__in with result, tier and last_modified__gt filters', async () => {
    const pushes = sim.simulator.data.pushesOf('autoland').slice(-3);
    const since = '2026-08-21T06:00:00';
    const expected = pushes
      .flatMap((p) => sim.simulator.data.jobsOfPush(p.id))
      .filter((j) => j.result === 'success' && j.tier === 1 && j.lastModifiedUs > Date.parse(`${since}Z`) * 1000)
      .map((j) => j.id);
    const r = await sim.get(`/api/jobs/?push_id__in=${pushes.map((p) => p.id).join(',')}&result=success&tier=1&last_modified__gt=${since}`);
    expect(r.json.count).toBe(expected.length);
    expect(r.json.results.map((row: unknown[]) => row[1])).toEqual(expected.slice(0, 2000));
  });

  it('serves /api/jobs/{id}/ as a bare array of the 18 values', async () => {
    const job = sim.simulator.data.jobsOfPush(bigPush().id)[3]!;
    const r = await sim.get(`/api/jobs/${job.id}/`);
    expect(Array.isArray(r.json)).toBe(true);
    expect(r.json).toHaveLength(18);
    expect(r.json[1]).toBe(job.id);
    expect((await sim.get('/api/jobs/1/')).json).toEqual({ detail: 'No Job matches the given query.' });
  });
});

describe('GET /api/project/{repo}/jobs/', () => {
  it('returns 10 dict jobs with 37 keys by default and echoes count in meta', async () => {
    const r = await sim.get('/api/project/autoland/jobs/');
    expect(Object.keys(r.json)).toEqual(['results', 'meta']);
    expect(r.json.results).toHaveLength(10);
    expect(Object.keys(r.json.results[0])).toHaveLength(37);
    expect(r.json.meta).toEqual({ repository: 'autoland', offset: 0, count: 10 });
    const push = sim.simulator.data.pushesOf('autoland').at(-1)!;
    const few = await sim.get(`/api/project/autoland/jobs/?push_id=${push.id}&count=500&offset=0`);
    expect(few.json.meta.count).toBe(500);
  });

  it('returns compact lists with property names for return_type=list', async () => {
    const push = sim.simulator.data.pushesOf('autoland').at(-1)!;
    const r = await sim.get(`/api/project/autoland/jobs/?push_id=${push.id}&return_type=list&count=3`);
    expect(Object.keys(r.json)).toEqual(['results', 'job_property_names', 'meta']);
    expect(r.json.job_property_names).toHaveLength(37);
    expect(r.json.results[0]).toHaveLength(37);
  });

  it('rejects counts over 2000 and bad offsets, 404s unknown projects', async () => {
    expect((await sim.get('/api/project/autoland/jobs/?count=2001')).json).toEqual({
      detail: 'Specified count exceeds API MAX_JOBS_COUNT value: 2000',
    });
    expect((await sim.get('/api/project/autoland/jobs/?offset=x')).json).toBe('Invalid value for offset or count');
    const unknown = await sim.get('/api/project/foo/jobs/');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ detail: 'No project with name foo' });
  });

  it('silently ignores invalid filter values (which widens the result)', async () => {
    const r = await sim.get('/api/project/autoland/jobs/?push_id=abc&count=5');
    expect(r.status).toBe(200);
    expect(r.json.results).toHaveLength(5);
  });

  it('rewrites the legacy result_set_id parameter', async () => {
    const push = sim.simulator.data.pushesOf('autoland')[4]!;
    const r = await sim.get(`/api/project/autoland/jobs/?result_set_id=${push.id}&count=2000`);
    expect(r.json.results.every((j: { push_id: number }) => j.push_id === push.id)).toBe(true);
    expect(r.json.results).toHaveLength(push.jobCount);
  });

  it('serves job detail with resource_uri, logs and task metadata; 404 string for other repos', async () => {
    const job = failedJob();
    const r = await sim.get(`/api/project/autoland/jobs/${job.id}/`);
    expect(r.json.resource_uri).toBe(`/api/project/autoland/jobs/${job.id}/`);
    expect(r.json.logs.map((l: { name: string }) => l.name)).toEqual(['live_backing_log', 'errorsummary_json']);
    expect(r.json.taskcluster_metadata).toEqual({ task_id: job.taskId, retry_id: job.retryId });
    expect(r.json.job_guid).toBe(job.guid);
    expect(Object.keys(r.json).slice(0, 34)).toContain('who');
    const other = await sim.get(`/api/project/try/jobs/${job.id}/`);
    expect(other.status).toBe(404);
    expect(other.json).toBe(`No job with id: ${job.id}`);
  });

  it('lists text log errors and bug suggestions for a failed job', async () => {
    const job = failedJob();
    const errors = (await sim.get(`/api/project/autoland/jobs/${job.id}/text_log_errors/`)).json;
    expect(errors.length).toBeGreaterThan(0);
    expect(Object.keys(errors[0])).toEqual(['id', 'job', 'line', 'line_number', 'new_failure']);
    const suggestions = (await sim.get(`/api/project/autoland/jobs/${job.id}/bug_suggestions/`)).json;
    expect(suggestions).toHaveLength(errors.length);
    expect(Object.keys(suggestions[0])).toEqual(['search', 'search_terms', 'path_end', 'bugs', 'line_number', 'counter', 'failure_new_in_rev']);
    expect(suggestions[0].search).toMatch(/^TEST-UNEXPECTED-FAIL \| /);
  });

  it('lists similar jobs of the same type, newest push first', async () => {
    const job = failedJob();
    const r = await sim.get(`/api/project/autoland/jobs/${job.id}/similar_jobs/?count=5`);
    expect(r.json.meta).toEqual({ offset: 0, count: 5, repository: 'autoland' });
    expect(r.json.results.every((j: { job_type_id: number; id: number }) => j.job_type_id === job.jobTypeId && j.id !== job.id)).toBe(true);
    const pushIds = r.json.results.map((j: { push_id: number }) => j.push_id);
    expect(pushIds).toEqual([...pushIds].sort((a, b) => b - a));
    const nosuccess = await sim.get(`/api/project/autoland/jobs/${job.id}/similar_jobs/?nosuccess`);
    expect(nosuccess.json.results.every((j: { result: string }) => j.result !== 'success')).toBe(true);
  });
});

describe('logs, notes and bug links', () => {
  it('lists log urls by repeated job_id and rejects CSV or missing ids', async () => {
    const job = failedJob();
    const r = await sim.get(`/api/project/autoland/job-log-url/?job_id=${job.id}&job_id=${job.id + 1}`);
    expect(r.json[0]).toMatchObject({ job_id: job.id, name: 'live_backing_log', parse_status: expect.any(String) });
    expect(r.json[0].url).toBe(`https://firefox-ci-tc.services.mozilla.com/api/queue/v1/task/${job.taskId}/runs/${job.retryId}/artifacts/public/logs/live_backing.log`);
    expect((await sim.get(`/api/project/autoland/job-log-url/?job_id=${job.id},${job.id + 1}`)).json).toEqual({
      detail: 'The job_id parameter(s) must be integers',
    });
    expect((await sim.get('/api/project/autoland/job-log-url/')).json).toEqual({ detail: 'The job_id parameter is mandatory for this endpoint' });
  });

  it('serves notes for a classified job and a 500 for an unknown job', async () => {
    const job = failedJob();
    const notes = (await sim.get(`/api/project/autoland/note/?job_id=${job.id}`)).json;
    expect(notes).toEqual([
      {
        id: expect.any(Number),
        job_id: job.id,
        failure_classification_id: 4,
        created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        who: expect.stringContaining('@'),
        text: '',
      },
    ]);
    expect((await sim.get(`/api/project/autoland/note/${notes[0].id}/`)).json).toEqual(notes[0]);
    expectHtml500(await sim.get('/api/project/autoland/note/?job_id=1'));
    const push = sim.simulator.data.pushOfJob(job.id)!;
    const pushNotes = (await sim.get(`/api/project/autoland/note/push_notes/?revision=${push.revision}`)).json;
    expect(pushNotes.some((n: { id: number }) => n.id === notes[0].id)).toBe(true);
  });

  it('maps intermittent failures to bugs with repeated job_id', async () => {
    const job = failedJob();
    const r = await sim.get(`/api/project/autoland/bug-job-map/?job_id=${job.id}`);
    expect(r.json).toEqual([{ job_id: job.id, bug_id: expect.any(Number), bug_internal_id: expect.any(Number), created: expect.any(String), who: expect.any(String) }]);
    expect((await sim.get('/api/project/autoland/bug-job-map/')).json).toEqual({ message: 'At least one job_id is required' });
    expect((await sim.get('/api/project/autoland/bug-job-map/?job_id=x')).json).toEqual({ message: 'Valid job_id required' });
  });
});
