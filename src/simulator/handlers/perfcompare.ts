import type { HandlerContext, Route } from '../http/context.js';
import { route } from '../http/context.js';
import { pythonInt, validateQuery, type FieldSpec } from '../http/fields.js';
import { quotePlus } from '../http/query.js';
import { json, serverError, type Reply } from '../http/reply.js';
import type { SimulatorModel } from '../model.js';
import {
  cliffsDelta,
  ksTwoSample,
  mannWhitneyU,
  mean,
  median,
  populationVariance,
  pyFixed,
  shapiroWilk,
  stdev,
} from '../stats.js';
import { MICROS_PER_SECOND } from '../time.js';
import type { PerformanceDatum, PerformanceSignature, Push } from '../types.js';
import { decimal2 } from './perf.js';

/** Perfherder's time ranges, which graph links and intervals snap to. */
const PERFHERDER_TIMERANGES = [86400, 86400 * 2, 604800, 1209600, 2592000, 5184000, 7776000, 31536000];
const T_VALUE_CARE_MIN = 3;
const T_VALUE_CONFIDENCE = 5;
const STDDEV_DEFAULT_FACTOR = 0.15;
const PVALUE_THRESHOLD = 0.05;

function nullableSignature(value: unknown): { value: unknown } {
  return { value: value === 'null' ? null : value };
}

function fieldSpecs(): FieldSpec[] {
  return [
    { name: 'base_revision', kind: 'char', required: false, allowNull: true, default: null },
    { name: 'new_revision', kind: 'char' },
    { name: 'base_repository', kind: 'char' },
    { name: 'new_repository', kind: 'char' },
    { name: 'framework', kind: 'int', required: false, allowNull: true, default: null },
    { name: 'interval', kind: 'int', required: false, allowNull: true, default: null },
    { name: 'no_subtests', kind: 'bool', required: false },
    { name: 'base_parent_signature', kind: 'char', required: false, allowNull: true, default: null, validate: nullableSignature },
    { name: 'new_parent_signature', kind: 'char', required: false, allowNull: true, default: null, validate: nullableSignature },
    { name: 'replicates', kind: 'bool', required: false },
    { name: 'test_version', kind: 'char', required: false, default: 'student-t' },
    { name: 'enable_silverman_kde', kind: 'bool', required: false, default: false },
  ];
}

interface Side {
  repo: string;
  rev: string | null;
  signatures: PerformanceSignature[];
  values: Map<number, number[]>;
  jobIds: Map<number, number[]>;
  map: Map<string, PerformanceSignature>;
  headers: string[];
  platforms: string[];
}

function nowSeconds(ctx: HandlerContext): number {
  return ctx.nowUs() / MICROS_PER_SECOND;
}

function getSignatures(
  ctx: HandlerContext,
  repo: string,
  framework: number | null,
  parent: string | null,
  interval: number | null,
  noSubtests: boolean,
): PerformanceSignature[] | null {
  let sigs = ctx.model.signaturesOf(repo).filter((s) => (s.parentSignatureId === null) === noSubtests);
  if (framework) sigs = sigs.filter((s) => s.frameworkId === framework);
  if (parent) {
    const id = pythonInt(parent);
    if (id === null) return null;
    sigs = sigs.filter((s) => s.parentSignatureId === id);
  }
  if (interval) {
    const since = Math.trunc(nowSeconds(ctx) - interval) * MICROS_PER_SECOND;
    sigs = sigs.filter((s) => s.lastUpdatedUs >= since);
  }
  return sigs;
}

function headerOf(s: PerformanceSignature): string {
  const testSuite = s.test === '' || s.test === s.suite ? s.suite : `${s.suite} ${s.test}`;
  return `${testSuite} ${s.optionName} ${s.extraOptions} ${s.application}`;
}

