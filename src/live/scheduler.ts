/**
 * When pollers run. The gateway uses real timers; tests use a manual scheduler and say when an
 * interval has passed, so nothing depends on how fast a loaded machine is.
 */
export interface Scheduler {
  /** Runs `task` after `ms`; the returned function cancels it. */
  after(ms: number, task: () => Promise<void>): () => void;
}

export const timerScheduler: Scheduler = {
  after(ms, task) {
    const timer = setTimeout(() => void task(), ms);
    // A poller never keeps the process alive on its own: shutdown ends the streams.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export interface ManualScheduler extends Scheduler {
  /** Tasks waiting for their time. */
  readonly pending: number;
  /** The delay each task was scheduled with, in order (what real timers would have waited). */
  readonly delays: readonly number[];
  /** Runs every waiting task now (as if their intervals had passed) and waits for them to finish. */
  runPending(): Promise<void>;
}

export function createManualScheduler(): ManualScheduler {
  const waiting = new Set<() => Promise<void>>();
  const delays: number[] = [];
  return {
    delays,
    after(ms, task) {
      delays.push(ms);
      waiting.add(task);
      return () => waiting.delete(task);
    },
    get pending() {
      return waiting.size;
    },
    async runPending() {
      const tasks = [...waiting];
      waiting.clear();
      await Promise.all(tasks.map((task) => task()));
    },
  };
}
