import type { DeviceFix } from '../../../src-shared/domain/avl/payloads';
import {
  FixFilter,
  freshnessOf,
  keepInTrail,
  type FixRejection,
  type FreshnessRules,
  type PlausibilityRules,
  type TrailRules,
} from '../../../src-shared/domain/avl/plausibility';
import type { PositionFreshness, PositionSource, UnitPosition } from '../../../src-shared/domain/unit';

interface Entry {
  position: UnitPosition;
  /** Earlier of fix time and arrival: what freshness counts from. */
  heardAt: number;
  /** The device said it went offline (OwnTracks last will): at least stale until it reports again. */
  offline: boolean;
}

export interface PositionHubOptions {
  readonly plausibility: PlausibilityRules;
  readonly freshness: FreshnessRules;
  readonly trail: TrailRules;
  /** Receives a downsampled point for the stored trail. */
  readonly keepTrailPoint: (unitId: string, fix: DeviceFix) => void;
}

/**
 * Every unit's latest position in memory, and the changes not yet sent to windows, merged per unit:
 * a unit reporting ten times between two batches goes out once, with its newest position.
 */
export class PositionHub {
  private readonly latest = new Map<string, Entry>();
  private readonly changed = new Map<string, UnitPosition>();
  private readonly filter: FixFilter;
  private readonly lastKept = new Map<string, { at: number; lat: number; lon: number }>();
  /** Kept as positions change, so the status view never walks every unit. */
  private readonly tally: Record<PositionFreshness, number> = { live: 0, stale: 0, lost: 0 };

  constructor(private readonly options: PositionHubOptions) {
    this.filter = new FixFilter(options.plausibility);
  }

  /** Runs the plausibility rules; on acceptance the position is the unit's latest and queued for windows. */
  accept(unitId: string, fix: DeviceFix, source: PositionSource, now: number): FixRejection | null {
    const refusal = this.filter.judge(unitId, fix, now);
    if (refusal !== null) return refusal;
    const heardAt = Math.min(fix.at, now);
    const position: UnitPosition = {
      unitId,
      lat: fix.lat,
      lon: fix.lon,
      at: fix.at,
      speed: fix.speed,
      heading: fix.heading,
      accuracyM: fix.accuracyM,
      source,
      freshness: freshnessOf(heardAt, now, this.options.freshness),
    };
    const previous = this.latest.get(unitId);
    if (previous) this.tally[previous.position.freshness]--;
    this.tally[position.freshness]++;
    this.latest.set(unitId, { position, heardAt, offline: false });
    this.changed.set(unitId, position);
    if (keepInTrail(this.lastKept.get(unitId), fix, this.options.trail)) {
      this.lastKept.set(unitId, { at: fix.at, lat: fix.lat, lon: fix.lon });
      this.options.keepTrailPoint(unitId, fix);
    }
    return null;
  }

  /** The unit's device announced it is gone: its position turns stale now (lost later, as usual). */
  markOffline(unitId: string, now: number): void {
    const entry = this.latest.get(unitId);
    if (!entry) return;
    entry.offline = true;
    this.refresh(unitId, entry, now);
  }

  /** Recomputes every unit's freshness; changes are queued like new positions. */
  sweep(now: number): void {
    for (const [unitId, entry] of this.latest) this.refresh(unitId, entry, now);
  }

  private refresh(unitId: string, entry: Entry, now: number): void {
    let freshness: PositionFreshness = freshnessOf(entry.heardAt, now, this.options.freshness);
    if (entry.offline && freshness === 'live') freshness = 'stale';
    if (freshness === entry.position.freshness) return;
    this.tally[entry.position.freshness]--;
    this.tally[freshness]++;
    entry.position = { ...entry.position, freshness };
    this.changed.set(unitId, entry.position);
  }

  /** The positions changed since the last call (empty when nothing changed). */
  takeChanges(): UnitPosition[] {
    if (this.changed.size === 0) return [];
    const positions = [...this.changed.values()];
    this.changed.clear();
    return positions;
  }

  get pendingChanges(): number {
    return this.changed.size;
  }

  position(unitId: string): UnitPosition | null {
    return this.latest.get(unitId)?.position ?? null;
  }

  positions(): UnitPosition[] {
    return [...this.latest.values()].map((entry) => entry.position);
  }

  counts(): Record<PositionFreshness, number> {
    return { ...this.tally };
  }
}
