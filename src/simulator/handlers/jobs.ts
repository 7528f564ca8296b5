import { bugSuggestionsOfJob } from '../job-artifacts.js';
import type { HandlerContext, Route } from '../http/context.js';
import { route } from '../http/context.js';
import { pythonFloat, pythonInt } from '../http/fields.js';
import { filterJobs, matchesJob, parseJobFilter, type FilterValue } from '../http/job-filter.js';
import { removeQueryParam, replaceQueryParam } from '../http/query.js';
import { detail, isReply, json, serverError, type Reply } from '../http/reply.js';
import {
  JOB_PROPERTY_NAMES,
  PROJECT_JOB_PROPERTY_NAMES,
  bugSuggestionPayload,
  compactJob,
  jobDetail,
  projectJobDict,
  projectJobValues,
  textLogErrorPayload,
} from '../serializers.js';
import { parseIsoDateTime } from '../time.js';
import type { Job } from '../types.js';

const MAX_PAGE_SIZE = 2000;
const MAX_JOBS_COUNT = 2000;

/** DRF `_positive_int(value, strict=True, cutoff)`; anything unusable means "default". */
function pageSize(raw: string | undefined): number {
  if (raw === undefined) return MAX_PAGE_SIZE;
  const value = pythonInt(raw);
  if (value === null || value <= 0) return MAX_PAGE_SIZE;
  return Math.min(value, MAX_PAGE_SIZE);
}

export interface Page<T> {
  items: T[];
  next: string | null;
  previous: string | null;
  count: number;
}

/**
 * DRF PageNumberPagination over an in-memory list: `page` is 1-based ("last" allowed), an
 * out-of-range or non-integer page is a 404 "Invalid page.", links are absolute and sorted.
 */
export function paginate<T>(ctx: HandlerContext, rows: readonly T[], size: number): Page<T> | Reply {
  const count = rows.length;
  const numPages = count === 0 ? 1 : Math.ceil(count / size);
  const raw = ctx.query.get('page') ?? '1';
  const number = raw === 'last' ? numPages : pythonInt(raw);
  if (number === null || number < 1 || number > numPages) return detail('Invalid page.', 404);
  const base = `${ctx.origin}${encodeURI(ctx.path)}`;
  const next = number < numPages ? replaceQueryParam(base, ctx.rawQuery, 'page', number + 1) : null;
  let previous: string | null = null;
  if (number > 1) {
    previous = number - 1 === 1 ? removeQueryParam(base, ctx.rawQuery, 'page') : replaceQueryParam(base, ctx.rawQuery, 'page', number - 1);
  }
  return { items: rows.slice((number - 1) * size, number * size), next, previous, count };
}

function queryValues(ctx: HandlerContext): Map<string, FilterValue> {
  return new Map<string, FilterValue>(ctx.query.lastValues());
}

function listAllJobs(ctx: HandlerContext): Reply {
  const filter = parseJobFilter(queryValues(ctx));
  if (Object.keys(filter.errors).length > 0) return json(filter.errors, 400);
  const jobs = filterJobs(ctx.model, filter, null);
  const page = paginate(ctx, jobs, pageSize(ctx.query.get('count')));
  if (isReply(page)) return page;
  const now = ctx.nowUs();
  return json({
    count: page.count,
    next: page.next,
    previous: page.previous,
    results: page.items.map((j) => {
      const push = ctx.model.push(j.pushId);
      return push ? compactJob(j, push, now) : [];
    }),
    job_property_names: JOB_PROPERTY_NAMES,
  });
}

function oneJob(ctx: HandlerContext): Reply {
  // Filters apply to the detail route too (get_object goes through filter_queryset).
  const filter = parseJobFilter(queryValues(ctx));
  if (Object.keys(filter.errors).length > 0) return json(filter.errors, 400);
  const id = pythonInt(ctx.params.pk ?? '');
  if (id === null) return detail('Not found.', 404);
  const job = ctx.model.job(id);
  const push = job ? ctx.model.push(job.pushId) : undefined;
  if (!job || !push || !matchesJob(filter, job)) {
    return detail('No Job matches the given query.', 404);
  }
  return json(compactJob(job, push, ctx.nowUs()));
}

/** Plausibility check standing in for `dateutil.parser.parse` (lenient, but not anything). */
function dateutilParses(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (parseIsoDateTime(t) !== null) return true;
  if (/^\d{4}(-\d{1,2})?$/.test(t)) return true;
  return !Number.isNaN(Date.parse(t));
}

