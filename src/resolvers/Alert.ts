import type { AlertResolvers } from './../types.generated.js';

export const Alert: AlertResolvers = {
  relatedSummary: (alert, _args, ctx) => (alert.relatedSummaryId === null ? null : ctx.loaders.alertSummary.load(alert.relatedSummaryId)),
};
