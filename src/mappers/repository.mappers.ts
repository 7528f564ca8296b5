export type { Repository as RepositoryMapper } from '../treeherder/types.js';