function buildSide(
  model: SimulatorModel,
  repo: string,
  rev: string | null,
  signatures: PerformanceSignature[],
  keep: (d: PerformanceDatum, push: Push | undefined) => boolean,
): Side {
  const repository = model.repository(repo);
  const values = new Map<number, number[]>();
  const jobIds = new Map<number, number[]>();
  for (const s of signatures) {
    for (const d of model.dataOfSignature(s.id)) {
      if (!repository || d.repositoryId !== repository.id || !keep(d, model.push(d.pushId))) continue;
      values.set(s.id, [...(values.get(s.id) ?? []), d.value]);
      jobIds.set(s.id, [...(jobIds.get(s.id) ?? []), d.jobId]);
    }
  }
  const map = new Map<string, PerformanceSignature>();
  const headers: string[] = [];
  const platforms: string[] = [];
  for (const s of signatures) {
    const header = headerOf(s);
    const identifier = `${header} ${s.platform}`;
    if (!map.has(identifier) || (values.get(s.id)?.length ?? 0) !== 0) map.set(identifier, s);
    headers.push(header);
    platforms.push(s.platform);
  }
  return { repo, rev, signatures, values, jobIds, map, headers, platforms };
}

function pythonUrlencode(pairs: ReadonlyArray<[string, string]>): string {
  return pairs.map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`).join('&');
}

function graphsLink(base: Side, next: Side, framework: number | null, timerange: number, signatureHash: string): string {
  const highlighted: Array<[string, string]> = [];
  if (base.rev) highlighted.push(['highlightedRevisions', base.rev.slice(0, 12)]);
  highlighted.push(['highlightedRevisions', (next.rev ?? '').slice(0, 12)]);
  let link = `graphs?${pythonUrlencode(highlighted)}`;
  const fw = framework === null ? 'None' : String(framework);
  if (next.repo === base.repo) {
    link += `&${pythonUrlencode([['series', [next.repo, signatureHash, '1', fw].join(',')]])}`;
  } else {
    link += `&${pythonUrlencode([
      ['series', [base.repo, signatureHash, '1', fw].join(',')],
      ['series', [next.repo, signatureHash, '1', fw].join(',')],
    ])}`;
  }
  link += `&${pythonUrlencode([['timerange', String(timerange)]])}`;
  return `https://treeherder.mozilla.org/perfherder/${link}`;
}

function ttest(control: number[], test: number[]): number {
  const lc = control.length;
  const lt = test.length;
  if (!lc || !lt) return 0;
  const ca = mean(control);
  const ta = mean(test);
  let sc = lc > 1 ? stdev(control) : STDDEV_DEFAULT_FACTOR * ca;
  let st = lt > 1 ? stdev(test) : STDDEV_DEFAULT_FACTOR * ta;
  if (lc === 1) {
    if (ta === 0) return 0;
    sc = ((control[0] as number) * st) / ta;
  } else if (lt === 1) {
    if (ca === 0) return 0;
    st = ((test[0] as number) * sc) / ca;
  }
  const err = Math.sqrt((sc * sc) / lc + (st * st) / lt);
  if (err === 0) return 0;
  return Math.abs((ta - ca) / err);
}

function percentage(part: number, whole: number): number {
  return whole ? (100 * part) / whole : 0;
}

function stddevPct(avg: number, sd: number): number {
  return sd ? Math.round(percentage(sd, avg) * 100) / 100 : 0;
}

function classOf(newIsBetter: boolean, baseAvg: number, newAvg: number, t: number): string {
  if (!baseAvg || !newAvg) return '';
  let ratio = newAvg / baseAvg;
  if (ratio < 1) ratio = 1 / ratio;
  if (ratio < 1.02 || t < T_VALUE_CARE_MIN) return '';
  if (t < T_VALUE_CONFIDENCE) return newIsBetter ? '' : 'warning';
  return newIsBetter ? 'success' : 'danger';
}

const d2 = decimal2;
const d2list = (values: readonly number[]): number[] => values.map(decimal2);

