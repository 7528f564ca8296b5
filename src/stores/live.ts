import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ErrorCode, UpstreamError } from '../errors.js';
import type { Listener, LiveEvent, PollIdentity, PollerRegistry, Topic } from '../live/types.js';

// Live-update pollers shared by the fleet. One replica polls each anonymous topic for all of
// them: the one holding the topic's lease in Redis (SET NX PX, renewed by its holder). It runs
// the topic on its own in-process registry and publishes each event on the topic's channel;
// every replica with subscribers of the topic (the holder too) hands what arrives on that
// channel to its subscribers. A holder that dies stops renewing: its lease expires and the
// next replica to try takes the topic over, from the position the last holder left in Redis
// after its last poll (so what changed in between is reported, by the first poll of the new holder).
//
// Signed topics (a Hawk id's own poller) never go through Redis: they stay on the replica the
// subscriber is connected to, polled with that caller's credentials, their events seen by no
// one else. While Redis (or the pub/sub connection) is down, every replica polls its own
// subscribers' topics itself, as without REDIS_URL; when it is back, they share again.

export interface FleetPollerOptions {
  /** Commands: the lease. */
  client: Redis;
  /** A connection of its own in subscriber mode: the events. */
  subscriber: Redis;
  /** The key (and channel) of `name`, prefixed and namespaced. */
  key(name: string): string;
  /** LIVE_POLL_INTERVAL_MS: the lease is tried (or renewed) twice per interval and lasts 1.5. */
  intervalMs: number;
  /** Names this replica in the leases it holds. */
  replicaId: string;
  /** A Redis call failed (metrics). */
  onFailure?(operation: string): void;
}

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type LeaseRedis = Redis & {
  renewLease(key: string, holder: string, ttlMs: number): Promise<number>;
  releaseLease(key: string, holder: string): Promise<number>;
};

/** An event as it travels on a channel: items as JSON, an error by its code and message. */
interface WireEvent {
  items?: unknown[];
  error?: { code: string; message: string; status: number | null; retryAfterMs: number | null };
  final?: boolean;
}

export function encodeEvent(event: LiveEvent<unknown>): string {
  const wire: WireEvent =
    event.kind === 'items'
      ? { items: event.items }
      : { error: { code: event.error.code, message: event.error.message, status: event.error.status, retryAfterMs: event.error.retryAfterMs }, final: event.final };
  return JSON.stringify(wire);
}

export function decodeEvent(text: string): LiveEvent<unknown> | null {
  try {
    const wire = JSON.parse(text) as WireEvent;
    if (Array.isArray(wire.items)) return { kind: 'items', items: wire.items };
    if (wire.error && typeof wire.error.code === 'string' && typeof wire.error.message === 'string') {
      const { code, message, status, retryAfterMs } = wire.error;
      return { kind: 'error', error: new UpstreamError(code as ErrorCode, message, status ?? null, null, null, retryAfterMs ?? null), final: wire.final === true };
    }
  } catch {
    // Not ours: ignored.
  }
  return null;
}

type Role = 'follower' | 'holder' | 'local';

interface SharedTopic {
  topic: Topic<unknown>;
  lease: string;
  channel: string;
  /** The source's position, written by the holder after each poll. */
  position: string;
  listeners: Set<Listener<unknown>>;
  role: Role;
  subscribed: boolean;
  /** This replica's own poller of the topic (holder, or local while Redis is down). */
  poller: (() => void) | null;
  timer: NodeJS.Timeout | null;
  retired: boolean;
}

/**
 * The fleet's registry: anonymous topics through a lease and pub/sub, signed ones (and every
 * topic while Redis is down) on `local`, this replica's in-process registry.
 */
