import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { linkSignals } from '../src/deadline.js';

const deadlineModule = fileURLToPath(new URL('../src/deadline.ts', import.meta.url));

describe('linkSignals', () => {
  it('aborts after its timeout with a TimeoutError, and not before', async () => {
    const started = performance.now();
    const linked = linkSignals([], 150);
    expect(linked.signal.aborted).toBe(false);
    await new Promise((resolve) => linked.signal.addEventListener('abort', resolve, { once: true }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect((linked.signal.reason as Error).name).toBe('TimeoutError');
  });

  it('follows a parent with its reason, and a parent already aborted at once', () => {
    const parent = new AbortController();
    const linked = linkSignals([undefined, parent.signal], 60_000);
    parent.abort(new Error('client gone'));
    expect(linked.signal.aborted).toBe(true);
    expect((linked.signal.reason as Error).message).toBe('client gone');
    expect(linkSignals([parent.signal]).signal.aborted).toBe(true);
  });

  it('accepts a parent that is not Node’s own AbortSignal (as Yoga’s request.signal may be)', () => {
    const target = new EventTarget() as EventTarget & { aborted: boolean; reason: unknown };
    target.aborted = false;
    const linked = linkSignals([target as unknown as AbortSignal]);
    target.aborted = true;
    target.reason = 'gone';
    target.dispatchEvent(new Event('abort'));
    expect(linked.signal.reason).toBe('gone');
  });

  it('lets go of its timer and listeners on dispose', async () => {
    const parent = new AbortController();
    const linked = linkSignals([parent.signal], 30);
    linked.dispose();
    await new Promise((resolve) => setTimeout(resolve, 80));
    parent.abort();
    expect(linked.signal.aborted).toBe(false);
  });

  it('fires after a forced garbage collection (node --expose-gc, a GC while it waits)', async () => {
    // The runtime under test is this one; the child strips the module's types itself. The
    // deadline's own timer is unref'd: the give-up timer keeps the child alive meanwhile.
    const script = `
      const { linkSignals } = await import(${JSON.stringify(deadlineModule)});
      const started = performance.now();
      const parent = new AbortController();
      let linked = linkSignals([parent.signal], 400);
      const fired = new Promise((resolve) => linked.signal.addEventListener('abort', () => resolve(performance.now() - started)));
      linked = null;
      setTimeout(() => globalThis.gc(), 100);
      setTimeout(() => globalThis.gc(), 200);
      let giveUp;
      const outcome = await Promise.race([fired, new Promise((resolve) => (giveUp = setTimeout(() => resolve('never'), 3000)))]);
      clearTimeout(giveUp);
      console.log(JSON.stringify({ outcome }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--input-type=module', '-e', script]);
    const { outcome } = JSON.parse(stdout) as { outcome: number | 'never' };
    expect(outcome).not.toBe('never');
    expect(outcome).toBeGreaterThanOrEqual(395);
    expect(outcome).toBeLessThan(2000);
  });
});
