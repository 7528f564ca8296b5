import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMIT_REQUEST_LINE } from '../src/simulator/server.js';
import { startStack, type Stack } from './support/stack.js';

// Treeherder's gunicorn refuses a request line over 4094 bytes with a 400 HTML page, and the
// simulator does the same. The gateway cuts every batch so each request line fits: here
// every batched loader is driven with more ids than one URL can hold.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { MAX_OPERATION_COST: '100000', UPSTREAM_MAX_QUEUE: '10000' } });
});
afterAll(async () => stack.close());

/** Requests per endpoint (path with the repository as `{repo}`), their largest request line. */
function byEndpoint(stack: Stack): Map<string, { requests: number; longest: number }> {
  const out = new Map<string, { requests: number; longest: number }>();
  for (const entry of stack.upstream()) {
    const key = entry.path.replace(/^\/api\/project\/[^/]+\//, '/api/project/{repo}/');
    const seen = out.get(key) ?? { requests: 0, longest: 0 };
    out.set(key, { requests: seen.requests + 1, longest: Math.max(seen.longest, entry.requestLineBytes) });
  }
  return out;
}

function expectWithinTheLimit(stack: Stack): void {
  const log = stack.upstream();
  expect(log.filter((entry) => entry.status >= 400)).toEqual([]);
  expect(Math.max(...log.map((entry) => entry.requestLineBytes))).toBeLessThanOrEqual(LIMIT_REQUEST_LINE);
}

describe('URL chunking against the 4094-byte request line', () => {
  it('jobs by id, with their detail, push, logs, bugs and task metadata', async () => {
    const listed = await stack.query('{ pushes(repository: "autoland", first: 40) { nodes { jobs { nodes { id } } } } }');
    const ids = (listed.body.data!.pushes.nodes as Array<{ jobs: { nodes: Array<{ id: string }> } }>).flatMap((push) => push.jobs.nodes.map((job) => job.id));
    expect(ids.length).toBeGreaterThan(1000);
    const some = ids.slice(0, 1500);
    // Without chunking, one `id__in=` list of these would be several times the limit.
    expect(`GET /api/jobs/?id__in=${some.join(',')} HTTP/1.1`.length).toBeGreaterThan(3 * LIMIT_REQUEST_LINE);

    stack.resetLog();
    const response = await stack.query(
      'query($ids: [ID!]!) { jobs(ids: $ids) { id guid push { id } logs { name } bugs { bugId } taskclusterMetadata { taskId } } }',
      { ids: some },
    );
    expect(response.body.errors, JSON.stringify(response.body.errors?.slice(0, 2))).toBeUndefined();
    expect((response.body.data!.jobs as unknown[]).length).toBe(some.length);
    expectWithinTheLimit(stack);
    const endpoints = byEndpoint(stack);
    console.log([...endpoints].map(([path, seen]) => `${path}: ${seen.requests} requests, longest line ${seen.longest} bytes`).join('\n'));
    for (const path of ['/api/jobs/', '/api/project/{repo}/jobs/', '/api/project/{repo}/job-log-url/', '/api/project/{repo}/bug-job-map/', '/api/taskclustermetadata/']) {
      // Cut into several requests, each using most of the room a request line has.
      expect(endpoints.get(path)?.requests, path).toBeGreaterThan(1);
      expect(endpoints.get(path)!.longest, path).toBeGreaterThan(LIMIT_REQUEST_LINE / 2);
    }
  });

  it('signatures: their series, subtests and parents', async () => {
    stack.resetLog();
    const response = await stack.query(
      '{ performanceSignatures(repository: "mozilla-central", first: 3000) { id series(last: 1) { id } subtests { id } parent { id } } }',
    );
    expect(response.body.errors).toBeUndefined();
    expect((response.body.data!.performanceSignatures as unknown[]).length).toBeGreaterThan(200);
    expectWithinTheLimit(stack);
    const endpoints = byEndpoint(stack);
    expect(endpoints.get('/api/project/{repo}/performance/data/')!.requests).toBeGreaterThan(1);
    console.log([...endpoints].map(([path, seen]) => `${path}: ${seen.requests} requests, longest line ${seen.longest} bytes`).join('\n'));
  });
});
