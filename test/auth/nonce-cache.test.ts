import { describe, expect, it } from 'vitest';
import { createNonceCache } from '../../src/auth/index.js';
import { NOW_MS, NOW_SEC } from './fixtures.js';

function clock(start = NOW_MS) {
  let current = start;
  return { now: () => current, advance: (ms: number) => (current += ms) };
}

describe('createNonceCache', () => {
  it('accepts a nonce once per client and timestamp', () => {
    const cache = createNonceCache({ now: () => NOW_MS });

    expect(cache.claim('sheriff-bot', 'abc', NOW_SEC)).toBe(true);
    expect(cache.claim('sheriff-bot', 'abc', NOW_SEC)).toBe(false);
    expect(cache.claim('perf-ingest', 'abc', NOW_SEC)).toBe(true);
    expect(cache.claim('sheriff-bot', 'abd', NOW_SEC)).toBe(true);
    expect(cache.claim('sheriff-bot', 'abc', NOW_SEC + 1)).toBe(true);
  });

  it('forgets a nonce once its request would be refused as stale anyway', () => {
    const time = clock();
    const cache = createNonceCache({ windowSec: 60, now: time.now });
    cache.claim('sheriff-bot', 'abc', NOW_SEC);

    time.advance(60_000);
    expect(cache.claim('sheriff-bot', 'abc', NOW_SEC)).toBe(false);

    time.advance(1_001);
    expect(cache.claim('sheriff-bot', 'abc', NOW_SEC)).toBe(true);
  });

  it('stays within maxEntries by evicting the oldest', () => {
    const cache = createNonceCache({ maxEntries: 3, now: () => NOW_MS });
    for (const nonce of ['a', 'b', 'c', 'd']) {
      cache.claim('sheriff-bot', nonce, NOW_SEC);
    }

    expect(cache.size).toBe(3);
    expect(cache.claim('sheriff-bot', 'd', NOW_SEC)).toBe(false);
    expect(cache.claim('sheriff-bot', 'a', NOW_SEC)).toBe(true);
  });

  it('drops expired entries before evicting live ones when full', () => {
    const time = clock();
    const cache = createNonceCache({ windowSec: 60, maxEntries: 2, now: time.now });
    // Inserted first but live longest: a client whose clock runs ahead.
    cache.claim('ahead', 'live', NOW_SEC + 50);
    // Inserted second, expires first: a client whose clock runs behind.
    cache.claim('behind', 'old', NOW_SEC - 50);

    time.advance(20_000);
    expect(cache.claim('sheriff-bot', 'new', NOW_SEC + 20)).toBe(true);

    expect(cache.size).toBe(2);
    expect(cache.claim('ahead', 'live', NOW_SEC + 50)).toBe(false);
  });

  it.each([
    { windowSec: 0, maxEntries: 10 },
    { windowSec: 60, maxEntries: 0 },
    { windowSec: 60, maxEntries: 1.5 },
  ])('rejects windowSec=$windowSec maxEntries=$maxEntries', (options) => {
    expect(() => createNonceCache(options)).toThrow(RangeError);
  });
});
