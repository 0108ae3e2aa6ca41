import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DUPLICATE_RULE,
  findDuplicateCandidates,
  type OpenIncidentForDuplicates,
} from '../../../src-shared/domain/duplicates';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const SCENE = { lat: 33.3333, lon: 44.4197 };
// ~111 m per 0.001° of latitude.
const north = (metres: number): { lat: number; lon: number } => ({ lat: SCENE.lat + metres / 111_195, lon: SCENE.lon });

function incident(overrides: Partial<OpenIncidentForDuplicates> = {}): OpenIncidentForDuplicates {
  return {
    id: 'I1',
    typeCode: 'traffic-accident-fire',
    location: SCENE,
    createdAt: NOW - 5 * 60_000,
    callerNumber: '07701234567',
    closed: false,
    ...overrides,
  };
}

const anyType = (): boolean => true;

describe('duplicate call detection (pure)', () => {
  it('given a call 150 m from an incident created 5 minutes ago, then it is proposed as nearby with its distance', () => {
    const [candidate, ...rest] = findDuplicateCandidates(
      { location: north(150), callerNumber: '07809876543', receivedAt: NOW },
      [incident()],
      DEFAULT_DUPLICATE_RULE,
      anyType,
    );
    expect(rest).toEqual([]);
    expect(candidate?.reason).toBe('nearby');
    expect(candidate?.distanceM).toBeGreaterThan(145);
    expect(candidate?.distanceM).toBeLessThan(155);
    expect(candidate?.ageMs).toBe(5 * 60_000);
  });

  it('given the radius and window edges, then 300 m and 20 min are in, just past them are out', () => {
    const call = (metres: number, ageMinutes: number) =>
      findDuplicateCandidates(
        { location: north(metres), callerNumber: null, receivedAt: NOW },
        [incident({ createdAt: NOW - ageMinutes * 60_000 })],
        DEFAULT_DUPLICATE_RULE,
        anyType,
      ).length;
    expect(call(299, 20)).toBe(1);
    expect(call(305, 5)).toBe(0);
    expect(call(100, 20.1)).toBe(0);
  });

  it('given an incompatible type, then a nearby call is not proposed; before a type is chosen it is', () => {
    const compatible = (incidentType: string, callType: string): boolean => incidentType === callType;
    const nearby = { location: north(50), callerNumber: null, receivedAt: NOW };
    expect(
      findDuplicateCandidates({ ...nearby, typeCode: 'theft' }, [incident()], DEFAULT_DUPLICATE_RULE, compatible),
    ).toEqual([]);
    expect(
      findDuplicateCandidates({ ...nearby, typeCode: null }, [incident()], DEFAULT_DUPLICATE_RULE, compatible),
    ).toHaveLength(1);
  });

  it('given the same caller number anywhere, then it is proposed first, ahead of nearer incidents', () => {
    const candidates = findDuplicateCandidates(
      { location: north(20), callerNumber: '07701234567', receivedAt: NOW },
      [
        incident({ id: 'near', location: north(30), callerNumber: '07500000000' }),
        incident({ id: 'same-caller', location: { lat: 36.19, lon: 44.01 } }),
      ],
      DEFAULT_DUPLICATE_RULE,
      anyType,
    );
    expect(candidates.map((candidate) => [candidate.incidentId, candidate.reason])).toEqual([
      ['same-caller', 'same-caller'],
      ['near', 'nearby'],
    ]);
  });

  it('given closed incidents or a call without location or number, then nothing is proposed', () => {
    expect(
      findDuplicateCandidates(
        { location: north(10), callerNumber: null, receivedAt: NOW },
        [incident({ closed: true })],
        DEFAULT_DUPLICATE_RULE,
        anyType,
      ),
    ).toEqual([]);
    expect(
      findDuplicateCandidates(
        { location: null, callerNumber: null, receivedAt: NOW },
        [incident()],
        DEFAULT_DUPLICATE_RULE,
        anyType,
      ),
    ).toEqual([]);
  });
});
