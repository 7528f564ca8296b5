import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PerformanceSignature, Push } from '../../src/simulator/index.js';
import { expectHtml500, startSimulator, type Running } from './support.js';

let sim: Running;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const data = () => sim.simulator.data;

/** A mozilla-central series with a retrigger (two data points on one push). */
function retriggeredSeries(): PerformanceSignature {
  for (const s of data().signaturesOf('mozilla-central')) {
    const points = data().dataOfSignature(s.id);
    if (new Set(points.map((d) => d.pushId)).size < points.length) return s;
  }
  throw new Error('no retriggers generated');
}

describe('performance signatures and platforms', () => {
  it('keys signatures by id and omits optional keys instead of sending null', async () => {
    const r = await sim.get('/api/project/mozilla-central/performance/signatures/');
    const sigs = data().signaturesOf('mozilla-central');
    expect(Object.keys(r.json)).toHaveLength(sigs.length);
    const parent = sigs.find((s) => s.hasSubtests)!;
    const entry = r.json[String(parent.id)];
    expect(entry).toMatchObject({ id: parent.id, signature_hash: parent.signatureHash, has_subtests: true, suite: parent.suite });
    expect(entry).not.toHaveProperty('test');
    expect(entry).not.toHaveProperty('parent_signature');
    const child = sigs.find((s) => s.parentSignatureId === parent.id)!;
    expect(r.json[String(child.id)].parent_signature).toBe(parent.signatureHash);
    expect(r.json[String(child.id)].test).toBe(child.test);
    expect(Object.values(r.json).every((s: any) => s.lower_is_better === undefined || s.lower_is_better === false)).toBe(true);
  });

  it('filters by repeated id, signature and parent_signature, framework, platform and subtests=0', async () => {
    const sigs = data().signaturesOf('mozilla-central');
    const [a, b] = sigs;
    const byId = await sim.get(`/api/project/mozilla-central/performance/signatures/?id=${a!.id}&id=${b!.id}`);
    expect(Object.keys(byId.json)).toEqual([String(a!.id), String(b!.id)]);
    const byHash = await sim.get(`/api/project/mozilla-central/performance/signatures/?signature=${b!.signatureHash}`);
    expect(Object.keys(byHash.json)).toEqual([String(b!.id)]);
    const parent = sigs.find((s) => s.hasSubtests)!;
    const children = await sim.get(`/api/project/mozilla-central/performance/signatures/?parent_signature=${parent.signatureHash}`);
    expect(Object.keys(children.json).sort()).toEqual(sigs.filter((s) => s.parentSignatureId === parent.id).map((s) => String(s.id)).sort());
    const top = await sim.get(`/api/project/mozilla-central/performance/signatures/?framework=13&subtests=0&platform=${parent.platform}`);
    expect(Object.values(top.json).every((s: any) => s.framework_id === 13 && s.parent_signature === undefined && s.machine_platform === parent.platform)).toBe(true);
    expect((await sim.get('/api/project/mozilla-central/performance/signatures/?platform=linux64-nothing')).json).toEqual({});
  });

  it('answers the documented 400s and a 500 for an unknown repository', async () => {
    expect((await sim.get('/api/project/mozilla-central/performance/signatures/?id=x')).json).toEqual({
      message: 'One or more id values invalid (must be integer)',
    });
    expect((await sim.get('/api/project/mozilla-central/performance/signatures/?interval=86400&start_date=2026-08-01T00:00:00')).json).toEqual({
      message: 'Provide either interval only -or- start (and end) date',
    });
    expectHtml500(await sim.get('/api/project/foo/performance/signatures/'));
    expectHtml500(await sim.get('/api/project/foo/performance/data/?signature_id=1'));
  });

  it('lists platforms with signatures, narrowed by framework', async () => {
    const r = await sim.get('/api/project/mozilla-central/performance/platforms/?framework=2');
    expect(r.json.sort()).toEqual([...new Set(data().signaturesOf('mozilla-central').filter((s) => s.frameworkId === 2).map((s) => s.platform))].sort());
  });
});

