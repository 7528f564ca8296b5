import { buildASTSchema, isObjectType, parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import { estimateCost } from '../src/plugins/cost.js';
import { FIELD_COSTS } from '../src/plugins/upstream-costs.js';
import { resolvers } from '../src/resolvers.generated.js';
import { createSimulator, type Simulator } from '../src/simulator/index.js';
import { typeDefs } from '../src/type-defs.generated.js';

// The cost model: what an operation is estimated to cost upstream before it runs, and how
// that compares with what it then really costs against the simulator.

const schema = buildASTSchema(typeDefs);
const estimate = (query: string, variables: Record<string, unknown> = {}): number =>
  estimateCost(schema, parse(query), undefined, variables).requests;

describe('estimateCost', () => {
  it.each([
    ['reference data, fetched once however often asked', '{ repositories { name } a: repository(name: "x") { name } b: repository(name: "y") { name } }', 1],
    ['one page of pushes', '{ pushes(repository: "autoland", first: 10) { nodes { id revision revisions { author } } } }', 1],
    ['a full page of 1000 pushes asks once more for an older one', '{ pushes(repository: "autoland", first: 1000) { nodes { id } } }', 2],
    [
      'pushes with their failed jobs: one shared listing (10 pushes × 20 failed jobs, the prior, fit one page of 2000)',
      '{ pushes(repository: "autoland", first: 10) { nodes { jobs(result: "testfailed") { nodes { id jobType { name } platform } } } } }',
      1 + 1,
    ],
    [
      'whole job lists of many pushes: pages of 2000 for 200 jobs a push (the prior)',
      '{ pushes(repository: "autoland", first: 300) { nodes { jobs { nodes { id } } } } }',
      1 + 30,
    ],
    [
      'a small page of each of many pushes honours first: one request per push, never their whole lists',
      '{ pushes(repository: "autoland", first: 400) { nodes { jobs(first: 1) { nodes { id } } } } }',
      1 + 400,
    ],
    [
      'jobs by id with push, repository and logs: 1 jobs + 1 pushes + 1 repository list + 1 logs',
      '{ jobs(ids: [101, 102, 103]) { id result push { revision author } repository { name } logs { name url } } }',
      4,
    ],
    [
      'detail fields of listed jobs share one batch per level (300 job ids per URL)',
      '{ pushes(repository: "autoland", first: 3) { nodes { jobs(first: 200) { nodes { guid who machineName jobType { description } } } } } }',
      // 1 push list + 1 job page + ⌈600 / 300⌉ details (again for jobType.description, one level down)
      1 + 1 + 2 + 2,
    ],
    [
      'per-job fields with no batch form fan out: 10 pushes × 200 jobs × bug suggestions',
      '{ pushes(repository: "autoland", first: 10) { nodes { jobs { nodes { bugSuggestions { search } } } } } }',
      1 + 1 + 2_000,
    ],
    [
      'first caps what was learnt: 10 pushes × 5 jobs',
      '{ pushes(repository: "autoland", first: 10) { nodes { jobs(first: 5) { nodes { bugSuggestions { search } } } } } }',
      1 + 1 + 50,
    ],
    [
      'a smaller page makes the same fan-out affordable',
      '{ pushes(repository: "autoland", first: 5) { nodes { jobs(first: 20) { edges { node { textLogErrors { line } } } } } } }',
      1 + 1 + 100,
    ],
    ['`first` from a variable counts like a literal', 'query ($n: Int) { pushes(repository: "a", first: $n) { nodes { jobCounts { pending } } } }', 1 + 3],
    ['skipped fields cost nothing', 'query ($s: Boolean!) { pushes(repository: "a", first: 3) { nodes { jobCounts @skip(if: $s) { pending } } } }', 1],
    [
      'fragments and inline fragments are counted where they are spread',
      '{ pushes(repository: "a", first: 4) { nodes { ...P } } } fragment P on Push { ... on Push { notes { text } } }',
      1 + 4,
    ],
    [
      'pushes reached through jobs listed by id look their repository up once',
      '{ jobs(ids: [1, 2]) { push { jobCounts { pending } } } }',
      // 1 jobs + 1 pushes + 1 repository list + 2 push statuses
      5,
    ],
    ['introspection costs nothing upstream', '{ __schema { types { name fields { name } } } __typename }', 0],
  ])('%s', (_name, query, expected) => {
    expect(estimate(query, { n: 3, s: true })).toBe(expected);
  });

  it('gives up counting (Infinity) on a document built to expand exponentially', () => {
    const levels = 12;
    const fragments = Array.from({ length: levels }, (_, level) =>
      level === levels - 1
        ? `fragment F${level} on Push { id }`
        : `fragment F${level} on Push { ${Array.from({ length: 8 }, (_, copy) => `a${copy}: jobs { nodes { push { ...F${level + 1} } } }`).join(' ')} }`,
    );
    expect(estimate(`{ pushes(repository: "a") { nodes { ...F0 } } } ${fragments.join(' ')}`)).toBe(Number.POSITIVE_INFINITY);
  });

  it('knows what every field with a resolver costs, and only fields that exist', () => {
    const resolved = Object.entries(resolvers).flatMap(([type, fields]) =>
      isObjectType(schema.getType(type)) ? Object.keys(fields as object).map((field) => `${type}.${field}`) : [],
    );
    expect(resolved.filter((field) => !(field in FIELD_COSTS))).toEqual([]);
    const unknown = Object.keys(FIELD_COSTS).filter((key) => {
      const [type, field] = key.split('.') as [string, string];
      const found = schema.getType(type);
      return !isObjectType(found) || !(field in found.getFields());
    });
    expect(unknown).toEqual([]);
  });
});

describe('estimates against what operations really cost (simulator)', () => {
  let simulator: Simulator;
  let gateway: Gateway;

  beforeAll(async () => {
    simulator = createSimulator({ seed: 11, now: Date.UTC(2026, 10, 20, 12), scale: { pushesPerRepository: 12, jobsPerPush: 60 } });
    const url = await simulator.listen(0, '127.0.0.1');
    const loaded = loadConfig({ TREEHERDER_URL: url, USER_AGENT_CONTACT: 'https://example.test/contact' });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    gateway = createGateway({ config: loaded.config });
  });
  afterAll(async () => {
    await gateway.dispose();
    await simulator.close();
  });
  // Estimates are for cold caches: each operation starts without what the previous one cached.
  beforeEach(() => {
    simulator.clearRequests();
    gateway.caches?.clear();
  });

  const run = async (query: string) => {
    const response = await gateway.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return simulator.requests().filter((entry) => entry.path.startsWith('/api/')).length;
  };

  it.each([
    ['{ repositories { name } }', 'exact'],
    ['{ pushes(repository: "autoland", first: 5) { nodes { id revision } } }', 'exact'],
    ['{ pushes(repository: "autoland", first: 4) { nodes { jobCounts { pending } notes { text } decisionTask { taskId } } } }', 'exact'],
    ['{ pushes(repository: "autoland", first: 3) { nodes { jobs(first: 5) { nodes { id bugSuggestions { search } textLogErrors { line } } } } } }', 'exact'],
    ['{ pushes(repository: "autoland", first: 3) { nodes { jobs { nodes { id guid logs { name } bugs { bugId } } } } } }', 'bound'],
    // Fields a partial shape lacks (an alert's series, a similar job's duration) are loaded: counted.
    ['{ alertSummaries(first: 10) { nodes { alerts { series { application shouldAlert parent { id } } } } } }', 'bound'],
    ['{ alertSummaries(first: 30) { nodes { relatedAlerts { series { repository { name } application } } } } }', 'bound'],
    ['{ pushes(repository: "autoland", first: 1) { nodes { jobs(first: 2) { nodes { similarJobs(first: 3) { nodes { duration } } } } } } }', 'bound'],
  ])('%s (%s)', async (query, kind) => {
    const actual = await run(query);
    const estimated = estimate(query);
    expect(actual).toBeGreaterThan(0);
    if (kind === 'exact') expect(estimated).toBe(actual);
    else expect(estimated).toBeGreaterThanOrEqual(actual);
  });

  it('jobs by id with push, repository and logs: the README\'s 4 requests, estimated exactly', async () => {
    const pushes = [...simulator.data.pushesOf('autoland')].slice(0, 2);
    const ids = pushes.flatMap((push) => simulator.data.jobsOfPush(push.id).slice(0, 3).map((job) => job.id));
    const query = `{ jobs(ids: [${ids.join(', ')}]) { id result push { revision author } repository { name } logs { name url } } }`;
    expect(await run(query)).toBe(4);
    expect(estimate(query)).toBe(4);
  });
});
