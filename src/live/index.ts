/**
 * Live updates: topics, one shared poller per topic, and the streams the subscription
 * resolvers read. Nothing else in the graph depends on this folder.
 */
export { createLiveService, type LiveService, type LiveSettings, type SubscriptionOwner } from './service.js';
export { createLocalPollerRegistry } from './registry.js';
export { createManualScheduler, timerScheduler, type ManualScheduler, type Scheduler } from './scheduler.js';
export { alertSummaryCreatedTopic, jobsChangedTopic, pushCreatedTopic } from './topics.js';
export type { Listener, LiveEvent, LiveSource, PollIdentity, PollerRegistry, Topic } from './types.js';
export { LIVE_EXAMPLE_QUERY } from './example.js';
