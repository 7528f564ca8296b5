import { createLimiter } from '../limit.js';
import type { JobsPerPushEstimate } from '../job-plan.js';
import type { TreeherderApi } from '../treeherder/api.js';
import type { SharedCaches } from '../treeherder/cache.js';
import { createAlertLoaders, type AlertLoaders } from './alerts.js';
import type { LoaderContext } from './common.js';
import { createJobLoaders, createJobsEstimate, type JobLoaders } from './jobs.js';
import { createPerformanceLoaders, type PerformanceLoaders } from './performance.js';
import { createPushLoaders, type PushLoaders } from './pushes.js';
import { createReferenceLoaders, type ReferenceLoaders } from './reference.js';

// Per-request DataLoaders, one file per Treeherder domain. Each loader names the endpoint
// and parameter it batches onto; `createLoaders` only assembles them.

export type { RepositoryKey } from './common.js';
export type { AlertLoaders } from './alerts.js';
export { createJobsEstimate, type JobLoaders, type SimilarJobsKey } from './jobs.js';
export type { JobPage, PushJobsKey } from './push-jobs.js';
export type { ParentKey, PerformanceLoaders, SeriesKey, SignatureHashKey } from './performance.js';
export { ANY_REPOSITORY, type PushKey, type PushLoaders, type PushRevisionKey, type RevisionKey } from './pushes.js';
export type { ReferenceLoaders } from './reference.js';

export interface LoaderOptions {
  /** Requests at once for endpoints without a batch form, per GraphQL request. */
  fanoutConcurrency: number;
  /** The gateway's shared caches; null for a Hawk-signed request, or when caching is off. */
  shared?: SharedCaches | null;
  /** What the gateway has learnt about jobs per push (to cut job listings into pages). */
  jobsPerPush?: JobsPerPushEstimate;
}

export type Loaders = ReferenceLoaders & PushLoaders & JobLoaders & PerformanceLoaders & AlertLoaders;

/** Loaders are created per GraphQL request: their caches never outlive it or cross callers. */
export function createLoaders(api: TreeherderApi, options: LoaderOptions = { fanoutConcurrency: 6 }): Loaders {
  const context: LoaderContext = { api, shared: options.shared ?? null, limit: createLimiter(options.fanoutConcurrency) };
  return {
    ...createReferenceLoaders(context),
    ...createPushLoaders(context),
    ...createJobLoaders(context, options.jobsPerPush ?? createJobsEstimate()),
    ...createPerformanceLoaders(context),
    ...createAlertLoaders(context),
  };
}