describe('performance data', () => {
  it('keys points by signature hash and drops retriggers on request', async () => {
    const s = retriggeredSeries();
    const points = data().dataOfSignature(s.id);
    const r = await sim.get(`/api/project/mozilla-central/performance/data/?signature_id=${s.id}`);
    expect(Object.keys(r.json)).toEqual([s.signatureHash]);
    expect(r.json[s.signatureHash]).toHaveLength(points.length);
    expect(Object.keys(r.json[s.signatureHash][0])).toEqual(['id', 'signature_id', 'job_id', 'push_id', 'revision', 'push_timestamp', 'value']);
    const first = points[0]!;
    expect(r.json[s.signatureHash][0]).toEqual({
      id: first.id,
      signature_id: s.id,
      job_id: first.jobId,
      push_id: first.pushId,
      revision: data().push(first.pushId)!.revision,
      push_timestamp: first.pushTimestamp,
      value: first.value,
    });
    const unique = await sim.get(`/api/project/mozilla-central/performance/data/?signature_id=${s.id}&no_retriggers=true`);
    expect(unique.json[s.signatureHash]).toHaveLength(new Set(points.map((d) => d.pushId)).size);
  });

  it('selects by push_id and job_id, with interval windows', async () => {
    const point = data().data.find((d) => d.repositoryId === 1)!;
    const byJob = await sim.get(`/api/project/mozilla-central/performance/data/?job_id=${point.jobId}`);
    const expected = data().data.filter((d) => d.jobId === point.jobId);
    expect(Object.values(byJob.json).flat()).toHaveLength(expected.length);
    const byPush = await sim.get(`/api/project/mozilla-central/performance/data/?push_id=${point.pushId}&framework=${data().signature(point.signatureId)!.frameworkId}`);
    expect(Object.values(byPush.json).flat().length).toBeGreaterThan(0);
    const recent = await sim.get(`/api/project/mozilla-central/performance/data/?signature_id=${point.signatureId}&interval=86400`);
    const since = data().now / 1000 - 86400;
    const inWindow = data().dataOfSignature(point.signatureId).filter((d) => d.pushTimestamp > since - 5);
    expect(Object.values(recent.json).flat().length).toBeLessThanOrEqual(inWindow.length);
  });

  it('answers the validation errors in their mixed shapes', async () => {
    const base = '/api/project/mozilla-central/performance/data/';
    expect((await sim.get(base)).json).toEqual(['Need to specify either signature_id, signatures, push_id, or job_id']);
    expect((await sim.get(`${base}?signature_id=1&signatures=abc`)).json).toEqual(["Can't specify both signature_id and signatures in same query"]);
    expect((await sim.get(`${base}?job_id=x`)).json).toEqual({ message: 'Job id(s) must be specified as integers' });
    expect((await sim.get(`${base}?signature_id=1&interval=3600&end_date=2026-08-01`)).json).toEqual({
      message: 'Provide either interval only -or- start (and end) date',
    });
  });
});

describe('GET /api/performance/summary/', () => {
  it('returns only subtests when no_subtests is absent (the trap) and suites with no_subtests=true', async () => {
    const sigs = data().signaturesOf('mozilla-central').filter((s) => s.frameworkId === 1);
    const trap = await sim.get('/api/performance/summary/?repository=mozilla-central&framework=1&interval=31536000');
    expect(trap.json.length).toBe(sigs.filter((s) => s.parentSignatureId !== null).length);
    expect(trap.json.every((row: any) => row.parent_signature !== null)).toBe(true);
    const top = await sim.get('/api/performance/summary/?repository=mozilla-central&framework=1&interval=31536000&no_subtests=true');
    expect(top.json.length).toBe(sigs.filter((s) => s.parentSignatureId === null).length);
    const row = top.json[0];
    expect(Object.keys(row)).toEqual([
      'signature_id',
      'framework_id',
      'signature_hash',
      'platform',
      'test',
      'suite',
      'lower_is_better',
      'has_subtests',
      'tags',
      'values',
      'name',
      'parent_signature',
      'job_ids',
      'repository_name',
      'repository_id',
      'data',
      'measurement_unit',
      'application',
      'should_alert',
      'alert_change_type',
      'alert_threshold',
      'submit_times',
    ]);
    expect(typeof row.tags).toBe('string');
    expect(row.values.length).toBe(row.job_ids.length);
    expect(row.data).toEqual([]);
  });

  it('returns the points in data for one signature with all_data=true', async () => {
    const s = retriggeredSeries();
    const r = await sim.get(`/api/performance/summary/?repository=mozilla-central&signature=${s.id}&interval=31536000&all_data=true`);
    expect(r.json).toHaveLength(1);
    expect(r.json[0].values).toEqual([]);
    expect(r.json[0].data).toHaveLength(data().dataOfSignature(s.id).length);
    expect(Object.keys(r.json[0].data[0])).toEqual(['job_id', 'id', 'value', 'push_timestamp', 'push_id', 'revision', 'submit_time', 'machine_name']);
    const deduped = await sim.get(`/api/performance/summary/?repository=mozilla-central&signature=${s.id}&interval=31536000&all_data=true&no_retriggers=true`);
    expect(deduped.json[0].data.length).toBeLessThan(r.json[0].data.length);
  });

  it('validates like the DRF serializer', async () => {
    expect((await sim.get('/api/performance/summary/')).json).toEqual({ repository: ['This field is required.'] });
    expect((await sim.get('/api/performance/summary/?repository=mozilla-central')).json).toEqual({
      non_field_errors: ['Required: revision, startday and endday or interval.'],
    });
    expect((await sim.get('/api/performance/summary/?repository=nope&interval=1')).json).toEqual({ repository: ['nope does not exist.'] });
    expect((await sim.get('/api/performance/summary/?repository=autoland&interval=x&framework=y')).json).toEqual({
      framework: { 0: ['A valid integer is required.'] },
      interval: ['A valid integer is required.'],
    });
  });
});

