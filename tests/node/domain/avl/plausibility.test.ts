import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultPlausibilityRules,
  defaultTrailRules,
  FixFilter,
  fixRefusal,
  freshnessOf,
  keepInTrail,
} from '../../../../src-shared/domain/avl/plausibility';
import type { DeviceFix } from '../../../../src-shared/domain/avl/payloads';
import { distanceM } from '../../../../src-shared/domain/geo';
import { offset, START, TAHRIR } from '../../../support/scenario';

const fix = (seconds: number, north = 0, east = 0): DeviceFix => ({
  ...offset(TAHRIR, north, east),
  at: START + seconds * 1000,
  speed: null,
  heading: null,
  accuracyM: null,
});

describe('fix plausibility', () => {
  it('given fixes at 0,0, outside Iraq, or dated ahead of the host clock, when judged alone, then each is refused with its reason', () => {
    const rules = defaultPlausibilityRules;
    expect(fixRefusal(rules, { ...fix(0), lat: 0, lon: 0 }, START)).toBe('zero-fix');
    expect(fixRefusal(rules, { ...fix(0), lat: 48.85, lon: 2.29 }, START)).toBe('outside-region');
    expect(fixRefusal(rules, { ...fix(0), lat: 29.5, lon: 47.9 }, START)).toBeNull(); // Basra
    expect(fixRefusal(rules, { ...fix(0), lat: 37.1, lon: 42.6 }, START)).toBeNull(); // Zakho
    expect(fixRefusal(rules, fix(301), START)).toBe('future');
    expect(fixRefusal(rules, fix(299), START)).toBeNull();
  });

  it('given a track, when a fix repeats a time, comes late, or jumps impossibly far, then it is refused and the track keeps its last good fix', () => {
    const filter = new FixFilter(defaultPlausibilityRules);
    expect(filter.judge('p-1', fix(0), START)).toBeNull();
    expect(filter.judge('p-1', fix(0), START)).toBe('duplicate');
    expect(filter.judge('p-1', fix(10, 300), START)).toBeNull(); // 30 m/s
    expect(filter.judge('p-1', fix(5, 150), START)).toBe('out-of-order');
    expect(filter.judge('p-1', fix(11, 5_000), START)).toBe('impossible-speed');
    expect(filter.lastAt('p-1')).toBe(START + 10_000);
    expect(filter.judge('p-1', fix(12, 350), START)).toBeNull();
    // Other units have their own tracks.
    expect(filter.judge('p-2', fix(0), START)).toBeNull();
  });

  it('given GPS jitter of a few metres within a second, when judged, then it is not taken for speed', () => {
    const filter = new FixFilter(defaultPlausibilityRules);
    expect(filter.judge('p-1', fix(0), START)).toBeNull();
    expect(filter.judge('p-1', { ...fix(0), at: START + 100, ...offset(TAHRIR, 20) }, START)).toBeNull();
  });

  it('given a wrong first fix, when three later fixes agree with each other, then the track moves to them', () => {
    const filter = new FixFilter(defaultPlausibilityRules);
    expect(filter.judge('p-1', fix(0, 40_000), START)).toBeNull(); // a glitch 40 km north
    expect(filter.judge('p-1', fix(1), START)).toBe('impossible-speed');
    expect(filter.judge('p-1', fix(2, 10), START)).toBe('impossible-speed');
    expect(filter.judge('p-1', fix(3, 20), START)).toBeNull();
    expect(filter.judge('p-1', fix(4, 30), START)).toBeNull();
  });

  it('given random fix sequences, when filtered, then accepted fix times strictly increase and no accepted step is faster than allowed', () => {
    const step = fc.record({
      dt: fc.integer({ min: -5_000, max: 20_000 }),
      north: fc.integer({ min: -3_000, max: 3_000 }),
      east: fc.integer({ min: -3_000, max: 3_000 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const filter = new FixFilter(defaultPlausibilityRules);
        let at = START;
        let north = 0;
        let east = 0;
        let lastAccepted: DeviceFix | null = null;
        let refusedInARow = 0;
        for (const { dt, north: dn, east: de } of steps) {
          at += dt;
          north += dn;
          east += de;
          const candidate = { ...offset(TAHRIR, north, east), at, speed: null, heading: null, accuracyM: null };
          const verdict = filter.judge('u', candidate, at);
          if (verdict !== null) {
            refusedInARow++;
            continue;
          }
          if (lastAccepted !== null) {
            expect(candidate.at).toBeGreaterThan(lastAccepted.at);
            // Right after an accepted fix (no relocation in between), the step is within the speed limit or jitter.
            if (refusedInARow === 0) {
              const metres = distanceM(lastAccepted, candidate);
              const seconds = (candidate.at - lastAccepted.at) / 1000;
              expect(metres <= 30 || metres / seconds <= defaultPlausibilityRules.maxSpeedMps).toBe(true);
            }
          }
          lastAccepted = candidate;
          refusedInARow = 0;
        }
      }),
    );
  });
});

describe('freshness', () => {
  const rules = { staleAfterMs: 60_000, lostAfterMs: 300_000 };
  it('given silence, when it passes 60 s and 300 s, then the position is stale and then lost', () => {
    expect(freshnessOf(START, START + 59_999, rules)).toBe('live');
    expect(freshnessOf(START, START + 60_000, rules)).toBe('stale');
    expect(freshnessOf(START, START + 299_999, rules)).toBe('stale');
    expect(freshnessOf(START, START + 300_000, rules)).toBe('lost');
  });
});

describe('trail downsampling', () => {
  it('given fixes, when offered to the trail, then one is kept 15 s or 50 m after the last kept', () => {
    const last = { at: START, ...TAHRIR };
    expect(keepInTrail(undefined, fix(0), defaultTrailRules)).toBe(true);
    expect(keepInTrail(last, fix(14, 10), defaultTrailRules)).toBe(false);
    expect(keepInTrail(last, fix(15), defaultTrailRules)).toBe(true);
    expect(keepInTrail(last, fix(1, 51), defaultTrailRules)).toBe(true);
    expect(keepInTrail(last, fix(1, 0, 51), defaultTrailRules)).toBe(true);
    expect(keepInTrail(last, fix(1, 49), defaultTrailRules)).toBe(false);
  });
});
