import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_ETA_MODEL, etaSeconds, reachableDistanceM, roadDistanceM } from '../../../src-shared/domain/eta';

describe('ETA model', () => {
  it('given 5 km straight line for a police patrol on radio, then road 7 km at 40 km/h: 630 s', () => {
    expect(roadDistanceM(5_000)).toBe(7_000);
    expect(etaSeconds({ distanceM: 5_000, agency: 'police-patrols', inStation: false })).toBe(630);
  });

  it('given a fire engine in station, then its 90 s turnout is added', () => {
    const rolling = etaSeconds({ distanceM: 2_000, agency: 'civil-defence', inStation: false });
    expect(etaSeconds({ distanceM: 2_000, agency: 'civil-defence', inStation: true })).toBe(rolling + 90);
  });

  it('given an agency the model does not list, then the default speed and turnout apply', () => {
    expect(etaSeconds({ distanceM: 1_000, agency: 'forensics', inStation: true })).toBe(
      Math.round(60 + (1_400 / (DEFAULT_ETA_MODEL.defaultSpeedKmh * 1000)) * 3600),
    );
  });

  it('given any distance and agency, then no unit beyond the reachable distance of an ETA can beat it', () => {
    const agencies = ['police-patrols', 'ambulance', 'civil-defence', 'forensics'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.constantFrom(...agencies),
        fc.boolean(),
        (distanceM, bound, agency, inStation) => {
          if (distanceM > reachableDistanceM(bound + 1) + 1)
            expect(etaSeconds({ distanceM, agency, inStation })).toBeGreaterThan(bound);
        },
      ),
    );
  });
});
