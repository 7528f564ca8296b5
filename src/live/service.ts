import { GraphQLError } from 'graphql';
import { signHawkRequest } from '../auth/sign.js';
import { ErrorCode, UpstreamError } from '../errors.js';
import { createTreeherderApi } from '../treeherder/api.js';
import type { Upstream, UpstreamEvent } from '../treeherder/http.js';
import { createLocalPollerRegistry } from './registry.js';
import { timerScheduler, type Scheduler } from './scheduler.js';
import type { LiveEvent, PollIdentity, PollerRegistry, Topic } from './types.js';

export interface LiveSettings {
  /** Time between two polls of one topic (LIVE_POLL_INTERVAL_MS). */
  pollIntervalMs: number;
  /** Longest wait between polls while Treeherder fails (LIVE_MAX_BACKOFF_MS). */
  maxBackoffMs: number;
  /** Subscriptions at once in this process (LIVE_MAX_SUBSCRIPTIONS). */
  maxSubscriptions: number;
  /** Per caller: a Hawk id, or an anonymous client address (LIVE_MAX_SUBSCRIPTIONS_PER_CALLER). */
  maxPerCaller: number;
  /** Per WebSocket connection (LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION). */
  maxPerConnection: number;
  /** Events waiting for a slow subscriber before its stream ends (LIVE_MAX_QUEUED_EVENTS). */
  maxQueuedEvents: number;
  /** WebSocket keep-alive ping interval (LIVE_KEEPALIVE_MS). */
  keepAliveMs: number;
}

export interface LiveServiceOptions {
  settings: LiveSettings;
  upstream: Upstream;
  /** Longest one poll may take (the upstream request deadline). */
  pollTimeoutMs: number;
  scheduler?: Scheduler;
  /** Replaces the in-process registry (a fleet-wide one, say). */
  registry?: PollerRegistry;
  /** Puts a registry over the in-process one (the fleet's, sharing anonymous topics). */
  wrapRegistry?: (local: PollerRegistry) => PollerRegistry;
  onUpstream?: (event: UpstreamEvent) => void;
}

/** Who holds a subscription, for the limits. */
export interface SubscriptionOwner {
  identity: PollIdentity;
  /** The Hawk id, or the anonymous caller's address. */
  caller: string;
  /** The WebSocket connection, or null for a stream that is its own connection (SSE). */
  connection: string | null;
}

export interface LiveService {
  readonly settings: LiveSettings;
  readonly registry: PollerRegistry;
  /**
   * Opens one subscriber's stream of a topic, or throws TOO_MANY_SUBSCRIPTIONS. The stream
   * ends when the consumer returns, after a final error, or when the service closes.
   */
  open<T>(topic: Topic<T>, owner: SubscriptionOwner): AsyncGenerator<LiveEvent<T>, void, undefined>;
  /** Open subscriptions. */
  readonly subscriptions: number;
  /** Ends every stream (each gets `complete`) and stops every poller. */
  close(): void;
}

function tooMany(limit: 'process' | 'caller' | 'connection', max: number): GraphQLError {
  const where = limit === 'process' ? 'this gateway' : limit === 'caller' ? 'one caller' : 'one connection';
  return new GraphQLError(`Too many subscriptions: at most ${max} at once for ${where}. End one first.`, {
    extensions: { code: ErrorCode.TOO_MANY_SUBSCRIPTIONS, limit, maxSubscriptions: max },
  });
}

