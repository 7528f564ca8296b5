import type { SimulatorModel } from '../model.js';
import { parseIsoDateTime } from '../time.js';
import type { Job, Push } from '../types.js';
import { ENTER_A_DATETIME, ENTER_A_NUMBER, djangoDecimal } from './fields.js';

/**
 * Treeherder's `JobFilter` (django-filter) over generated jobs. The filter set is shared by the
 * global and the project jobs routes; only the handling of invalid values differs (400 there,
 * silently dropped here), so parsing reports errors and lets the caller decide.
 */

type Op = 'exact' | 'lt' | 'lte' | 'gt' | 'gte' | 'in';
type Kind = 'number' | 'char' | 'datetime';

interface FilterDef {
  name: string;
  kind: Kind;
  op: Op;
  get(job: Job): string | number;
}

const num = (get: (j: Job) => number): ((j: Job) => number) => get;

function ranged(field: string, kind: Kind, get: (j: Job) => number, ops: readonly Op[]): FilterDef[] {
  return ops.map((op) => ({ name: op === 'exact' ? field : `${field}__${op}`, kind, op, get }));
}

const RANGE: readonly Op[] = ['lt', 'lte', 'exact', 'gt', 'gte'];

/** In the order the filter set's form lists its fields (errors come out in this order). */
const FILTERS: readonly FilterDef[] = [
  { name: 'option_collection_hash', kind: 'char', op: 'exact', get: (j) => j.optionCollectionHash },
  { name: 'build_platform_id', kind: 'number', op: 'exact', get: num((j) => j.buildPlatformId) },
  { name: 'failure_classification_id', kind: 'number', op: 'exact', get: num((j) => j.failureClassificationId) },
  { name: 'job_type_id', kind: 'number', op: 'exact', get: num((j) => j.jobTypeId) },
  { name: 'job_group_id', kind: 'number', op: 'exact', get: num((j) => j.jobGroupId) },
  { name: 'reason', kind: 'char', op: 'exact', get: (j) => j.reason },
  { name: 'state', kind: 'char', op: 'exact', get: (j) => j.state },
  { name: 'result', kind: 'char', op: 'exact', get: (j) => j.result },
  { name: 'who', kind: 'char', op: 'exact', get: (j) => j.who },
  ...ranged('tier', 'number', (j) => j.tier, RANGE),
  ...ranged('id', 'number', (j) => j.id, RANGE),
  ...ranged('push_id', 'number', (j) => j.pushId, RANGE),
  ...ranged('last_modified', 'datetime', (j) => j.lastModifiedUs, RANGE),
  ...ranged('submit_time', 'datetime', (j) => j.submitTimeUs, RANGE),
  ...ranged('start_time', 'datetime', (j) => j.startTimeUs, RANGE),
  ...ranged('end_time', 'datetime', (j) => j.endTimeUs, RANGE),
  { name: 'id__in', kind: 'number', op: 'in', get: (j) => j.id },
  { name: 'tier__in', kind: 'number', op: 'in', get: (j) => j.tier },
  { name: 'push_id__in', kind: 'number', op: 'in', get: (j) => j.pushId },
  { name: 'job_guid', kind: 'char', op: 'exact', get: (j) => j.guid },
  { name: 'job_guid__in', kind: 'char', op: 'in', get: (j) => j.guid },
  { name: 'build_architecture', kind: 'char', op: 'exact', get: (j) => j.buildArchitecture },
  { name: 'build_os', kind: 'char', op: 'exact', get: (j) => j.buildOs },
  { name: 'build_platform', kind: 'char', op: 'exact', get: (j) => j.buildPlatform },
  { name: 'build_system_type', kind: 'char', op: 'exact', get: (j) => j.buildSystemType },
  { name: 'job_group_name', kind: 'char', op: 'exact', get: (j) => j.jobGroupName },
  { name: 'job_group_symbol', kind: 'char', op: 'exact', get: (j) => j.jobGroupSymbol },
  { name: 'job_type_name', kind: 'char', op: 'exact', get: (j) => j.jobTypeName },
  { name: 'job_type_symbol', kind: 'char', op: 'exact', get: (j) => j.jobTypeSymbol },
  { name: 'machine_name', kind: 'char', op: 'exact', get: (j) => j.machineName },
  { name: 'machine_platform_architecture', kind: 'char', op: 'exact', get: (j) => j.machinePlatformArchitecture },
  { name: 'machine_platform_os', kind: 'char', op: 'exact', get: (j) => j.machinePlatformOs },
  { name: 'platform', kind: 'char', op: 'exact', get: (j) => j.platform },
  { name: 'ref_data_name', kind: 'char', op: 'exact', get: (j) => j.refDataName },
  { name: 'signature', kind: 'char', op: 'exact', get: (j) => j.signature },
  { name: 'task_id', kind: 'char', op: 'exact', get: (j) => j.taskId },
  { name: 'retry_id', kind: 'number', op: 'exact', get: num((j) => j.retryId) },
];

/** A filter value: a string from the query, or an already-converted time (legacy params). */
export type FilterValue = string | { us: number };

