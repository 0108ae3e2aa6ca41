import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RankedUnit } from '../../../src-shared/domain/recommendation';
import { fillResponsePlan, NO_OVERRIDES, parseResponsePlans, planFor } from '../../../src-shared/domain/responsePlan';
import { parseTaxonomy, type Taxonomy } from '../../../src-shared/domain/taxonomy';

const taxonomyResult = parseTaxonomy(JSON.parse(readFileSync('resources/taxonomy/taxonomy.json', 'utf8')));
if (!taxonomyResult.ok) throw new Error(taxonomyResult.errors.join('\n'));
const taxonomy: Taxonomy = taxonomyResult.value;

const ranked = (unitId: string, etaS: number): RankedUnit => ({
  unitId,
  callsign: unitId,
  agency: 'civil-defence',
  kind: 'fire-engine',
  capabilities: [],
  status: 'available',
  origin: 'home',
  distanceM: etaS * 10,
  etaS,
});

describe('response plans', () => {
  it('given the shipped plans file, then it validates against the shipped taxonomy', () => {
    const result = parseResponsePlans(
      JSON.parse(readFileSync('resources/response-plans/response-plans.json', 'utf8')),
      taxonomy,
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('given a plan naming an unknown type or capability, then each is reported', () => {
    const result = parseResponsePlans(
      { version: 1, plans: { 'no-such-type': { plan: [{ capability: 'hovercraft', count: 1 }] } } },
      taxonomy,
    );
    expect(result).toEqual({
      ok: false,
      errors: ['plans.no-such-type: unknown incident type', 'plans.no-such-type: unknown capability "hovercraft"'],
    });
  });

  it('given a building fire, then the plan is 2 engines, 1 ambulance and police; a priority plan wins over the type plan', () => {
    const shipped = parseResponsePlans(
      JSON.parse(readFileSync('resources/response-plans/response-plans.json', 'utf8')),
      taxonomy,
    );
    if (!shipped.ok) throw new Error('invalid');
    expect(planFor(taxonomy, shipped.value, 'building-fire', 1)).toEqual([
      { capability: 'fire-engine', count: 2 },
      { capability: 'ambulance-basic', count: 1 },
      { capability: 'patrol', count: 1 },
    ]);
    expect(planFor(taxonomy, shipped.value, 'building-fire', 2)).toEqual([
      { capability: 'fire-engine', count: 1 },
      { capability: 'patrol', count: 1 },
    ]);
    // No override: the taxonomy's own plan.
    expect(planFor(taxonomy, NO_OVERRIDES, 'theft', 3)).toEqual([{ capability: 'patrol', count: 1 }]);
    expect(planFor(taxonomy, NO_OVERRIDES, 'unknown-type', 3)).toEqual([]);
  });

  it('given a unit that carries two capabilities, then the scarcer line gets it and each unit is used once', () => {
    const engines = [ranked('E-rescue', 60), ranked('E2', 90), ranked('E3', 120)];
    const rescue = [ranked('E-rescue', 60)];
    const slots = fillResponsePlan(
      [
        { capability: 'fire-engine', count: 2 },
        { capability: 'rescue', count: 1 },
      ],
      (capability) => (capability === 'rescue' ? rescue : engines),
    );
    expect(slots.map((slot) => [slot.capability, slot.units.map((unit) => unit.unitId), slot.missing])).toEqual([
      ['fire-engine', ['E2', 'E3'], 0],
      ['rescue', ['E-rescue'], 0],
    ]);
  });

  it('given too few units, then the slot says how many are missing', () => {
    const slots = fillResponsePlan([{ capability: 'ladder', count: 2 }], () => [ranked('L1', 100)]);
    expect(slots[0]).toMatchObject({ missing: 1 });
  });
});
