/**
 * Settings every property suite shares: 10,000 generated cases per target and a fixed seed, so a
 * run is repeatable; `FC_SEED=<n>` replays another. fast-check's failure message carries the seed
 * and the path of the shrunk counterexample: `FC_SEED=<seed>` plus that path reproduces it.
 */
import type { Parameters } from "fast-check";

export const PROPERTY_RUNS = 10_000;
const DEFAULT_SEED = 20_260_719;

function seedFromEnvironment(): number {
  // Tests configure themselves: this helper is test support, not app configuration.
  // eslint-disable-next-line no-restricted-properties
  const raw = process.env.FC_SEED;
  if (raw === undefined || raw === "") return DEFAULT_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got "${raw}".`);
  return seed;
}

export function propertyParameters<T>(overrides: Parameters<T> = {}): Parameters<T> {
  return { seed: seedFromEnvironment(), numRuns: PROPERTY_RUNS, ...overrides };
}
