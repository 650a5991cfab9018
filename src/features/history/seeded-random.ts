// Seeded randomness for the history generator: the same seed gives the same history, byte for byte.
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

export interface SeededRandom {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A Poisson-distributed count with mean `lambda` (normal approximation above 50). */
  poisson(lambda: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

export function createSeededRandom(seed: number): SeededRandom {
  const rng = xoroshiro128plus(seed);
  const float = (): number => uniformFloat64(rng);
  const normal = (): number => {
    const u = 1 - float();
    const v = float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    float,
    normal,
    int: (min, max) => min + Math.floor(float() * (max - min + 1)),
    chance: (p) => float() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(float() * items.length)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    poisson: (lambda) => {
      if (lambda <= 0) return 0;
      if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = float();
      while (p > limit) {
        k++;
        p *= float();
      }
      return k;
    },
  };
}
