import {
  FAILURE_CLASSIFICATIONS,
  ISSUE_TRACKERS,
  PERFORMANCE_FRAMEWORKS,
  PERFORMANCE_TAGS,
} from '../catalog.js';
import type { HandlerContext, Route } from '../http/context.js';
import { route } from '../http/context.js';
import { pythonInt } from '../http/fields.js';
import { detail, isReply, json, serverError, type Reply } from '../http/reply.js';
import { repositoryPayload } from '../serializers.js';

/**
 * DRF `get_object_or_404`: a pk that is not an integer gives the bare "Not found.", an unknown
 * integer the model-specific message.
 */
function lookup<T>(pk: string, items: readonly T[], idOf: (item: T) => number, model: string): T | Reply {
  const id = pythonInt(pk);
  if (id === null) return detail('Not found.', 404);
  const found = items.find((item) => idOf(item) === id);
  return found ?? detail(`No ${model} matches the given query.`, 404);
}

/** DRF OrderingFilter over the serializer's model fields; unknown terms are dropped. */
function ordered<T extends Record<string, unknown>>(ctx: HandlerContext, rows: T[], fields: readonly string[]): T[] {
  const param = ctx.query.get('ordering');
  if (!param) return rows;
  const terms = param
    .split(',')
    .map((t) => t.trim())
    .filter((t) => fields.includes(t.replace(/^-/, '')));
  if (terms.length === 0) return rows;
  return rows.slice().sort((a, b) => {
    for (const term of terms) {
      const desc = term.startsWith('-');
      const key = term.replace(/^-/, '');
      const x = a[key] as string | number;
      const y = b[key] as string | number;
      if (x < y) return desc ? 1 : -1;
      if (x > y) return desc ? -1 : 1;
    }
    return 0;
  });
}

function activeRepositories(ctx: HandlerContext): Array<Record<string, unknown>> {
  return ctx.model.repositories.filter((r) => r.activeStatus === 'active').map(repositoryPayload);
}

function frameworks(): Array<{ id: number; name: string }> {
  return PERFORMANCE_FRAMEWORKS.map((f) => ({ id: f.id, name: f.name }));
}

function issueTrackers(): Array<{ id: number; text: string; issue_tracker_url: string }> {
  return ISSUE_TRACKERS.map((t) => ({ id: t.id, text: t.text, issue_tracker_url: t.issueTrackerUrl }));
}

/** Bug templates per framework (short texts written for the simulator, same placeholders). */
function bugTemplates(): Array<Record<string, unknown>> {
  return PERFORMANCE_FRAMEWORKS.filter((f) => f.signatures).map((f) => ({
    framework: f.id,
    keywords: `perf, perf-alert, regression, ${f.name}-regression`,
    status_whiteboard: '',
    default_component: 'Performance',
    default_product: 'Testing',
    cc_list: '',
    text: `Perfherder has detected a {{ framework }} performance regression from push [{{ revision }}]({{ revisionHref }}).\n\n{{ alertSummary }}\n\nFor questions, please contact {{ user }}.`,
    critical_text: `Perfherder has detected a {{ framework }} performance regression on critical tests: {{ criticalTests }}.`,
    no_action_required_text: `Perfherder detected a {{ framework }} change from push {{ revision }} that needs no action.`,
  }));
}

function bugTemplateList(ctx: HandlerContext): Reply {
  const raw = ctx.query.get('framework');
  const templates = bugTemplates();
  if (raw === undefined || raw === '') return json(templates);
  // A model-choice filter: anything but an existing framework id is an invalid choice.
  const id = pythonInt(raw);
  if (id === null || !PERFORMANCE_FRAMEWORKS.some((f) => f.id === id)) {
    return json({ framework: ['Select a valid choice. That choice is not one of the available choices.'] }, 400);
  }
  return json(templates.filter((t) => t.framework === id));
}

export const referenceRoutes: Route[] = [
  route('/api/repository/', (ctx) => json(activeRepositories(ctx))),
  route('/api/repository/:pk/', (ctx) => {
    const found = lookup(ctx.params.pk ?? '', activeRepositories(ctx), (r) => r.id as number, 'Repository');
    return isReply(found) ? found : json(found);
  }),
  route('/api/optioncollectionhash/', (ctx) =>
    json(
      ctx.model.optionCollections.map((oc) => ({
        option_collection_hash: oc.hash,
        options: oc.options.map((name) => ({ name })),
      })),
    ),
  ),
  route('/api/failureclassification/', () => json(FAILURE_CLASSIFICATIONS.map((f) => ({ id: f.id, name: f.name })))),
  route('/api/failureclassification/:pk/', (ctx) => {
    const found = lookup(ctx.params.pk ?? '', FAILURE_CLASSIFICATIONS, (f) => f.id, 'FailureClassification');
    return isReply(found) ? found : json({ id: found.id, name: found.name });
  }),
  route('/api/machineplatforms/', (ctx) => json(ctx.model.machinePlatforms.map((p) => ({ id: p.id, platform: p.platform })))),
  // Anonymous callers get an empty list: the view lists only the logged-in user.
  route('/api/user/', () => json([])),
  route('/api/user/:pk/', (ctx) =>
    pythonInt(ctx.params.pk ?? '') === null ? detail('Not found.', 404) : detail('No User matches the given query.', 404),
  ),
  route('/api/taskclustermetadata/', (ctx) => {
    // `job_ids` is split and handed to an integer IN filter unchecked: absent or bad → 500.
    const raw = (ctx.query.get('job_ids') ?? '').split(',');
    const ids: number[] = [];
    for (const item of raw) {
      const id = pythonInt(item);
      if (id === null) return serverError();
      ids.push(id);
    }
    const rows = [...new Set(ids)]
      .sort((a, b) => a - b)
      .map((id) => ctx.model.job(id))
      .filter((j) => j !== undefined)
      .map((j) => ({ job: j.id, task_id: j.taskId, retry_id: j.retryId }));
    return json(rows);
  }),
  route('/api/performance/framework/', (ctx) => json(ordered(ctx, frameworks(), ['id', 'name']))),
  route('/api/performance/framework/:pk/', (ctx) => {
    const found = lookup(ctx.params.pk ?? '', frameworks(), (f) => f.id, 'PerformanceFramework');
    return isReply(found) ? found : json(found);
  }),
  route('/api/performance/tag/', (ctx) => json(ordered(ctx, PERFORMANCE_TAGS.map((t) => ({ ...t })), ['id', 'name']))),
  route('/api/performance/tag/:pk/', (ctx) => {
    const found = lookup(ctx.params.pk ?? '', PERFORMANCE_TAGS, (t) => t.id, 'PerformanceTag');
    return isReply(found) ? found : json({ id: found.id, name: found.name });
  }),
  route('/api/performance/bug-template/', bugTemplateList),
  route('/api/performance/issue-tracker/', (ctx) => json(ordered(ctx, issueTrackers(), ['id']))),
  route('/api/performance/issue-tracker/:pk/', (ctx) => {
    const found = lookup(ctx.params.pk ?? '', issueTrackers(), (t) => t.id, 'IssueTracker');
    return isReply(found) ? found : json(found);
  }),
];
