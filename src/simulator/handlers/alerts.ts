import { PERFORMANCE_FRAMEWORKS } from '../catalog.js';
import type { HandlerContext, Route } from '../http/context.js';
import { route } from '../http/context.js';
import { DRF_MESSAGES, ENTER_A_NUMBER, djangoDecimal, drfInteger, pythonInt } from '../http/fields.js';
import { replaceQueryParam } from '../http/query.js';
import { detail, isReply, json, type Reply } from '../http/reply.js';
import {
  alertPayload,
  alertSummaryPayload,
  type AlertPayloadContext,
  type SummaryPayloadContext,
} from '../serializers.js';
import { MICROS_PER_SECOND } from '../time.js';
import type { PerformanceAlert, PerformanceAlertSummary } from '../types.js';
import { paginate } from './jobs.js';

/** Frameworks the sheriffs watch (`SHERIFFED_FRAMEWORKS` in Treeherder). */
const SHERIFFED_FRAMEWORKS = ['awsy', 'browsertime', 'build_metrics', 'devtools', 'js-bench', 'mozperftest', 'talos'];

function payloadContext(ctx: HandlerContext): SummaryPayloadContext {
  const model = ctx.model;
  const taskCache = new Map<string, Record<string, unknown>>();
  return {
    signature: (id) => model.signature(id),
    summary: (id) => model.alertSummary(id),
    alert: (id) => model.alert(id),
    push: (id) => model.push(id),
    repositoryName: (id) => model.repositoryById(id)?.name ?? '',
    summaries: model.alertSummaries,
    taskMetadata(signatureId, pushId) {
      const key = `${signatureId}|${pushId}`;
      const cached = taskCache.get(key);
      if (cached) return cached;
      const datum = model.dataOfSignature(signatureId).find((d) => d.pushId === pushId);
      const job = datum ? model.perfJob(datum.jobId) : undefined;
      const value = job ? { task_id: job.taskId, retry_id: job.retryId } : {};
      taskCache.set(key, value);
      return value;
    },
  };
}

/** The NullBooleanSelect widget: only these spellings count; anything else leaves it unset. */
function nullBoolean(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  const map: Record<string, boolean> = { True: true, true: true, '2': true, False: false, false: false, '3': false };
  return value in map ? (map[value] as boolean) : null;
}

type SummaryPredicate = (s: PerformanceAlertSummary) => boolean;

