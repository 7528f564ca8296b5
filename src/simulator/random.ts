import { createHash } from 'node:crypto';

/**
 * A small deterministic PRNG (sfc32) seeded from a string hash. Every generated value in the
 * simulator comes from a stream keyed by (seed, purpose, id…), so a push's jobs can be rebuilt
 * on demand without generating anything else first.
 */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by relative weight; `weights` and `items` have the same length. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  hex(length: number): string;
  /** Standard normal deviate (Box–Muller). */
  normal(): number;
  /** Exponential deviate with the given mean. */
  exponential(mean: number): number;
  bytes(count: number): Buffer;
  shuffle<T>(items: readonly T[]): T[];
}

function hashKey(parts: ReadonlyArray<string | number>): [number, number, number, number] {
  // sha256 of the key gives four well-mixed 32-bit words for the generator state.
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
}

export function createRandom(...key: ReadonlyArray<string | number>): Random {
  let [a, b, c, d] = hashKey(key);
  const nextUint32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up so that similar keys diverge immediately.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / 4294967296;
  const random: Random = {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(p) {
      return next() < p;
    },
    pick(items) {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    weighted(items, weights) {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return items[i] as (typeof items)[number];
      }
      const last = items[items.length - 1];
      if (last === undefined) throw new Error('weighted pick from an empty list');
      return last;
    },
    hex(length) {
      let out = '';
      while (out.length < length) out += nextUint32().toString(16).padStart(8, '0');
      return out.slice(0, length);
    },
    normal() {
      const u = Math.max(next(), 1e-12);
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    exponential(mean) {
      return -Math.log(1 - next()) * mean;
    },
    bytes(count) {
      const buf = Buffer.alloc(count);
      for (let i = 0; i < count; i++) buf[i] = nextUint32() & 0xff;
      return buf;
    },
    shuffle(items) {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = copy[i] as (typeof copy)[number];
        copy[i] = copy[j] as (typeof copy)[number];
        copy[j] = tmp;
      }
      return copy;
    },
  };
  return random;
}

/** 40-hex SHA-1, the form Treeherder uses for option-collection, job and perf signature hashes. */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * A Taskcluster task id: 16 random bytes as URL-safe base64 without padding (22 chars). The
 * first byte's top bit is cleared, as slugid's "nice" ids do, so ids never start with '-'.
 */
export function taskIdFromBytes(bytes: Buffer): string {
  const copy = Buffer.from(bytes);
  copy[0] = (copy[0] ?? 0) & 0x7f;
  // uuid v4 layout bits, as slugid sets them.
  copy[6] = ((copy[6] ?? 0) & 0x0f) | 0x40;
  copy[8] = ((copy[8] ?? 0) & 0x3f) | 0x80;
  return copy.toString('base64url');
}

/** The uuid form of a task id, which is how Treeherder spells job guids (`<uuid>/<run>`). */
export function taskIdToUuid(taskId: string): string {
  const hex = Buffer.from(taskId, 'base64url').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
