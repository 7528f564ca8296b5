import type { TreeherderApi } from '../treeherder/api.js';
import type {
  FailureClassification,
  MachinePlatform,
  OptionCollection,
  PerformanceFramework,
  PerformanceTag,
  Repository,
} from '../treeherder/types.js';
import { once, type LoaderContext } from './common.js';

export interface ReferenceLoaders {
  /** The repository list, fetched at most once per GraphQL request. */
  repositories(): Promise<Repository[]>;
  repositoryById(id: number): Promise<Repository | null>;
  repositoryByName(name: string): Promise<Repository | null>;
  frameworks(): Promise<PerformanceFramework[]>;
  optionCollections(): Promise<OptionCollection[]>;
  failureClassifications(): Promise<FailureClassification[]>;
  performanceTags(): Promise<PerformanceTag[]>;
  machinePlatforms(): Promise<MachinePlatform[]>;
}

/**
 * Reference lists: whole lists with no batch form, each fetched at most once per GraphQL
 * request, and shared for the reference TTL when this request may use the shared caches.
 */
export function createReferenceLoaders({ api, shared }: LoaderContext): ReferenceLoaders {
  const reference = <T>(name: string, load: (api: TreeherderApi) => Promise<T>): (() => Promise<T>) =>
    once(() => (shared ? shared.reference.get(name, () => load(api)) : load(api)));
  // GET /api/repository/
  const repositories = reference('repositories', (client) => client.repositories());
  return {
    repositories,
    async repositoryById(id) {
      return (await repositories()).find((repository) => repository.id === id) ?? null;
    },
    async repositoryByName(name) {
      return (await repositories()).find((repository) => repository.name === name) ?? null;
    },
    // GET /api/performance/framework/
    frameworks: reference('frameworks', (client) => client.frameworks()),
    // GET /api/optioncollectionhash/
    optionCollections: reference('optionCollections', (client) => client.optionCollections()),
    // GET /api/failureclassification/
    failureClassifications: reference('failureClassifications', (client) => client.failureClassifications()),
    // GET /api/performance/tag/
    performanceTags: reference('performanceTags', (client) => client.performanceTags()),
    // GET /api/machineplatforms/
    machinePlatforms: reference('machinePlatforms', (client) => client.machinePlatforms()),
  };
}