/** The summary filter set; number fields report "Enter a number." like the form does. */
function summaryFilters(ctx: HandlerContext): { predicates: SummaryPredicate[]; errors: Record<string, string[]> } {
  const model = ctx.model;
  const q = ctx.query;
  const predicates: SummaryPredicate[] = [];
  const errors: Record<string, string[]> = {};
  const alertsOf = (s: PerformanceAlertSummary): PerformanceAlert[] =>
    s.alertIds.map((id) => model.alert(id)).filter((a): a is PerformanceAlert => a !== undefined);
  const relatedOf = (s: PerformanceAlertSummary): PerformanceAlert[] =>
    s.relatedAlertIds.map((id) => model.alert(id)).filter((a): a is PerformanceAlert => a !== undefined);
  const number = (name: string, apply: (value: number) => SummaryPredicate): void => {
    const raw = q.get(name);
    if (raw === undefined || raw.trim() === '') return;
    const parsed = djangoDecimal(raw);
    if (!parsed.ok) errors[name] = [ENTER_A_NUMBER];
    else predicates.push(apply(parsed.value));
  };
  number('id', (v) => (s) => s.id === v);
  number('status', (v) => (s) => s.status === v);
  number('framework', (v) => (s) => s.frameworkId === v);
  number('repository', (v) => (s) => s.repositoryId === v);
  number('alerts__series_signature', (v) => (s) => alertsOf(s).some((a) => a.signatureId === v));

  const text = q.get('filter_text');
  if (text) {
    const words = text.split(' ');
    const fullName = (s: PerformanceAlertSummary, a: PerformanceAlert | null): string => {
      const sig = a ? model.signature(a.signatureId) : undefined;
      const revision = model.push(s.pushId)?.revision ?? '';
      return [sig?.suite ?? '', sig?.test ?? '', sig?.platform ?? '', sig?.extraOptions ?? '', s.bugNumber ?? '', revision].join(' ');
    };
    predicates.push((s) => {
      // One joined row per (alert, related alert) pair; every word must hit one of the two.
      const own = [null, ...alertsOf(s)];
      const related = [null, ...relatedOf(s)];
      return own.some((a) =>
        related.some((r) => {
          const left = fullName(s, a);
          const right = fullName(s, r);
          return words.every((w) => left.includes(w) || right.includes(w));
        }),
      );
    });
  }
  if (nullBoolean(q.get('hide_improvements')) !== null) {
    predicates.push((s) => alertsOf(s).some((a) => a.isRegression));
  }
  if (nullBoolean(q.get('hide_related_and_invalid')) !== null) {
    predicates.push((s) => ![1, 2, 3].includes(s.status));
  }
  if (nullBoolean(q.get('untriaged_regressions')) !== null) {
    predicates.push(
      (s) => alertsOf(s).some((a) => a.isRegression && a.status === 0) || relatedOf(s).some((a) => a.isRegression),
    );
  }
  if (nullBoolean(q.get('untriaged_improvements')) !== null) {
    predicates.push(
      (s) =>
        alertsOf(s).some((a) => !a.isRegression && a.status === 0) &&
        !alertsOf(s).some((a) => a.isRegression && a.status === 0) &&
        !relatedOf(s).some((a) => a.isRegression),
    );
  }
  const assignee = q.get('with_assignee');
  if (assignee) predicates.push((s) => s.assigneeUsername === assignee);
  number('timerange', (v) => {
    const since = (Math.trunc(ctx.nowUs() / MICROS_PER_SECOND) - Math.trunc(v)) * MICROS_PER_SECOND;
    return (s) => (model.push(s.pushId)?.pushTimestamp ?? 0) * MICROS_PER_SECOND > since;
  });
  if (nullBoolean(q.get('show_sheriffed_frameworks')) !== null) {
    const names = new Map(PERFORMANCE_FRAMEWORKS.map((f) => [f.id, f.name]));
    predicates.push((s) => SHERIFFED_FRAMEWORKS.includes(names.get(s.frameworkId) ?? ''));
  }
  return { predicates, errors };
}

const SUMMARY_ORDERING_FIELDS = new Set(['id', 'created', 'status', 'push_id', 'prev_push_id', 'first_triaged', 'triage_due_date', 'bug_number', 'bug_updated', 'bug_due_date', 'framework', 'repository', 'issue_tracker']);

function summarySortKey(s: PerformanceAlertSummary, field: string): number | null {
  switch (field) {
    case 'id':
      return s.id;
    case 'created':
      return s.createdUs;
    case 'status':
      return s.status;
    case 'push_id':
      return s.pushId;
    case 'prev_push_id':
      return s.prevPushId;
    case 'first_triaged':
      return s.firstTriagedUs;
    case 'triage_due_date':
      return s.triageDueDateUs;
    case 'bug_number':
      return s.bugNumber;
    case 'bug_updated':
      return s.bugUpdatedUs;
    case 'bug_due_date':
      return s.bugDueDateUs;
    case 'framework':
      return s.frameworkId;
    case 'repository':
      return s.repositoryId;
    case 'issue_tracker':
      return s.issueTracker;
    default:
      return null;
  }
}

