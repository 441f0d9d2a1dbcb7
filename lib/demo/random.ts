/**
 * Seeded randomness for the demo data. Everything the demo generates is a pure function of a seed,
 * so the same seed gives byte-identical catalogs, histories and export files on every machine.
 * sfc32 is small, fast and passes PractRand far beyond the few million draws a history needs.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Roughly normal (Box–Muller), clamped to mean ± 4 sd so one unlucky draw never breaks a shape. */
  normal(mean?: number, sd?: number): number;
  /** Positive, right-skewed: the median and the spread of its logarithm. */
  logNormal(median: number, sigma: number): number;
  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** An independent stream named by `label`: adding draws in one part never shifts another. */
  fork(label: string | number): Random;
}

/** FNV-1a over UTF-16 code units, finished with a murmur3 avalanche so near labels spread apart. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export function createRandom(seed: number | string): Random {
  const key = typeof seed === "number" ? `n:${seed}` : `s:${seed}`;
  let a = hashString(key, 0x9e3779b9);
  let b = hashString(key, 0x243f6a88);
  let c = hashString(key, 0xb7e15162);
  let d = 1;

  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of sfc32 still echo the seed; discarding a few is the usual remedy.
  for (let warmUp = 0; warmUp < 12; warmUp++) next();

  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError("Cannot pick from an empty list.");
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: readonly T[], weights: readonly number[]): T {
      let total = 0;
      for (const weight of weights) total += weight;
      if (items.length === 0 || total <= 0) throw new RangeError("Cannot pick without positive weights.");
      let target = next() * total;
      for (let index = 0; index < items.length; index++) {
        target -= weights[index] ?? 0;
        if (target < 0) return items[index] as T;
      }
      return items[items.length - 1] as T;
    },
    normal(mean = 0, sd = 1) {
      const u = 1 - next();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
      return mean + sd * Math.max(-4, Math.min(4, z));
    },
    logNormal: (median, sigma) => median * Math.exp(random.normal(0, sigma)),
    shuffle<T>(items: T[]): T[] {
      for (let index = items.length - 1; index > 0; index--) {
        const other = Math.floor(next() * (index + 1));
        const held = items[index] as T;
        items[index] = items[other] as T;
        items[other] = held;
      }
      return items;
    },
    fork: (label) => createRandom(`${key}/${label}`),
  };
  return random;
}

/**
 * Weighted picks in O(log n) for lists drawn from thousands of times (a listener's rotation):
 * the cumulative weights are built once, each pick is a binary search.
 */
export function weightedSampler<T>(items: readonly T[], weights: readonly number[]): (random: Random) => T {
  if (items.length === 0) throw new RangeError("Cannot sample from an empty list.");
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let index = 0; index < items.length; index++) {
    total += Math.max(0, weights[index] ?? 0);
    cumulative[index] = total;
  }
  if (total <= 0) throw new RangeError("Cannot sample without positive weights.");
  return (random) => {
    const target = random.next() * total;
    let low = 0;
    let high = items.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return items[low] as T;
  };
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Spotify-style id (22 base62 characters) that depends only on the seed, the kind and the index. */
export function base62Id(seed: number, kind: string, index: number): string {
  const random = createRandom(`id:${seed}:${kind}:${index}`);
  let id = "";
  for (let position = 0; position < 22; position++) id += BASE62[Math.floor(random.next() * 62)];
  return id;
}
