import { getNamedType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { JobGroupMapper, JobMapper, JobTypeMapper } from './mappers/job.mappers.js';
import type { JobSummary } from './treeherder/types.js';

// A job from a listing (`/api/jobs/` rows: a push's jobs, a job search, jobs by id) carries its
// summary from the start. Its summary fields are then plain reads, yet each was a resolver call:
// in compiled code (graphql-jit) a call per field per job, with its closures and promise check,
// was the largest share of a large job list's CPU (README § Performance).
//
// So a document whose every job is a listed one is compiled against a copy of the schema
// without the summary fields' resolvers (`listedJobResolvers`): the compiled code reads them
// as properties of the `ListedJob`. A document that can reach any other job (a similar job,
// a performance datum's job: no summary yet, loaded batched when asked) keeps the resolvers,
// as does the general executor for every document.

/** The Job fields read straight off a `ListedJob` in such documents. */
export const LISTED_JOB_FIELDS = [
  'result',
  'state',
  'tier',
  'platform',
  'platformOption',
  'taskId',
  'retryId',
  'duration',
  'lastModified',
  'failureClassificationId',
  'signature',
  'jobType',
  'jobGroup',
] as const;

/** A job built from its `/api/jobs/` row: the Job fields above are properties. */
export class ListedJob implements JobMapper {
  readonly id: number;
  detail: JobMapper['detail'] = null;
  #jobType: JobTypeMapper | undefined = undefined;
  #jobGroup: JobGroupMapper | undefined = undefined;

  constructor(
    public summary: JobSummary,
    public repository: string | null,
  ) {
    this.id = summary.id;
  }

  get result(): string {
    return this.summary.result;
  }
  get state(): string {
    return this.summary.state;
  }
  get tier(): number {
    return this.summary.tier;
  }
  get platform(): string {
    return this.summary.platform;
  }
  get platformOption(): string {
    return this.summary.platformOption;
  }
  get taskId(): string | null {
    return this.summary.taskId;
  }
  get retryId(): number | null {
    return this.summary.retryId;
  }
  get duration(): number {
    return this.summary.duration;
  }
  get lastModified(): string {
    return this.summary.lastModified;
  }
  get failureClassificationId(): number {
    return this.summary.failureClassificationId;
  }
  get signature(): string {
    return this.summary.signature;
  }
  // Compiled code reads a property more than once: made once per job.
  get jobType(): JobTypeMapper {
    return (this.#jobType ??= { name: this.summary.jobTypeName, symbol: this.summary.jobTypeSymbol, job: this });
  }
  get jobGroup(): JobGroupMapper {
    return (this.#jobGroup ??= { name: this.summary.jobGroupName, symbol: this.summary.jobGroupSymbol, job: this });
  }
}

/** The resolvers of the schema for documents of listed jobs only: Job without `LISTED_JOB_FIELDS`. */
export function listedJobResolvers<R extends { Job?: object }>(resolvers: R): R {
  const job: Record<string, unknown> = { ...resolvers.Job };
  for (const field of LISTED_JOB_FIELDS) delete job[field];
  return { ...resolvers, Job: job };
}

/**
 * The fields that hand out Job objects and what they hand out is always a `ListedJob`
 * (`toJobMapper`). `JobConnection.nodes` and `JobEdge.node` pass on what their connection's
 * field listed, itself checked here.
 */
const LISTING_FIELDS = new Set(['Push.jobs', 'Query.jobSearch', 'Query.job', 'Query.jobs', 'JobConnection.nodes', 'JobEdge.node']);
const JOB_TYPES = new Set(['Job', 'JobConnection']);

/** Whether every field of the document (every operation and fragment) that yields jobs lists them. */
export function listsJobsOnly(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let only = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getType();
        const parent = typeInfo.getParentType();
        // An unknown field (validation refuses it first) or one yielding jobs from elsewhere.
        if (!type || !parent || (JOB_TYPES.has(getNamedType(type).name) && !LISTING_FIELDS.has(`${parent.name}.${typeInfo.getFieldDef()?.name}`))) {
          only = false;
        }
      },
    }),
  );
  return only;
}
