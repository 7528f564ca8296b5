import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../src/simulator/faults.js';
import { parse, type OperationDefinitionNode } from 'graphql';
import { expandedFieldCount } from '../src/plugins/compiled-execution.js';
import { listsJobsOnly } from '../src/listed-jobs.js';
import { resolvers } from '../src/resolvers.generated.js';
import { typeDefs } from '../src/type-defs.generated.js';
import { createSchema } from 'graphql-yoga';
import { graphqlBlocks } from './support/markdown.js';
import { startStack, type Stack } from './support/stack.js';

// The compiled executor (src/plugins/compiled-execution.ts) against the general one: the same
// documents sent to two gateways over two simulators with the same data, one compiling every
// query on its first run and one never compiling. Answers must be byte for byte the same
// (data, errors with their locations and codes, HTTP status) and cost the same upstream.

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Simulator faults in force while it runs (the same on both sides). */
  faults?: FaultRule[];
}

const JOB_FIELDS = 'id guid result state tier taskId retryId platform platformOption duration lastModified failureClassificationId jobType { name symbol } jobGroup { name symbol }';

const CASES: Case[] = [
  ...graphqlBlocks(readme).map((block) => ({ name: `README line ${block.line}`, query: block.text })),
  {
    name: 'a push list with every job (the bench S1 shape)',
    query: `{ pushes(repository: "autoland", first: 5) { nodes { id revision author timestamp revisions { revision author comments } jobs { nodes { ${JOB_FIELDS} } edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } } }`,
  },
  {
    name: 'fragments, aliases, __typename, @include and @skip with variables',
    query: `query Q($withJobs: Boolean!, $noAuthor: Boolean!, $first: Int) {
      recent: pushes(repository: "autoland", first: $first) { __typename nodes { ...PushBits jobs(first: 3) @include(if: $withJobs) { nodes { ...JobBits kind: __typename } } } }
      older: pushes(repository: "mozilla-central", first: 2) { nodes { ...PushBits } }
    }
    fragment PushBits on Push { id rev: revision author @skip(if: $noAuthor) }
    fragment JobBits on Job { id result ... on Job { state } }`,
    variables: { withJobs: true, noAuthor: true, first: 3 },
  },
  {
    name: 'failed jobs with their details (the bench S2 shape)',
    query: `{ pushes(repository: "autoland", first: 3) { nodes { revision failed: jobs(result: "testfailed", first: 4) { nodes { id logs { name url parseStatus } notes { text who } bugs { bugId } bugSuggestions { search searchTerms counter openRecentBugs { id summary dupeOf } allOtherBugs { id internalId } } } } } } }`,
  },
  {
    name: 'performance signatures with series (the bench S4 shape)',
    query: '{ performanceSignatures(repository: "mozilla-central", framework: 1) { id suite test platform lowerIsBetter series(last: 5) { id value pushTimestamp revision } } }',
  },
  {
    name: 'alert summaries with alerts, series and pushes (the bench S5 shape)',
    query: '{ alertSummaries(first: 5) { nodes { id status push { revision author timestamp } prevPush { revision } alerts { id status isRegression amountPct series { id suite test platform } } } } }',
  },
  {
    name: 'an unknown repository: a coded error at its path, with its location',
    query: `{
      repositories { name }
      pushes(repository: "no-such-tree") { nodes { id } } }`,
  },
  {
    name: 'a field whose upstream request fails: null at the nearest nullable parent, the rest answers',
    query: `query Jobs {
  pushes(repository: "autoland", first: 2) {
    nodes { id jobs(first: 2) { nodes { id bugSuggestions { search } } } }
  }
}`,
    faults: [{ path: '/api/project/autoland/jobs/*/bug_suggestions/', kind: 'status', status: 500 } as FaultRule],
  },
  {
    // Compiled against the schema with every Job resolver (src/listed-jobs.ts): these jobs carry
    // no summary yet, and load it batched when a summary field is asked.
    name: 'similar jobs beside listed ones, through one fragment: summary fields of jobs from detail alone',
    query: `{ pushes(repository: "autoland", first: 1) { nodes { jobs(first: 2) { nodes { ...J similarJobs(first: 3) { nodes { ...J } } } } } } }
    fragment J on Job { id result state tier duration platform platformOption taskId retryId signature failureClassificationId lastModified jobType { name symbol description } jobGroup { name symbol description } }`,
  },
  {
    name: "a performance datum's job: an id alone, its summary loaded batched",
    query: `{ performanceSignatures(repository: "mozilla-central", framework: 1) { id series(last: 1) { id job { id result state tier duration platform lastModified jobType { name symbol } jobGroup { name } } } } }`,
  },
  {
    name: 'listed jobs by id, one by id and by search, with their job type descriptions',
    query: `query Q($ids: [ID!]!, $id: ID!, $push: ID!) {
      a: jobs(ids: $ids) { id result jobType { name description } }
      one: job(id: $id) { id state platform jobGroup { name symbol } }
      s: jobSearch(pushIds: [$push], first: 3) { nodes { id state jobGroup { symbol description } } }
    }`,
    // Both simulators hold the same data (seed 1): ids from the compiling side's.
    get variables() {
      const push = compiled.simulator.data.pushesOf('autoland')[0]!;
      const ids = compiled.simulator.data.jobsOfPush(push.id).slice(0, 3).map((job) => String(job.id));
      return { ids: [...ids, '999999999'], id: ids[1], push: String(push.id) };
    },
  },
  { name: 'a required variable missing', query: 'query Q($revision: String!) { push(repository: "autoland", revision: $revision) { id } }', variables: {} },
  { name: 'a variable of the wrong type', query: 'query Q($first: Int) { pushes(repository: "autoland", first: $first) { nodes { id } } }', variables: { first: 'ten' } },
  { name: 'a bad argument value caught by a resolver', query: '{ pushes(repository: "autoland", first: -1) { nodes { id } } }' },
];

