import type { FailureClassification, JobBugLink, JobNote } from '../treeherder/types.js';

export type FailureClassificationMapper = FailureClassification;
export type JobNoteMapper = JobNote;
export type JobBugLinkMapper = JobBugLink;
