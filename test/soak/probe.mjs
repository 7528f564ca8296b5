// Preloaded into the gateway process by the soak (`node --import ./test/soak/probe.mjs`):
// counts unhandled rejections and uncaught exceptions, and answers memory samples over the
// IPC channel, after a full GC when the process runs with --expose-gc.

let unhandledRejections = 0;
let uncaughtExceptions = 0;
const firstProblems = [];

const remember = (kind, error) => {
  if (firstProblems.length < 5) firstProblems.push(`${kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
};
process.on('unhandledRejection', (reason) => {
  unhandledRejections += 1;
  remember('unhandledRejection', reason);
});
process.on('uncaughtException', (error) => {
  uncaughtExceptions += 1;
  remember('uncaughtException', error);
});

process.on('message', (message) => {
  if (!message || message.type !== 'sample') return;
  if (message.gc && typeof globalThis.gc === 'function') {
    // Twice: the first pass can leave garbage reachable only from finalisers.
    globalThis.gc();
    globalThis.gc();
  }
  const memory = process.memoryUsage();
  process.send?.({
    type: 'sample',
    id: message.id,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    external: memory.external,
    unhandledRejections,
    uncaughtExceptions,
    firstProblems,
  });
});
// The channel must not keep the gateway alive once it has shut down.
process.channel?.unref();