export function createLiveService(options: LiveServiceOptions): LiveService {
  const { settings, upstream } = options;
  const registry =
    options.registry ??
    (options.wrapRegistry ?? ((local: PollerRegistry) => local))(createLocalPollerRegistry({
      intervalMs: settings.pollIntervalMs,
      maxBackoffMs: settings.maxBackoffMs,
      scheduler: options.scheduler ?? timerScheduler,
      pollTimeoutMs: options.pollTimeoutMs,
      api(who, signal) {
        return createTreeherderApi(upstream, {
          // A fresh signature for every request of every poll, with this caller's credentials only.
          sign: who ? (method, url) => signHawkRequest({ method, url, credentials: who.credentials }) : null,
          callerUserAgent: null,
          signal,
          ...(options.onUpstream ? { onUpstream: options.onUpstream } : {}),
        });
      },
    }));
  const perCaller = new Map<string, number>();
  const perConnection = new Map<string, number>();
  const closers = new Set<() => void>();
  let open = 0;
  let closed = false;

  const bump = (map: Map<string, number>, key: string, by: number): void => {
    const next = (map.get(key) ?? 0) + by;
    if (next <= 0) map.delete(key);
    else map.set(key, next);
  };

  return {
    settings,
    registry,
    get subscriptions() {
      return open;
    },
    open<T>(topic: Topic<T>, owner: SubscriptionOwner): AsyncGenerator<LiveEvent<T>, void, undefined> {
      if (closed) throw new UpstreamError(ErrorCode.UPSTREAM_UNAVAILABLE, 'The gateway is shutting down.');
      if (open >= settings.maxSubscriptions) throw tooMany('process', settings.maxSubscriptions);
      if ((perCaller.get(owner.caller) ?? 0) >= settings.maxPerCaller) throw tooMany('caller', settings.maxPerCaller);
      if (owner.connection !== null && (perConnection.get(owner.connection) ?? 0) >= settings.maxPerConnection) {
        throw tooMany('connection', settings.maxPerConnection);
      }
      open += 1;
      bump(perCaller, owner.caller, 1);
      if (owner.connection !== null) bump(perConnection, owner.connection, 1);

      const queue: Array<LiveEvent<T>> = [];
      let waiting: ((result: IteratorResult<LiveEvent<T>, void>) => void) | null = null;
      let ended = false;
      /** Set after a final error is handed out: the next pull ends the stream. */
      let finishing = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        unsubscribe();
        closers.delete(end);
        open -= 1;
        bump(perCaller, owner.caller, -1);
        if (owner.connection !== null) bump(perConnection, owner.connection, -1);
        queue.length = 0;
        const resolve = waiting;
        waiting = null;
        resolve?.({ value: undefined, done: true });
      };
      const deliver = (event: LiveEvent<T>): void => {
        const resolve = waiting;
        if (resolve) {
          waiting = null;
          if (event.kind === 'error' && event.final) finishing = true;
          resolve({ value: event, done: false });
        } else if (queue.length >= settings.maxQueuedEvents) {
          // A subscriber this far behind is told, rather than the gateway buffering without bound.
          queue.length = 0;
          queue.push({
            kind: 'error',
            error: new UpstreamError(ErrorCode.TOO_MANY_SUBSCRIPTIONS, `The subscriber fell more than ${settings.maxQueuedEvents} events behind; subscribe again.`),
            final: true,
          });
        } else {
          queue.push(event);
        }
      };
      const unsubscribe = registry.subscribe<T>(topic, owner.identity, (event) => {
        if (!ended) deliver(event);
      });
      closers.add(end);

      // A hand-written iterator rather than an async generator: `return()` must end the
      // subscription at once, even while a pull is waiting for the next event (an async
      // generator would only see it after that event, keeping the poller alive meanwhile).
      const iterator: AsyncGenerator<LiveEvent<T>, void, undefined> = {
        next() {
          if (ended || finishing) {
            end();
            return Promise.resolve({ value: undefined, done: true });
          }
          const event = queue.shift();
          if (event !== undefined) {
            if (event.kind === 'error' && event.final) finishing = true;
            return Promise.resolve({ value: event, done: false });
          }
          return new Promise((resolve) => (waiting = resolve));
        },
        return() {
          end();
          return Promise.resolve({ value: undefined, done: true });
        },
        throw(error: unknown) {
          end();
          return Promise.reject(error);
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
        async [Symbol.asyncDispose]() {
          end();
        },
      };
      return iterator;
    },
    close() {
      closed = true;
      for (const end of [...closers]) end();
      registry.close();
    },
  };
}
