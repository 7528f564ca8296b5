import { frameworkOf, requireRepository } from '../reference.js';
import { toWindow } from '../perf-window.js';
import { optionalInt } from '../validate.js';
import type { PerformanceSignatureResolvers } from './../types.generated.js';

export const PerformanceSignature: PerformanceSignatureResolvers = {
  repository: (signature, _args, ctx) => requireRepository(ctx, { name: signature.repository }),
  framework: (signature, _args, ctx) => frameworkOf(ctx, signature.frameworkId),
  options: async (signature, _args, ctx) =>
    (await ctx.loaders.optionCollections()).find((collection) => collection.hash === signature.optionCollectionHash)?.options ?? [],
  parent: (signature, _args, ctx) =>
    signature.parentSignatureHash === null
      ? null
      : ctx.loaders.signatureByHash.load({ repository: signature.repository, hash: signature.parentSignatureHash }),
  subtests: (signature, _args, ctx) =>
    signature.hasSubtests ? ctx.loaders.subtests.load({ repository: signature.repository, parentHash: signature.signatureHash }) : [],
  series: async (signature, args, ctx) => {
    const params = toWindow(args, { start: 'start_date', end: 'end_date' });
    if (args.noRetriggers) params.push(['no_retriggers', 'true']);
    const last = optionalInt('last', args.last, 1, 10_000);
    const points = await ctx.loaders.series.load({
      repository: signature.repository,
      signatureId: signature.id,
      signatureHash: signature.signatureHash,
      params,
    });
    const ordered = [...points].sort((a, b) => a.pushTimestamp.localeCompare(b.pushTimestamp) || a.id - b.id);
    return last === null ? ordered : ordered.slice(-last);
  },
};
