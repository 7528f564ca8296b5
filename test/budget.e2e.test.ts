import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack.js';

// What queries cost upstream under the default budget (MAX_OPERATION_COST=500, refusal above
// twice that): natural queries — GraphiQL's, the SDK's, a dashboard's — all run, each with a
// realistic estimate; abusive ones are refused up front or cut at the budget, and never send
// more upstream requests than the budget, whatever they are. Counted in the simulator's log,
// each query with cold caches. `BUDGET_TABLE=1` prints both tables (the README's).

const BUDGET = 500;
const sdk = (name: string): string => readFileSync(new URL(`../packages/sdk/operations/${name}.graphql`, import.meta.url), 'utf8');

interface Row {
  name: string;
  estimate: number | null;
  upstream: number;
  outcome: string;
}

let stack: Stack;
let lines: Array<Record<string, unknown>>;
const natural: Row[] = [];
const abusive: Row[] = [];

beforeAll(async () => {
  lines = [];
  stack = await startStack({
    simulator: { scale: { pushesPerRepository: 300, jobsPerPush: 150 }, jobCacheSize: 200_000 },
    logger: { log: (_level, message, fields) => message === 'request' && lines.push(fields ?? {}) },
  });
}, 120_000);
afterAll(async () => {
  await stack?.close();
  if (process.env['BUDGET_TABLE']) {
    const table = (rows: Row[]) =>
      ['| Query | Estimate | Upstream requests | Outcome |', '|---|---|---|---|', ...rows.map((row) => `| ${row.name} | ${row.estimate ?? '—'} | ${row.upstream} | ${row.outcome} |`)].join('\n');
    console.log(`\nNatural queries\n\n${table(natural)}\n\nAbusive queries\n\n${table(abusive)}\n`);
  }
});
beforeEach(() => {
  stack.resetLog();
  lines.length = 0;
});

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await stack.query(query, variables);
  const upstream = stack.upstream().length;
  const logged = lines.at(-1) ?? {};
  const estimate = typeof logged['estimatedUpstreamRequests'] === 'number' ? (logged['estimatedUpstreamRequests'] as number) : null;
  const codes = [...new Set((response.body.errors ?? []).map((error) => String(error.extensions?.['code'])))];
  return { body: response.body, upstream, estimate, codes };
}

const autoland = () => stack.simulator.data.pushesOf('autoland');
const revisionOf = (index: number) => autoland()[index]!.revision;

describe('natural queries run under the defaults', () => {
  const cases: Array<[string, () => [string, Record<string, unknown>?]]> = [
    [
      'push by revision: all jobs, and the testfailed, busted and exception ones with logs and bug suggestions',
      () => [
        `query ($r: String!) { push(repository: "autoland", revision: $r) { id
          jobs { nodes { id result jobType { name } platform } }
          testfailed: jobs(result: "testfailed") { nodes { id logs { name url } bugSuggestions { search } } }
          busted: jobs(result: "busted") { nodes { id logs { name url } bugSuggestions { search } } }
          exception: jobs(result: "exception") { nodes { id logs { name url } bugSuggestions { search } } } } }`,
        { r: revisionOf(3) },
      ],
    ],
    [
      'push { jobs(first: 1000, result: "testfailed") { logs bugSuggestions } }',
      () => [`query ($r: String!) { push(repository: "autoland", revision: $r) { jobs(first: 1000, result: "testfailed") { nodes { id logs { url } bugSuggestions { search } } } } }`, { r: revisionOf(5) }],
    ],
    ["SDK PushesWithJobs(first: 300)", () => [sdk('pushes-with-jobs'), { repository: 'autoland', first: 300 }]],
    ["SDK PushesWithJobs(first: 50, result: testfailed)", () => [sdk('pushes-with-jobs'), { repository: 'autoland', first: 50, result: 'testfailed' }]],
    ["GraphiQL's welcome query (6 pushes, counts, 20 failures each)", () => [readFileSync(new URL('../src/gateway.ts', import.meta.url), 'utf8').split('query LatestPushes')[1]!.split('`;')[0]!.replace(/^/, 'query LatestPushes')]],
    ['SDK JobFailure(id)', () => [sdk('job-failure'), { id: String(stack.simulator.data.jobsOfPush(autoland()[4]!.id).find((job) => job.result === 'testfailed')?.id ?? stack.simulator.data.jobsOfPush(autoland()[4]!.id)[0]!.id) }]],
    ['SDK Repositories', () => [sdk('repositories')]],
    ['SDK AlertSummaries(first: 20)', () => [sdk('alert-summaries'), { repository: 'autoland', first: 20 }]],
    ['SDK SignaturesWithSeries(first: 30)', () => [sdk('signatures-with-series'), { repository: 'autoland', first: 30 }]],
    ['dashboard: job counts of the last 100 pushes', () => ['{ pushes(repository: "autoland", first: 100) { nodes { id revision author jobCounts { pending running completed results { result count } } } } }']],
    [
      'dashboard: failures of the last 20 pushes with error lines',
      () => ['{ pushes(repository: "autoland", first: 20) { nodes { id jobs(result: "testfailed") { nodes { id jobType { symbol } textLogErrors { line } } } } } }'],
    ],
    [
      'jobs by id (40) with their push, repository and logs',
      () => [`{ jobs(ids: [${autoland().slice(0, 4).flatMap((push) => stack.simulator.data.jobsOfPush(push.id).slice(0, 10).map((job) => job.id)).join(', ')}]) { id result push { revision } repository { name } logs { url } } }`],
    ],
    ['10 pushes, first 100 jobs each with detail fields', () => ['{ pushes(repository: "autoland", first: 10) { nodes { jobs(first: 100) { nodes { id guid machineName who } } } } }']],
    ['a job page after a cursor, with taskcluster metadata', () => [`query ($r: String!) { push(repository: "autoland", revision: $r) { jobs(first: 50) { pageInfo { endCursor } nodes { id taskclusterMetadata { taskId } } } } }`, { r: revisionOf(7) }]],
    ['reference data for a front-end', () => ['{ repositories { name } failureClassifications { name } optionCollections { hash } performanceFrameworks { name } }']],
  ];

  it.each(cases)('%s', async (name, make) => {
    const [query, variables] = make();
    const result = await run(query, variables);
    expect(result.codes).toEqual([]);
    expect(result.upstream).toBeGreaterThan(0);
    expect(result.upstream).toBeLessThanOrEqual(BUDGET);
    natural.push({ name, estimate: result.estimate, upstream: result.upstream, outcome: 'ran' });
  });
});

