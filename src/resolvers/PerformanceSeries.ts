import type { PerformanceSeriesResolvers } from './../types.generated.js';

export const PerformanceSeries: PerformanceSeriesResolvers = {
  signature: (series, _args, ctx) => ctx.loaders.signature.load({ repository: series.repository, id: series.signatureId }),
};
