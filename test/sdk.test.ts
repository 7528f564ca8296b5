import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHawkEdge } from '../src/auth/edge.js';
import { createStaticCredentialStore } from '../src/auth/credential-store.js';
import { createSdk, GatewayError, persistedDocuments, type HawkCredentials } from '../packages/sdk/src/index.js';
import { startStack, type Stack } from './support/stack.js';

// The typed SDK against the gateway and the simulator over loopback HTTP: the data a script
// gets, what went over the wire (hash-only requests), and the error codes it can match on.

const credentials = { id: 'sdk-user', key: 'a-long-secret-key-for-the-sdk-test', algorithm: 'sha256' } as const satisfies HawkCredentials;

/** A fetch that records what the SDK sent, then sends it for real. */
function recordingFetch() {
  const sent: Array<{ method: string; url: string; body: Record<string, unknown> | null; authorization: string | null }> = [];
  const record: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    sent.push({
      method: init?.method ?? 'GET',
      url: String(input),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null,
      authorization: headers.get('authorization'),
    });
    return fetch(input, init);
  };
  return { sent, fetch: record };
}

const CustomDocument = parse('query Custom { repositories { name } }') as TypedDocumentNode<{ repositories: Array<{ name: string }> }, Record<string, never>>;

describe('the SDK against an anonymous gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ listen: true, simulator: { scale: { pushesPerRepository: 12, jobsPerPush: 40 } } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetLog());

  it('pushesWithJobs returns the latest pushes with their failed jobs, sending only the hash', async () => {
    const wire = recordingFetch();
    const sdk = createSdk({ url: `${stack.gatewayUrl}/graphql`, fetch: wire.fetch });

    const { pushes } = await sdk.pushesWithJobs({ repository: 'autoland', first: 3, result: 'testfailed' });

    const expected = [...stack.simulator.data.pushesOf('autoland')].sort((a, b) => b.id - a.id).slice(0, 3);
    expect(pushes.nodes.map((push) => push.revision)).toEqual(expected.map((push) => push.revision));
    for (const [index, push] of pushes.nodes.entries()) {
      const failed = stack.simulator.data.jobsOfPush(expected[index]!.id).filter((job) => job.result === 'testfailed');
      expect(push.jobs.nodes.map((job) => Number(job.id)).sort((a, b) => a - b)).toEqual(failed.map((job) => job.id).sort((a, b) => a - b));
      expect(push.jobs.nodes.every((job) => job.result === 'testfailed')).toBe(true);
    }
    expect(pushes.pageInfo.hasNextPage).toBe(true);

    // The gateway knows the SDK's documents up front: one request, no query text in it.
    expect(wire.sent).toHaveLength(1);
    expect(wire.sent[0]!.body).toEqual({
      operationName: 'PushesWithJobs',
      variables: { repository: 'autoland', first: 3, result: 'testfailed' },
      extensions: { persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) } },
    });
    expect((await persistedDocuments()).has((wire.sent[0]!.body!['extensions'] as any).persistedQuery.sha256Hash)).toBe(true);
  });

  it('jobFailure explains a failed job: error lines, bug suggestions, logs, classification', async () => {
    const failed = stack.simulator.data
      .pushesOf('autoland')
      .flatMap((push) => stack.simulator.data.jobsOfPush(push.id))
      .find((job) => job.result === 'testfailed' && stack.simulator.data.textLogErrorsOfJob(job).length > 0)!;
    const sdk = createSdk({ url: `${stack.gatewayUrl}/graphql` });

    const { job } = await sdk.jobFailure({ id: String(failed.id) });

    expect(job).not.toBeNull();
    expect(job!.result).toBe('testfailed');
    expect(job!.repository.name).toBe('autoland');
    expect(job!.textLogErrors.map((error) => error.line)).toEqual(stack.simulator.data.textLogErrorsOfJob(failed).map((error) => error.line));
    expect(job!.logs.map((log) => log.name)).toEqual(stack.simulator.data.logsOfJob(failed).map((log) => log.name));
    expect(job!.bugSuggestions.length).toBeGreaterThan(0);
    expect(job!.failureClassification.name).toEqual(expect.any(String));
  });

  it('signaturesWithSeries and alertSummaries return Perfherder data', async () => {
    const sdk = createSdk({ url: `${stack.gatewayUrl}/graphql` });
    const signature = stack.simulator.data.signaturesOf('autoland').find((candidate) => candidate.parentSignatureId === null)!;

    const { performanceSignatures } = await sdk.signaturesWithSeries({ repository: 'autoland', framework: signature.frameworkId, first: 2, interval: 1209600 });
    expect(performanceSignatures.length).toBeGreaterThan(0);
    expect(performanceSignatures.every((candidate) => candidate.framework.id === signature.frameworkId)).toBe(true);
    expect(performanceSignatures.some((candidate) => candidate.series.length > 0)).toBe(true);

    const { alertSummaries } = await sdk.alertSummaries({ first: 2 });
    expect(alertSummaries.nodes.length).toBeGreaterThan(0);
    expect(alertSummaries.nodes[0]!.alerts.length).toBeGreaterThan(0);
  });

  it('sends an unknown document as a hash first, then once with its text, then as a hash again', async () => {
    const wire = recordingFetch();
    const sdk = createSdk({ url: `${stack.gatewayUrl}/graphql`, fetch: wire.fetch });

    const first = await sdk.request(CustomDocument);
    const second = await sdk.request(CustomDocument);

    const active = stack.simulator.data.repositories.filter((repository) => repository.activeStatus === 'active');
    expect(first.repositories.map((repository) => repository.name)).toEqual(active.map((repository) => repository.name));
    expect(second).toEqual(first);
    expect(wire.sent.map((request) => typeof request.body?.['query'])).toEqual(['undefined', 'string', 'undefined']);
  });

  it('uses GET with only the hash in the URL, so a CDN can cache reference data', async () => {
    const wire = recordingFetch();
    const sdk = createSdk({ url: `${stack.gatewayUrl}/graphql`, method: 'GET', fetch: wire.fetch });

    const { repositories } = await sdk.repositories();

    expect(repositories.map((repository) => repository.name)).toContain('autoland');
    expect(wire.sent).toHaveLength(1);
    const url = new URL(wire.sent[0]!.url);
    expect(url.searchParams.has('query')).toBe(false);
    expect(JSON.parse(url.searchParams.get('extensions')!)).toEqual({ persistedQuery: { version: 1, sha256Hash: expect.any(String) } });
  });

  it('rejects with the gateway error code', async () => {
    const sdk = createSdk({ url: `${stack.gatewayUrl}/graphql` });
    const failure = await sdk.pushesWithJobs({ repository: 'no-such-tree' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GatewayError);
    expect((failure as GatewayError).code).toBe('UPSTREAM_NOT_FOUND');
  });

  it('rejects with GATEWAY_HTTP_ERROR when nothing GraphQL answers', async () => {
    const sdk = createSdk({ url: `${stack.gatewayUrl}/not-graphql` });
    const failure = await sdk.repositories().catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'GatewayError', code: 'GATEWAY_HTTP_ERROR', status: 404 });
  });
});

