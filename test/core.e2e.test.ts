import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestLines, startStack, type Stack } from './support/stack.js';

// The core gateway end to end: real GraphQL operations in, whole bodies out, and the
// upstream requests each one cost, read from the simulator's request log.

let stack: Stack;

beforeAll(async () => {
  // ~300 jobs per push: ten pushes need two /api/jobs/ pages of 2000.
  stack = await startStack({ simulator: { scale: { pushesPerRepository: 30, jobsPerPush: 300 } } });
});
afterAll(() => stack.close());
beforeEach(() => stack.resetLog());

const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('pushes with all their jobs', () => {
  it('10 pushes with revisions and all jobs = 1 push request + ⌈jobs / 2000⌉ job pages', async () => {
    const { body } = await stack.query(`{
      pushes(repository: "autoland", first: 10) {
        nodes { id revision author timestamp revisionCount revisions { revision author comments }
          jobs { nodes { id result state tier jobType { name symbol } jobGroup { name symbol } platform platformOption duration lastModified }
                 pageInfo { hasNextPage } } }
        pageInfo { hasNextPage endCursor }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const expected = [...stack.simulator.data.pushesOf('autoland')].sort((a, b) => b.id - a.id).slice(0, 10);
    const pushes = body.data!.pushes.nodes as Array<Record<string, any>>;
    expect(pushes.map((push) => Number(push.id))).toEqual(expected.map((push) => push.id));
    expect(pushes[0]!.revision).toBe(expected[0]!.revision);
    expect(pushes[0]!.timestamp).toMatch(iso);
    expect(pushes[0]!.revisions.length).toBe(Math.min(20, expected[0]!.commits.length));
    expect(pushes[0]!.revisionCount).toBe(expected[0]!.commits.length);
    expect(body.data!.pushes.pageInfo.hasNextPage).toBe(true);

    let total = 0;
    for (const [index, push] of pushes.entries()) {
      const jobs = stack.simulator.data.jobsOfPush(expected[index]!.id);
      total += jobs.length;
      expect(push.jobs.nodes.map((job: { id: string }) => Number(job.id))).toEqual(jobs.map((job) => job.id).sort((a, b) => a - b));
      expect(push.jobs.pageInfo.hasNextPage).toBe(false);
    }
    const sample = stack.simulator.data.jobsOfPush(expected[0]!.id)[0]!;
    expect(pushes[0]!.jobs.nodes.find((job: { id: string }) => Number(job.id) === sample.id)).toEqual({
      id: String(sample.id),
      result: sample.result,
      state: sample.state,
      tier: sample.tier,
      jobType: { name: sample.jobTypeName, symbol: sample.jobTypeSymbol },
      jobGroup: { name: sample.jobGroupName, symbol: sample.jobGroupSymbol },
      platform: sample.platform,
      platformOption: sample.platformOption,
      duration: expect.any(Number),
      lastModified: expect.stringMatching(iso),
    });

    expect(total).toBeGreaterThan(2000);
    const lines = requestLines(stack.upstream());
    expect(lines.filter((line) => line.startsWith('/api/project/autoland/push/'))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('/api/jobs/'))).toHaveLength(Math.ceil(total / 2000));
    expect(lines).toHaveLength(1 + Math.ceil(total / 2000));
    expect(lines[0]).toBe('/api/project/autoland/push/?count=11');
  });

  it('pages through a push\'s jobs with stable cursors and a correct hasNextPage at the end', async () => {
    const push = stack.simulator.data.pushesOf('autoland').at(-1)!;
    const all = stack.simulator.data.jobsOfPush(push.id).map((job) => job.id).sort((a, b) => a - b);
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const { body }: { body: any } = await stack.query(
        `query($id: ID!, $after: String) { push(repository: "autoland", id: $id) { jobs(first: 128, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } } }`,
        { id: push.id, after },
      );
      expect(body.errors).toBeUndefined();
      const jobs: any = body.data!.push.jobs;
      seen.push(...jobs.nodes.map((job: { id: string }) => Number(job.id)));
      if (!jobs.pageInfo.hasNextPage) break;
      after = jobs.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it('pages through pushes newest first without repeats', async () => {
    const expected = [...stack.simulator.data.pushesOf('mozilla-central')].sort((a, b) => b.id - a.id).map((push) => push.id);
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { body }: { body: any } = await stack.query(
        `query($after: String) { pushes(repository: "mozilla-central", first: 7, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      pages += 1;
      seen.push(...body.data!.pushes.nodes.map((push: { id: string }) => Number(push.id)));
      if (!body.data!.pushes.pageInfo.hasNextPage) break;
      after = body.data!.pushes.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 7));
  });
});

describe('jobs by id', () => {
  it('50 jobs by id with their push revision and author = 1 jobs request + 1 push request', async () => {
    const ids: number[] = [];
    for (const repository of ['autoland', 'mozilla-central', 'try']) {
      for (const push of stack.simulator.data.pushesOf(repository).slice(0, 2)) {
        ids.push(...stack.simulator.data.jobsOfPush(push.id).slice(0, 9).map((job) => job.id));
      }
    }
    ids.length = 50;
    const { body } = await stack.query(`query($ids: [ID!]!) { jobs(ids: $ids) { id push { revision author } } }`, { ids });
    expect(body.errors).toBeUndefined();
    expect(body.data!.jobs).toEqual(
      ids.map((id) => {
        const push = stack.simulator.data.pushOfJob(id)!;
        return { id: String(id), push: { revision: push.revision, author: push.author } };
      }),
    );
    const lines = requestLines(stack.upstream());
    expect(lines.filter((line) => line.startsWith('/api/jobs/'))).toEqual([`/api/jobs/?id__in=${ids.join(',')}&count=50`]);
    expect(lines.filter((line) => line.includes('/push/'))).toHaveLength(1);
    expect(lines.find((line) => line.includes('/push/'))).toContain('all_repos=true');
    // Treeherder ignores the {repo} segment with all_repos: no repository list is needed.
    expect(lines.filter((line) => line === '/api/repository/')).toHaveLength(0);
    expect(lines).toHaveLength(2);
  });

  it('answers null for ids that do not exist, in the order asked', async () => {
    const real = stack.simulator.data.jobsOfPush(stack.simulator.data.pushesOf('autoland')[0]!.id)[0]!.id;
    const { body } = await stack.query(`{ jobs(ids: [999999999, ${real}, 999999998]) { id } job(id: 999999997) { id } }`);
    expect(body).toEqual({ data: { jobs: [null, { id: String(real) }, null], job: null } });
    expect(requestLines(stack.upstream())).toHaveLength(1);
  });

  it('fetches detail fields in one request per repository for all jobs that need them', async () => {
    const pushes = ['autoland', 'try'].map((name) => stack.simulator.data.pushesOf(name)[3]!);
    const ids = pushes.flatMap((push) => stack.simulator.data.jobsOfPush(push.id).slice(0, 5).map((job) => job.id));
    const { body } = await stack.query(
      `query($ids: [ID!]!) { jobs(ids: $ids) { id guid machineName who reason submitTime startTime endTime buildPlatform logs { name url parseStatus } repository { name } } }`,
      { ids },
    );
    expect(body.errors).toBeUndefined();
    const first = stack.simulator.data.job(ids[0]!)!;
    expect(body.data!.jobs[0]).toMatchObject({ id: String(first.id), guid: first.guid, machineName: first.machineName, who: first.who, reason: first.reason, buildPlatform: first.buildPlatform, repository: { name: 'autoland' } });
    expect(body.data!.jobs[0].submitTime).toMatch(iso);
    expect(body.data!.jobs[0].logs.length).toBeGreaterThan(0);
    const lines = requestLines(stack.upstream());
    const byRoute = (fragment: string) => lines.filter((line) => line.includes(fragment));
    expect(byRoute('/jobs/?id__in=').filter((line) => line.startsWith('/api/project/'))).toHaveLength(2);
    expect(byRoute('/job-log-url/')).toHaveLength(2);
    expect(byRoute('/api/jobs/?id__in=')).toHaveLength(1);
    expect(byRoute('/push/')).toHaveLength(1);
    expect(lines).toHaveLength(1 + 1 + 1 + 2 + 2);
  });
});

describe('performance signatures', () => {
  it('30 signatures fetched by id on one repository = 1 request', async () => {
    const signatures = stack.simulator.data.signaturesOf('mozilla-central').slice(0, 30);
    expect(signatures).toHaveLength(30);
    const fields = signatures.map((signature, index) => `s${index}: performanceSignature(repository: "mozilla-central", id: ${signature.id}) { id signatureHash suite test platform lowerIsBetter hasSubtests extraOptions tags }`);
    const { body } = await stack.query(`{ ${fields.join('\n')} }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!['s0']).toEqual({
      id: String(signatures[0]!.id),
      signatureHash: signatures[0]!.signatureHash,
      suite: signatures[0]!.suite,
      test: signatures[0]!.test || null,
      platform: signatures[0]!.platform,
      lowerIsBetter: signatures[0]!.lowerIsBetter,
      hasSubtests: signatures[0]!.hasSubtests,
      extraOptions: signatures[0]!.extraOptions.split(' ').filter(Boolean),
      tags: signatures[0]!.tags.split(' ').filter(Boolean),
    });
    const lines = requestLines(stack.upstream());
    expect(lines).toEqual([`/api/project/mozilla-central/performance/signatures/?${signatures.map((signature) => `id=${signature.id}`).join('&')}`]);
  });

  it('lists a framework\'s signatures with their framework, options and parent, the parents from the same listing', async () => {
    const { body } = await stack.query(`{ performanceSignatures(repository: "mozilla-central", framework: 1, first: 5000) { id framework { id name } options parent { id } } }`);
    expect(body.errors).toBeUndefined();
    const list = body.data!.performanceSignatures as Array<Record<string, any>>;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((signature) => signature.framework.id === 1 && signature.framework.name === 'talos')).toBe(true);
    expect(list.every((signature) => signature.options.length > 0)).toBe(true);
    const ids = new Set(list.map((signature) => signature.id));
    const parents = list.filter((signature) => signature.parent !== null);
    expect(parents.length).toBeGreaterThan(0);
    expect(parents.every((signature) => ids.has(signature.parent.id))).toBe(true);
    // The listing, the framework list and the option collections: parents cost nothing more.
    expect(requestLines(stack.upstream()).sort()).toEqual([
      '/api/optioncollectionhash/',
      '/api/performance/framework/',
      '/api/project/mozilla-central/performance/signatures/?framework=1',
    ]);
  });
});

describe('what Treeherder sees', () => {
  it('every upstream request carries the gateway User-Agent with the caller appended, and no Authorization', async () => {
    await stack.query(`{ repositories { name } pushes(repository: "try", first: 2) { nodes { jobs(first: 3) { nodes { machineName } } } } }`, {}, { 'user-agent': 'my-dashboard/1.0' });
    const entries = stack.upstream();
    expect(entries.length).toBeGreaterThan(2);
    for (const entry of entries) {
      expect(entry.userAgent).toMatch(/^treeherder-graphql\/\d+\.\d+\.\d+ \(\+https:\/\/example\.test\/contact\) \(client: my-dashboard\/1\.0\)$/);
      expect(entry.authorization).toBeNull();
      expect(entry.path.endsWith('/')).toBe(true);
    }
  });
});

describe('errors', () => {
  it('an unknown repository is Treeherder\'s 404 with its detail, coded', async () => {
    const { body } = await stack.query(`{ pushes(repository: "no-such-tree") { nodes { id } } }`);
    expect(body).toEqual({
      data: null,
      errors: [
        {
          message: 'Treeherder answered /api/project/{repo}/push/ with HTTP 404: No project with name no-such-tree.',
          locations: [{ line: 1, column: 3 }],
          path: ['pushes'],
          extensions: { code: 'UPSTREAM_NOT_FOUND', upstreamStatus: 404, upstreamDetail: 'No project with name no-such-tree' },
        },
      ],
    });
  });

  // [case, query, argument named, upstream requests allowed before the bad argument is reached]
  it.each([
    ['a repository name with a path trick', '{ pushes(repository: "../admin") { nodes { id } } }', 'repository', 0],
    ['a non-numeric id', '{ job(id: "12abc") { id } }', 'id', 0],
    ['a zero id', '{ job(id: 0) { id } }', 'id', 0],
    ['both id and revision', '{ push(repository: "autoland", id: 1, revision: "abcdefabcdef") { id } }', 'revision', 0],
    ['neither id nor revision', '{ push(repository: "autoland") { id } }', 'id', 0],
    ['a revision that is not hex', '{ push(repository: "autoland", revision: "not-a-revision!") { id } }', 'revision', 0],
    ['first above the push cap', '{ pushes(repository: "autoland", first: 1001) { nodes { id } } }', 'first', 0],
    ['first above the job cap (checked before the jobs are fetched)', '{ pushes(repository: "autoland", first: 1) { nodes { jobs(first: 5001) { nodes { id } } } } }', 'first', 1],
    ['a cursor from another list', '{ pushes(repository: "autoland", after: "am9iOjEy") { nodes { id } } }', 'after', 0],
  ])('%s is BAD_USER_INPUT naming the argument', async (_name, query, argument, allowed) => {
    const { status, body } = await stack.query(query);
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argument });
    expect(stack.upstream()).toHaveLength(allowed);
  });
});

describe('server endpoints', () => {
  it('/health is up and /ready reflects the upstream', async () => {
    const health = await stack.gateway.yoga.fetch('http://gateway.test/health');
    expect(health.status).toBe(200);
    const ready = await stack.gateway.yoga.fetch('http://gateway.test/ready');
    expect(ready.status).toBe(200);
  });

  it('serves GraphiQL to a browser from the package, with no CDN', async () => {
    const response = await stack.gateway.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('treeherder-graphql');
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs|esm\.sh/);
  });
});
