/**
 * Signals that always fire. `AbortSignal.any([x, AbortSignal.timeout(ms)])` depends on the
 * garbage collector (on Node 20 a collected timeout signal never fires) and refuses signals that
 * are not Node's own (Yoga's `request.signal` may be a polyfill): this module drives a plain
 * `AbortController` from a plain timer instead, and follows its parent signals by their events.
 */

/** An abort signal linked to its parents and a timer, and the means to let go of both. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Clears the timer and the listeners on the parents (the signal is not aborted). */
  dispose(): void;
  /** Clears the timer only: the signal still follows its parents (they die with it). */
  stopTimer(): void;
}

/** What the parents of a linked signal need to offer: Node's, undici's and Yoga's all do. */
type SignalLike = Pick<AbortSignal, 'aborted' | 'reason' | 'addEventListener' | 'removeEventListener'>;

/** The reason a deadline aborts with: named `TimeoutError`, as `AbortSignal.timeout` does. */
export function timeoutReason(ms: number): Error {
  const error = new Error(`The deadline of ${ms} ms passed.`);
  error.name = 'TimeoutError';
  return error;
}

/**
 * A signal that aborts as soon as any parent does (with its reason) or, when `timeoutMs` is
 * given, after that many milliseconds (with a `TimeoutError`). The timer is unref'd, so it never
 * keeps the process alive, and is referenced by this module until it fires or `dispose` runs.
 */
export function linkSignals(parents: ReadonlyArray<SignalLike | null | undefined>, timeoutMs?: number): LinkedSignal {
  const controller = new AbortController();
  const live = parents.filter((parent): parent is SignalLike => parent != null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const listeners = live.map((parent) => () => abort(parent.reason));
  function stopTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }
  function dispose(): void {
    stopTimer();
    live.forEach((parent, i) => parent.removeEventListener('abort', listeners[i]!));
  }
  function abort(reason: unknown): void {
    dispose();
    if (!controller.signal.aborted) controller.abort(reason);
  }
  for (const parent of live) {
    if (parent.aborted) {
      abort(parent.reason);
      return { signal: controller.signal, dispose, stopTimer };
    }
  }
  live.forEach((parent, i) => parent.addEventListener('abort', listeners[i]!, { once: true }));
  if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) {
    timer = setTimeout(() => abort(timeoutReason(timeoutMs)), Math.max(0, timeoutMs));
    timer.unref?.();
  }
  return { signal: controller.signal, dispose, stopTimer };
}