function listProjectJobs(ctx: HandlerContext): Reply {
  const values = new Map<string, FilterValue>();
  for (const [key, value] of ctx.query.lastValues()) {
    if (key.startsWith('result_set_id')) {
      values.set(key.replace('result_set_id', 'push_id'), value);
    } else if (key === 'submit_timestamp' || key === 'start_timestamp' || key === 'end_timestamp') {
      const seconds = pythonFloat(value);
      if (seconds === null || !Number.isFinite(seconds)) return serverError();
      values.set(key.replace('timestamp', 'time'), { us: Math.round(seconds * 1e6) });
    } else if (key.startsWith('last_modified')) {
      if (!dateutilParses(value)) return json(`Invalid date value for \`last_modified\`: ${value}`, 400);
      values.set(key, value);
    } else {
      values.set(key, value);
    }
  }
  const offsetRaw = values.get('offset');
  const countRaw = values.get('count');
  const offset = offsetRaw === undefined ? 0 : pythonInt(String(offsetRaw));
  const count = countRaw === undefined ? 10 : pythonInt(String(countRaw));
  if (offset === null || count === null) return json('Invalid value for offset or count', 400);
  const returnTypeRaw = values.get('return_type');
  const returnType = typeof returnTypeRaw === 'string' ? returnTypeRaw.toLowerCase() : 'dict';
  if (count > MAX_JOBS_COUNT) return detail(`Specified count exceeds API MAX_JOBS_COUNT value: ${MAX_JOBS_COUNT}`, 400);
  const project = ctx.params.project ?? '';
  const repository = ctx.model.repository(project);
  if (!repository) return detail(`No project with name ${project}`, 404);
  // Invalid filter values are dropped here, not reported: the filter set is never validated.
  const filter = parseJobFilter(values);
  if (offset < 0 || offset + count < 0) return serverError();
  const jobs = filterJobs(ctx.model, filter, repository.id).slice(offset, offset + count);
  return json({ ...jobListBody(jobs, returnType), meta: { repository: project, offset, count } });
}

function jobListBody(jobs: readonly Job[], returnType: string): Record<string, unknown> {
  if (returnType === 'dict') return { results: jobs.map(projectJobDict) };
  const body: Record<string, unknown> = { results: jobs.map(projectJobValues) };
  if (returnType === 'list') body.job_property_names = PROJECT_JOB_PROPERTY_NAMES;
  return body;
}

/** `Job.objects.get(repository__name=project, id=pk)`: bad pk → 500, missing → 404 string. */
function projectJob(ctx: HandlerContext): Job | Reply {
  const pk = ctx.params.pk ?? '';
  const id = pythonInt(pk);
  if (id === null) return serverError();
  const job = ctx.model.job(id);
  const repository = ctx.model.repository(ctx.params.project ?? '');
  if (!job || !repository || job.repositoryId !== repository.id) return json(`No job with id: ${pk}`, 404);
  return job;
}

function jobDetailView(ctx: HandlerContext): Reply {
  const job = projectJob(ctx);
  if (isReply(job)) return job;
  return json(jobDetail(job, ctx.params.project ?? '', ctx.model.logsOfJob(job)));
}

function textLogErrors(ctx: HandlerContext): Reply {
  const job = projectJob(ctx);
  if (isReply(job)) return job;
  return json(ctx.model.textLogErrorsOfJob(job).map(textLogErrorPayload));
}

function bugSuggestions(ctx: HandlerContext): Reply {
  const job = projectJob(ctx);
  if (isReply(job)) return job;
  const spec = ctx.model.specs.get(job.repositoryId);
  if (!spec) return serverError();
  return json(bugSuggestionsOfJob(ctx.model.seed, spec, job).map(bugSuggestionPayload));
}

function similarJobs(ctx: HandlerContext): Reply {
  const project = ctx.params.project ?? '';
  const repository = ctx.model.repository(project);
  if (!repository) return detail(`No project with name ${project}`, 404);
  const job = projectJob(ctx);
  if (isReply(job)) return job;
  const offsetRaw = ctx.query.get('offset');
  const countRaw = ctx.query.get('count');
  const offset = offsetRaw === undefined ? 0 : pythonInt(offsetRaw);
  const count = countRaw === undefined ? 50 : pythonInt(countRaw);
  if (offset === null || count === null) return json('Invalid value for offset or count', 400);
  const returnType = (ctx.query.get('return_type') ?? 'dict').toLowerCase();
  const noSuccess = ctx.query.has('nosuccess');
  const filter = parseJobFilter(queryValues(ctx));
  const similar = filterJobs(ctx.model, filter, repository.id)
    .filter((j) => j.jobTypeId === job.jobTypeId && j.id !== job.id && !(noSuccess && j.result === 'success'))
    .sort((a, b) => b.pushId - a.pushId || b.startTimeUs - a.startTimeUs);
  if (offset < 0 || offset + count < 0) return serverError();
  return json({ ...jobListBody(similar.slice(offset, offset + count), returnType), meta: { offset, count, repository: project } });
}

export const jobRoutes: Route[] = [
  route('/api/jobs/', listAllJobs),
  route('/api/jobs/:pk/', oneJob),
  route('/api/project/:project/jobs/', listProjectJobs),
  route('/api/project/:project/jobs/:pk/', jobDetailView),
  route('/api/project/:project/jobs/:pk/text_log_errors/', textLogErrors),
  route('/api/project/:project/jobs/:pk/bug_suggestions/', bugSuggestions),
  route('/api/project/:project/jobs/:pk/similar_jobs/', similarJobs),
];
