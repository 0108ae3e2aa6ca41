import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { DEFAULT_ETA_MODEL, etaSeconds, reachableDistanceM, type EtaModel, type OriginKind } from './eta';
import { distanceM, type LatLon } from './geo';
import { fillResponsePlan, type PlanItem, type PlanSlot } from './responsePlan';
import { isAssignable, unitHasCapability, type UnitPosition, type UnitRecord } from './unit';

/**
 * Closest-unit recommendation: which available units of the incident's agencies get there first.
 * Unit origins (live AVL fix, else home station) sit in a kdbush spatial index; a query walks it
 * outwards from the incident (geokdbush, great-circle) instead of scanning every unit, and stops as
 * soon as no farther unit could beat the ETAs already found. Pure: positions come in as a function.
 */

/** Where a unit is for the estimate, and how much to trust it. */
export interface UnitOrigin extends LatLon {
  readonly kind: OriginKind;
}

/** The unit's origin: its live fix; else its home station; else a stale fix; else unknown. */
export function originOf(unit: Pick<UnitRecord, 'home'>, position: UnitPosition | null): UnitOrigin | null {
  if (position && position.freshness === 'live') return { lat: position.lat, lon: position.lon, kind: 'live' };
  if (unit.home) return { lat: unit.home.lat, lon: unit.home.lon, kind: 'home' };
  if (position) return { lat: position.lat, lon: position.lon, kind: 'stale' };
  return null;
}

/** A unit as the recommendation ranks it. */
export interface RankedUnit {
  readonly unitId: string;
  readonly callsign: string;
  readonly agency: string;
  readonly kind: string;
  readonly capabilities: readonly string[];
  readonly status: UnitRecord['status'];
  /** Null when the unit has neither a position nor a home station (listed last). */
  readonly origin: OriginKind | null;
  readonly distanceM: number | null;
  readonly etaS: number | null;
}

/** The roster's units placed in a spatial index by origin; rebuilt when positions move (cheap: ~1 ms per 5,000 units). */
export class UnitIndex {
  readonly located: readonly { readonly unit: UnitRecord; readonly origin: UnitOrigin }[];
  readonly unlocated: readonly UnitRecord[];
  private readonly tree: KDBush | null;

