import type { HandlerContext, Route } from '../http/context.js';
import { route } from '../http/context.js';
import { pythonFloat, pythonInt } from '../http/fields.js';
import { detail, json, serverError, type Reply } from '../http/reply.js';
import { pushPayload } from '../serializers.js';
import { parseYmd } from '../time.js';
import type { Job, Push } from '../types.js';

const MAX_PUSH_COUNT = 1000;
const META_PARAMS = ['fromchange', 'tochange', 'startdate', 'enddate', 'revision', 'commit_revision'] as const;
const STOP_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'to', 'in', 'for', 'on', 'is', 'it', 'by', 'with', 'be', 'or', 'as', 'at']);

function stem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/, '');
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/**
 * An approximation of PostgreSQL `plainto_tsquery` against the commit messages: every
 * non-stop-word of the query must appear (after crude stemming) in one commit message.
 */
function commitMatches(push: Push, search: string): boolean {
  const terms = words(search).filter((w) => !STOP_WORDS.has(w)).map(stem);
  if (terms.length === 0) return false;
  return push.commits.some((c) => {
    const have = new Set(words(c.comments).map(stem));
    return terms.every((t) => have.has(t));
  });
}

function revisionMatches(revision: string, value: string): boolean {
  return value.length < 40 ? revision.startsWith(value) : revision === value;
}

/** Signals Django's "Cannot filter a query once a slice has been taken" (after `search`). */
class SlicedError extends Error {}

function newestFirst(a: Push, b: Push): number {
  return b.pushTimestamp - a.pushTimestamp || b.id - a.id;
}

