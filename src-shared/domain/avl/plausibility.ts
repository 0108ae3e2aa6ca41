import { distanceM } from '../geo';
import type { PositionFreshness } from '../unit';
import type { DeviceFix } from './payloads';

/**
 * Which fixes a unit's track accepts, when its position is stale or lost, and which fixes the
 * stored trail keeps. Pure decisions; the AVL service holds the state and does the I/O.
 */

export interface Region {
  readonly minLat: number;
  readonly maxLat: number;
  readonly minLon: number;
  readonly maxLon: number;
}

/** Iraq with a margin for the border crossings. */
export const IRAQ_REGION: Region = { minLat: 29.0, maxLat: 37.4, minLon: 38.7, maxLon: 48.8 };

export interface PlausibilityRules {
  readonly region: Region;
  /** Speed implied by two consecutive fixes above which the second is refused, m/s. */
  readonly maxSpeedMps: number;
  /** A fix dated further ahead of the host clock than this is refused (a device with a wrong clock). */
  readonly maxFutureMs: number;
}

export const defaultPlausibilityRules: PlausibilityRules = {
  region: IRAQ_REGION,
  maxSpeedMps: 100,
  maxFutureMs: 5 * 60_000,
};

/** Why a fix was refused by the plausibility rules. */
export const fixRejections = [
  'zero-fix',
  'outside-region',
  'future',
  'duplicate',
  'out-of-order',
  'impossible-speed',
] as const;
export type FixRejection = (typeof fixRejections)[number];

/** Fixes a few metres apart in the same second are jitter, not speed: below this the speed rule is not applied. */
const SPEED_NOISE_M = 30;
/**
 * When the anchor itself was wrong (a glitch accepted first, a unit moved while its tracker was off),
 * every later true fix would look impossible. After this many refused fixes that agree with each other,
 * the track moves to them.
 */
const RELOCATE_AFTER = 3;

interface Anchor {
  readonly at: number;
  readonly lat: number;
  readonly lon: number;
}

interface TrackState {
  last: Anchor;
  /** Consecutive fixes refused for speed that agree with each other. */
  suspect: { at: number; lat: number; lon: number; count: number } | null;
}

function impliedSpeed(from: Anchor, to: Anchor): number {
  const metres = distanceM(from, to);
  if (metres <= SPEED_NOISE_M) return 0;
  const seconds = Math.max(0.001, (to.at - from.at) / 1000);
  return metres / seconds;
}

/** Checks one fix on its own (no history): position and time. */
export function fixRefusal(rules: PlausibilityRules, fix: DeviceFix, now: number): FixRejection | null {
  if (Math.abs(fix.lat) < 1e-6 && Math.abs(fix.lon) < 1e-6) return 'zero-fix';
  const { region } = rules;
  if (fix.lat < region.minLat || fix.lat > region.maxLat || fix.lon < region.minLon || fix.lon > region.maxLon) {
    return 'outside-region';
  }
  if (fix.at > now + rules.maxFutureMs) return 'future';
  return null;
}

/**
 * Per-unit fix filter: drops repeats and late arrivals by (unit, fix time) — MQTT QoS 1 delivers at
 * least once, and a persistent session replays — and fixes that imply impossible speed.
 */
export class FixFilter {
  private readonly tracks = new Map<string, TrackState>();

  constructor(private readonly rules: PlausibilityRules) {}

  /** Null when the fix is accepted (and becomes the unit's newest), else why not. */
  judge(unitId: string, fix: DeviceFix, now: number): FixRejection | null {
    const alone = fixRefusal(this.rules, fix, now);
    if (alone !== null) return alone;
    const anchor: Anchor = { at: fix.at, lat: fix.lat, lon: fix.lon };
    const track = this.tracks.get(unitId);
    if (track === undefined) {
      this.tracks.set(unitId, { last: anchor, suspect: null });
      return null;
    }
    if (fix.at === track.last.at) return 'duplicate';
    if (fix.at < track.last.at) return 'out-of-order';
    if (impliedSpeed(track.last, anchor) <= this.rules.maxSpeedMps) {
      track.last = anchor;
      track.suspect = null;
      return null;
    }
    const suspect = track.suspect;
    if (suspect !== null && fix.at > suspect.at && impliedSpeed(suspect, anchor) <= this.rules.maxSpeedMps) {
      if (suspect.count + 1 >= RELOCATE_AFTER) {
        track.last = anchor;
        track.suspect = null;
        return null;
      }
      track.suspect = { ...anchor, count: suspect.count + 1 };
    } else {
      track.suspect = { ...anchor, count: 1 };
    }
    return 'impossible-speed';
  }

  /** The newest accepted fix time of a unit. */
  lastAt(unitId: string): number | null {
    return this.tracks.get(unitId)?.last.at ?? null;
  }

  forget(unitId: string): void {
    this.tracks.delete(unitId);
  }
}

export interface FreshnessRules {
  readonly staleAfterMs: number;
  readonly lostAfterMs: number;
}

/**
 * How fresh a position is `now`. `heardAt` is the earlier of the fix time and its arrival, so an old
 * retained message is not shown as live, and a device clock running ahead does not keep a unit live.
 */
export function freshnessOf(heardAt: number, now: number, rules: FreshnessRules): PositionFreshness {
  const silence = now - heardAt;
  if (silence >= rules.lostAfterMs) return 'lost';
  if (silence >= rules.staleAfterMs) return 'stale';
  return 'live';
}

export interface TrailRules {
  readonly minIntervalMs: number;
  readonly minDistanceM: number;
}

export const defaultTrailRules: TrailRules = { minIntervalMs: 15_000, minDistanceM: 50 };

/** Whether a fix goes into the stored trail: the first, then one ≥ `minIntervalMs` or ≥ `minDistanceM` after the last kept. */
export function keepInTrail(lastKept: Anchor | undefined, fix: DeviceFix, rules: TrailRules): boolean {
  if (lastKept === undefined) return true;
  if (fix.at - lastKept.at >= rules.minIntervalMs) return true;
  return distanceM(lastKept, fix) >= rules.minDistanceM;
}
