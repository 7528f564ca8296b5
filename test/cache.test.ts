import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CacheEntry, CacheLevel2 } from '../src/stores/types.js';
import { createByteLru, createReferenceCache, withLevel2 } from '../src/treeherder/cache.js';
import { latestModified } from '../src/loaders/push-jobs.js';
import type { JobSummary } from '../src/treeherder/types.js';
import { requestLines, startStack, type Stack } from './support/stack.js';

// The shared caches: bounds and TTLs as pure functions, then what a second, or a concurrent,
// GraphQL request costs upstream when the first one left something to reuse.

/** A second level in a Map (the Redis one is tested against a real Redis in stores.test.ts). */
function mapLevel2(): CacheLevel2 & { entries: Map<string, CacheEntry>; reads: string[][] } {
  const entries = new Map<string, CacheEntry>();
  const reads: string[][] = [];
  return {
    entries,
    reads,
    getMany: async (keys) => {
      reads.push([...keys]);
      return keys.map((key) => entries.get(key));
    },
    set: (key, entry) => void entries.set(key, entry),
  };
}

describe('the watermark of a cached job list', () => {
  const jobs = (...times: string[]): JobSummary[] => times.map((lastModified) => ({ lastModified }) as JobSummary);
  it('is the latest last_modified, also where times with and without milliseconds meet', () => {
    expect(latestModified(jobs())).toBe(0);
    expect(latestModified(jobs('2026-11-20T10:00:00.250Z', '2026-11-20T11:00:00.100Z', '2026-11-20T09:59:59.999Z'))).toBe(
      Date.parse('2026-11-20T11:00:00.100Z'),
    );
    // As text, `…:00Z` sorts after `…:00.500Z`; in time it is 500 ms before.
    expect(latestModified(jobs('2026-11-20T11:00:00Z', '2026-11-20T11:00:00.500Z'))).toBe(Date.parse('2026-11-20T11:00:00.500Z'));
    expect(latestModified(jobs('2026-11-20T11:00:00.500Z', '2026-11-20T11:00:01Z', '2026-11-20T11:00:00.999Z'))).toBe(
      Date.parse('2026-11-20T11:00:01Z'),
    );
  });
});

describe('the second cache level (REDIS_URL)', () => {
  it('is written through with the entry\'s expiry, never for an entry over the byte bound', () => {
    const now = 1_000;
    const level2 = mapLevel2();
    const cache = withLevel2(createByteLru(100, () => now), level2, 100, () => now);
    cache.set('push:1', { id: 1 }, 40);
    cache.set('job:1', { id: 1 }, 40, 60_000);
    cache.set('huge', 'H', 101);
    expect([...level2.entries]).toEqual([
      ['push:1', { value: { id: 1 }, bytes: 40, expiresAt: null }],
      ['job:1', { value: { id: 1 }, bytes: 40, expiresAt: 61_000 }],
    ]);
  });

  it('fills the in-process level on warm, only for keys it lacks, with what remains of the TTL', async () => {
    let now = 1_000;
    const level2 = mapLevel2();
    level2.entries.set('job:1', { value: 'J1', bytes: 10, expiresAt: 11_000 });
    level2.entries.set('job:2', { value: 'J2', bytes: 10, expiresAt: 500 });
    level2.entries.set('push:1', { value: 'P1', bytes: 10, expiresAt: null });
    const cache = withLevel2(createByteLru(100, () => now), level2, 100, () => now);
    cache.set('push:9', 'P9', 10);

    await cache.warm(['job:1', 'job:2', 'push:1', 'push:9', 'job:1']);
    expect(level2.reads).toEqual([['job:1', 'job:2', 'push:1']]);
    expect([cache.get('job:1'), cache.get('job:2'), cache.get('push:1'), cache.get('push:9')]).toEqual(['J1', undefined, 'P1', 'P9']);
    now = 11_000;
    expect(cache.get('job:1')).toBeUndefined();
    await cache.warm(['push:1']);
    expect(level2.reads).toHaveLength(1);
  });

  it('serves a reference list another replica loaded, with its expiry, without loading it', async () => {
    let now = 1_000;
    const level2 = mapLevel2();
    level2.entries.set('reference:repositories', { value: ['autoland'], bytes: 10, expiresAt: 2_000 });
    const reference = createReferenceCache(300_000, () => {}, () => now, level2);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return ['autoland', 'try'];
    };
    expect(await reference.get('repositories', load)).toEqual(['autoland']);
    expect(loads).toBe(0);
    now = 2_000;
    expect(await reference.get('repositories', load)).toEqual(['autoland', 'try']);
    expect(loads).toBe(1);
    expect(level2.entries.get('reference:repositories')).toMatchObject({ value: ['autoland', 'try'], expiresAt: 302_000 });
  });
});

describe('createByteLru', () => {
  it('evicts the least recently used entries beyond its byte bound', () => {
    const lru = createByteLru(100);
    lru.set('a', 'A', 40);
    lru.set('b', 'B', 40);
    expect(lru.get('a')).toBe('A'); // a is now the most recent
    lru.set('c', 'C', 40);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['A', undefined, 'C']);
    expect(lru.bytes).toBe(80);
    expect(lru.size).toBe(2);
  });

  it('never keeps an entry larger than the whole cache, and replaces an entry in place', () => {
    const lru = createByteLru(100);
    lru.set('a', 'A', 60);
    lru.set('huge', 'H', 101);
    expect([lru.get('a'), lru.get('huge')]).toEqual(['A', undefined]);
    lru.set('a', 'A2', 10);
    expect([lru.get('a'), lru.bytes]).toEqual(['A2', 10]);
  });

  it('forgets an entry once its TTL has passed', () => {
    let now = 1_000;
    const lru = createByteLru(100, () => now);
    lru.set('job:1', 'completed', 10, 60_000);
    now += 59_999;
    expect(lru.get('job:1')).toBe('completed');
    now += 1;
    expect(lru.get('job:1')).toBeUndefined();
    expect(lru.bytes).toBe(0);
  });
});