function listPushes(ctx: HandlerContext): Reply {
  const project = ctx.params.project ?? '';
  const model = ctx.model;
  // filter_params: the query (last value per key) minus the meta parameters, plus derived keys.
  const filterParams = new Map<string, string | number>(ctx.query.lastValues());
  const meta: Record<string, unknown> = {};
  for (const param of META_PARAMS) {
    const value = filterParams.get(param);
    if (value) {
      filterParams.delete(param);
      meta[param] = value;
    }
  }
  const allRepos = ctx.query.get('all_repos');
  let repositoryId: number | null = null;
  let pushes: Push[] = model.pushes.slice().sort(newestFirst);
  if (!allRepos) {
    const repository = model.repository(project);
    if (!repository) return detail(`No project with name ${project}`, 404);
    repositoryId = repository.id;
    pushes = pushes.filter((p) => p.repositoryId === repository.id);
  }
  let sliced = false;
  const search = filterParams.get('search');
  if (search) {
    const repository = model.repository(project);
    if (!repository) return serverError();
    repositoryId = repository.id;
    const lowered = String(search).toLowerCase();
    pushes = model
      .pushesOf(project)
      .filter(
        (p) => commitMatches(p, String(search)) || p.author.toLowerCase().includes(lowered) || p.revision.toLowerCase().includes(lowered),
      )
      .slice()
      .sort(newestFirst)
      .slice(0, 200);
    sliced = true;
  }
  const filter = (predicate: (p: Push) => boolean): void => {
    if (sliced) throw new SlicedError();
    pushes = pushes.filter(predicate);
  };
  try {
    for (const [param, raw] of Object.entries(meta)) {
      const value = String(raw);
      if (param === 'fromchange' || param === 'tochange') {
        // `repository` is only bound when the project was looked up; the lookup is a .get().
        if (repositoryId === null) return serverError();
        const candidates = model.pushes.filter((p) => p.repositoryId === repositoryId && revisionMatches(p.revision, value));
        const anchor = candidates[0];
        if (!anchor || candidates.length > 1) return serverError();
        if (param === 'fromchange') {
          filter((p) => p.pushTimestamp >= anchor.pushTimestamp);
          filterParams.set('push_timestamp__gte', anchor.pushTimestamp);
        } else {
          filter((p) => p.pushTimestamp <= anchor.pushTimestamp);
          filterParams.set('push_timestamp__lte', anchor.pushTimestamp);
        }
      } else if (param === 'startdate' || param === 'enddate') {
        const day = parseYmd(value);
        if (day === null) return serverError();
        const seconds = Math.floor(day / 1_000_000);
        if (param === 'startdate') {
          filter((p) => p.pushTimestamp >= seconds);
          filterParams.set('push_timestamp__gte', seconds);
        } else {
          const end = seconds + 86_400;
          filter((p) => p.pushTimestamp <= end);
          filterParams.set('push_timestamp__lt', end);
        }
      } else if (param === 'revision') {
        filter((p) => revisionMatches(p.revision, value));
        filterParams.set(value.length === 40 ? 'revisions_long_revision' : 'revisions_short_revision', value);
      } else if (param === 'commit_revision') {
        filter((p) => p.commits.some((c) => c.revision === value));
      }
    }
    for (const param of ['push_timestamp__lt', 'push_timestamp__lte', 'push_timestamp__gt', 'push_timestamp__gte']) {
      const raw = filterParams.get(param);
      if (!raw) continue;
      const ts = typeof raw === 'number' ? raw : pythonFloat(raw);
      if (ts === null || Number.isNaN(ts)) return detail(`Invalid timestamp specified for ${param}`, 400);
      if (!Number.isFinite(ts) || Math.abs(ts) > 253_402_300_799) return serverError();
      const op = param.slice('push_timestamp__'.length);
      filter((p) =>
        op === 'lt' ? p.pushTimestamp < ts : op === 'lte' ? p.pushTimestamp <= ts : op === 'gt' ? p.pushTimestamp > ts : p.pushTimestamp >= ts,
      );
    }
    for (const param of ['id__lt', 'id__lte', 'id__gt', 'id__gte', 'id']) {
      const raw = filterParams.get(param);
      const value = raw === undefined ? 0 : pythonInt(String(raw));
      // The real message says "timestamp" for ids too.
      if (value === null) return detail(`Invalid timestamp specified for ${param}`, 400);
      if (!value) continue;
      filter((p) =>
        param === 'id__lt'
          ? p.id < value
          : param === 'id__lte'
            ? p.id <= value
            : param === 'id__gt'
              ? p.id > value
              : param === 'id__gte'
                ? p.id >= value
                : p.id === value,
      );
    }
    const idIn = filterParams.get('id__in');
    if (idIn) {
      const ids = new Set<number>();
      for (const part of String(idIn).split(',')) {
        const id = pythonInt(part);
        if (id === null) return detail('Invalid id__in specification', 400);
        ids.add(id);
      }
      filter((p) => ids.has(p.id));
    }
    const author = filterParams.get('author');
    if (author) {
      const text = String(author);
      if (text.startsWith('-')) {
        const excluded = text.slice(1).toLowerCase();
        filter((p) => p.author.toLowerCase() !== excluded);
      } else {
        filter((p) => p.author.toLowerCase() === text.toLowerCase());
      }
    }
    const authorContains = filterParams.get('author_contains');
    if (authorContains) {
      const needle = String(authorContains).toLowerCase();
      filter((p) => p.author.toLowerCase().includes(needle));
    }
    if (filterParams.get('hide_reviewbot_pushes') === 'true') filter((p) => p.author !== 'reviewbot');
  } catch (error) {
    if (error instanceof SlicedError) return serverError();
    throw error;
  }

  const countRaw = filterParams.get('count');
  const count = countRaw === undefined ? 10 : pythonInt(String(countRaw));
  if (count === null) return detail('Valid count value required', 400);
  if (count > MAX_PUSH_COUNT) return detail(`Specified count exceeds api limit: ${MAX_PUSH_COUNT}`, 400);
  if (count < 1) return detail(`count requires a positive integer, not: ${count}`, 400);

  const page = pushes.slice(0, count);
  meta.count = page.length;
  meta.repository = allRepos ? 'all' : project;
  meta.filter_params = Object.fromEntries(filterParams);
  return json({ meta, results: page.map(pushPayload) });
}

function pushDetail(ctx: HandlerContext): Reply {
  const pk = ctx.params.pk ?? '';
  const id = pythonInt(pk);
  if (id === null) return serverError();
  const push = ctx.model.push(id);
  if (!push || push.repositoryName !== ctx.params.project) return json(`No push with id: ${pk}`, 404);
  return json(pushPayload(push));
}

