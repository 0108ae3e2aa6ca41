import { describe, expect, it } from 'vitest';
import {
  isAssignable,
  isAssigned,
  statusChangeRefusal,
  transitionRefusal,
  unitHasCapability,
  unitStatuses,
  unitTransitions,
  type UnitStatus,
} from '../../../src-shared/domain/unit';

const unit = (status: UnitStatus, incidentId: string | null = null) => ({ callsign: 'نجدة-101', status, incidentId });

describe('unit status machine', () => {
  it.each([
    ['available', 'dispatched'],
    ['dispatched', 'en-route'],
    ['en-route', 'on-scene'],
    ['on-scene', 'transporting'],
    ['transporting', 'at-hospital'],
    ['at-hospital', 'available'],
    ['available-on-radio', 'dispatched'],
    ['out-of-service', 'available'],
    ['on-scene', 'out-of-service'],
  ] as const)('given a unit %s, when it goes %s, then the change is allowed', (from, to) => {
    expect(transitionRefusal(from, to)).toBeNull();
  });

  it.each([
    ['available', 'on-scene'],
    ['available', 'en-route'],
    ['out-of-service', 'dispatched'],
    ['en-route', 'dispatched'],
    ['at-hospital', 'transporting'],
    ['transporting', 'en-route'],
  ] as const)('given a unit %s, when it goes %s, then it is refused with both statuses named', (from, to) => {
    expect(transitionRefusal(from, to)).toBe(`a unit cannot go from ${from} to ${to}`);
  });

  it('given any status, when set to the same status, then it is refused as already so', () => {
    for (const status of unitStatuses) expect(transitionRefusal(status, status)).toBe(`the unit is already ${status}`);
  });

  it('given the table, then every status can reach available again and out of service from anywhere', () => {
    for (const status of unitStatuses) {
      if (status !== 'available') expect(unitTransitions[status]).toContain('available');
      if (status !== 'out-of-service') expect(unitTransitions[status]).toContain('out-of-service');
    }
  });

  it('given a dispatch without an incident, then it is refused; with one, allowed', () => {
    expect(statusChangeRefusal(unit('available'), 'dispatched', null)).toBe(
      'نجدة-101: a unit is dispatched to an incident',
    );
    expect(statusChangeRefusal(unit('available'), 'dispatched', 'I1')).toBeNull();
    expect(statusChangeRefusal(unit('dispatched', 'I1'), 'en-route', null)).toBeNull();
    expect(statusChangeRefusal(unit('available'), 'on-scene', null)).toMatch(/^نجدة-101: a unit cannot go/);
  });

  it('given statuses, then assignable and assigned never overlap and cover all but out of service', () => {
    for (const status of unitStatuses) {
      expect(isAssignable(status) && isAssigned(status)).toBe(false);
      expect(isAssignable(status) || isAssigned(status)).toBe(status !== 'out-of-service');
    }
  });

  it('given a unit, then its kind counts as a capability as well as its listed capabilities', () => {
    expect(unitHasCapability({ kind: 'fire-engine', capabilities: ['rescue'] }, 'fire-engine')).toBe(true);
    expect(unitHasCapability({ kind: 'fire-engine', capabilities: ['rescue'] }, 'rescue')).toBe(true);
    expect(unitHasCapability({ kind: 'fire-engine', capabilities: ['rescue'] }, 'ladder')).toBe(false);
  });
});
