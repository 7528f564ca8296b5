import { linkSignals } from '../deadline.js';
import { ErrorCode, UpstreamError } from '../errors.js';
import type { TreeherderApi } from '../treeherder/api.js';
import type { Scheduler } from './scheduler.js';
import type { Listener, LiveEvent, LiveSource, PollIdentity, PollerRegistry, Topic } from './types.js';

export interface LocalRegistryOptions {
  /** Time between two polls of a topic. */
  intervalMs: number;
  /** Longest wait between polls while Treeherder fails (the wait doubles per failure up to it). */
  maxBackoffMs: number;
  scheduler: Scheduler;
  /** An API for one poll, as `who` (a fresh signature per request when signed), cut after `signal`. */
  api(who: PollIdentity, signal: AbortSignal): TreeherderApi;
  /** Longest one poll may take. */
  pollTimeoutMs: number;
  /** Told about each poll (metrics, tests). */
  onPoll?: (key: string, outcome: 'ok' | 'error') => void;
}

/** Errors that will not get better by asking again: the topic's arguments are wrong. */
function isFinal(error: UpstreamError): boolean {
  return error.code === ErrorCode.UPSTREAM_NOT_FOUND || error.code === ErrorCode.UPSTREAM_BAD_REQUEST || error.code === ErrorCode.BAD_USER_INPUT;
}

function asUpstreamError(error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (error instanceof Error && 'extensions' in error && (error as { extensions?: { code?: unknown } }).extensions?.code === ErrorCode.BAD_USER_INPUT) {
    return new UpstreamError(ErrorCode.BAD_USER_INPUT as ErrorCode, error.message);
  }
  return new UpstreamError(ErrorCode.UPSTREAM_ERROR, 'Polling Treeherder failed unexpectedly.');
}

interface Poller {
  key: string;
  who: PollIdentity;
  source: LiveSource<unknown>;
  listeners: Set<Listener<unknown>>;
  started: boolean;
  failures: number;
  stopped: boolean;
  cancel: (() => void) | null;
  abort: AbortController;
}

/**
 * The in-process registry: one poller per topic key in this gateway process. A poll runs, then
 * the next is scheduled an interval later (never two at once for one topic); failures back off
 * exponentially, and Treeherder's `Retry-After` or the breaker's verdict is respected because
 * the requests go through the gateway's resilience layer like any other.
 */
export function createLocalPollerRegistry(options: LocalRegistryOptions): PollerRegistry {
  const pollers = new Map<string, Poller>();

  function emit(poller: Poller, event: LiveEvent<unknown>): void {
    for (const listener of [...poller.listeners]) listener(event);
  }

  function stop(poller: Poller): void {
    poller.stopped = true;
    poller.cancel?.();
    poller.cancel = null;
    poller.abort.abort();
    if (pollers.get(poller.key) === poller) pollers.delete(poller.key);
  }

  function schedule(poller: Poller, ms: number): void {
    if (poller.stopped) return;
    poller.cancel = options.scheduler.after(ms, () => tick(poller));
  }

  async function tick(poller: Poller): Promise<void> {
    poller.cancel = null;
    if (poller.stopped) return;
    // A plain timer drives the poll's deadline (see deadline.ts); stopping the poller cuts it too.
    const deadline = linkSignals([poller.abort.signal], options.pollTimeoutMs);
    const api = options.api(poller.who, deadline.signal);
    try {
      if (!poller.started) {
        await poller.source.start(api);
        poller.started = true;
      } else {
        const items = await poller.source.poll(api);
        if (!poller.stopped && items.length > 0) emit(poller, { kind: 'items', items });
      }
      poller.failures = 0;
      options.onPoll?.(poller.key, 'ok');
    } catch (raw) {
      if (poller.stopped) return;
      const error = asUpstreamError(raw);
      options.onPoll?.(poller.key, 'error');
      poller.failures += 1;
      // Before the first successful start, a refusal means the arguments are wrong: end it.
      const final = !poller.started && isFinal(error);
      emit(poller, { kind: 'error', error, final });
      if (final) {
        stop(poller);
        return;
      }
    } finally {
      deadline.dispose();
    }
    const backoff = poller.failures === 0 ? options.intervalMs : Math.min(options.maxBackoffMs, options.intervalMs * 2 ** poller.failures);
    schedule(poller, Math.max(options.intervalMs, backoff));
  }

  return {
    subscribe<T>(topic: Topic<T>, who: PollIdentity, listener: Listener<T>): () => void {
      let poller = pollers.get(topic.key);
      if (!poller) {
        poller = {
          key: topic.key,
          who,
          source: topic.source() as LiveSource<unknown>,
          listeners: new Set(),
          started: false,
          failures: 0,
          stopped: false,
          cancel: null,
          abort: new AbortController(),
        };
        pollers.set(topic.key, poller);
        // The first poll learns where "now" is, at once; changes are reported from then on.
        schedule(poller, 0);
      }
      const own = poller;
      own.listeners.add(listener as Listener<unknown>);
      return () => {
        own.listeners.delete(listener as Listener<unknown>);
        if (own.listeners.size === 0) stop(own);
      };
    },
    stats() {
      const topics = [...pollers.values()].map((p) => ({ key: p.key, subscribers: p.listeners.size }));
      return { pollers: topics.length, subscribers: topics.reduce((n, t) => n + t.subscribers, 0), topics };
    },
    close() {
      for (const poller of [...pollers.values()]) stop(poller);
    },
  };
}
