/** The HMAC algorithms Hawk can sign with. */
export type HawkAlgorithm = 'sha1' | 'sha256';

/** A Hawk client's credentials: the id it sends in the header and the secret it signs with. */
export interface HawkCredentials {
  id: string;
  key: string;
  algorithm: HawkAlgorithm;
}

/**
 * The algorithms the gateway accepts for stored credentials. Treeherder only ever issued sha256
 * credentials, so sha1 (which hawk still supports for signing) is refused at load time.
 */
export const ACCEPTED_ALGORITHMS: readonly HawkAlgorithm[] = ['sha256'];

// Hawk header attribute values may only hold these characters (hawk's own parser rejects the
// rest), so an id outside this set could never authenticate and would break the header we sign.
const HEADER_SAFE_VALUE = /^[ \w!#$%&'()*+,\-./:;<=>?@[\]^`{|}~]+$/;

/** Longest id we accept: ids are echoed in error messages, so they must stay short. */
export const MAX_ID_LENGTH = 128;

export function isHeaderSafeValue(value: string): boolean {
  return HEADER_SAFE_VALUE.test(value);
}

/**
 * Checks one credentials entry and returns it as a fresh, frozen object, or returns the list of
 * problems. Problems name fields, never values, so they can be logged even when the key is wrong.
 */
export function toHawkCredentials(
  entry: unknown,
): { ok: true; credentials: HawkCredentials } | { ok: false; problems: string[] } {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { ok: false, problems: ['must be an object with id, key and algorithm'] };
  }
  const { id, key, algorithm } = entry as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof id !== 'string' || id.length === 0) {
    problems.push('id must be a non-empty string');
  } else if (id.length > MAX_ID_LENGTH) {
    problems.push(`id must be at most ${MAX_ID_LENGTH} characters`);
  } else if (!isHeaderSafeValue(id)) {
    problems.push('id may only contain characters allowed in a Hawk header attribute (no quotes or backslashes)');
  }
  if (typeof key !== 'string' || key.length === 0) {
    problems.push('key must be a non-empty string');
  }
  if (typeof algorithm !== 'string' || !(ACCEPTED_ALGORITHMS as readonly string[]).includes(algorithm)) {
    problems.push(`algorithm must be one of ${ACCEPTED_ALGORITHMS.map((a) => `"${a}"`).join(', ')}`);
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    credentials: Object.freeze({
      id: id as string,
      key: key as string,
      algorithm: algorithm as HawkAlgorithm,
    }),
  };
}