describe('alert summaries and alerts', () => {
  it('pages sheriffed summaries newest first, 10 per page by default', async () => {
    const sheriffed = data().alertSummaries.filter((s) => s.sheriffed).sort((a, b) => b.createdUs - a.createdUs);
    const r = await sim.get('/api/performance/alertsummary/');
    expect(Object.keys(r.json)).toEqual(['count', 'next', 'previous', 'results']);
    expect(r.json.count).toBe(sheriffed.length);
    expect(r.json.results.map((s: { id: number }) => s.id)).toEqual(sheriffed.slice(0, 10).map((s) => s.id));
    expect(r.json.next).toBe(`${sim.url}/api/performance/alertsummary/?page=2`);
    const summary = r.json.results[0];
    expect(Object.keys(summary)).toHaveLength(26);
    expect(summary.alerts[0].series_signature).toMatchObject({ id: expect.any(Number), signature_hash: expect.stringMatching(/^[0-9a-f]{40}$/) });
    // PerformanceSignatureSerializer's fields, exactly: an alert's signature has no
    // application, parent_signature or should_alert (the gateway loads those when asked).
    expect(Object.keys(summary.alerts[0].series_signature)).toEqual([
      'id',
      'framework_id',
      'signature_hash',
      'machine_platform',
      'suite',
      'test',
      'lower_is_better',
      'has_subtests',
      'option_collection_hash',
      'tags',
      'extra_options',
      'measurement_unit',
      'suite_public_name',
      'test_public_name',
    ]);
    expect((await sim.get('/api/performance/alertsummary/?limit=1000')).json.results).toHaveLength(Math.min(100, sheriffed.length));
  });

  it('shows monitored (unsheriffed) summaries only on request, and any summary by id', async () => {
    const monitored = data().alertSummaries.filter((s) => !s.sheriffed);
    expect(monitored.length).toBeGreaterThan(0);
    const r = await sim.get('/api/performance/alertsummary/?monitored_alerts=1');
    expect(r.json.results.map((s: { id: number }) => s.id).sort()).toEqual(monitored.map((s) => s.id).sort());
    const byId = await sim.get(`/api/performance/alertsummary/?id=${monitored[0]!.id}`);
    expect(byId.json.results.map((s: { id: number }) => s.id)).toEqual([monitored[0]!.id]);
    const duplicates = byId.json.results[0].duplicated_summaries;
    expect(duplicates.length).toBeGreaterThan(0);
  });

  it('applies flag filters whatever their value', async () => {
    const withRegressions = data().alertSummaries.filter(
      (s) => s.sheriffed && s.alertIds.some((id) => data().alert(id)!.isRegression),
    );
    for (const value of ['true', 'false']) {
      const r = await sim.get(`/api/performance/alertsummary/?hide_improvements=${value}&limit=100`);
      expect(r.json.count).toBe(withRegressions.length);
    }
    const visible = data().alertSummaries.filter((s) => s.sheriffed && ![1, 2, 3].includes(s.status));
    expect((await sim.get('/api/performance/alertsummary/?hide_related_and_invalid=false')).json.count).toBe(visible.length);
  });

  it('filters by numeric repository, framework, status and series signature', async () => {
    const target = data().alertSummaries.find((s) => s.sheriffed)!;
    const alert = data().alert(target.alertIds[0]!)!;
    const r = await sim.get(
      `/api/performance/alertsummary/?repository=${target.repositoryId}&framework=${target.frameworkId}&status=${target.status}&alerts__series_signature=${alert.signatureId}`,
    );
    expect(r.json.results.map((s: { id: number }) => s.id)).toContain(target.id);
    expect((await sim.get('/api/performance/alertsummary/?status=new')).json).toEqual({ status: ['Enter a number.'] });
    expect((await sim.get('/api/performance/alertsummary/?repository=autoland')).json).toEqual({ repository: ['Enter a number.'] });
  });

  it('links downstream/reassigned alerts back through related_alerts', async () => {
    const target = data().alertSummaries.find((s) => s.relatedAlertIds.length > 0)!;
    expect(target).toBeDefined();
    const r = await sim.get(`/api/performance/alertsummary/${target.id}/`);
    expect(r.json.related_alerts.length).toBe(target.relatedAlertIds.length);
    for (const alert of r.json.related_alerts) {
      expect(alert.related_summary_id).toBe(target.id);
      expect([1, 2]).toContain(alert.status);
      expect(alert.summary_id).not.toBe(target.id);
    }
  });

  it('serves one summary and 404s unknown ones', async () => {
    const target = data().alertSummaries[0]!;
    expect((await sim.get(`/api/performance/alertsummary/${target.id}/`)).json.id).toBe(target.id);
    expect((await sim.get('/api/performance/alertsummary/1/')).json).toEqual({ detail: 'No PerformanceAlertSummary matches the given query.' });
  });

  it('pages alerts with an opaque cursor, 10 per page, newest id first', async () => {
    const ids = data().alerts.map((a) => a.id).sort((a, b) => b - a);
    const seen: number[] = [];
    let path: string | null = '/api/performance/alert/';
    let previous: string | null = null;
    while (path) {
      const r = await sim.get(path);
      expect(Object.keys(r.json)).toEqual(['next', 'previous', 'results']);
      expect(r.json.results.length).toBeLessThanOrEqual(10);
      seen.push(...r.json.results.map((a: { id: number }) => a.id));
      previous = r.json.previous;
      path = r.json.next ? (r.json.next as string).slice(sim.url.length) : null;
    }
    expect(seen).toEqual(ids);
    expect(previous).not.toBeNull();
    const back = await sim.get((previous as string).slice(sim.url.length));
    expect(back.json.results.length).toBe(10);
    expect((await sim.get('/api/performance/alert/?cursor=not-a-cursor')).json).toEqual({ detail: 'Invalid cursor' });
  });
});

