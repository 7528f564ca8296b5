import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support/stack.js';

// Objects built from a partial upstream shape load what the shape lacks, batched, only when
// a query selects it — and cost exactly what they cost before when it does not.
//   - Alert.series: the alert's `series_signature` lacks application, parent_signature and
//     should_alert (PerformanceSignatureSerializer): one signatures/?id=… per repository.
//   - Job.similarJobs: the project jobs route's dicts lack `duration`: one /api/jobs/?id__in=….
// That the loaded fields equal what every other path answers is the path-independence test's job.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack.close());

const EMBEDDED = 'id signatureHash frameworkId suite test platform optionCollectionHash extraOptions lowerIsBetter hasSubtests tags measurementUnit';
const LACKING = 'application shouldAlert parent { id signatureHash }';
const summaries = (first: number, series: string) => `{ alertSummaries(first: ${first}) { nodes { id alerts { id series { ${series} } } } } }`;

const paths = (stack: Stack): string[] => stack.upstream().map((entry) => entry.path);
const signatureRequests = (stack: Stack) => stack.upstream().filter((entry) => entry.path.endsWith('/performance/signatures/'));

async function repositoriesOf(first: number): Promise<string[]> {
  const response = await stack.query(`{ alertSummaries(first: ${first}) { nodes { repository { name } } } }`);
  return [...new Set((response.body.data!.alertSummaries.nodes as Array<{ repository: { name: string } }>).map((node) => node.repository.name))].sort();
}

describe('Alert.series', () => {
  it('without the fields its shape lacks costs the alert summary page alone, as before', async () => {
    stack.resetLog();
    const response = await stack.query(summaries(10, EMBEDDED));
    expect(response.body.errors).toBeUndefined();
    expect(paths(stack)).toEqual(['/api/performance/alertsummary/']);
  });

  it.each([10, 100])('%d summaries with every series field cost 1 + one signatures request per repository', async (first) => {
    const repositories = await repositoriesOf(first);
    stack.resetLog();
    const response = await stack.query(summaries(first, `${EMBEDDED} ${LACKING}`));
    expect(response.body.errors).toBeUndefined();
    const nodes = response.body.data!.alertSummaries.nodes as Array<{ alerts: Array<{ series: Record<string, unknown> }> }>;
    expect(nodes.length).toBeGreaterThanOrEqual(Math.min(first, 20));
    const alerts = nodes.flatMap((node) => node.alerts);
    // Answered, not left null for want of fetching (talos series have no application, and
    // many series leave shouldAlert to the framework, in the simulator as in Treeherder).
    if (first === 100) {
      for (const field of ['application', 'shouldAlert', 'parent']) {
        expect(alerts.some((alert) => alert.series[field] !== null)).toBe(true);
      }
    }

    const log = stack.upstream();
    expect(log.length).toBe(1 + repositories.length);
    expect(log[0]!.path).toBe('/api/performance/alertsummary/');
    expect(signatureRequests(stack).map((entry) => entry.path.split('/')[3]).sort()).toEqual(repositories);
    // Every signature of the request in one request per repository (ids repeated).
    const asked = signatureRequests(stack).flatMap((entry) => new URLSearchParams(entry.query).getAll('id'));
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.length).toBe(new Set(alerts.map((alert) => String(alert.series['id']))).size);
  });

  it('shares the signatures it loads with other signature lookups of the request', async () => {
    const first = await stack.query(summaries(1, 'id'));
    const summary = (first.body.data!.alertSummaries.nodes as Array<{ id: string; alerts: Array<{ series: { id: string } }> }>)[0]!;
    const [repository] = await repositoriesOf(1);
    stack.resetLog();
    const response = await stack.query(
      `query($r: String!, $id: ID!) { alertSummaries(first: 1) { nodes { alerts { series { shouldAlert } } } } performanceSignature(repository: $r, id: $id) { shouldAlert } }`,
      { r: repository, id: summary.alerts[0]!.series.id },
    );
    expect(response.body.errors).toBeUndefined();
    // The signature both ask for is requested once.
    const asked = signatureRequests(stack).flatMap((entry) => new URLSearchParams(entry.query).getAll('id'));
    expect(asked.filter((id) => id === summary.alerts[0]!.series.id)).toEqual([summary.alerts[0]!.series.id]);
    expect(new Set(asked).size).toBe(asked.length);
  });
});

describe('AlertSummary.relatedAlerts.series', () => {
  it("is of the repository of the alert's own summary, read from it only when asked for", async () => {
    const query = (series: string) => `{ alertSummaries(first: 30) { nodes { id repository { name } relatedAlerts { id series { ${series} } } } } }`;
    stack.resetLog();
    const cheap = await stack.query(query('id suite'));
    expect(cheap.body.errors).toBeUndefined();
    expect(paths(stack).filter((path) => path !== '/api/repository/')).toEqual(['/api/performance/alertsummary/']);

    stack.resetLog();
    const response = await stack.query(query('id repository { name } application'));
    expect(response.body.errors).toBeUndefined();
    const nodes = response.body.data!.alertSummaries.nodes as Array<{ repository: { name: string }; relatedAlerts: Array<{ series: { id: string; repository: { name: string } } }> }>;
    const related = nodes.flatMap((node) => node.relatedAlerts.map((alert) => ({ listing: node.repository.name, series: alert.series })));
    // Downstream alerts come from summaries of another repository (mozilla-central's of autoland's).
    expect(related.some(({ listing, series }) => series.repository.name !== listing)).toBe(true);
    for (const { series } of related) {
      const direct = await stack.query('query($r: String!, $id: ID!) { performanceSignature(repository: $r, id: $id) { id repository { name } application } }', {
        r: series.repository.name,
        id: series.id,
      });
      expect(direct.body.data!.performanceSignature).toEqual(series);
    }
  });
});

describe('Job.similarJobs', () => {
  const similar = (fields: string) =>
    `{ pushes(repository: "autoland", first: 1) { nodes { jobs(first: 2) { nodes { id similarJobs(first: 5) { nodes { ${fields} } } } } } } }`;

  it('without duration costs what it cost before; with it, one /api/jobs/ request more', async () => {
    stack.resetLog();
    const without = await stack.query(similar('id result'));
    expect(without.body.errors).toBeUndefined();
    const before = paths(stack);
    expect(before.filter((path) => path === '/api/jobs/').length).toBe(1); // the push's job list

    stack.resetLog();
    const withDuration = await stack.query(similar('id result duration'));
    expect(withDuration.body.errors).toBeUndefined();
    const after = paths(stack);
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((path) => path === '/api/jobs/').length).toBe(2);

    // The loaded duration is Treeherder's own (the one job(id) answers).
    const jobs = (withDuration.body.data!.pushes.nodes[0].jobs.nodes as Array<{ similarJobs: { nodes: Array<{ id: string; duration: number }> } }>).flatMap(
      (job) => job.similarJobs.nodes,
    );
    expect(jobs.length).toBeGreaterThan(0);
    const direct = await stack.query(`query($ids: [ID!]!) { jobs(ids: $ids) { id duration } }`, { ids: jobs.map((job) => job.id) });
    expect(direct.body.data!.jobs).toEqual(jobs.map((job) => ({ id: job.id, duration: job.duration })));
  });
});
