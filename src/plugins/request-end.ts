import type { Plugin } from 'graphql-yoga';

// When a request is over. For a plain answer that is when its response is ready; for an answer
// sent in parts (`@defer`, `@stream`, a subscription) it is when the last part has gone or the
// client went away, which is long after the response's headers left. The request log, the
// in-flight gauge and the request's deadline timer all wait for this moment.

interface RequestEndState {
  /** Answers in parts still being sent. */
  open: number;
  /** Whether the response left (a stream may end before or after that). */
  responded: boolean;
  ended: boolean;
  callbacks: Array<() => void>;
}

const states = new WeakMap<Request, RequestEndState>();

function stateOf(request: Request): RequestEndState {
  let state = states.get(request);
  if (!state) {
    state = { open: 0, responded: false, ended: false, callbacks: [] };
    states.set(request, state);
  }
  return state;
}

function endIfDone(state: RequestEndState): void {
  if (state.ended || !state.responded || state.open > 0) return;
  state.ended = true;
  const callbacks = state.callbacks.splice(0);
  for (const callback of callbacks) {
    try {
      callback();
    } catch {
      // One listener failing must not keep the others from hearing the end.
    }
  }
}

/**
 * Runs `callback` once `request` is over (at once if it already is). Works only for requests
 * that pass through `useRequestEnd`; others end at their response, so a callback registered
 * from `onResponse` still runs.
 */
export function whenRequestEnds(request: Request, callback: () => void): void {
  const state = stateOf(request);
  if (state.ended) {
    callback();
    return;
  }
  state.callbacks.push(callback);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Tells `whenRequestEnds` listeners when a request is over. Put it first among the plugins: its
 * `onResponse` then runs before theirs, and a listener registered later runs at once.
 */
export function useRequestEnd(): Plugin<{ request: Request }> {
  const track = (request: Request, result: unknown) => {
    if (!isAsyncIterable(result)) return undefined;
    const state = stateOf(request);
    state.open += 1;
    return {
      onEnd() {
        state.open -= 1;
        endIfDone(state);
      },
    };
  };
  return {
    onExecute({ args }) {
      return { onExecuteDone: ({ result }) => track(args.contextValue.request, result) };
    },
    onSubscribe({ args }) {
      return { onSubscribeResult: ({ result }) => track(args.contextValue.request, result) };
    },
    onResponse({ request }) {
      const state = stateOf(request);
      state.responded = true;
      endIfDone(state);
    },
  };
}