describe('abusive queries are refused up front or cut at the budget', () => {
  const eight = ['autoland', 'mozilla-central', 'try', 'mozilla-beta', 'mozilla-release', 'comm-central', 'mozilla-esr128', 'integration'];
  const cases: Array<[string, () => string]> = [
    [
      'pushes(first: 300) { jobs(first: 1) }, eight aliases (one per repository)',
      () => `{ ${eight.map((repository, index) => `r${index}: pushes(repository: "${repository}", first: 300) { nodes { jobs(first: 1) { nodes { id result } } } }`).join(' ')} }`,
    ],
    ['pushes(first: 300) { jobs(first: 1) }, two aliases', () => `{ a: pushes(repository: "autoland", first: 300) { nodes { jobs(first: 1) { nodes { id } } } } b: pushes(repository: "mozilla-central", first: 300) { nodes { jobs(first: 1) { nodes { id } } } } }`],
    ['bug suggestions of every job of 10 pushes', () => '{ pushes(repository: "autoland", first: 10) { nodes { jobs { nodes { id bugSuggestions { search } } } } } }'],
    ['error lines of every job of 5 pushes (estimate under the refusal line, real cost over the budget)', () => '{ pushes(repository: "autoland", first: 5) { nodes { jobs { nodes { id textLogErrors { line } } } } } }'],
    ['notes of every successful job of 40 pushes (a filter the prior underestimates)', () => '{ pushes(repository: "autoland", first: 40) { nodes { jobs(result: "success") { nodes { id notes { text } } } } } }'],
    ['job search of 2000 jobs with bug suggestions', () => `{ jobSearch(pushIds: [${autoland().slice(0, 20).map((push) => push.id).join(', ')}], first: 2000) { nodes { id bugSuggestions { search } } } }`],
    ['12 aliases of 50 pushes with counts and notes', () => `{ ${Array.from({ length: 12 }, (_, index) => `p${index}: pushes(repository: "autoland", first: 50) { nodes { jobCounts { pending } notes { text } } }`).join(' ')} }`],
    [
      'a fragment spread under many aliases',
      () => `{ ${Array.from({ length: 8 }, (_, index) => `p${index}: pushes(repository: "autoland", first: 25) { nodes { ...F } }`).join(' ')} } fragment F on Push { jobs(first: 10) { nodes { textLogErrors { line } notes { text } } } }`,
    ],
    ['1000 pushes with their failures\' suggestions, errors and notes', () => '{ pushes(repository: "autoland", first: 1000) { nodes { jobs(result: "testfailed") { nodes { bugSuggestions { search } textLogErrors { line } notes { text } } } } } }'],
    ['similar jobs of every job of a push, with their bug suggestions', () => `{ push(repository: "autoland", revision: "${revisionOf(2)}") { jobs { nodes { similarJobs(first: 20) { nodes { bugSuggestions { search } } } } } } }`],
  ];

  it.each(cases)('%s', async (name, make) => {
    const result = await run(make());
    // Never more upstream requests than the budget, whatever the query.
    expect(result.upstream).toBeLessThanOrEqual(BUDGET);
    const refused = result.codes.includes('OPERATION_TOO_EXPENSIVE');
    if (refused) {
      expect(result.upstream).toBe(0);
      expect(result.body.errors?.[0]?.extensions?.['costliestField']).toEqual(expect.any(String));
    } else {
      expect(result.codes).toContain('UPSTREAM_BUDGET_EXCEEDED');
      expect(result.upstream).toBeGreaterThan(BUDGET * 0.9);
    }
    abusive.push({
      name,
      estimate: result.estimate,
      upstream: result.upstream,
      outcome: refused ? `refused (costliest: \`${String(result.body.errors?.[0]?.extensions?.['costliestField'])}\`)` : 'cut at the budget (UPSTREAM_BUDGET_EXCEEDED, partial data)',
    });
  });
});