function studentTRow(common: Record<string, unknown>, base: number[], next: number[], lowerIsBetter: boolean | string): Record<string, unknown> {
  const baseCount = base.length;
  const newCount = next.length;
  const isComplete = baseCount > 0 && newCount > 0;
  const baseAvg = baseCount ? mean(base) : 0;
  const newAvg = newCount ? mean(next) : 0;
  const baseSd = baseCount >= 2 ? stdev(base) : 0;
  const newSd = newCount >= 2 ? stdev(next) : 0;
  const confidence = ttest(base, next);
  const confidenceText = confidence === 0 ? '' : confidence < T_VALUE_CARE_MIN ? 'Low' : confidence < T_VALUE_CONFIDENCE ? 'Medium' : 'High';
  const delta = newAvg - baseAvg;
  const deltaPct = percentage(delta, baseAvg);
  const newIsBetter = Boolean((lowerIsBetter && delta < 0) || (!lowerIsBetter && delta > 0));
  const isConfident =
    (baseCount > 1 && newCount > 1 && confidence >= T_VALUE_CONFIDENCE) ||
    (baseCount >= 6 && newCount >= 6 && confidence >= T_VALUE_CARE_MIN);
  const className = classOf(newIsBetter, baseAvg, newAvg, confidence);
  return {
    base_rev: common.base_rev,
    new_rev: common.new_rev,
    base_app: common.base_app,
    new_app: common.new_app,
    framework_id: common.framework_id,
    platform: common.platform,
    suite: common.suite,
    header_name: common.header_name,
    base_repository_name: common.base_repository_name,
    new_repository_name: common.new_repository_name,
    is_complete: isComplete,
    base_measurement_unit: common.base_measurement_unit,
    new_measurement_unit: common.new_measurement_unit,
    base_retriggerable_job_ids: common.base_retriggerable_job_ids,
    new_retriggerable_job_ids: common.new_retriggerable_job_ids,
    base_runs: common.base_runs,
    new_runs: common.new_runs,
    base_runs_replicates: common.base_runs_replicates,
    new_runs_replicates: common.new_runs_replicates,
    base_avg_value: d2(baseAvg),
    new_avg_value: d2(newAvg),
    base_median_value: d2(baseCount ? median(base) : 0),
    new_median_value: d2(newCount ? median(next) : 0),
    test: common.test,
    option_name: common.option_name,
    extra_options: common.extra_options,
    base_stddev: d2(baseSd),
    new_stddev: d2(newSd),
    base_stddev_pct: d2(stddevPct(baseAvg, baseSd)),
    new_stddev_pct: d2(stddevPct(newAvg, newSd)),
    confidence: d2(confidence),
    confidence_text: confidenceText,
    graphs_link: common.graphs_link,
    delta_value: d2(delta),
    delta_percentage: d2(deltaPct),
    magnitude: d2(Math.min(Math.abs(deltaPct) * 5, 100)),
    new_is_better: newIsBetter,
    lower_is_better: Boolean(lowerIsBetter),
    is_confident: isConfident,
    more_runs_are_needed: isComplete && !isConfident && baseCount < 6,
    noise_metric: false,
    is_improvement: className === 'success',
    is_regression: className === 'danger',
    is_meaningful: className === '',
    base_parent_signature: common.base_parent_signature,
    new_parent_signature: common.new_parent_signature,
    base_signature_id: common.base_signature_id,
    new_signature_id: common.new_signature_id,
    has_subtests: common.has_subtests,
  };
}

function standardStats(values: number[]): Record<string, unknown> {
  const count = values.length;
  const m = count ? mean(values) : 0;
  const sd = count >= 2 ? stdev(values) : 0;
  return {
    min: d2(count ? Math.min(...values) : 0),
    max: d2(count ? Math.max(...values) : 0),
    mean: d2(m),
    median: d2(count ? median(values) : 0),
    stddev: d2(sd),
    count,
    variance: d2(count ? populationVariance(values) : 0),
    stddev_pct: d2(stddevPct(m, sd)),
  };
}

function statisticsTest(name: string, stat: number | null, pvalue: number | null, interpretation: string | null): Record<string, unknown> {
  return { test_name: name, stat: stat === null ? null : d2(stat), pvalue: pvalue === null ? null : d2(pvalue), interpretation };
}

function shapiroFor(values: number[], label: 'base' | 'new', warnings: string[]): Record<string, unknown> {
  const revisionName = label === 'base' ? 'Base Revision' : 'New Revision';
  if (values.length < 3) {
    warnings.push(`Shapiro-Wilk test cannot be run on ${label === 'base' ? 'Base' : 'New'} with fewer than 3 data points.`);
    return statisticsTest('Shapiro-Wilk', null, null, label === 'base' ? 'Not enough data for normality test.' : 'Not enough data for normality test');
  }
  const result = shapiroWilk(values);
  if (!result) return statisticsTest('Shapiro-Wilk', null, null, '');
  const normal = result.p > PVALUE_THRESHOLD;
  if (!normal) warnings.push(label === 'base' ? 'Base is not normal.' : 'New is not normal');
  return statisticsTest(
    'Shapiro-Wilk',
    result.w,
    result.p,
    `Shapiro-Wilk result: ${pyFixed(result.p, 2)}, ${revisionName} is ${normal ? 'likely normal' : 'not normal'}`,
  );
}