let compiled: Stack;
let general: Stack;

async function executions(stack: Stack): Promise<Record<string, number>> {
  const text = await (await stack.gateway.yoga.fetch('http://gateway.test/metrics')).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^gateway_executions_total\{executor="(\w+)"\} (\d+)$/gm)) counts[match[1]!] = Number(match[2]);
  return counts;
}

beforeAll(async () => {
  // The demo's data (seed 1), so the README's examples find what they name.
  [compiled, general] = await Promise.all([
    startStack({ simulator: { seed: 1 }, env: { COMPILE_AFTER_RUNS: '1' } }),
    startStack({ simulator: { seed: 1 }, env: { COMPILED_QUERIES: '0' } }),
  ]);
});

afterAll(async () => {
  await Promise.all([compiled?.close(), general?.close()]);
});

async function answer(stack: Stack, testCase: Case): Promise<{ status: number; text: string; upstream: string[] }> {
  stack.resetLog();
  stack.simulator.setFaults(testCase.faults ?? []);
  const response = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: testCase.query, variables: testCase.variables ?? {} }),
  });
  const text = await response.text();
  stack.simulator.setFaults([]);
  return { status: response.status, text, upstream: stack.upstream().map((entry) => `${entry.path}?${entry.query}`).sort() };
}

describe('the compiled executor answers as the general one does', () => {
  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const before = await executions(compiled);
    const [fromCompiled, fromGeneral] = [await answer(compiled, testCase), await answer(general, testCase)];
    expect(fromCompiled.status).toBe(fromGeneral.status);
    expect(fromCompiled.text).toBe(fromGeneral.text);
    expect(fromCompiled.upstream).toEqual(fromGeneral.upstream);
    // Each case really ran compiled: a JSON-only client's @defer/@stream are dropped first, so
    // those examples run compiled too; subscriptions and variables that do not coerce do not.
    const after = await executions(compiled);
    const ran = (after['compiled'] ?? 0) - (before['compiled'] ?? 0);
    const notCompiled = /^\s*subscription/m.test(testCase.query) || fromGeneral.status === 400;
    expect(ran, `compiled executions (${fromGeneral.text.slice(0, 200)})`).toBe(notCompiled ? 0 : 1);
  });

  it('the cases include errors with locations, so the mended locations are compared', async () => {
    const { text } = await answer(compiled, CASES.find((testCase) => testCase.faults)!);
    const body = JSON.parse(text) as { errors: Array<{ locations: unknown; extensions: { code: string } }> };
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors.every((error) => Array.isArray(error.locations) && error.extensions.code === 'UPSTREAM_ERROR')).toBe(true);
  });
});

