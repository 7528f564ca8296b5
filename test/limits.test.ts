import { getIntrospectionQuery, parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import { countTokens, measureDocument } from '../src/plugins/operation-limits.js';
import { createSimulator, type Simulator } from '../src/simulator/index.js';

// Operation limits: each refused before anything runs, with its own code, and nothing sent
// to Treeherder.

let simulator: Simulator;
let simulatorUrl: string;
const gateways: Gateway[] = [];

function gatewayWith(env: Record<string, string> = {}): Gateway {
  const loaded = loadConfig({ TREEHERDER_URL: simulatorUrl, USER_AGENT_CONTACT: 'https://example.test/contact', ...env });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const gateway = createGateway({ config: loaded.config });
  gateways.push(gateway);
  return gateway;
}

async function post(gateway: Gateway, body: unknown, accept = 'application/json') {
  const response = await gateway.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const upstreamRequests = () => simulator.requests().filter((entry) => entry.path.startsWith('/api/'));

beforeAll(async () => {
  simulator = createSimulator({ seed: 3, now: Date.UTC(2026, 10, 20, 12), scale: { pushesPerRepository: 6, jobsPerPush: 30 } });
  simulatorUrl = await simulator.listen(0, '127.0.0.1');
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.dispose();
  await simulator.close();
});
beforeEach(() => simulator.clearRequests());

describe('document measures', () => {
  it.each([
    ['{ a }', 1, 0],
    ['{ a { b { c } } d }', 3, 0],
    ['{ x: a { y: b } z: a { b } }', 2, 3],
    ['{ ...F ...F } fragment F on Q { a: b { c: d } }', 2, 4],
    ['query A { a } query B { b { c { d } } e: f g: h }', 3, 2],
    ['{ __schema { types { fields { type { ofType { ofType { name } } } } } } }', 1, 0],
    ['{ ...F } fragment F on Q { ...F a }', 1, 0],
  ])('%s: depth %i, %i aliases', (document, depth, aliases) => {
    expect(measureDocument(parse(document))).toMatchObject({ depth, aliases });
  });

  it('counts tokens as the parser does (comments are not tokens) and stops early', () => {
    expect(countTokens('{ a(b: 1) { c } } # comment', 1000)).toBe(11);
    expect(countTokens('{ a '.repeat(10_000), 5)).toBe(6);
  });

  it('measures a document built to expand exponentially in linear time', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, level) =>
      level === levels - 1 ? `fragment F${level} on Q { x: leaf }` : `fragment F${level} on Q { a: f { ...F${level + 1} } b: f { ...F${level + 1} } }`,
    );
    const shape = measureDocument(parse(`{ ...F0 } ${fragments.join(' ')}`));
    expect(shape.depth).toBe(levels);
    expect(shape.aliases).toBeGreaterThan(2 ** 40);
  });
});

