import type { HawkIdentity } from '../auth/edge.js';
import type { UpstreamError } from '../errors.js';
import type { TreeherderApi } from '../treeherder/api.js';

/**
 * Where a topic's updates come from: `start` learns where "now" is (the newest push or
 * summary, or the newest change to the jobs), then each `poll` returns what is new since the
 * previous call, usually with one small upstream request. Both get an API scoped to this one
 * poll (its own deadline and, for a signed topic, a fresh Hawk signature per request).
 */
export interface LiveSource<T> {
  start(api: TreeherderApi): Promise<void>;
  poll(api: TreeherderApi): Promise<T[]>;
  /** Where the source is (what it reported up to), as JSON: another process can go on from it. */
  position?(): unknown;
  /** Goes on from another instance's `position()` instead of `start`; false when it cannot (then `start`). */
  resume?(position: unknown): boolean;
}

/** One topic: the same key means the same upstream requests and the same events. */
export interface Topic<T> {
  /** Kind, arguments and who polls (anonymous, or one Hawk id): subscribers with equal keys share a poller. */
  key: string;
  /** Creates the topic's source when its first subscriber arrives. */
  source(): LiveSource<T>;
}

/** What a subscriber receives: new items, or an error (final: the stream ends after it). */
export type LiveEvent<T> = { kind: 'items'; items: T[] } | { kind: 'error'; error: UpstreamError; final: boolean };

export type Listener<T> = (event: LiveEvent<T>) => void;

/**
 * The pollers, one per topic: started by a topic's first subscriber, stopped with its last.
 * A small interface so a fleet-wide registry (a lease per topic, events over pub/sub) can
 * replace the in-process one without touching the resolvers.
 */
export interface PollerRegistry {
  /** Adds a listener to the topic's poller (starting it if needed); the returned function removes it. */
  subscribe<T>(topic: Topic<T>, who: PollIdentity, listener: Listener<T>): () => void;
  /** Pollers running and listeners attached, per topic key. */
  stats(): { pollers: number; subscribers: number; topics: Array<{ key: string; subscribers: number }> };
  /** Stops every poller; listeners get nothing more. */
  close(): void;
}

/** Whose credentials a topic's poller uses: null polls anonymously. */
export type PollIdentity = HawkIdentity | null;