  private constructor(located: UnitIndex['located'], unlocated: readonly UnitRecord[]) {
    this.located = located;
    this.unlocated = unlocated;
    if (located.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new KDBush(located.length);
    for (const entry of located) tree.add(entry.origin.lon, entry.origin.lat);
    tree.finish();
    this.tree = tree;
  }

  static build(units: Iterable<UnitRecord>, positionOf: (unitId: string) => UnitPosition | null): UnitIndex {
    const located: { unit: UnitRecord; origin: UnitOrigin }[] = [];
    const unlocated: UnitRecord[] = [];
    for (const unit of units) {
      const origin = originOf(unit, positionOf(unit.id));
      if (origin) located.push({ unit, origin });
      else unlocated.push(unit);
    }
    return new UnitIndex(located, unlocated);
  }

  /** Indexes into `located`, nearest first, that pass `accept`; at most `maxResults`, within `maxDistanceM`. */
  nearest(point: LatLon, maxResults: number, maxDistanceM: number, accept: (unit: UnitRecord) => boolean): number[] {
    if (!this.tree) return [];
    return around(
      this.tree,
      point.lon,
      point.lat,
      maxResults,
      Number.isFinite(maxDistanceM) ? maxDistanceM / 1000 : Infinity,
      (i) => {
        const entry = this.located[i];
        return entry !== undefined && accept(entry.unit);
      },
    );
  }
}

function rank(unit: UnitRecord, origin: UnitOrigin | null, target: LatLon | null, model: EtaModel): RankedUnit {
  const distance = origin && target ? distanceM(origin, target) : null;
  return {
    unitId: unit.id,
    callsign: unit.callsign,
    agency: unit.agency,
    kind: unit.kind,
    capabilities: unit.capabilities,
    status: unit.status,
    origin: origin?.kind ?? null,
    distanceM: distance === null ? null : Math.round(distance),
    etaS:
      distance === null
        ? null
        : etaSeconds({ distanceM: distance, agency: unit.agency, inStation: unit.status === 'available' }, model),
  };
}

/** Fastest first; units without an estimate last; ties by callsign so the order is stable. */
export function compareRanked(a: RankedUnit, b: RankedUnit): number {
  if (a.etaS !== b.etaS) {
    if (a.etaS === null) return 1;
    if (b.etaS === null) return -1;
    return a.etaS - b.etaS;
  }
  return a.callsign < b.callsign ? -1 : a.callsign > b.callsign ? 1 : a.unitId < b.unitId ? -1 : 1;
}

/**
 * The `count` units passing `accept` with the smallest ETA to `target`, exactly: the k nearest by
 * distance give an upper bound on the k-th ETA, then every unit that could beat that bound (within
 * the distance reachable at the fastest speed) is ranked. Never scans the whole roster.
 */
export function fastestUnits(
  index: UnitIndex,
  target: LatLon,
  count: number,
  accept: (unit: UnitRecord) => boolean,
  model: EtaModel = DEFAULT_ETA_MODEL,
): RankedUnit[] {
  if (count <= 0) return [];
  const toRanked = (i: number): RankedUnit | null => {
    const entry = index.located[i];
    return entry ? rank(entry.unit, entry.origin, target, model) : null;
  };
  const nearest = index
    .nearest(target, count, Infinity, accept)
    .map(toRanked)
    .filter((unit) => unit !== null);
  nearest.sort(compareRanked);
  const bound = nearest.length === count ? nearest.at(-1)?.etaS : null;
  let ranked = nearest;
  if (bound !== null && bound !== undefined) {
    ranked = index
      .nearest(target, Infinity, reachableDistanceM(bound + 1, model) + 1, accept)
      .map(toRanked)
      .filter((unit) => unit !== null);
    ranked.sort(compareRanked);
  }
  const result = ranked.slice(0, count);
  // Units nobody can place come after every located one.
  if (result.length < count) {
    for (const unit of index.unlocated) {
      if (result.length >= count) break;
      if (accept(unit)) result.push(rank(unit, null, target, model));
    }
  }
  return result;
}

/** The same answer as `fastestUnits`, by ranking every unit: the test oracle and the benchmark's baseline. */
export function fastestUnitsByScan(
  units: Iterable<UnitRecord>,
  positionOf: (unitId: string) => UnitPosition | null,
  target: LatLon,
  count: number,
  accept: (unit: UnitRecord) => boolean,
  model: EtaModel = DEFAULT_ETA_MODEL,
): RankedUnit[] {
  const ranked: RankedUnit[] = [];
  for (const unit of units) {
    if (!accept(unit)) continue;
    const origin = originOf(unit, positionOf(unit.id));
    ranked.push(rank(unit, origin, target, model));
  }
  ranked.sort(compareRanked);
  return ranked.slice(0, count);
}

export interface RecommendationRequest {
  /** Where the incident is; without it nothing can be ranked by travel time. */
  readonly location: LatLon | null;
  /** Agencies the incident is routed to: only their units are proposed. */
  readonly agencies: readonly string[];
  /** The response plan for the incident's type (see responsePlan.ts). */
  readonly plan: readonly PlanItem[];
  /** Units already assigned to the incident (not proposed again). */
  readonly exclude?: ReadonlySet<string>;
  /** Alternatives listed for swapping, per agency (default 8). */
  readonly alternatives?: number;
}

export interface Recommendation {
  /** The plan, each line filled with the fastest units that carry its capability. */
  readonly slots: readonly PlanSlot[];
  /** Other available units of the incident's agencies, fastest first, to swap in. */
  readonly alternatives: readonly RankedUnit[];
  /** False when the incident has no location: units are then listed unranked. */
  readonly ranked: boolean;
}

const BY_CALLSIGN = (a: RankedUnit, b: RankedUnit): number => compareRanked(a, b);

/** Ranks the incident's candidate units and fills its response plan with the best of them. */
export function recommendUnits(
  index: UnitIndex,
  request: RecommendationRequest,
  model: EtaModel = DEFAULT_ETA_MODEL,
): Recommendation {
  const exclude = request.exclude ?? new Set<string>();
  const agencies = new Set(request.agencies);
  const eligible = (unit: UnitRecord): boolean =>
    isAssignable(unit.status) && agencies.has(unit.agency) && !exclude.has(unit.id);
  const alternativesPerAgency = request.alternatives ?? 8;
  // Enough candidates per capability that the plan can be filled even when units carry several.
  const wanted = new Map<string, number>();
  for (const item of request.plan) wanted.set(item.capability, (wanted.get(item.capability) ?? 0) + item.count);
  const demand = [...wanted.values()].reduce((sum, count) => sum + count, 0);

  const candidates = new Map<string, RankedUnit[]>();
  const target = request.location;
  for (const [capability] of wanted) {
    const accept = (unit: UnitRecord): boolean => eligible(unit) && unitHasCapability(unit, capability);
    candidates.set(
      capability,
      target
        ? fastestUnits(index, target, demand + alternativesPerAgency, accept, model)
        : unrankedUnits(index, demand + alternativesPerAgency, accept),
    );
  }
  const slots = fillResponsePlan(request.plan, (capability) => candidates.get(capability) ?? []);
  const chosen = new Set(slots.flatMap((slot) => slot.units.map((unit) => unit.unitId)));
  const alternatives: RankedUnit[] = [];
  for (const agency of agencies) {
    const accept = (unit: UnitRecord): boolean => eligible(unit) && unit.agency === agency && !chosen.has(unit.id);
    alternatives.push(
      ...(target
        ? fastestUnits(index, target, alternativesPerAgency, accept, model)
        : unrankedUnits(index, alternativesPerAgency, accept)),
    );
  }
  alternatives.sort(BY_CALLSIGN);
  return { slots, alternatives, ranked: target !== null };
}

function unrankedUnits(index: UnitIndex, count: number, accept: (unit: UnitRecord) => boolean): RankedUnit[] {
  const units: RankedUnit[] = [];
  for (const unit of [...index.located.map((entry) => entry.unit), ...index.unlocated]) {
    if (accept(unit)) units.push(rank(unit, null, null, DEFAULT_ETA_MODEL));
  }
  units.sort(compareRanked);
  return units.slice(0, count);
}

// ---------------------------------------------------------------------------------------------
// Response targets and mutual aid

/** The first arrival the recommendation promises: the smallest ETA among its units (null: none known). */
export function bestEtaS(recommendation: Pick<Recommendation, 'slots'>): number | null {
  let best: number | null = null;
  for (const slot of recommendation.slots) {
    for (const unit of slot.units) if (unit.etaS !== null && (best === null || unit.etaS < best)) best = unit.etaS;
  }
  return best;
}

/** A first arrival later than the type's target (or none at all): the dispatcher must be told. */
export function missesTarget(best: number | null, targetS: number): boolean {
  return best === null || best > targetS;
}

export interface MutualAidRequest {
  readonly location: LatLon;
  /** Capabilities the plan asks for; a unit carrying any of them helps (all units when empty). */
  readonly capabilities: readonly string[];
  /** Stations whose units are already proposed or on the incident. */
  readonly stations: ReadonlySet<string | null>;
  /** Units already proposed or assigned. */
  readonly exclude: ReadonlySet<string>;
  readonly count: number;
}

/**
 * Mutual aid for an incident the recommendation cannot reach in time: the nearest available units of
 * other stations that carry a capability of the plan, whatever their agency (one the incident is not
 * routed to is dispatched with a shift lead's override), fastest first.
 */
export function mutualAidUnits(
  index: UnitIndex,
  request: MutualAidRequest,
  model: EtaModel = DEFAULT_ETA_MODEL,
): RankedUnit[] {
  const accept = (unit: UnitRecord): boolean =>
    isAssignable(unit.status) &&
    !request.exclude.has(unit.id) &&
    !request.stations.has(unit.station) &&
    (request.capabilities.length === 0 ||
      request.capabilities.some((capability) => unitHasCapability(unit, capability)));
  return fastestUnits(index, request.location, request.count, accept, model);
}
