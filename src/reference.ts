import type { GatewayContext } from './context.js';
import { ErrorCode, UpstreamError } from './errors.js';
import type { FailureClassification, PerformanceFramework, Repository } from './treeherder/types.js';

// Objects resolved from Treeherder's reference lists (fetched once per request, or shared
// across requests when caching is on), by name or id.

/** A repository a Treeherder object points to; missing from the list means an inactive one. */
export async function requireRepository(ctx: GatewayContext, key: { name: string } | { id: number }): Promise<Repository> {
  const repository = 'name' in key ? await ctx.loaders.repositoryByName(key.name) : await ctx.loaders.repositoryById(key.id);
  if (!repository) {
    throw new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, `Treeherder lists no active repository ${'name' in key ? key.name : `with id ${key.id}`}.`, 404);
  }
  return repository;
}

/** A framework Treeherder has disabled is no longer listed; it keeps its id and a plain name. */
export async function frameworkOf(ctx: GatewayContext, id: number): Promise<PerformanceFramework> {
  return (await ctx.loaders.frameworks()).find((framework) => framework.id === id) ?? { id, name: `framework ${id}` };
}

/** Treeherder leaves "intermittent needs filing" out of its list; such a classification keeps its id. */
export async function classificationOf(ctx: GatewayContext, id: number): Promise<FailureClassification> {
  return (await ctx.loaders.failureClassifications()).find((item) => item.id === id) ?? { id, name: `classification ${id}` };
}
