import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { buildASTSchema, isNonNullType, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createGateway, type Gateway } from '../src/gateway.js';
import { createJsonLogger } from '../src/log.js';
import { createSimulator, type Simulator } from '../src/simulator/index.js';
import { typeDefs } from '../src/type-defs.generated.js';

// Malformed input of every kind — HTTP bodies, GraphQL documents, arguments — and what a
// client gets back: a 4xx or a coded GraphQL error, never a 5xx, never a stack or an upstream
// URL, and nothing sent to Treeherder.

let simulator: Simulator;
let gateway: Gateway;
let server: Server;
let gatewayUrl: string;

beforeAll(async () => {
  simulator = createSimulator({ seed: 5, now: Date.UTC(2026, 10, 20, 12), scale: { pushesPerRepository: 4, jobsPerPush: 20 } });
  const simulatorUrl = await simulator.listen(0, '127.0.0.1');
  const loaded = loadConfig({ TREEHERDER_URL: simulatorUrl, USER_AGENT_CONTACT: 'https://example.test/contact' });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  gateway = createGateway({ config: loaded.config, logger: createJsonLogger(() => undefined) });
  server = createServer(gateway.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await gateway.dispose();
  await simulator.close();
});
beforeEach(() => simulator.clearRequests());

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

interface Case {
  /** The request, minus the Accept header (each case is sent with both media types). */
  init: RequestInit & { query?: string };
  /** Status with `Accept: application/json`, then with `application/graphql-response+json`. */
  status: [number, number];
  /** `extensions.code` of the error, or null when the answer has no body (415, 406). */
  code: string | null;
  /** `extensions.argument` for argument errors, whose response keeps `data` (null, or `{ field: null }` for a nullable field). */
  argument?: string;
}

const post = (body: string, contentType = JSON_TYPE): Case['init'] => ({ method: 'POST', headers: { 'content-type': contentType }, body });
const operation = (query: string, variables?: unknown, operationName?: string): Case['init'] =>
  post(JSON.stringify({ query, variables, operationName }));
/** A field whose argument the gateway refuses (nothing else in the operation reaches a resolver). */
const argumentCase = (query: string, argument: string): Case => ({ init: operation(query), status: [200, 200], code: 'BAD_USER_INPUT', argument });

const CASES: Array<[string, Case]> = [
  // HTTP bodies and methods.
  ['invalid JSON body', { init: post('{"query":'), status: [400, 400], code: 'BAD_REQUEST' }],
  ['empty body', { init: post(''), status: [400, 400], code: 'BAD_REQUEST' }],
  ['JSON null body', { init: post('null'), status: [400, 400], code: 'BAD_REQUEST' }],
  ['JSON string body', { init: post('"{ repositories { name } }"'), status: [400, 400], code: 'BAD_REQUEST' }],
  ['body without query', { init: post('{}'), status: [400, 400], code: 'BAD_REQUEST' }],
  ['query that is not a string', { init: post('{"query":{"repositories":true}}'), status: [400, 400], code: 'BAD_REQUEST' }],
  ['variables that are a string', { init: post('{"query":"{ __typename }","variables":"{}"}'), status: [400, 400], code: 'BAD_REQUEST' }],
  ['variables that are an array', { init: post('{"query":"{ __typename }","variables":[1]}'), status: [400, 400], code: 'BAD_REQUEST' }],
  ['extensions that are a string', { init: post('{"query":"{ __typename }","extensions":"x"}'), status: [400, 400], code: 'BAD_REQUEST' }],
  ['unknown body parameter', { init: post('{"query":"{ __typename }","debug":true}'), status: [400, 400], code: 'BAD_REQUEST' }],
  ['batched operations (batching is off)', { init: post('[{"query":"{ __typename }"},{"query":"{ __typename }"}]'), status: [400, 400], code: 'BAD_REQUEST' }],
  ['body over MAX_REQUEST_BODY_BYTES', { init: operation('{ __typename }', { pad: 'x'.repeat(120_000) }), status: [413, 413], code: 'REQUEST_ENTITY_TOO_LARGE' }],
  ['text/plain body', { init: post('{"query":"{ __typename }"}', 'text/plain'), status: [415, 415], code: null }],
  ['XML body', { init: post('<query/>', 'application/xml'), status: [415, 415], code: null }],
  ['multipart body (no uploads here)', { init: post('--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--', 'multipart/form-data; boundary=x'), status: [415, 415], code: null }],
  ['PUT', { init: { ...post('{"query":"{ __typename }"}'), method: 'PUT' }, status: [405, 405], code: 'BAD_REQUEST' }],
  ['DELETE', { init: { method: 'DELETE' }, status: [405, 405], code: 'BAD_REQUEST' }],
  ['GET without a query', { init: { method: 'GET', query: '?variables={}' }, status: [400, 400], code: 'BAD_REQUEST' }],
  ['GET carrying a mutation', { init: { method: 'GET', query: `?query=${encodeURIComponent('mutation { x }')}` }, status: [405, 405], code: 'BAD_REQUEST' }],
  ['GET with variables that are not JSON', { init: { method: 'GET', query: `?query=${encodeURIComponent('{ __typename }')}&variables={oops` }, status: [400, 400], code: 'BAD_REQUEST' }],
  ['form body with extensions that are not JSON', { init: post('query=%7B__typename%7D&extensions=%7Boops', 'application/x-www-form-urlencoded'), status: [400, 400], code: 'BAD_REQUEST' }],

  // Documents.
  ['syntax error', { init: operation('{ repositories { name '), status: [200, 400], code: 'GRAPHQL_PARSE_FAILED' }],
  ['unknown field', { init: operation('{ admin { password } }'), status: [200, 400], code: 'GRAPHQL_VALIDATION_FAILED' }],
  ['unknown argument', { init: operation('{ repositories(limit: 1) { name } }'), status: [200, 400], code: 'GRAPHQL_VALIDATION_FAILED' }],
  ['Int literal over 32 bits', { init: operation('{ pushes(repository: "autoland", first: 99999999999) { nodes { id } } }'), status: [200, 400], code: 'GRAPHQL_VALIDATION_FAILED' }],
  ['ID literal that is a float', { init: operation('{ job(id: 1.5) { id } }'), status: [200, 400], code: 'GRAPHQL_VALIDATION_FAILED' }],
  ['DateTime without a zone', { init: operation('{ pushes(repository: "autoland", since: "2026-01-01T00:00:00") { nodes { id } } }'), status: [200, 400], code: 'BAD_USER_INPUT' }],
  ['DateTime that is no date', { init: operation('{ pushes(repository: "autoland", since: "2026-13-45T00:00Z") { nodes { id } } }'), status: [200, 400], code: 'BAD_USER_INPUT' }],
  ['DateTime that rolls over (30 February)', { init: operation('{ pushes(repository: "autoland", since: "2026-02-30T00:00:00Z") { nodes { id } } }'), status: [200, 400], code: 'BAD_USER_INPUT' }],
  ['DateTime in year 0', { init: operation('{ pushes(repository: "autoland", until: "0000-01-01T00:00:00Z") { nodes { id } } }'), status: [200, 400], code: 'BAD_USER_INPUT' }],
  ['unknown operationName', { init: operation('query A { __typename }', undefined, 'B'), status: [400, 400], code: 'OPERATION_RESOLUTION_FAILURE' }],
  ['two operations and no operationName', { init: operation('query A { __typename } query B { __typename }'), status: [400, 400], code: 'OPERATION_RESOLUTION_FAILURE' }],
  ['a mutation', { init: operation('mutation { deleteJob(id: 1) }'), status: [200, 400], code: 'OPERATION_NOT_SUPPORTED' }],
  ['a subscription to no topic', { init: operation('subscription { jobs { id } }'), status: [200, 400], code: 'GRAPHQL_VALIDATION_FAILED' }],
  ['nested too deep', { init: operation(`{ job(id: 1) { ${'push { jobs { nodes { '.repeat(4)}id${' } } }'.repeat(4)} } }`), status: [200, 400], code: 'OPERATION_TOO_DEEP' }],
  ['a fan-out over the budget', { init: operation('{ pushes(repository: "autoland", first: 50) { nodes { jobs { nodes { notes { text } } } } } }'), status: [200, 400], code: 'OPERATION_TOO_EXPENSIVE' }],
  ['variable of the wrong type', { init: operation('query ($n: Int) { pushes(repository: "autoland", first: $n) { nodes { id } } }', { n: 'ten' }), status: [400, 400], code: 'BAD_USER_INPUT' }],
  ['required variable missing', { init: operation('query ($id: ID!) { job(id: $id) { id } }', {}), status: [400, 400], code: 'BAD_USER_INPUT' }],

  // Arguments: refused by the resolver before any upstream request; path tricks never reach a URL.
  ['repository "../../admin"', argumentCase('{ pushes(repository: "../../admin") { nodes { id } } }', 'repository')],
  ['repository "a/b"', argumentCase('{ pushes(repository: "a/b") { nodes { id } } }', 'repository')],
  ['repository "%2e%2e"', argumentCase('{ performancePlatforms(repository: "%2e%2e") }', 'repository')],
  ['repository "autoland?x=1"', argumentCase('{ push(repository: "autoland?x=1", id: 1) { id } }', 'repository')],
  ['repository ""', argumentCase('{ repository(name: "") { id } }', 'name')],
  ['repository of 51 characters', argumentCase(`{ performanceSignatures(repository: "${'a'.repeat(51)}") { id } }`, 'repository')],
  ['id "1; DROP"', argumentCase('{ job(id: "1; DROP TABLE job") { id } }', 'id')],
  ['id "-5"', argumentCase('{ job(id: "-5") { id } }', 'id')],
  ['id "1e3"', argumentCase('{ alertSummary(id: "1e3") { id } }', 'id')],
  ['id "0x10"', argumentCase('{ performanceSignature(repository: "autoland", id: "0x10") { id } }', 'id')],
  ['id 0', argumentCase('{ job(id: 0) { id } }', 'id')],
  ['id of 20 digits', argumentCase('{ job(id: "99999999999999999999") { id } }', 'id')],
  ['revision that is not hex', argumentCase('{ push(repository: "autoland", revision: "../../../etc/passwd") { id } }', 'revision')],
  ['first: 0', argumentCase('{ pushes(repository: "autoland", first: 0) { nodes { id } } }', 'first')],
  ['first over the cap', argumentCase('{ pushes(repository: "autoland", first: 1001) { nodes { id } } }', 'first')],
  ['cursor from nowhere', argumentCase('{ pushes(repository: "autoland", after: "bm90LWEtY3Vyc29y") { nodes { id } } }', 'after')],
  ['since after until', argumentCase('{ pushes(repository: "autoland", since: "2026-02-01T00:00Z", until: "2026-01-01T00:00Z") { nodes { id } } }', 'since')],
  ['window over 366 days', argumentCase('{ performanceSummary(repository: "autoland", startDate: "2024-01-01T00:00Z", endDate: "2026-01-01T00:00Z") { name } }', 'endDate')],
  ['interval and dates together', argumentCase('{ performanceSummary(repository: "autoland", interval: 86400, startDate: "2025-01-01T00:00Z", endDate: "2025-02-01T00:00Z") { name } }', 'interval')],
  ['no push ids to search', argumentCase('{ jobSearch(pushIds: []) { nodes { id } } }', 'pushIds')],
  ['filter text with a control character', argumentCase('{ pushes(repository: "autoland", author: "a\\u0000b") { nodes { id } } }', 'author')],
  ['push by two keys at once', argumentCase('{ push(repository: "autoland", id: 1, revision: "abcdefabcdef") { id } }', 'revision')],
];

const schema = buildASTSchema(typeDefs);

/** The root field of an argument case, and whether its null propagates to `data` (a non-null field). */
function rootField(testCase: Case): { field: string; nonNull: boolean } {
  const { query } = JSON.parse(String(testCase.init.body)) as { query: string };
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const selection = operation.selectionSet.selections[0]!;
  if (selection.kind !== Kind.FIELD) throw new Error('argument cases select one root field');
  const field = selection.name.value;
  return { field, nonNull: isNonNullType(schema.getQueryType()!.getFields()[field]!.type) };
}

/** The whole body a case must answer with: coded errors, nothing else (no stack, no URL, no `originalError`). */
function expectedBody(testCase: Case, body: Record<string, unknown>) {
  const root = testCase.argument ? rootField(testCase) : null;
  const field = root?.field;
  const extensions = (body['errors'] as Array<{ extensions?: Record<string, unknown> }> | undefined)?.[0]?.extensions ?? {};
  // Limit errors carry their measures (estimate, limit, the costliest field) next to the code.
  const details = Object.fromEntries(
    Object.entries(extensions).filter(([name]) => (name !== 'code' && name !== 'argument' && typeof extensions[name] === 'number') || name === 'costliestField'),
  );
  return {
    ...(root ? { data: root.nonNull ? null : { [root.field]: null } } : {}),
    errors: [
      {
        message: expect.any(String),
        ...('locations' in ((body['errors'] as object[])[0] ?? {}) ? { locations: expect.any(Array) } : {}),
        ...(testCase.argument ? { path: [field] } : {}),
        extensions: { code: testCase.code, ...(testCase.argument ? { argument: testCase.argument } : {}), ...details },
      },
    ],
  };
}

describe(`${CASES.length} malformed inputs`, () => {
  it('are at least 25', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)('%s', async (_name, testCase) => {
    const { query = '', ...init } = testCase.init;
    for (const [index, accept] of [JSON_TYPE, GRAPHQL_RESPONSE].entries()) {
      const response = await gateway.yoga.fetch(`http://yoga/graphql${query}`, { ...init, headers: { ...(init.headers as object), accept } });
      const text = await response.text();
      expect(response.status, accept).toBe(testCase.status[index]);
      expect(response.status).toBeLessThan(500);
      if (testCase.code === null) {
        expect(text).toBe('');
        continue;
      }
      const body = JSON.parse(text) as Record<string, unknown>;
      expect(body).toEqual(expectedBody(testCase, body));
      expect(text).not.toMatch(/stack|originalError|127\.0\.0\.1|https?:\/\//);
    }
    expect(simulator.requests().filter((entry) => entry.path.startsWith('/api/'))).toEqual([]);
  });
});

describe('over real HTTP', () => {
  /** Sends bytes as they are (fetch would refuse a GET body or a broken header) and reads the status line. */
  function rawRequest(lines: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const { port } = new URL(gatewayUrl);
      const socket = connect(Number(port), '127.0.0.1', () => socket.end(lines));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it('answers a GET with a body but no query string with a 400', async () => {
    const body = '{"query":"{ __typename }"}';
    const answer = await rawRequest(
      `GET /graphql HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"BAD_REQUEST"');
  });

  it('answers a broken Content-Length with a 400 from the HTTP parser', async () => {
    const answer = await rawRequest('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: lots\r\n\r\n{}');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('stops reading a chunked body (no Content-Length) once it passes the limit: 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': JSON_TYPE, accept: JSON_TYPE } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.write(`{"query":"{ __typename }","variables":{"pad":"`);
      for (let chunk = 0; chunk < 30; chunk += 1) request.write('x'.repeat(10_000));
      request.end('"}}');
    });
    expect(status).toBe(413);
  });
});

describe('unexpected exceptions', () => {
  it('stay masked: "Unexpected error.", no stack, no upstream URL', async () => {
    // A Treeherder that answers the repository list with JSON of the wrong shape.
    const odd = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ detail: 'not a list', results: 'also not a list' }));
    });
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
    const loaded = loadConfig({ TREEHERDER_URL: `http://127.0.0.1:${(odd.address() as AddressInfo).port}`, USER_AGENT_CONTACT: 'https://example.test/contact' });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const lines: string[] = [];
    const broken = createGateway({ config: loaded.config, logger: createJsonLogger((line) => lines.push(line)) });
    try {
      const response = await broken.yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': JSON_TYPE, accept: JSON_TYPE },
        body: JSON.stringify({ query: '{ repositories { name } }' }),
      });
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(JSON.parse(text)).toEqual({
        data: null,
        errors: [{ message: 'Unexpected error.', locations: [{ line: 1, column: 3 }], path: ['repositories'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
      expect(text).not.toMatch(/stack|127\.0\.0\.1|\/api\//);
      // The operator still learns what happened, from the log.
      expect(lines.some((line) => JSON.parse(line).message === 'unexpected error')).toBe(true);
    } finally {
      await broken.dispose();
      await new Promise<void>((resolve) => odd.close(() => resolve()));
    }
  });
});
