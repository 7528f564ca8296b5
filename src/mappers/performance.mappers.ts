export type {
  PerformanceFramework as PerformanceFrameworkMapper,
  PerformanceSignature as PerformanceSignatureMapper,
} from '../treeherder/types.js';