interface Condition {
  def: FilterDef;
  values: ReadonlyArray<string | number>;
}

export interface ParsedJobFilter {
  conditions: Condition[];
  errors: Record<string, string[]>;
}

export function parseJobFilter(values: ReadonlyMap<string, FilterValue>): ParsedJobFilter {
  const conditions: Condition[] = [];
  const errors: Record<string, string[]> = {};
  for (const def of FILTERS) {
    const raw = values.get(def.name);
    if (raw === undefined) continue;
    if (typeof raw !== 'string') {
      if (def.kind === 'datetime') conditions.push({ def, values: [raw.us] });
      continue;
    }
    if (def.op === 'in') {
      const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (items.length === 0) continue;
      if (def.kind === 'number') {
        const parsed = items.map(djangoDecimal);
        if (parsed.some((p) => !p.ok)) {
          errors[def.name] = [ENTER_A_NUMBER];
          continue;
        }
        conditions.push({ def, values: parsed.map((p) => (p.ok ? p.value : NaN)) });
      } else {
        conditions.push({ def, values: items });
      }
      continue;
    }
    if (raw.trim() === '') continue;
    if (def.kind === 'number') {
      const parsed = djangoDecimal(raw);
      if (!parsed.ok) errors[def.name] = [ENTER_A_NUMBER];
      else conditions.push({ def, values: [parsed.value] });
    } else if (def.kind === 'datetime') {
      const us = parseIsoDateTime(raw);
      if (us === null) errors[def.name] = [ENTER_A_DATETIME];
      else conditions.push({ def, values: [us] });
    } else {
      conditions.push({ def, values: [raw] });
    }
  }
  return { conditions, errors };
}

function test(condition: Condition, job: Job): boolean {
  const actual = condition.def.get(job);
  const [expected] = condition.values;
  switch (condition.def.op) {
    case 'exact':
      return actual === expected;
    case 'in':
      return condition.values.includes(actual);
    case 'lt':
      return (actual as number) < (expected as number);
    case 'lte':
      return (actual as number) <= (expected as number);
    case 'gt':
      return (actual as number) > (expected as number);
    case 'gte':
      return (actual as number) >= (expected as number);
  }
}

export function matchesJob(filter: ParsedJobFilter, job: Job): boolean {
  for (const c of filter.conditions) if (!test(c, job)) return false;
  return true;
}

function intersect(current: Set<number> | null, next: Set<number>): Set<number> {
  if (current === null) return next;
  return new Set([...current].filter((x) => next.has(x)));
}

/**
 * The pushes whose jobs can match: id and push-id conditions narrow the scan so that a query
 * by push or job ids only generates the pushes concerned.
 */
export function candidatePushes(model: SimulatorModel, filter: ParsedJobFilter, repositoryId: number | null): Push[] {
  let lowPush = -Infinity;
  let highPush = Infinity;
  let lowJob = -Infinity;
  let highJob = Infinity;
  let pushSet = null as Set<number> | null;
  let jobPushSet = null as Set<number> | null;
  for (const c of filter.conditions) {
    const name = c.def.name;
    const v = c.values[0] as number;
    const isPush = name.startsWith('push_id');
    const isJob = name === 'id' || name.startsWith('id__');
    if (!isPush && !isJob) continue;
    switch (c.def.op) {
      case 'exact':
      case 'in': {
        const ids = new Set(c.values as number[]);
        if (isPush) pushSet = intersect(pushSet, ids);
        else {
          const owners = new Set<number>();
          for (const id of ids) {
            const p = Number.isInteger(id) ? model.pushOfJob(id) : undefined;
            if (p) owners.add(p.id);
          }
          jobPushSet = intersect(jobPushSet, owners);
        }
        break;
      }
      case 'lt':
      case 'lte':
        if (isPush) highPush = Math.min(highPush, v);
        else highJob = Math.min(highJob, v);
        break;
      case 'gt':
      case 'gte':
        if (isPush) lowPush = Math.max(lowPush, v);
        else lowJob = Math.max(lowJob, v);
        break;
    }
  }
  let pushes: readonly Push[] = model.pushes;
  if (pushSet) {
    const wanted = pushSet;
    pushes = [...wanted]
      .filter((id) => Number.isInteger(id))
      .sort((a, b) => a - b)
      .map((id) => model.push(id))
      .filter((p): p is Push => p !== undefined);
  }
  return pushes.filter(
    (p) =>
      (repositoryId === null || p.repositoryId === repositoryId) &&
      p.id >= lowPush &&
      p.id <= highPush &&
      p.firstJobId + p.jobCount - 1 >= lowJob &&
      p.firstJobId <= highJob &&
      (jobPushSet === null || jobPushSet.has(p.id)),
  );
}

/** All matching jobs, ordered by id. */
export function filterJobs(model: SimulatorModel, filter: ParsedJobFilter, repositoryId: number | null): Job[] {
  const out: Job[] = [];
  for (const push of candidatePushes(model, filter, repositoryId)) {
    for (const job of model.jobsOfPush(push.id)) if (matchesJob(filter, job)) out.push(job);
  }
  return out;
}
