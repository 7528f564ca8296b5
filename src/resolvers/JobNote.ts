import { classificationOf } from '../reference.js';
import type { JobNoteResolvers } from './../types.generated.js';

export const JobNote: JobNoteResolvers = {
  failureClassification: (note, _args, ctx) => classificationOf(ctx, note.failureClassificationId),
};