function effectSize(delta: number | null): [string, boolean] {
  if (delta === null) return ['Effect cannot be interpreted', false];
  const abs = Math.abs(delta);
  if (abs < 0.15) return ['negligible', false];
  if (abs < 0.33) return ['small', true];
  if (abs < 0.47) return ['moderate', true];
  return ['large', true];
}

function mannWhitneyRow(common: Record<string, unknown>, base: number[], next: number[], lowerIsBetter: boolean | string): Record<string, unknown> {
  const lower = Boolean(lowerIsBetter);
  const shapiroWarnings: string[] = [];
  const shapiroBase = shapiroFor(base, 'base', shapiroWarnings);
  const shapiroNew = shapiroFor(next, 'new', shapiroWarnings);
  let ksTest: Record<string, unknown> | null = null;
  let isFitGood: boolean | null = null;
  let ksWarning: string | null = null;
  let mannWhitney: Record<string, unknown> | null = null;
  let mannStat: number | null = null;
  let significant = false;
  if (base.length > 0 && next.length > 0) {
    const ks = ksTwoSample(base, next);
    isFitGood = ks.p > PVALUE_THRESHOLD;
    if (!isFitGood) ksWarning = 'Distributions seem to differ (KS test). Review KDE before drawing conclusions.';
    ksTest = statisticsTest('Kolmogorov-Smirnov', ks.d, ks.p, `KS test p-value: ${pyFixed(ks.p, 3)}, ${isFitGood ? 'good' : 'poor'} fit`);
    const mw = mannWhitneyU(base, next);
    mannStat = mw.u;
    significant = mw.p <= PVALUE_THRESHOLD;
    mannWhitney = statisticsTest('Mann-Whitney U', mw.u, mw.p, significant ? 'significant' : 'not significant');
  }
  const baseMedian = base.length ? median(base) : 0;
  const newMedian = next.length ? median(next) : 0;
  const delta = newMedian - baseMedian;
  const deltaPct = baseMedian !== 0 ? (delta / baseMedian) * 100 : 0;
  const cDelta = base.length > 0 && next.length > 0 ? cliffsDelta(base, next) : null;
  const cWarning = cDelta === null ? 'Empty data in one group, cannot compute Cliffs Delta' : null;
  const [interpretation, meaningful] = effectSize(cDelta);
  let cles: Record<string, unknown> | null = null;
  let baseGreater: boolean | null = null;
  if (mannStat !== null) {
    const value = mannStat / (base.length * next.length);
    const mwText = value
      ? value >= 0.5
        ? `${pyFixed(value, 2)} → ${pyFixed(value * 100, 0)}% chance a value from \`base\` is greater than a value from \`new\``
        : `${pyFixed(1 - value, 2)} → ${pyFixed(100 - value * 100, 0)}% chance a value from \`new\` is greater than a value from \`base\``
      : '';
    let explanation = 'CLES cannot be interpreted';
    if (value > 0.5) {
      baseGreater = true;
      explanation = `${pyFixed(value * 100, 0)}% chance a base value > a new value`;
    } else if (value < 0.5) {
      baseGreater = false;
      explanation = `${pyFixed((1 - value) * 100, 0)}% chance a new value > base value`;
    }
    cles = {
      cles: d2(value),
      cles_direction: '',
      mann_whitney_u_cles: mwText,
      cliffs_delta_cles: cDelta ? `Cliff's Delta: ${pyFixed(cDelta, 2)} → ${interpretation}` : '',
      effect_size: interpretation,
      cles_explanation: explanation,
    };
  }
  let direction = 'no change';
  let newIsBetter: boolean | null = null;
  if (baseGreater === true && meaningful && significant) {
    newIsBetter = lower;
    direction = lower ? 'improvement' : 'regression';
  } else if (baseGreater === false && meaningful && significant) {
    newIsBetter = !lower;
    direction = lower ? 'regression' : 'improvement';
  }
  if (cles) cles.cles_direction = direction;
  return {
    base_rev: common.base_rev,
    new_rev: common.new_rev,
    base_app: common.base_app,
    new_app: common.new_app,
    framework_id: common.framework_id,
    platform: common.platform,
    suite: common.suite,
    header_name: common.header_name,
    base_repository_name: common.base_repository_name,
    new_repository_name: common.new_repository_name,
    is_complete: base.length > 0 && next.length > 0,
    base_measurement_unit: common.base_measurement_unit,
    new_measurement_unit: common.new_measurement_unit,
    base_retriggerable_job_ids: common.base_retriggerable_job_ids,
    new_retriggerable_job_ids: common.new_retriggerable_job_ids,
    base_runs: common.base_runs,
    new_runs: common.new_runs,
    base_runs_replicates: common.base_runs_replicates,
    new_runs_replicates: common.new_runs_replicates,
    test: common.test,
    option_name: common.option_name,
    extra_options: common.extra_options,
    graphs_link: common.graphs_link,
    delta_value: d2(delta),
    delta_percentage: d2(deltaPct),
    is_new_better: newIsBetter === true,
    lower_is_better: lower,
    is_confident: false,
    is_fit_good: isFitGood === true,
    more_runs_are_needed: false,
    direction_of_change: direction,
    is_meaningful: meaningful,
    base_parent_signature: common.base_parent_signature,
    new_parent_signature: common.new_parent_signature,
    base_signature_id: common.base_signature_id,
    new_signature_id: common.new_signature_id,
    has_subtests: common.has_subtests,
    base_standard_stats: standardStats(base),
    new_standard_stats: standardStats(next),
    ks_test: ksTest,
    ks_warning: ksWarning,
    shapiro_wilk_test_base: shapiroBase,
    shapiro_wilk_test_new: shapiroNew,
    shapiro_wilk_warnings: shapiroWarnings,
    mann_whitney_test: mannWhitney,
    cliffs_delta: cDelta === null ? null : d2(cDelta),
    cliffs_interpretation: interpretation,
    warning_c_delta: cWarning,
    cles,
    silverman_kde: null,
    silverman_warnings: [],
    kde_warnings: [],
  };
}

