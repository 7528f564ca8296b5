import { ErrorCode, UpstreamError } from '../errors.js';
import { toWindow } from '../perf-window.js';
import { optionalInt } from '../validate.js';
import type { PerformanceSignatureResolvers } from './../types.generated.js';

export const PerformanceSignature: PerformanceSignatureResolvers = {
  repository: async (signature, _args, ctx) => {
    const repository = await ctx.loaders.repositoryByName(signature.repository);
    if (!repository) throw new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, `Treeherder lists no repository ${signature.repository}.`, 404);
    return repository;
  },
  framework: async (signature, _args, ctx) =>
    (await ctx.loaders.frameworks()).find((framework) => framework.id === signature.frameworkId) ?? {
      // A framework Treeherder has disabled is no longer listed; keep its id visible.
      id: signature.frameworkId,
      name: `framework ${signature.frameworkId}`,
    },
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
