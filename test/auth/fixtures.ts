import type { HawkCredentials } from '../../src/auth/index.js';

/** A fixed server time: 2023-11-14T22:13:20Z. */
export const NOW_MS = 1_700_000_000_000;
export const NOW_SEC = NOW_MS / 1000;

export const SHERIFF: HawkCredentials = {
  id: 'sheriff-bot',
  key: 'k3y-0f-the-sheriff-bot-d0-not-leak-9f8e7d6c5b4a',
  algorithm: 'sha256',
};

export const PERF: HawkCredentials = {
  id: 'perf-ingest',
  key: 'perf-ingest-secret-5566778899aabbccddeeff',
  algorithm: 'sha256',
};

/** A nonce generator yielding n1, n2, n3, … so every signed request in a test is distinct. */
export function sequentialNonces(prefix = 'n'): () => string {
  let next = 0;
  return () => `${prefix}${++next}`;
}