function results(ctx: HandlerContext): Reply {
  const model = ctx.model;
  const validated = validateQuery(ctx.query, fieldSpecs(), (data) => {
    if (data.base_revision === null && data.interval === null) return 'Field required: interval.';
    if (!model.repository(String(data.base_repository)) || !model.repository(String(data.new_repository))) {
      return `${String(data.base_repository)} or ${String(data.new_repository)} does not exist.`;
    }
    return null;
  });
  if (!validated.ok) return json(validated.errors, 400);
  const v = validated.data;
  // Blank booleans without defaults are skipped by the serializer and then indexed: KeyError.
  if (!('no_subtests' in v) || !('replicates' in v)) return serverError();
  const baseRev = v.base_revision as string | null;
  const newRev = String(v.new_revision);
  const baseRepo = String(v.base_repository);
  const newRepo = String(v.new_repository);
  let interval = v.interval as number | null;
  const framework = v.framework as number | null;
  const noSubtests = v.no_subtests === true;

  const newPush = model.pushesOf(newRepo).find((p) => p.revision === newRev);
  if (!newPush) return json(`No new push with revision ${newRev} from repo ${newRepo}.`, 400);
  const now = nowSeconds(ctx);
  let basePush: Push | undefined;
  let startDay: number | null = null;
  let endDay: number | null = null;
  if (baseRev) {
    basePush = model.pushesOf(baseRepo).find((p) => p.revision === baseRev);
    if (!basePush) return json(`No base push with revision ${baseRev} from repo ${baseRepo}.`, 400);
    const span = Math.round(now - Math.min(basePush.pushTimestamp, newPush.pushTimestamp));
    const snapped = PERFHERDER_TIMERANGES.find((r) => r >= span);
    // Older than a year: the variable is never bound in Python (UnboundLocalError).
    if (snapped === undefined) return serverError();
    interval = snapped;
  } else {
    startDay = (newPush.pushTimestamp - (interval ?? 0)) * MICROS_PER_SECOND;
    endDay = newPush.pushTimestamp * MICROS_PER_SECOND;
  }
  const ranges: number[] = [];
  for (const push of basePush ? [newPush, basePush] : [newPush]) {
    const age = now - push.pushTimestamp;
    const range = PERFHERDER_TIMERANGES.find((r) => age < r);
    if (range !== undefined) ranges.push(range);
  }
  if (ranges.length === 0) return serverError();
  const timerange = Math.max(...ranges);

  const baseSigs = getSignatures(ctx, baseRepo, framework, v.base_parent_signature as string | null, interval, noSubtests);
  const newSigs = getSignatures(ctx, newRepo, framework, v.new_parent_signature as string | null, interval, noSubtests);
  if (!baseSigs || !newSigs) return serverError();
  const base = buildSide(model, baseRepo, baseRev, baseSigs, (d, push) => {
    if (baseRev) return push?.revision === baseRev;
    const ts = d.pushTimestamp * MICROS_PER_SECOND;
    return startDay !== null && endDay !== null && ts > startDay && ts < endDay;
  });
  const next = buildSide(model, newRepo, newRev, newSigs, (_d, push) => push?.revision === newRev);

  const headers = [...new Set([...base.headers, ...next.headers])].sort();
  // Python iterates a set of platforms (hash order); sorted keeps the output deterministic.
  const platforms = [...new Set([...base.platforms, ...next.platforms])].sort();
  const mannWhitney = v.test_version === 'mann-whitney-u';
  const rows: Array<Record<string, unknown>> = [];
  for (const header of headers) {
    for (const platform of platforms) {
      const identifier = `${header} ${platform}`;
      const baseSig = base.map.get(identifier);
      const newSig = next.map.get(identifier);
      const sig = baseSig ?? newSig;
      const baseValues = baseSig ? (base.values.get(baseSig.id) ?? []) : [];
      const newValues = newSig ? (next.values.get(newSig.id) ?? []) : [];
      if (baseValues.length === 0 && newValues.length === 0) continue;
      const common: Record<string, unknown> = {
        base_rev: baseRev,
        new_rev: newRev,
        header_name: header,
        platform,
        base_app: baseSig?.application ?? '',
        new_app: newSig?.application ?? '',
        suite: sig?.suite ?? '',
        test: sig?.test ?? '',
        framework_id: framework,
        option_name: sig?.optionName ?? '',
        extra_options: sig?.extraOptions ?? '',
        base_repository_name: baseRepo,
        new_repository_name: newRepo,
        base_measurement_unit: baseSig ? baseSig.measurementUnit : '',
        new_measurement_unit: newSig ? newSig.measurementUnit : '',
        base_runs: d2list(baseValues),
        new_runs: d2list(newValues),
        base_runs_replicates: d2list(baseValues),
        new_runs_replicates: d2list(newValues),
        graphs_link: graphsLink(base, next, framework, timerange, sig?.signatureHash ?? ''),
        base_retriggerable_job_ids: baseSig ? (base.jobIds.get(baseSig.id) ?? []) : [],
        new_retriggerable_job_ids: newSig ? (next.jobIds.get(newSig.id) ?? []) : [],
        base_parent_signature: baseSig ? baseSig.parentSignatureId : null,
        new_parent_signature: newSig ? newSig.parentSignatureId : null,
        base_signature_id: baseSig ? baseSig.id : null,
        new_signature_id: newSig ? newSig.id : null,
        // Python's `a or b`: a False base value with no new signature yields None.
        has_subtests: (baseSig ? baseSig.hasSubtests : null) || (newSig ? newSig.hasSubtests : null),
      };
      const lowerIsBetter = sig ? sig.lowerIsBetter : '';
      rows.push(
        mannWhitney ? mannWhitneyRow(common, baseValues, newValues, lowerIsBetter) : studentTRow(common, baseValues, newValues, lowerIsBetter),
      );
    }
  }
  return json(rows);
}

export const perfCompareRoutes: Route[] = [route('/api/perfcompare/results/', results)];
