import { FAILURE_CLASSIFICATIONS } from '../catalog.js';
import { jobIdOfLog, jobIdOfNote } from '../job-artifacts.js';
import type { HandlerContext, Route } from '../http/context.js';
import { route } from '../http/context.js';
import { pythonInt } from '../http/fields.js';
import { detail, json, message, serverError, type Reply } from '../http/reply.js';
import { bugJobMapPayload, durationMinutes, logPayload, notePayload } from '../serializers.js';
import { toPythonIso } from '../time.js';
import type { Job } from '../types.js';

/** Jobs of `{project}` among the given ids (unknown ids and other repositories drop out). */
function jobsInProject(ctx: HandlerContext, ids: readonly number[]): Job[] {
  const repository = ctx.model.repository(ctx.params.project ?? '');
  if (!repository) return [];
  return [...new Set(ids)]
    .sort((a, b) => a - b)
    .map((id) => ctx.model.job(id))
    .filter((j): j is Job => j !== undefined && j.repositoryId === repository.id);
}

function jobLogUrls(ctx: HandlerContext): Reply {
  const raw = ctx.query.getlist('job_id');
  if (raw.length === 0) return detail('The job_id parameter is mandatory for this endpoint', 400);
  const ids: number[] = [];
  for (const item of raw) {
    const id = pythonInt(item);
    if (id === null) return detail('The job_id parameter(s) must be integers', 400);
    ids.push(id);
  }
  return json(jobsInProject(ctx, ids).flatMap((j) => ctx.model.logsOfJob(j).map(logPayload)));
}

function jobLogUrl(ctx: HandlerContext): Reply {
  // `JobLog.objects.get(id=pk)` without a guard: anything but an existing log is a 500.
  const id = pythonInt(ctx.params.pk ?? '');
  if (id === null) return serverError();
  const job = ctx.model.job(jobIdOfLog(id));
  const log = job ? ctx.model.logsOfJob(job).find((l) => l.id === id) : undefined;
  return log ? json(logPayload(log)) : serverError();
}

function notes(ctx: HandlerContext): Reply {
  const raw = ctx.query.get('job_id');
  if (!raw) return detail('The job_id parameter is mandatory for this endpoint', 400);
  const id = pythonInt(raw);
  if (id === null) return detail('The job_id parameter must be an integer', 400);
  const [job] = jobsInProject(ctx, [id]);
  // Job.objects.get(...) is unguarded: an unknown job (or one of another repo) is a 500.
  if (!job) return serverError();
  return json(ctx.model.notesOfJob(job).map(notePayload));
}

function note(ctx: HandlerContext): Reply {
  const pk = ctx.params.pk ?? '';
  const id = pythonInt(pk);
  if (id === null) return serverError();
  const job = ctx.model.job(jobIdOfNote(id));
  const found = job ? ctx.model.notesOfJob(job).find((n) => n.id === id) : undefined;
  return found ? json(notePayload(found)) : json(`No note with id: ${pk}`, 404);
}

function pushNotes(ctx: HandlerContext): Reply {
  const revision = ctx.query.get('revision');
  if (!revision) return detail('The revision parameter is mandatory for this endpoint', 400);
  const push = ctx.model.pushesOf(ctx.params.project ?? '').find((p) => p.revision === revision);
  if (!push) return serverError();
  const now = ctx.nowUs();
  const names = new Map(FAILURE_CLASSIFICATIONS.map((f) => [f.id, f.name]));
  const rows = ctx.model.jobsOfPush(push.id).flatMap((job) =>
    ctx.model.notesOfJob(job).map((n) => ({
      id: n.id,
      job: {
        task_id: job.taskId,
        job_type_name: job.jobTypeName,
        result: job.result,
        duration: durationMinutes(job, now),
      },
      failure_classification_name: names.get(n.failureClassificationId) ?? null,
      created: toPythonIso(n.createdUs),
      who: n.who,
      text: n.text,
    })),
  );
  return json(rows);
}

function bugJobMaps(ctx: HandlerContext): Reply {
  const ids: number[] = [];
  for (const item of ctx.query.getlist('job_id')) {
    const id = pythonInt(item);
    if (id === null) return message('Valid job_id required');
    ids.push(id);
  }
  if (ids.length === 0) return message('At least one job_id is required');
  return json(jobsInProject(ctx, ids).flatMap((j) => ctx.model.bugJobMapOfJob(j).map(bugJobMapPayload)));
}

function bugJobMap(ctx: HandlerContext): Reply {
  const parts = (ctx.params.pk ?? '').split('-');
  const jobId = parts.length === 2 ? pythonInt(parts[0] ?? '') : null;
  const bugId = parts.length === 2 ? pythonInt(parts[1] ?? '') : null;
  if (jobId === null || bugId === null) return serverError();
  const [job] = jobsInProject(ctx, [jobId]);
  if (!job) return serverError();
  const found = ctx.model.bugJobMapOfJob(job).find((b) => b.bugId === bugId);
  return found ? json(bugJobMapPayload(found)) : json('Object not found', 404);
}

export const logNoteRoutes: Route[] = [
  route('/api/project/:project/job-log-url/', jobLogUrls),
  route('/api/project/:project/job-log-url/:pk/', jobLogUrl),
  route('/api/project/:project/note/', notes, 'GET, POST, HEAD, OPTIONS', ['POST']),
  route('/api/project/:project/note/push_notes/', pushNotes),
  route('/api/project/:project/note/:pk/', note, 'GET, DELETE, HEAD, OPTIONS', ['DELETE']),
  route('/api/project/:project/bug-job-map/', bugJobMaps, 'GET, POST, HEAD, OPTIONS', ['POST']),
  route('/api/project/:project/bug-job-map/:pk/', bugJobMap, 'GET, DELETE, HEAD, OPTIONS', ['DELETE']),
];