describe('GET /api/perfcompare/results/', () => {
  function comparablePushes(): { base: Push; next: Push; signature: PerformanceSignature } {
    const tryRepo = data().repository('try')!;
    for (const s of data().signaturesOf('try')) {
      const newPoint = data().dataOfSignature(s.id).find((d) => d.repositoryId === tryRepo.id);
      if (!newPoint) continue;
      const twin = data().signaturesOf('mozilla-central').find((c) => c.signatureHash === s.signatureHash)!;
      const basePoint = [...data().dataOfSignature(twin.id)].reverse()[0];
      if (basePoint) return { base: data().push(basePoint.pushId)!, next: data().push(newPoint.pushId)!, signature: s };
    }
    throw new Error('no comparable pushes');
  }

  it('validates its parameters', async () => {
    expect((await sim.get('/api/perfcompare/results/')).json).toEqual({
      new_revision: ['This field is required.'],
      base_repository: ['This field is required.'],
      new_repository: ['This field is required.'],
    });
    expect((await sim.get('/api/perfcompare/results/?new_revision=a&base_repository=try&new_repository=try')).json).toEqual({
      non_field_errors: ['Field required: interval.'],
    });
    expect((await sim.get('/api/perfcompare/results/?new_revision=a&base_repository=x&new_repository=try&interval=86400')).json).toEqual({
      non_field_errors: ['x or try does not exist.'],
    });
    expect((await sim.get('/api/perfcompare/results/?new_revision=abc&base_repository=try&new_repository=try&interval=86400')).json).toBe(
      'No new push with revision abc from repo try.',
    );
  });

  it('compares a try push against mozilla-central with rows computed from the data', async () => {
    const { base, next, signature } = comparablePushes();
    const r = await sim.get(
      `/api/perfcompare/results/?base_repository=mozilla-central&base_revision=${base.revision}&new_repository=try&new_revision=${next.revision}&framework=${signature.frameworkId}&no_subtests=${signature.parentSignatureId === null}`,
    );
    expect(r.status).toBe(200);
    const row = r.json.find((x: any) => x.new_signature_id === signature.id);
    expect(row).toBeDefined();
    const newValues = data().dataOfSignature(signature.id).filter((d) => d.pushId === next.id).map((d) => d.value);
    expect(row.new_runs).toEqual(newValues);
    expect(row.new_avg_value).toBeCloseTo(newValues.reduce((a, b) => a + b, 0) / newValues.length, 2);
    expect(row.base_rev).toBe(base.revision);
    expect(row.graphs_link).toContain('https://treeherder.mozilla.org/perfherder/graphs?highlightedRevisions=');
    expect(Object.keys(row)).toHaveLength(49);
    const mwu = await sim.get(
      `/api/perfcompare/results/?base_repository=mozilla-central&base_revision=${base.revision}&new_repository=try&new_revision=${next.revision}&framework=${signature.frameworkId}&no_subtests=${signature.parentSignatureId === null}&test_version=mann-whitney-u`,
    );
    const mwuRow = mwu.json.find((x: any) => x.new_signature_id === signature.id);
    expect(mwuRow.base_standard_stats).toMatchObject({ count: expect.any(Number) });
    expect(mwuRow.direction_of_change).toMatch(/^(no change|improvement|regression)$/);
  });
});