describe('the SDK with Hawk credentials', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      listen: true,
      simulator: { scale: { pushesPerRepository: 5, jobsPerPush: 10 }, hawkCredentials: [credentials] },
      hawkEdge: createHawkEdge({ store: createStaticCredentialStore([credentials]) }),
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetLog());

  it.each(['POST', 'GET'] as const)('signs each %s request, and the gateway forwards the caller upstream', async (method) => {
    const wire = recordingFetch();
    const sdk = createSdk({ url: `${stack.gatewayUrl}/graphql`, credentials, method, fetch: wire.fetch });

    await sdk.pushesWithJobs({ repository: 'autoland', first: 2 });
    await sdk.repositories();

    expect(wire.sent.map((request) => request.authorization)).toEqual([expect.stringMatching(/^Hawk id="sdk-user"/), expect.stringMatching(/^Hawk id="sdk-user"/)]);
    expect(stack.upstream().length).toBeGreaterThan(0);
    expect(stack.upstream().map((entry) => entry.hawkId)).toEqual(stack.upstream().map(() => 'sdk-user'));
  });

  it('a wrong key is refused with the gateway Hawk code', async () => {
    const sdk = createSdk({ url: `${stack.gatewayUrl}/graphql`, credentials: { ...credentials, key: 'not-the-key' } });
    const failure = await sdk.repositories().catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'GatewayError', code: 'HAWK_BAD_MAC', status: 401 });
    expect(stack.upstream()).toEqual([]);
  });
});

describe('the SDK against a gateway in trusted-documents mode', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ listen: true, env: { PERSISTED_OPERATIONS: 'trusted' }, simulator: { scale: { pushesPerRepository: 5, jobsPerPush: 10 } } });
  });
  afterAll(() => stack.close());

  it('runs the SDK operations and refuses any other document', async () => {
    const sdk = createSdk({ url: `${stack.gatewayUrl}/graphql` });
    const { repositories } = await sdk.repositories();
    expect(repositories.length).toBeGreaterThan(0);

    const failure = await sdk.request(CustomDocument).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'GatewayError', code: 'PERSISTED_QUERY_ONLY', status: 400 });
  });
});