/** OrderingFilter: valid terms from `ordering=`, else the view's `-created, -id`. */
function orderSummaries(ctx: HandlerContext, rows: PerformanceAlertSummary[]): PerformanceAlertSummary[] {
  const param = ctx.query.get('ordering');
  let terms = (param ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => SUMMARY_ORDERING_FIELDS.has(t.replace(/^-/, '')));
  if (terms.length === 0) terms = ['-created', '-id'];
  return rows.slice().sort((a, b) => {
    for (const term of terms) {
      const desc = term.startsWith('-');
      const field = term.replace(/^-/, '');
      const x = summarySortKey(a, field);
      const y = summarySortKey(b, field);
      if (x === y) continue;
      // PostgreSQL sorts NULLs last ascending and first descending.
      if (x === null) return desc ? -1 : 1;
      if (y === null) return desc ? 1 : -1;
      return desc ? y - x : x - y;
    }
    return 0;
  });
}

function filteredSummaries(ctx: HandlerContext): PerformanceAlertSummary[] | Reply {
  const { predicates, errors } = summaryFilters(ctx);
  if (Object.keys(errors).length > 0) return json(errors, 400);
  const active = new Set(ctx.model.repositories.filter((r) => r.activeStatus === 'active').map((r) => r.id));
  const rows = ctx.model.alertSummaries.filter((s) => active.has(s.repositoryId) && predicates.every((p) => p(s)));
  return orderSummaries(ctx, rows);
}

function limit(raw: string | undefined): number {
  if (raw === undefined) return 10;
  const value = pythonInt(raw);
  if (value === null || value <= 0) return 10;
  return Math.min(value, 100);
}

function listSummaries(ctx: HandlerContext): Reply {
  const rows = filteredSummaries(ctx);
  if (!Array.isArray(rows)) return rows;
  let visible = rows;
  if (!ctx.query.get('id')) {
    // Without an id, the list shows sheriffed summaries, or only the monitored ones on request.
    const monitored = Boolean(ctx.query.get('monitored_alerts'));
    visible = rows.filter((s) => s.sheriffed === !monitored);
  }
  const page = paginate(ctx, visible, limit(ctx.query.get('limit')));
  if (isReply(page)) return page;
  const payloadCtx = payloadContext(ctx);
  return json({
    count: page.count,
    next: page.next,
    previous: page.previous,
    results: page.items.map((s) => alertSummaryPayload(s, payloadCtx)),
  });
}

function oneSummary(ctx: HandlerContext): Reply {
  const rows = filteredSummaries(ctx);
  if (!Array.isArray(rows)) return rows;
  const id = pythonInt(ctx.params.pk ?? '');
  if (id === null) return detail('Not found.', 404);
  const found = rows.find((s) => s.id === id);
  if (!found) return detail('No PerformanceAlertSummary matches the given query.', 404);
  return json(alertSummaryPayload(found, payloadContext(ctx)));
}

function alertFilter(ctx: HandlerContext): ((a: PerformanceAlert) => boolean) | Reply {
  const raw = ctx.query.get('id');
  if (raw === undefined || raw.trim() === '') return () => true;
  const parsed = djangoDecimal(raw);
  if (!parsed.ok) return json({ id: [ENTER_A_NUMBER] }, 400);
  return (a) => a.id === parsed.value;
}

function encodeCursor(position: number, reverse: boolean): string {
  const query = reverse ? `r=1&p=${position}` : `p=${position}`;
  return Buffer.from(query, 'ascii').toString('base64');
}

function decodeCursor(raw: string): { position: number | null; reverse: boolean; offset: number } | null {
  const text = Buffer.from(raw, 'base64').toString('ascii');
  if (Buffer.from(text, 'ascii').toString('base64').replace(/=+$/, '') !== raw.replace(/=+$/, '')) return null;
  const params = new URLSearchParams(text);
  const offsetRaw = params.get('o');
  const offset = offsetRaw === null ? 0 : pythonInt(offsetRaw);
  if (offset === null || offset < 0) return null;
  const position = params.get('p');
  return { position: position === null ? null : Number(position), reverse: params.get('r') === '1', offset };
}

/**
 * DRF CursorPagination ordered by `-id`, 10 per page. Ids are unique, so the cursor is just
 * the boundary id (plus the reverse flag for `previous`).
 */
