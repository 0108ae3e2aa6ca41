import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CallRecord } from '../../../../../src-shared/domain/call';
import { distanceM } from '../../../../../src-shared/domain/geo';
import type { UnitPosition, UnitRecord } from '../../../../../src-shared/domain/unit';
import {
  callerFeatures,
  callerLocations,
  circlePolygon,
  pathLengthM,
  trailLine,
  unitFeature,
} from '../../../../../src-renderer/features/map/mapFeatures';

const position = (overrides: Partial<UnitPosition> = {}): UnitPosition => ({
  unitId: 'amb-7',
  lat: 33.31,
  lon: 44.36,
  at: 1_000,
  speed: 12,
  heading: 90,
  accuracyM: 5,
  source: 'mqtt',
  freshness: 'live',
  ...overrides,
});

const unit = { id: 'amb-7', callsign: 'إسعاف ٧', agency: 'ambulance', status: 'en-route' } as UnitRecord;

describe('map features', () => {
  it('given a position of a unit the roster does not know, when it becomes a feature, then it is labelled with its id', () => {
    const feature = unitFeature(position({ unitId: 'dev-99' }), undefined);

    expect(feature.id).toBe('dev-99');
    expect(feature.properties).toMatchObject({ label: 'dev-99', status: 'unknown', icon: 'generic' });
  });

  it('given a rostered ambulance, when it becomes a feature, then it carries its callsign, status and medical icon', () => {
    const feature = unitFeature(position({ heading: -90, freshness: 'stale' }), unit);

    expect(feature.geometry.coordinates).toEqual([44.36, 33.31]);
    expect(feature.properties).toEqual({
      id: 'amb-7',
      label: 'إسعاف ٧',
      icon: 'medical',
      agency: 'ambulance',
      status: 'en-route',
      freshness: 'stale',
      heading: 270,
    });
    expect(unitFeature(position({ heading: null }), unit).properties.heading).toBe(-1);
  });

  it('given any radius, when a circle is drawn, then every vertex lies at that distance from the centre', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 29, max: 37.5, noNaN: true }),
        fc.double({ min: 38, max: 49, noNaN: true }),
        fc.double({ min: 5, max: 50_000, noNaN: true }),
        (lat, lon, radius) => {
          const ring = circlePolygon(lat, lon, radius, 32).coordinates[0] ?? [];
          expect(ring).toHaveLength(33);
          expect(ring[0]).toEqual(ring[32]);
          for (const [vertexLon = 0, vertexLat = 0] of ring) {
            expect(Math.abs(distanceM({ lat, lon }, { lat: vertexLat, lon: vertexLon }) - radius)).toBeLessThan(
              radius * 0.005 + 0.01,
            );
          }
        },
      ),
    );
  });

  it('given calls and intakes, when callers are drawn, then waiting and answered calls show unless an intake has the call', () => {
    const call = (id: string, status: CallRecord['status']): CallRecord =>
      ({ id, status, location: { lat: 33.3, lon: 44.4, accuracyM: 250, source: 'ali' } }) as CallRecord;
    const calls = {
      c1: call('c1', 'waiting'),
      c2: call('c2', 'answered'),
      c3: call('c3', 'linked'),
      c4: call('c4', 'released'),
      c5: { ...call('c5', 'waiting'), location: null },
    };
    const drafts = {
      d1: { id: 'd1', callId: 'c2', location: { lat: 33.31, lon: 44.41, source: 'map' as const } },
      d2: { id: 'd2', callId: null, location: null },
    };

    const located = callerLocations(calls, drafts);

    expect(located.map((entry) => entry.id)).toEqual(['call:c1', 'intake:d1']);
    const features = callerFeatures(located);
    // The ALI fix has an uncertainty: its circle and its point; the map point has no circle.
    expect(features.map((feature) => feature.geometry.type)).toEqual(['Polygon', 'Point', 'Point']);
  });

  it('given a stored trail and a newer live position, when the trail is drawn, then the line ends at the live position', () => {
    const points = [
      { at: 1, lat: 33.3, lon: 44.3, speed: null, heading: null },
      { at: 2, lat: 33.31, lon: 44.31, speed: null, heading: null },
    ];

    expect(trailLine(points, position({ at: 3 }))?.geometry.coordinates).toEqual([
      [44.3, 33.3],
      [44.31, 33.31],
      [44.36, 33.31],
    ]);
    expect(trailLine(points, position({ at: 1 }))?.geometry.coordinates).toHaveLength(2);
    expect(trailLine([], undefined)).toBeNull();
  });

  it('given a measured path, when its length is taken, then it is the sum of its legs', () => {
    const a = { lat: 33.3, lon: 44.3 };
    const b = { lat: 33.4, lon: 44.4 };
    const c = { lat: 33.2, lon: 44.5 };
    const length = pathLengthM([
      [a.lon, a.lat],
      [b.lon, b.lat],
      [c.lon, c.lat],
    ]);

    expect(length).toBeCloseTo(distanceM(a, b) + distanceM(b, c), -1);
    expect(pathLengthM([[44, 33]])).toBe(0);
  });
});
