import type { PerformanceSignatureResolvers } from './../types.generated.js';

export const PerformanceSignature: PerformanceSignatureResolvers = {
  repository: async (signature, _args, ctx) => {
    const repository = (await ctx.loaders.repositories()).find((candidate) => candidate.name === signature.repository);
    if (!repository) throw new Error(`repository ${signature.repository} is not listed`);
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
};