function listAlerts(ctx: HandlerContext): Reply {
  const keep = alertFilter(ctx);
  if (typeof keep !== 'function') return keep;
  const all = ctx.model.alerts.filter(keep).sort((a, b) => b.id - a.id);
  const pageSize = 10;
  const cursorRaw = ctx.query.get('cursor');
  const cursor = cursorRaw ? decodeCursor(cursorRaw) : { position: null, reverse: false, offset: 0 };
  if (!cursor || (cursor.position !== null && !Number.isFinite(cursor.position))) return detail('Invalid cursor', 404);
  let items: PerformanceAlert[];
  let hasNext: boolean;
  let hasPrevious: boolean;
  if (!cursor.reverse) {
    const after = cursor.position === null ? all : all.filter((a) => a.id < (cursor.position as number));
    const window = after.slice(cursor.offset, cursor.offset + pageSize + 1);
    items = window.slice(0, pageSize);
    hasNext = window.length > pageSize;
    hasPrevious = cursor.position !== null || cursor.offset > 0;
  } else {
    const before = all.filter((a) => a.id > (cursor.position ?? -Infinity)).reverse();
    const window = before.slice(cursor.offset, cursor.offset + pageSize + 1);
    items = window.slice(0, pageSize).reverse();
    hasPrevious = window.length > pageSize;
    hasNext = true;
  }
  const base = `${ctx.origin}${encodeURI(ctx.path)}`;
  const last = items[items.length - 1];
  const first = items[0];
  const next = hasNext && last ? replaceQueryParam(base, ctx.rawQuery, 'cursor', encodeCursor(last.id, false)) : null;
  const previous = hasPrevious && first ? replaceQueryParam(base, ctx.rawQuery, 'cursor', encodeCursor(first.id, true)) : null;
  const payloadCtx: AlertPayloadContext = payloadContext(ctx);
  return json({ next, previous, results: items.map((a) => alertPayload(a, payloadCtx)) });
}

function oneAlert(ctx: HandlerContext): Reply {
  const keep = alertFilter(ctx);
  if (typeof keep !== 'function') return keep;
  const id = pythonInt(ctx.params.pk ?? '');
  if (id === null) return detail('Not found.', 404);
  const alert = ctx.model.alert(id);
  if (!alert || !keep(alert)) return detail('No PerformanceAlert matches the given query.', 404);
  return json(alertPayload(alert, payloadContext(ctx)));
}

function summaryTasks(ctx: HandlerContext): Reply {
  const raw = ctx.query.get('id');
  if (raw === undefined) return json({ id: [DRF_MESSAGES.required] }, 400);
  const parsed = drfInteger(raw);
  if (raw.trim() === '' || !parsed.ok) return json({ id: [raw.trim() === '' ? DRF_MESSAGES.required : DRF_MESSAGES.integer] }, 400);
  const summary = ctx.model.alertSummary(parsed.value);
  if (!summary) return json({ message: ['PerformanceAlertSummary does not exist.'] }, 400);
  const signatureIds = [...summary.alertIds, ...summary.relatedAlertIds]
    .map((id) => ctx.model.alert(id)?.signatureId)
    .filter((id): id is number => id !== undefined);
  const tasks = new Set<string>();
  for (const id of signatureIds) {
    const sig = ctx.model.signature(id);
    if (sig && ctx.model.dataOfSignature(id).length > 0) tasks.add(sig.jobLabel);
  }
  return json({ id: parsed.value, tasks: [...tasks].sort() });
}

export const alertRoutes: Route[] = [
  route('/api/performance/alertsummary/', listSummaries, 'GET, POST, HEAD, OPTIONS', ['POST']),
  route('/api/performance/alertsummary/:pk/', oneSummary, 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS', ['PUT', 'PATCH', 'DELETE']),
  route('/api/performance/alert/', listAlerts, 'GET, POST, HEAD, OPTIONS', ['POST']),
  route('/api/performance/alert/:pk/', oneAlert, 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS', ['PUT', 'PATCH', 'DELETE']),
  route('/api/performance/alertsummary-tasks/', summaryTasks),
];
