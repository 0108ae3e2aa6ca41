import { describe, expect, it } from 'vitest';
import type { UnitPosition, UnitRecord } from '../../../../../src-shared/domain/unit';
import {
  boxHolds,
  CLUSTER_MAX_ZOOM,
  clusteredAt,
  grownBox,
  unitSourceDiff,
  type LonLatBox,
} from '../../../../../src-renderer/features/map/unitSource';

const position = (unitId: string, lon: number, lat: number): UnitPosition => ({
  unitId,
  lat,
  lon,
  at: 1_000,
  speed: 12,
  heading: 90,
  accuracyM: 5,
  source: 'mqtt',
  freshness: 'live',
});

const BAGHDAD: LonLatBox = { west: 44.2, south: 33.2, east: 44.5, north: 33.4 };
const roster = { 'amb-7': { id: 'amb-7', callsign: 'إسعاف ٧', agency: 'ambulance', status: 'en-route' } as UnitRecord };

describe('the units source', () => {
  it('given a zoom, when asked whether to cluster, then only zooms whose tiles form clusters do', () => {
    expect(clusteredAt(5)).toBe(true);
    expect(clusteredAt(CLUSTER_MAX_ZOOM)).toBe(true);
    expect(clusteredAt(CLUSTER_MAX_ZOOM + 0.99)).toBe(true);
    expect(clusteredAt(CLUSTER_MAX_ZOOM + 1)).toBe(false);
    expect(clusteredAt(14)).toBe(false);
  });

  it('given a view, when it is grown by half, then it spans twice its width and height around the same centre', () => {
    const grown = grownBox(BAGHDAD, 0.5);

    expect(grown.west).toBeCloseTo(44.05);
    expect(grown.east).toBeCloseTo(44.65);
    expect(grown.south).toBeCloseTo(33.1);
    expect(grown.north).toBeCloseTo(33.5);
    expect(boxHolds(grown, 44.6, 33.45)).toBe(true);
    expect(boxHolds(grown, 44.7, 33.3)).toBe(false);
  });

  it('given units moved inside and outside the area, when the diff is built, then those inside are sent whole and the others wait', () => {
    const positions = new Map([
      ['amb-7', position('amb-7', 44.37, 33.32)],
      ['far-1', position('far-1', 47.8, 30.5)],
    ]);
    const drawn = new Set<string>();

    const diff = unitSourceDiff(['amb-7', 'far-1'], positions, roster, drawn, BAGHDAD);

    expect(diff.add.map((feature) => feature.id)).toEqual(['amb-7']);
    expect(diff.add[0]?.properties).toMatchObject({ label: 'إسعاف ٧', status: 'en-route', icon: 'medical' });
    expect(diff.remove).toEqual([]);
    expect(diff.deferred).toEqual(['far-1']);
    expect([...drawn]).toEqual(['amb-7']);
  });

  it('given units that lost their position, when the diff is built, then those drawn are removed wherever they were', () => {
    const drawn = new Set(['amb-7', 'far-1']);

    const diff = unitSourceDiff(['amb-7', 'far-1', 'never-drawn'], new Map(), roster, drawn, BAGHDAD);

    expect(diff.remove).toEqual(['amb-7', 'far-1']);
    expect(diff.add).toEqual([]);
    expect(diff.deferred).toEqual([]);
    expect(drawn.size).toBe(0);
  });

  it('given a unit already drawn, when it moves, then it is sent as an add that replaces it (no update entries)', () => {
    const drawn = new Set(['amb-7']);
    const positions = new Map([['amb-7', position('amb-7', 44.38, 33.33)]]);

    const diff = unitSourceDiff(['amb-7'], positions, roster, drawn, BAGHDAD);

    expect(diff.add).toHaveLength(1);
    expect(diff.add[0]?.geometry.coordinates).toEqual([44.38, 33.33]);
    expect(drawn).toEqual(new Set(['amb-7']));
  });
});
