import type { AlertSummary, JobDetail, Push } from '../treeherder/types.js';
import { alertSummaryCreatedSource, jobsChangedSource, pushCreatedSource, type AlertScope, type JobsScope } from './sources.js';
import type { PollIdentity, Topic } from './types.js';

// A topic's key is what makes two subscribers share a poller: the same kind, the same
// arguments, and the same poller identity (anonymous, or one Hawk id). A signed subscriber
// therefore never shares a request or an event with an anonymous one or another caller.

const keyOf = (kind: string, who: PollIdentity, args: unknown[]): string => JSON.stringify([kind, who ? `hawk:${who.id}` : 'anonymous', ...args]);

export function pushCreatedTopic(repository: string, who: PollIdentity): Topic<Push> {
  return { key: keyOf('pushCreated', who, [repository]), source: () => pushCreatedSource(repository) };
}

export function jobsChangedTopic(scope: JobsScope, who: PollIdentity): Topic<JobDetail> {
  const filter = [...scope.filter].map(([k, v]) => [k, String(v)]).sort();
  return { key: keyOf('jobsChanged', who, [scope.repository, scope.pushId, scope.revision, filter]), source: () => jobsChangedSource(scope) };
}

export function alertSummaryCreatedTopic(scope: AlertScope, who: PollIdentity): Topic<AlertSummary> {
  return { key: keyOf('alertSummaryCreated', who, [scope.repositoryId, scope.framework]), source: () => alertSummaryCreatedSource(scope) };
}
