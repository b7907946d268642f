/**
 * A small seeded PRNG (mulberry32) so that every generated workspace, and every fault the
 * sandbox injects, repeats exactly for the same seed. Not for anything security-related.
 */

/** A deterministic source of pseudo-random values. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `length` lowercase hexadecimal characters. */
  hex(length: number): string;
}

/** Creates a mulberry32 generator from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError("pick() needs a non-empty list");
      return item;
    },
    hex: (length) => {
      let out = "";
      while (out.length < length) {
        out += Math.floor(next() * 4294967296)
          .toString(16)
          .padStart(8, "0");
      }
      return out.slice(0, length);
    },
  };
}

/**
 * Mixes several integers into one 32-bit seed, so that each entity (repository, pull request)
 * gets its own independent stream and can be generated on its own, in any order.
 */
export function mixSeed(...parts: readonly number[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x01000193) >>> 0;
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0x5bd1e995) >>> 0;
    hash ^= hash >>> 15;
  }
  return hash >>> 0;
}

/** A Bitbucket-style UUID in braces: `{8-4-4-4-12}` lowercase hex (version 4 layout). */
export function randomUuid(random: Random): string {
  const hex = random.hex(32);
  const variant = "89ab"[random.int(0, 3)] ?? "8";
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}}`;
}