describe('when a document is compiled, and how many are kept', () => {
  it('compiles on the COMPILE_AFTER_RUNS-th run and remembers at most COMPILED_QUERIES documents', async () => {
    const stack = await startStack({ env: { COMPILE_AFTER_RUNS: '3', COMPILED_QUERIES: '2' } });
    try {
      const gauge = async (): Promise<number> =>
        Number(/^gateway_compiled_documents (\d+)$/m.exec(await (await stack.gateway.yoga.fetch('http://gateway.test/metrics')).text())?.[1]);
      const run = (n: number) => stack.query(`{ repositories { name } r${n}: repositories { id } }`);
      for (let index = 0; index < 3; index += 1) expect((await run(0)).body.errors).toBeUndefined();
      expect(await executions(stack)).toEqual({ general: 2, compiled: 1 });
      // Two more documents: the first one is dropped, and its count starts again.
      await run(1);
      await run(2);
      expect(await gauge()).toBe(2);
      for (let index = 0; index < 3; index += 1) await run(0);
      expect(await executions(stack)).toEqual({ general: 2 + 2 + 2, compiled: 2 });
      expect(await gauge()).toBe(2);
    } finally {
      await stack.close();
    }
  });

  it('counts fields with fragments expanded, each fragment once however deep they nest', () => {
    const count = (text: string): number => {
      const document = parse(text);
      return expandedFieldCount(document, (document.definitions[0] as OperationDefinitionNode).selectionSet);
    };
    expect(count('{ a b { c d } ... on Query { e } }')).toBe(5);
    // Each level doubles: 2^20 fields, counted without walking them.
    const levels = Array.from({ length: 20 }, (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`).join('\n');
    expect(count(`{ ...F0 }\n${levels}\nfragment F20 on Query { x }`)).toBe(2 ** 20);
  });

  it('an operation over COMPILE_MAX_FIELDS runs on the general executor (compiling it would cost more than it gains)', async () => {
    const stack = await startStack({ env: { COMPILE_AFTER_RUNS: '1', COMPILE_MAX_FIELDS: '300' } });
    try {
      // 100 aliases of a 16-field fragment: 1,700 fields, about 60 ms to compile.
      const aliases = Array.from({ length: 100 }, (_, index) => `a${index}: repositories { ...R }`).join(' ');
      const wide = `{ ${aliases} } fragment R on Repository { id name dvcsType url codebase description groupName groupDescription lifeCycleOrder performanceAlertsEnabled expirePerformanceData isTryRepo taskclusterRootUrl acceptsPullRequests }`;
      const small = '{ repositories { id name } }';
      expect((await stack.query(wide)).body.errors).toBeUndefined();
      expect((await stack.query(small)).body.errors).toBeUndefined();
      expect(await executions(stack)).toEqual({ general: 1, compiled: 1 });
    } finally {
      await stack.close();
    }
  });

  it('COMPILED_QUERIES=0 never compiles', async () => {
    for (let index = 0; index < 3; index += 1) await general.query('{ repositories { name } }');
    expect((await executions(general))['compiled'] ?? 0).toBe(0);
  });

  it('an answer in parts runs on the general executor', async () => {
    const before = (await executions(compiled))['general'] ?? 0;
    const response = await compiled.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({ query: '{ repositories { name } ... @defer { performanceFrameworks { name } } }' }),
    });
    expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed/);
    expect(await response.text()).toContain('performanceFrameworks');
    expect((await executions(compiled))['general']).toBe(before + 1);
  });

  it('a JSON-only client sending @defer gets the whole answer, compiled from its second run', async () => {
    const stack = await startStack({ env: { COMPILE_AFTER_RUNS: '2' } });
    try {
      const query = '{ repositories { name } ... @defer { frameworks: performanceFrameworks { name } } }';
      const first = await stack.query(query);
      const second = await stack.query(query);
      expect(second.body).toEqual(first.body);
      expect(first.body.errors).toBeUndefined();
      expect(await executions(stack)).toEqual({ general: 1, compiled: 1 });
    } finally {
      await stack.close();
    }
  });
});

describe('which documents read listed jobs\' summary fields as properties', () => {
  const schema = createSchema({ typeDefs, resolvers });
  const only = (query: string): boolean => listsJobsOnly(schema, parse(query));
  it('those whose every job comes from a listing', () => {
    expect(only('{ pushes(repository: "autoland") { nodes { jobs { nodes { id result } edges { node { state } } } } } }')).toBe(true);
    expect(only('{ job(id: 1) { result } jobs(ids: [1]) { state } jobSearch(pushIds: [1]) { nodes { tier } } }')).toBe(true);
    expect(only('{ repositories { name } }')).toBe(true);
  });
  it('not those that can reach a job from elsewhere, in any operation or fragment', () => {
    expect(only('{ job(id: 1) { similarJobs { nodes { result } } } }')).toBe(false);
    expect(only('{ performanceSignatures(repository: "m", framework: 1) { series { job { result } } } }')).toBe(false);
    expect(only('query A { job(id: 1) { id } } fragment F on PerformanceDatum { job { id } }')).toBe(false);
    expect(only('{ job(id: 1) { noSuchField } }')).toBe(false);
  });
});
