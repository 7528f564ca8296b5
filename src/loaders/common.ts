import DataLoader from 'dataloader';
import type { Limiter } from '../limit.js';
import type { TreeherderApi } from '../treeherder/api.js';
import type { SharedCaches } from '../treeherder/cache.js';

/** An object of one repository by id (a job, a push, a signature). */
export interface RepositoryKey {
  repository: string;
  id: number;
}

/** What every domain's loaders of one GraphQL request are built from. */
export interface LoaderContext {
  api: TreeherderApi;
  /** The gateway's shared caches; null for a Hawk-signed request, or when caching is off. */
  shared: SharedCaches | null;
  /** Bounds the requests of this GraphQL request to endpoints with no batch form. */
  limit: Limiter;
}

export const toError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** Runs `load` once per GraphQL request, however many resolvers ask. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => (promise ??= load());
}

/** A loader for an endpoint with no batch form: one request per distinct key, bounded by the request's limiter. */
export function fanOut<K, V, C>(limit: Limiter, load: (key: K) => Promise<V>, cacheKeyFn: (key: K) => C): DataLoader<K, V, C> {
  return new DataLoader<K, V, C>(
    (keys) => Promise.all(keys.map((key) => limit(() => load(key)).catch(toError))),
    { cacheKeyFn },
  );
}

export const byId = (key: RepositoryKey): number => key.id;