export function createFleetPollerRegistry(local: PollerRegistry, options: FleetPollerOptions): PollerRegistry {
  const client = options.client as LeaseRedis;
  if (typeof (options.client as unknown as { renewLease?: unknown }).renewLease !== 'function') {
    client.defineCommand('renewLease', { numberOfKeys: 1, lua: RENEW });
    client.defineCommand('releaseLease', { numberOfKeys: 1, lua: RELEASE });
  }
  const { subscriber } = options;
  const leaseMs = Math.ceil(options.intervalMs * 1.5);
  const tickMs = Math.max(1, Math.floor(options.intervalMs / 2));
  // Long enough for a takeover; short enough that a topic nobody watched for a while starts afresh.
  const positionMs = leaseMs * 2;
  const topics = new Map<string, SharedTopic>();
  const byChannel = new Map<string, SharedTopic>();
  let closed = false;

  const failed = (operation: string): void => options.onFailure?.(operation);
  const deliver = (shared: SharedTopic, event: LiveEvent<unknown>): void => {
    for (const listener of [...shared.listeners]) listener(event);
  };

  subscriber.on('message', (channel: string, text: string) => {
    const shared = byChannel.get(channel);
    // While polling on its own, a replica hands out its own poller's events only.
    if (!shared || shared.role === 'local') return;
    const event = decodeEvent(text);
    if (event) deliver(shared, event);
  });
  // ioredis subscribes again after a reconnection; each topic checks it on its next turn too.
  subscriber.on('close', () => {
    for (const shared of topics.values()) shared.subscribed = false;
  });
  subscriber.on('error', () => {});

  /** What this replica's own poller found: to the fleet when holding the lease, else to its own subscribers. */
  function found(shared: SharedTopic, event: LiveEvent<unknown>): void {
    if (shared.role === 'holder') {
      client.publish(shared.channel, encodeEvent(event)).catch(() => {
        // Redis went away between the poll and the publish: this replica's subscribers still get it.
        failed('live');
        deliver(shared, event);
      });
    } else if (shared.role === 'local') {
      deliver(shared, event);
    }
  }

  /**
   * The topic with its source's position kept in Redis by the holder after each poll, so a
   * replica taking the topic over goes on from where the last holder was (and polls at once)
   * instead of starting from "now" and missing what changed meanwhile.
   */
  function handedOver(shared: SharedTopic): Topic<unknown> {
    return {
      key: shared.topic.key,
      source() {
        const inner = shared.topic.source();
        if (!inner.position || !inner.resume) return inner;
        const save = (): void => {
          if (shared.role !== 'holder') return;
          client.set(shared.position, JSON.stringify(inner.position!()), 'PX', positionMs).catch(() => failed('live'));
        };
        return {
          async start(api) {
            const saved = shared.role === 'holder' ? await client.get(shared.position).catch(() => null) : null;
            let resumed = false;
            try {
              resumed = saved !== null && inner.resume!(JSON.parse(saved));
            } catch {
              resumed = false;
            }
            if (!resumed) {
              await inner.start(api);
              save();
              return;
            }
            // Taking over: what changed since the previous holder's last poll, now.
            const items = await inner.poll(api);
            save();
            if (items.length > 0) found(shared, { kind: 'items', items });
          },
          async poll(api) {
            const items = await inner.poll(api);
            save();
            return items;
          },
        };
      },
    };
  }

  function startPoller(shared: SharedTopic): void {
    if (shared.poller) return;
    shared.poller = local.subscribe(handedOver(shared), null, (event) => found(shared, event));
  }

  function stopPoller(shared: SharedTopic): void {
    const stop = shared.poller;
    shared.poller = null;
    stop?.();
  }

  function goLocal(shared: SharedTopic): void {
    shared.role = 'local';
    startPoller(shared);
  }

  async function turn(shared: SharedTopic): Promise<void> {
    shared.timer = null;
    if (shared.retired) return;
    try {
      if (client.status !== 'ready' || subscriber.status !== 'ready') {
        goLocal(shared);
        return;
      }
      if (!shared.subscribed) {
        await subscriber.subscribe(shared.channel);
        shared.subscribed = true;
      }
      if (shared.retired) return;
      if (shared.role === 'holder' && (await client.renewLease(shared.lease, options.replicaId, leaseMs)) === 1) return;
      const won = (await client.set(shared.lease, options.replicaId, 'PX', leaseMs, 'NX')) === 'OK';
      if (shared.retired) {
        if (won) await client.releaseLease(shared.lease, options.replicaId);
        return;
      }
      shared.role = won ? 'holder' : 'follower';
      if (won) startPoller(shared);
      else stopPoller(shared);
    } catch {
      failed('live');
      if (!shared.retired) goLocal(shared);
    } finally {
      if (!shared.retired && !closed) {
        shared.timer = setTimeout(() => void turn(shared), tickMs);
        shared.timer.unref();
      }
    }
  }

  function retire(shared: SharedTopic): void {
    shared.retired = true;
    if (shared.timer) clearTimeout(shared.timer);
    shared.timer = null;
    stopPoller(shared);
    topics.delete(shared.topic.key);
    byChannel.delete(shared.channel);
    // Handing the topic on at once: a follower takes it at its next turn, not at the lease's expiry.
    if (shared.role === 'holder') client.releaseLease(shared.lease, options.replicaId).catch(() => failed('live'));
    if (shared.subscribed) subscriber.unsubscribe(shared.channel).catch(() => failed('live'));
  }

  return {
    subscribe<T>(topic: Topic<T>, who: PollIdentity, listener: Listener<T>): () => void {
      // Signed: this caller's own poller, on this replica, never through Redis.
      if (who !== null || closed) return local.subscribe(topic, who, listener);
      let shared = topics.get(topic.key);
      if (!shared) {
        const id = createHash('sha256').update(topic.key).digest('hex').slice(0, 32);
        shared = {
          topic: topic as Topic<unknown>,
          lease: options.key(`lease:${id}`),
          channel: options.key(`events:${id}`),
          position: options.key(`position:${id}`),
          listeners: new Set(),
          role: 'follower',
          subscribed: false,
          poller: null,
          timer: null,
          retired: false,
        };
        topics.set(topic.key, shared);
        byChannel.set(shared.channel, shared);
        void turn(shared);
      }
      const own = shared;
      own.listeners.add(listener as Listener<unknown>);
      return () => {
        own.listeners.delete(listener as Listener<unknown>);
        if (own.listeners.size === 0 && !own.retired) retire(own);
      };
    },
    stats() {
      // Pollers: the ones this replica runs (topics it holds, signed ones, all while Redis is down).
      const own = local.stats();
      const shared = [...topics.values()].map((s) => ({ key: s.topic.key, subscribers: s.listeners.size }));
      const signed = own.topics.filter((t) => !topics.has(t.key));
      const all = [...shared, ...signed];
      return { pollers: own.pollers, subscribers: all.reduce((n, t) => n + t.subscribers, 0), topics: all };
    },
    close() {
      closed = true;
      for (const shared of [...topics.values()]) retire(shared);
      local.close();
    },
  };
}
