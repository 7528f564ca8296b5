export type {
  MachinePlatform as MachinePlatformMapper,
  OptionCollection as OptionCollectionMapper,
  PerformanceDatum as PerformanceDatumMapper,
  PerformanceFramework as PerformanceFrameworkMapper,
  PerformanceSeries as PerformanceSeriesMapper,
  /** Complete (signatures endpoint) or built from an alert's embedded signature, which lacks some fields. */
  AnySignature as PerformanceSignatureMapper,
  PerformanceSummaryPoint as PerformanceSummaryPointMapper,
  PerformanceTag as PerformanceTagMapper,
} from '../treeherder/types.js';