/** `Push.get_status`: tier 1–2 jobs that are unclassified, counted by state and result. */
export function pushStatus(jobs: readonly Job[]): Record<string, number> {
  const status: Record<string, number> = { completed: 0, pending: 0, running: 0 };
  const groups = new Map<string, number>();
  for (const job of jobs) {
    if (job.tier === 3 || job.failureClassificationId !== 1) continue;
    const key = `${job.state}\u0000${job.result}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  for (const [key, total] of groups) {
    const [state, result] = key.split('\u0000') as [string, string];
    if (state === 'completed') {
      status[result] = total;
      status.completed = (status.completed ?? 0) + total;
    } else {
      status[state] = total;
    }
  }
  if ('superseded' in status) status.coalesced = status.superseded ?? 0;
  return status;
}

function pushStatusView(ctx: HandlerContext): Reply {
  const pk = ctx.params.pk ?? '';
  const id = pythonInt(pk);
  if (id === null) return serverError();
  const push = ctx.model.push(id);
  if (!push) return json(`No push with id: ${pk}`, 404);
  return json(pushStatus(ctx.model.jobsOfPush(push.id)));
}

function pythonListRepr(items: readonly string[]): string {
  return `[${items.map((i) => `'${i.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
}

function decisionTasks(ctx: HandlerContext): Reply {
  const raw = (ctx.query.get('push_ids') ?? '').split(',');
  const ids: number[] = [];
  for (const item of raw) {
    const id = pythonInt(item);
    if (id === null) return serverError();
    ids.push(id);
  }
  const out: Record<string, { id: string; run: string }> = {};
  for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
    const push = ctx.model.push(id);
    if (!push) continue;
    const decision = ctx.model.jobsOfPush(push.id)[0];
    if (decision && decision.jobTypeName.endsWith('Decision Task') && decision.jobTypeSymbol === 'D' && decision.result === 'success') {
      out[String(push.id)] = { id: decision.taskId, run: decision.guid.split('/')[1] ?? '0' };
    }
  }
  if (Object.keys(out).length === 0) return json(`No decision tasks found for pushes: ${pythonListRepr(raw)}`, 404);
  return json(out);
}

type MetricResult = 'pass' | 'fail' | 'indeterminate' | 'none';

function metric(failures: number, inProgress: number, total: number): MetricResult {
  if (total === 0) return 'none';
  if (failures > 0) return 'fail';
  if (inProgress > 0) return 'indeterminate';
  return 'pass';
}

/**
 * Push-health digest. The real computation (failure lines, intermittent history, parent
 * comparison) is approximated from job kinds, results and classifications: failures that a
 * sheriff has not called intermittent (classification 1 or 6) need investigation.
 */
function healthSummary(ctx: HandlerContext): Reply {
  const project = ctx.params.project ?? '';
  const revision = ctx.query.get('revision');
  const author = ctx.query.get('author');
  const countRaw = ctx.query.get('count');
  const withHistory = Boolean(ctx.query.get('with_history'));
  const withInProgress = Boolean(ctx.query.get('with_in_progress_tests'));
  let pushes: Push[];
  if (revision) {
    const wanted = new Set(revision.split(','));
    pushes = ctx.model.pushesOf(project).filter((p) => wanted.has(p.revision));
  } else {
    // `int(count)` with count missing (or author missing) raises: a 500 page.
    const count = countRaw === undefined ? null : pythonInt(countRaw);
    if (count === null || author === undefined) return serverError();
    pushes = ctx.model.pushes
      .filter((p) => p.author === author && (ctx.query.get('all_repos') ? true : p.repositoryName === project))
      .slice()
      .sort(newestFirst)
      .slice(0, Math.max(count, 0));
  }
  const rows = pushes.map((push) => {
    const jobs = ctx.model.jobsOfPush(push.id).filter((j) => j.tier < 3);
    const needsLook = (j: Job): boolean =>
      (j.result === 'testfailed' || j.result === 'busted') && (j.failureClassificationId === 1 || j.failureClassificationId === 6);
    const busy = (j: Job): boolean => j.state !== 'completed';
    const tests = jobs.filter((j) => j.kind === 'test' || j.kind === 'perf');
    const builds = jobs.filter((j) => j.kind === 'build');
    const lints = jobs.filter((j) => j.kind === 'lint');
    const testFailures = tests.filter(needsLook).length;
    const buildFailures = builds.filter(needsLook).length;
    const lintFailures = lints.filter(needsLook).length;
    const buildsBusy = builds.filter(busy).length;
    const lintsBusy = lints.filter(busy).length;
    const status = pushStatus(ctx.model.jobsOfPush(push.id));
    status.testfailed = testFailures + buildFailures + lintFailures;
    return {
      revision: push.revision,
      repository: push.repositoryName,
      testFailureCount: testFailures,
      testInProgressCount: withInProgress ? tests.filter(busy).length : 0,
      buildFailureCount: buildFailures,
      buildInProgressCount: buildsBusy,
      lintFailureCount: lintFailures,
      lintingInProgressCount: lintsBusy,
      needInvestigation: testFailures + buildFailures + lintFailures,
      status,
      history: withHistory ? [pushPayload(push)] : null,
      metrics: {
        linting: { name: 'Linting', result: metric(lintFailures, lintsBusy, lints.length) },
        tests: { name: 'Tests', result: metric(testFailures, tests.filter(busy).length, tests.length) },
        builds: { name: 'Builds', result: metric(buildFailures, buildsBusy, builds.length) },
      },
    };
  });
  return json(rows);
}

export const pushRoutes: Route[] = [
  route('/api/project/:project/push/', listPushes),
  route('/api/project/:project/push/decisiontask/', decisionTasks),
  route('/api/project/:project/push/health_summary/', healthSummary),
  route('/api/project/:project/push/:pk/', pushDetail),
  route('/api/project/:project/push/:pk/status/', pushStatusView),
];
