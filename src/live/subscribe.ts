import type { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { ErrorCode, operationRefused } from '../errors.js';
import type { SubscriptionOwner } from './service.js';
import type { LiveEvent, Topic } from './types.js';

/** What a subscription's `resolve` gets per event: a value, or the error to report in that event. */
export type LivePayload<V> = { value: V } | { error: GraphQLError };

/**
 * A subscriber's source stream for graphql-js: one payload per item (`flatten`) or per poll.
 * `return()` ends the subscription at once, waiting pull or not, so the last unsubscribe
 * stops the topic's poller immediately.
 */
export function subscribeLive<T, V>(ctx: GatewayContext, topic: Topic<T>, toValues: (items: T[]) => V[]): AsyncGenerator<LivePayload<V>, void, undefined> {
  const live = ctx.live;
  if (!live) throw operationRefused(ErrorCode.OPERATION_NOT_SUPPORTED, 'This gateway serves no subscriptions.');
  const owner: SubscriptionOwner = {
    identity: ctx.identity,
    caller: ctx.identity ? `hawk:${ctx.identity.id}` : `address:${live.clientAddress ?? 'unknown'}`,
    connection: live.connection,
  };
  const events = live.service.open(topic, owner);
  const buffered: Array<LivePayload<V>> = [];
  const finish = async (): Promise<IteratorResult<LivePayload<V>, void>> => {
    buffered.length = 0;
    live.end();
    await events.return();
    return { value: undefined, done: true };
  };
  const toPayloads = (event: LiveEvent<T>): Array<LivePayload<V>> =>
    event.kind === 'error' ? [{ error: event.error }] : toValues(event.items).map((value) => ({ value }));
  const iterator: AsyncGenerator<LivePayload<V>, void, undefined> = {
    async next() {
      for (;;) {
        const ready = buffered.shift();
        if (ready) return { value: ready, done: false };
        const pulled = await events.next();
        if (pulled.done) return finish();
        buffered.push(...toPayloads(pulled.value));
      }
    },
    return: finish,
    async throw(error: unknown) {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
    async [Symbol.asyncDispose]() {
      await finish();
    },
  };
  return iterator;
}

/** The `resolve` half: a fresh context for the event, then its value or its error. */
export function resolveLive<V>(payload: LivePayload<V>, ctx: GatewayContext): V {
  ctx.live?.renew();
  if ('error' in payload) throw payload.error;
  return payload.value;
}
