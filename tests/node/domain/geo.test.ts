import { describe, expect, it } from 'vitest';
import { BAGHDAD_BOX, pointInPolygon, pointInRing, type Position } from '../../../src-shared/domain/geo';

// A square 0..10 with a square hole 4..6, and an L-shaped (concave) ring.
const square: Position[] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
];
const hole: Position[] = [
  [4, 4],
  [6, 4],
  [6, 6],
  [4, 6],
  [4, 4],
];
const ell: Position[] = [
  [0, 0],
  [10, 0],
  [10, 2],
  [2, 2],
  [2, 10],
  [0, 10],
  [0, 0],
];

describe('pointInRing', () => {
  it('given points inside and outside a square, then only the inside ones are in', () => {
    expect(pointInRing(5, 5, square)).toBe(true);
    expect(pointInRing(0.1, 9.9, square)).toBe(true);
    expect(pointInRing(-1, 5, square)).toBe(false);
    expect(pointInRing(5, 10.1, square)).toBe(false);
  });

  it('given a concave ring, then the notch is outside', () => {
    expect(pointInRing(1, 5, ell)).toBe(true);
    expect(pointInRing(5, 1, ell)).toBe(true);
    expect(pointInRing(5, 5, ell)).toBe(false);
  });

  it('given a ring that is not closed explicitly, then it is closed implicitly', () => {
    expect(pointInRing(5, 5, square.slice(0, 4))).toBe(true);
  });

  it('given an empty ring, then nothing is inside', () => {
    expect(pointInRing(0, 0, [])).toBe(false);
  });
});

describe('pointInPolygon', () => {
  it('given a polygon with a hole, then the hole is outside and the rest inside', () => {
    expect(pointInPolygon(2, 2, [square, hole])).toBe(true);
    expect(pointInPolygon(5, 5, [square, hole])).toBe(false);
    expect(pointInPolygon(11, 5, [square, hole])).toBe(false);
    expect(pointInPolygon(5, 5, [])).toBe(false);
  });
});

describe('BAGHDAD_BOX', () => {
  it('holds Tahrir Square and both banks of the Tigris, not Basra', () => {
    const inBox = (lat: number, lon: number) =>
      lat >= BAGHDAD_BOX.minLat && lat <= BAGHDAD_BOX.maxLat && lon >= BAGHDAD_BOX.minLon && lon <= BAGHDAD_BOX.maxLon;
    expect(inBox(33.3336, 44.4146)).toBe(true); // Tahrir Square (Rusafa)
    expect(inBox(33.3152, 44.3661)).toBe(true); // Karkh
    expect(inBox(30.5085, 47.7804)).toBe(false); // Basra
  });
});
