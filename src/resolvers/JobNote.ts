import type { JobNoteResolvers } from './../types.generated.js';

export const JobNote: JobNoteResolvers = {
  failureClassification: async (note, _args, ctx) =>
    (await ctx.loaders.failureClassifications()).find((item) => item.id === note.failureClassificationId) ?? {
      id: note.failureClassificationId,
      name: `classification ${note.failureClassificationId}`,
    },
};