describe('refused before anything runs', () => {
  let gateway: Gateway;
  beforeAll(() => {
    gateway = gatewayWith({ MAX_DOCUMENT_BYTES: '2000', MAX_TOKENS: '400' });
  });

  it.each([
    [
      'a document over MAX_DOCUMENT_BYTES',
      `# ${'padding '.repeat(300)}\n{ repositories { name } }`,
      { message: 'The document is 2428 bytes; the limit is 2000.', extensions: { code: 'DOCUMENT_TOO_LARGE', documentBytes: 2428, maxDocumentBytes: 2000 } },
    ],
    [
      'more tokens than MAX_TOKENS',
      `{ ${'a:b '.repeat(150)}}`,
      { message: 'The document has more than 400 tokens.', extensions: { code: 'TOO_MANY_TOKENS', maxTokens: 400 } },
    ],
    [
      'fields nested deeper than MAX_DEPTH (12)',
      `{ performanceSignature(repository: "autoland", id: 1) { ${'parent { '.repeat(12)}id${' }'.repeat(12)} } }`,
      { message: 'The operation nests fields 14 deep; the limit is 12.', extensions: { code: 'OPERATION_TOO_DEEP', depth: 14, maxDepth: 12 } },
    ],
    [
      'depth counted through fragments',
      '{ pushes(repository: "autoland") { ...P } } fragment P on PushConnection { nodes { jobs { nodes { push { jobs { nodes { push { jobs { nodes { push { jobs { nodes { id } } } } } } } } } } } } }',
      { message: 'The operation nests fields 14 deep; the limit is 12.', extensions: { code: 'OPERATION_TOO_DEEP', depth: 14, maxDepth: 12 } },
    ],
    [
      'more aliases than MAX_ALIASES (100)',
      `{ ${Array.from({ length: 101 }, (_, index) => `r${index}: __typename`).join(' ')} }`,
      { message: 'The operation uses 101 aliases; the limit is 100.', extensions: { code: 'TOO_MANY_ALIASES', aliases: 101, maxAliases: 100 } },
    ],
    [
      'a fan-out over MAX_OPERATION_COST (500 upstream requests): bug suggestions of every job of 10 pushes',
      '{ pushes(repository: "autoland", first: 10) { nodes { jobs { nodes { id bugSuggestions { search } } } } } }',
      {
        // 1 push list + 1 listing of 10 whole job lists + 10 × 200 jobs (the prior) × 1 request each.
        message:
          'The operation would cost about 2002 upstream requests, far over its budget of 500. The costliest field is `pushes.nodes.jobs.nodes.bugSuggestions` (about 2000). Ask for fewer items (smaller `first`) or fewer per-item fields.',
        extensions: { code: 'OPERATION_TOO_EXPENSIVE', estimatedUpstreamRequests: 2002, maxUpstreamRequests: 500, costliestField: 'pushes.nodes.jobs.nodes.bugSuggestions' },
      },
    ],
    [
      'aliases multiplying an affordable fan-out past the budget',
      `{ ${Array.from({ length: 12 }, (_, index) => `p${index}: pushes(repository: "autoland", first: 10) { nodes { jobCounts { pending } notes { text } } }`).join(' ')} }`,
      {
        // 12 × (1 + 10 + 10): more than twice the budget (COST_REFUSAL_FACTOR); under it the budget would cut instead.
        message:
          'The operation would cost about 252 upstream requests, far over its budget of 100. The costliest field is `p0.nodes.jobCounts` (about 10). Ask for fewer items (smaller `first`) or fewer per-item fields.',
        extensions: { code: 'OPERATION_TOO_EXPENSIVE', estimatedUpstreamRequests: 252, maxUpstreamRequests: 100, costliestField: 'p0.nodes.jobCounts' },
      },
      { MAX_OPERATION_COST: '100' },
    ],
    ['a mutation', 'mutation { addJob }', { message: 'This graph is read-only: it has no mutation operations.', extensions: { code: 'OPERATION_NOT_SUPPORTED' } }],
  ])('%s', async (_name, query, error, env?: Record<string, string>) => {
    const target = env ? gatewayWith(env) : gateway;
    // A 400 for clients that speak application/graphql-response+json…
    expect(await post(target, { query }, 'application/graphql-response+json')).toEqual({ status: 400, body: { errors: [error] } });
    // …and, as for validation errors, a 200 for those that only accept application/json.
    expect(await post(target, { query })).toEqual({ status: 200, body: { errors: [error] } });
    expect(upstreamRequests()).toEqual([]);
  });

  it('applies to GET requests too', async () => {
    const query = `{ ${Array.from({ length: 101 }, (_, index) => `r${index}: __typename`).join(' ')} }`;
    const response = await gateway.yoga.fetch(`http://yoga/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json' } });
    expect(await response.json()).toEqual({
      errors: [{ message: 'The operation uses 101 aliases; the limit is 100.', extensions: { code: 'TOO_MANY_ALIASES', aliases: 101, maxAliases: 100 } }],
    });
  });

  it('estimates with the variables given: a large page is refused, a small one runs', async () => {
    const query = 'query Fan($n: Int) { pushes(repository: "autoland", first: 10) { nodes { jobs(first: $n) { nodes { id textLogErrors { line } } } } } }';
    // Before any job listing was seen: 200 jobs per push (the prior) under first: 1000.
    expect((await post(gatewayWith(), { query, variables: { n: 1000 } })).body).toEqual({
      errors: [
        {
          message:
            'The operation would cost about 2002 upstream requests, far over its budget of 500. The costliest field is `pushes.nodes.jobs.nodes.textLogErrors` (about 2000). Ask for fewer items (smaller `first`) or fewer per-item fields.',
          extensions: { code: 'OPERATION_TOO_EXPENSIVE', estimatedUpstreamRequests: 2002, maxUpstreamRequests: 500, costliestField: 'pushes.nodes.jobs.nodes.textLogErrors' },
        },
      ],
    });
    const small = await post(gateway, { query, variables: { n: 3 } });
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
    expect(small.body.data.pushes.nodes.length).toBeGreaterThan(1);
  });

  it("lets GraphiQL's full introspection query through the default limits", async () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    const { status, body } = await post(gatewayWith(), { query });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.__schema.queryType).toEqual({ name: 'Query', kind: 'OBJECT' });
  });
});
