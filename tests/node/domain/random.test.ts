import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src-shared/domain/random';

const take = (random: () => number, count: number): number[] => Array.from({ length: count }, () => random());

describe('seededRandom', () => {
  it('given the same seed twice, then the same sequence; another seed, another sequence', () => {
    expect(take(seededRandom(7), 20)).toEqual(take(seededRandom(7), 20));
    expect(take(seededRandom(7), 20)).not.toEqual(take(seededRandom(8), 20));
    expect(take(seededRandom('drill-3'), 20)).toEqual(take(seededRandom('drill-3'), 20));
    expect(take(seededRandom('drill-3'), 20)).not.toEqual(take(seededRandom('drill-4'), 20));
  });

  it('given a number seed, then the sequence drills and tests were recorded with (mulberry32) is unchanged', () => {
    expect(take(seededRandom(42), 3)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('given many draws, then every value is in [0, 1) and they spread over the range', () => {
    const values = take(seededRandom('spread'), 10_000);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