describe('createReferenceCache', () => {
  it('loads once for concurrent callers, serves the copy until the TTL, then loads again', async () => {
    let now = 0;
    const outcomes: string[] = [];
    const cache = createReferenceCache(300_000, (_kind, outcome) => outcomes.push(outcome), () => now);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return [`list ${loads}`];
    };
    const first = await Promise.all([cache.get('repositories', load), cache.get('repositories', load), cache.get('repositories', load)]);
    expect(first).toEqual([['list 1'], ['list 1'], ['list 1']]);
    now += 299_999;
    expect(await cache.get('repositories', load)).toEqual(['list 1']);
    now += 1;
    expect(await cache.get('repositories', load)).toEqual(['list 2']);
    expect(loads).toBe(2);
    expect(outcomes).toEqual(['miss', 'hit', 'hit', 'hit', 'miss']);
  });

  it('does not keep a failure: the next caller loads again', async () => {
    const cache = createReferenceCache(300_000, () => {});
    await expect(cache.get('frameworks', () => Promise.reject(new Error('503')))).rejects.toThrow('503');
    expect(await cache.get('frameworks', async () => ['talos'])).toEqual(['talos']);
  });
});

describe('shared caches end to end', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ simulator: { scale: { pushesPerRepository: 20, jobsPerPush: 120 } } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetLog());

  const S1 = `{ pushes(repository: "autoland", first: 10) { nodes { id revision jobs { nodes { id result state } } } } }`;

  it('a repeated push listing costs the push list and one revalidation of the job lists still changing', async () => {
    const cold = await stack.query(S1);
    expect(cold.body.errors).toBeUndefined();
    const coldLines = requestLines(stack.upstream());
    expect(coldLines.filter((line) => line.startsWith('/api/jobs/'))).not.toHaveLength(0);

    stack.simulator.clearRequests();
    const warm = await stack.query(S1);
    expect(warm.body).toEqual(cold.body);
    const lines = requestLines(stack.upstream());
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('/api/project/autoland/push/?count=11');
    // One request for every push with jobs still running: only jobs changed since the newest one
    // seen (minus a margin). A push whose jobs are all completed is reused as it is, for the job TTL.
    const settled = (body: typeof cold.body) =>
      (body.data!.pushes.nodes as Array<{ id: string; jobs: { nodes: Array<{ state: string }> } }>).filter((push) => push.jobs.nodes.every((job) => job.state === 'completed')).map((push) => push.id);
    const revalidated = /^\/api\/jobs\/\?push_id__in=([\d,]+)&last_modified__gt=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\d\.\d{3}&count=2000$/.exec(lines[1]!);
    expect(revalidated).not.toBeNull();
    const asked = revalidated![1]!.split(',');
    expect(asked.length + settled(cold.body).length).toBe(10);
    expect(asked.filter((id) => settled(cold.body).includes(id))).toEqual([]);
  });

  it('jobs by id and their pushes come from the cache the second time when the jobs are completed', async () => {
    const push = stack.simulator.data.pushesOf('mozilla-central')[0]!;
    const ids = stack.simulator.data.jobsOfPush(push.id).filter((job) => job.state === 'completed').slice(0, 20).map((job) => job.id);
    expect(ids).toHaveLength(20);
    const query = `query($ids: [ID!]!) { jobs(ids: $ids) { id result push { revision author } } }`;
    const cold = await stack.query(query, { ids });
    expect(requestLines(stack.upstream())).toHaveLength(2);
    stack.simulator.clearRequests();
    const warm = await stack.query(query, { ids });
    expect(warm.body).toEqual(cold.body);
    expect(stack.upstream()).toHaveLength(0);
  });

  it('reference lists are fetched once for concurrent and later requests', async () => {
    const query = '{ repositories { name } performanceFrameworks { name } }';
    const answers = await Promise.all(Array.from({ length: 5 }, () => stack.query(query)));
    await stack.query(query);
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    expect(requestLines(stack.upstream()).sort()).toEqual(['/api/performance/framework/', '/api/repository/']);
  });

  it('identical anonymous GETs in flight at the same time are sent once', async () => {
    stack.simulator.setLatency(40);
    try {
      // Push lists are never cached: only in-flight de-duplication can save these requests.
      const query = '{ pushes(repository: "try", first: 3) { nodes { id revision } } }';
      const answers = await Promise.all(Array.from({ length: 8 }, () => stack.query(query)));
      for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
      expect(requestLines(stack.upstream())).toEqual(['/api/project/try/push/?count=4']);
    } finally {
      stack.simulator.setLatency(0);
    }
  });
});

describe('CACHE=false', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { CACHE: 'false' }, simulator: { scale: { pushesPerRepository: 5, jobsPerPush: 20 }, latencyMs: 20 } });
  });
  afterAll(() => stack.close());

  it('shares nothing: every request asks Treeherder itself', async () => {
    expect(stack.gateway.caches).toBeNull();
    const query = '{ repositories { name } pushes(repository: "try", first: 2) { nodes { id } } }';
    await stack.query(query);
    await Promise.all([stack.query(query), stack.query(query)]);
    expect(requestLines(stack.upstream()).sort()).toEqual([
      '/api/project/try/push/?count=3',
      '/api/project/try/push/?count=3',
      '/api/project/try/push/?count=3',
      '/api/repository/',
      '/api/repository/',
      '/api/repository/',
    ]);
  });
});
