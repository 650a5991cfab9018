import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.js';

describe('seeded randomness', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const take = (seed: number) => {
      const r = createSeededRandom(seed);
      return Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    };
    expect(take(7)).toEqual(take(7));
    expect(take(7)).not.toEqual(take(8));
  });

  it('draws Poisson counts around their mean', () => {
    const r = createSeededRandom(1);
    const draws = Array.from({ length: 4000 }, () => r.poisson(4));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(3.8);
    expect(mean).toBeLessThan(4.2);
  });
});
