import type { DecisionTask, JobCounts, Push, PushNote, Revision } from '../treeherder/types.js';

/** A push as the client returns it, plus its repository's name when the query already knows it. */
export interface PushMapper extends Push {
  repositoryName: string | null;
}

export type RevisionMapper = Revision;

export type JobCountsMapper = JobCounts;
export type PushNoteMapper = PushNote;
export type DecisionTaskMapper = DecisionTask;
