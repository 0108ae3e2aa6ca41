import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fastestUnits,
  fastestUnitsByScan,
  originOf,
  recommendUnits,
  UnitIndex,
} from '../../../src-shared/domain/recommendation';
import type { UnitPosition, UnitRecord, UnitStatus } from '../../../src-shared/domain/unit';

const INCIDENT = { lat: 33.3152, lon: 44.3661 }; // Tahrir square

function unit(id: string, fields: Partial<UnitRecord> = {}): UnitRecord {
  return {
    id,
    callsign: id,
    agency: 'civil-defence',
    kind: 'fire-engine',
    capabilities: ['fire-engine'],
    station: null,
    home: null,
    crew: [],
    radioId: null,
    deviceId: null,
    status: 'available-on-radio',
    statusSince: 0,
    statusSource: 'system',
    incidentId: null,
    updatedAt: 0,
    version: 1,
    ...fields,
  };
}

function position(
  unitId: string,
  lat: number,
  lon: number,
  freshness: UnitPosition['freshness'] = 'live',
): UnitPosition {
  return { unitId, lat, lon, at: 0, speed: null, heading: null, accuracyM: null, source: 'mqtt', freshness };
}

describe('recommendation ranking', () => {
  it('given a live fix, a stale fix and no fix, then origins are the fix, the home station, and the stale fix only without a home', () => {
    const home = { lat: 33.3, lon: 44.4 };
    expect(originOf({ home }, position('a', 33.31, 44.36))).toEqual({ lat: 33.31, lon: 44.36, kind: 'live' });
    expect(originOf({ home }, position('a', 33.31, 44.36, 'stale'))).toEqual({ ...home, kind: 'home' });
    expect(originOf({ home: null }, position('a', 33.31, 44.36, 'lost'))).toEqual({
      lat: 33.31,
      lon: 44.36,
      kind: 'stale',
    });
    expect(originOf({ home: null }, null)).toBeNull();
  });

  it('given units near and far, in station and rolling, then they are ranked by ETA with distance, turnout counted', () => {
    const units = [
      unit('far', { home: { lat: 33.4, lon: 44.5 } }),
      unit('near-in-station', { status: 'available', home: { lat: 33.316, lon: 44.37 } }),
      unit('near-rolling', { home: { lat: 33.318, lon: 44.372 } }),
      unit('busy', { status: 'en-route', home: INCIDENT }),
    ];
    const index = UnitIndex.build(units, () => null);

    const ranked = fastestUnits(index, INCIDENT, 3, (candidate) => candidate.status !== 'en-route');

    expect(ranked.map((entry) => entry.unitId)).toEqual(['near-rolling', 'near-in-station', 'far']);
    expect(ranked[1]?.distanceM).toBeGreaterThan(300);
    expect(ranked[1]?.origin).toBe('home');
    // Closer, but its crew must turn out first (90 s): the rolling unit a little farther goes first.
    expect(ranked[1]?.etaS).toBeGreaterThan(90);
    expect(ranked[0]?.distanceM).toBeGreaterThan(ranked[1]?.distanceM ?? 0);
  });

  it('given a live AVL fix far from home, then the unit is ranked from where it is', () => {
    const units = [unit('a', { home: { lat: 33.4, lon: 44.5 } }), unit('b', { home: { lat: 33.33, lon: 44.38 } })];
    const positions = new Map([['a', position('a', 33.3155, 44.3665)]]);
    const index = UnitIndex.build(units, (id) => positions.get(id) ?? null);

    expect(fastestUnits(index, INCIDENT, 2, () => true).map((entry) => [entry.unitId, entry.origin])).toEqual([
      ['a', 'live'],
      ['b', 'home'],
    ]);
  });

  it('given random rosters, then the spatial index gives exactly the same ranking as scanning every unit', () => {
    const statuses: UnitStatus[] = ['available', 'available-on-radio', 'en-route'];
    const agencies = ['civil-defence', 'ambulance', 'police-patrols'];
    const roster = fc.array(
      fc.record({
        lat: fc.double({ min: 33.1, max: 33.5, noNaN: true }),
        lon: fc.double({ min: 44.2, max: 44.6, noNaN: true }),
        status: fc.constantFrom(...statuses),
        agency: fc.constantFrom(...agencies),
        live: fc.boolean(),
        home: fc.boolean(),
      }),
      { maxLength: 120 },
    );
    fc.assert(
      fc.property(roster, fc.integer({ min: 1, max: 12 }), (entries, count) => {
        const units = entries.map((entry, i) =>
          unit(`u${String(i).padStart(3, '0')}`, {
            status: entry.status,
            agency: entry.agency,
            home: entry.home ? { lat: entry.lat, lon: entry.lon } : null,
          }),
        );
        const positions = new Map(
          entries.flatMap((entry, i) =>
            entry.live ? [[`u${String(i).padStart(3, '0')}`, position('x', entry.lat + 0.01, entry.lon - 0.01)]] : [],
          ),
        );
        const positionOf = (id: string): UnitPosition | null => positions.get(id) ?? null;
        const accept = (candidate: UnitRecord): boolean =>
          candidate.status !== 'en-route' && candidate.agency !== 'ambulance';
        const byIndex = fastestUnits(UnitIndex.build(units, positionOf), INCIDENT, count, accept);
        const byScan = fastestUnitsByScan(units, positionOf, INCIDENT, count, accept);
        expect(byIndex).toEqual(byScan);
      }),
      { numRuns: 150 },
    );
  });

  it('given a building fire plan, then it is filled with the fastest units of each capability, each unit once, alternatives listed', () => {
    const units = [
      unit('E1', { home: { lat: 33.316, lon: 44.367 } }),
      unit('E2', { home: { lat: 33.33, lon: 44.38 } }),
      unit('E3', { home: { lat: 33.4, lon: 44.45 } }),
      unit('A1', {
        agency: 'ambulance',
        kind: 'ambulance-basic',
        capabilities: ['ambulance-basic'],
        home: { lat: 33.32, lon: 44.37 },
      }),
      unit('P1', {
        agency: 'police-patrols',
        kind: 'patrol',
        capabilities: ['patrol'],
        home: { lat: 33.31, lon: 44.36 },
      }),
      unit('T1', {
        agency: 'traffic-police',
        kind: 'traffic-patrol',
        capabilities: ['traffic-patrol'],
        home: INCIDENT,
      }),
    ];
    const recommendation = recommendUnits(
      UnitIndex.build(units, () => null),
      {
        location: INCIDENT,
        agencies: ['civil-defence', 'ambulance', 'police-patrols'],
        plan: [
          { capability: 'fire-engine', count: 2 },
          { capability: 'ambulance-basic', count: 1 },
          { capability: 'patrol', count: 1 },
        ],
      },
    );

    expect(recommendation.ranked).toBe(true);
    expect(
      recommendation.slots.map((slot) => [slot.capability, slot.units.map((entry) => entry.unitId), slot.missing]),
    ).toEqual([
      ['fire-engine', ['E1', 'E2'], 0],
      ['ambulance-basic', ['A1'], 0],
      ['patrol', ['P1'], 0],
    ]);
    expect(recommendation.alternatives.map((entry) => entry.unitId)).toEqual(['E3']); // not T1: traffic is not routed
  });

  it('given an incident without a location, then the plan is still filled, unranked', () => {
    const units = [unit('E1'), unit('E2', { home: { lat: 33.3, lon: 44.3 } })];
    const recommendation = recommendUnits(
      UnitIndex.build(units, () => null),
      {
        location: null,
        agencies: ['civil-defence'],
        plan: [{ capability: 'fire-engine', count: 3 }],
      },
    );
    expect(recommendation.ranked).toBe(false);
    expect(recommendation.slots[0]).toMatchObject({ missing: 1 });
    expect(recommendation.slots[0]?.units.map((entry) => [entry.unitId, entry.etaS])).toEqual([
      ['E1', null],
      ['E2', null],
    ]);
  });
});
