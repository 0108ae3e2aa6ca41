import { describe, expect, it } from 'vitest';
import { distanceM } from '../../../src-shared/domain/geo';
import {
  BRIDGES,
  planRoute,
  pointAlong,
  riverCrossings,
  routeLengthM,
} from '../../../src-main/services/demo/demoRoutes';

/** Stations of the demo roster on either bank. */
const MANSOUR = { lat: 33.3178, lon: 44.3481 };
const KARRADA = { lat: 33.3046, lon: 44.4232 };
const SADR_CITY = { lat: 33.39, lon: 44.45 };
const AMIRIYA = { lat: 33.295, lon: 44.29 };

describe('demo routes in Baghdad', () => {
  it('given two points on one bank, when planned, then the route is the straight leg', () => {
    expect(planRoute(KARRADA, SADR_CITY)).toEqual([KARRADA, SADR_CITY]);
  });

  it.each([
    ['al-Mansour → al-Karrada', MANSOUR, KARRADA],
    ['Sadr City → al-Amiriya', SADR_CITY, AMIRIYA],
  ])('given %s across the Tigris, when planned, then it crosses once, on a bridge', (_name, from, to) => {
    expect(riverCrossings(from, to)).toBe(1);

    const route = planRoute(from, to);

    expect(route[0]).toEqual(from);
    expect(route.at(-1)).toEqual(to);
    const legs = route.slice(1).map((point, index) => [route[index], point] as const);
    const crossingLegs = legs.filter(([a, b]) => a !== undefined && riverCrossings(a, b) > 0);
    expect(crossingLegs).toHaveLength(1);
    const [bridgeStart, bridgeEnd] = crossingLegs[0] ?? [];
    const bridge = BRIDGES.find(({ ends }) => ends.includes(bridgeStart as never) && ends.includes(bridgeEnd as never));
    expect(bridge).toBeDefined();
    // A detour, but a plausible one: not more than twice the straight line.
    expect(routeLengthM(route)).toBeLessThan(2 * distanceM(from, to));
  });

  it('given a route, when walked, then points along it start at its start and stop at its end', () => {
    const route = planRoute(MANSOUR, KARRADA);
    expect(pointAlong(route, 0)).toEqual(MANSOUR);
    expect(distanceM(pointAlong(route, routeLengthM(route) / 2), KARRADA)).toBeGreaterThan(1_000);
    expect(pointAlong(route, routeLengthM(route) + 500)).toEqual(KARRADA);
  });
});
