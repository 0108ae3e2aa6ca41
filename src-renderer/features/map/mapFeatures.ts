import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type { CallRecord } from '../../../src-shared/domain/call';
import type { IncidentLocation, IncidentRecord } from '../../../src-shared/domain/incident';
import type { TrailPoint, UnitPosition, UnitRecord } from '../../../src-shared/domain/unit';

/**
 * Map features built from the stores: pure functions, so the layers stay thin and these are tested
 * in Node (tests/node/renderer/features/map/). Properties are flat primitives: MapLibre expressions read them.
 */

/** Agencies drawn with their own icon; every other agency gets the generic one. */
export const AGENCY_ICONS = {
  'police-patrols': 'police',
  'community-police': 'police',
  'family-protection': 'police',
  'counter-terrorism': 'police',
  'river-police': 'police',
  'traffic-police': 'traffic',
  'civil-defence': 'fire',
  ambulance: 'medical',
} as const satisfies Readonly<Record<string, UnitIcon>>;

export const unitIcons = ['police', 'traffic', 'fire', 'medical', 'generic'] as const;
export type UnitIcon = (typeof unitIcons)[number];

export function unitIconOf(agency: string | undefined): UnitIcon {
  if (agency === undefined) return 'generic';
  return (AGENCY_ICONS as Readonly<Record<string, UnitIcon>>)[agency] ?? 'generic';
}

export interface UnitFeatureProperties {
  readonly id: string;
  /** The callsign, or the unit id while the roster does not know the unit. */
  readonly label: string;
  readonly icon: UnitIcon;
  /** The unit's agency code; empty for a position whose unit the roster does not know. */
  readonly agency: string;
  /** `unknown` for a position whose unit is not in the roster (yet). */
  readonly status: string;
  readonly freshness: UnitPosition['freshness'];
  /** Degrees clockwise from north; -1 without a heading (no arrow is drawn). */
  readonly heading: number;
}

export type UnitFeature = Feature<Point, UnitFeatureProperties> & { id: string };

export function unitFeature(position: UnitPosition, unit: UnitRecord | undefined): UnitFeature {
  return {
    type: 'Feature',
    id: position.unitId,
    geometry: { type: 'Point', coordinates: [position.lon, position.lat] },
    properties: {
      id: position.unitId,
      label: unit?.callsign ?? position.unitId,
      icon: unitIconOf(unit?.agency),
      agency: unit?.agency ?? '',
      status: unit?.status ?? 'unknown',
      freshness: position.freshness,
      heading: position.heading === null ? -1 : ((position.heading % 360) + 360) % 360,
    },
  };
}

export function collectionOf<G extends Feature>(features: readonly G[]): FeatureCollection<G['geometry']> {
  return { type: 'FeatureCollection', features: [...features] };
}

export interface IncidentFeatureProperties {
  readonly id: string;
  readonly number: string;
  readonly priority: number;
  readonly typeCode: string;
  /** No unit dispatched yet: an unassigned P1 pulses. */
  readonly unassigned: boolean;
}

/** Open incidents with a location; closed ones and those without a location are not drawn. */
export function incidentFeature(incident: IncidentRecord): Feature<Point, IncidentFeatureProperties> | null {
  if (!incident.location || incident.status === 'closed') return null;
  return {
    type: 'Feature',
    id: incident.id,
    geometry: { type: 'Point', coordinates: [incident.location.lon, incident.location.lat] },
    properties: {
      id: incident.id,
      number: incident.number,
      priority: incident.priority,
      typeCode: incident.typeCode,
      unassigned: incident.status === 'pending' && incident.dispatchedAt === null,
    },
  };
}

const EARTH_RADIUS_M = 6_371_008.8;

/** A circle of `radiusM` around a point as a polygon (geodesic, good to well below a metre at these radii). */
export function circlePolygon(lat: number, lon: number, radiusM: number, steps = 64): Polygon {
  const ring: [number, number][] = [];
  const angular = radiusM / EARTH_RADIUS_M;
  const lat1 = (lat * Math.PI) / 180;
  const lon1 = (lon * Math.PI) / 180;
  for (let i = 0; i <= steps; i++) {
    const bearing = ((i % steps) / steps) * 2 * Math.PI;
    const lat2 = Math.asin(Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(bearing));
    const lon2 =
      lon1 +
      Math.atan2(
        Math.sin(bearing) * Math.sin(angular) * Math.cos(lat1),
        Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2),
      );
    ring.push([(lon2 * 180) / Math.PI, (lat2 * 180) / Math.PI]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

export interface CallerFeatureProperties {
  readonly id: string;
  /** `call` for a waiting or answered call, `intake` for the location an intake has. */
  readonly origin: 'call' | 'intake';
  readonly accuracyM: number;
}

export interface CallerLocation {
  readonly id: string;
  readonly origin: 'call' | 'intake';
  readonly location: IncidentLocation;
}

/** Waiting and answered calls with a location: where a caller is while nobody has made an incident yet. */
export function callerLocations(
  calls: Readonly<Record<string, CallRecord>>,
  drafts: Readonly<
    Record<string, { readonly id: string; readonly callId: string | null; readonly location: IncidentLocation | null }>
  >,
): CallerLocation[] {
  const out: CallerLocation[] = [];
  const withDraft = new Set<string>();
  for (const draft of Object.values(drafts)) {
    if (!draft.location) continue;
    if (draft.callId) withDraft.add(draft.callId);
    out.push({ id: `intake:${draft.id}`, origin: 'intake', location: draft.location });
  }
  for (const call of Object.values(calls)) {
    if (!call.location || withDraft.has(call.id)) continue;
    if (call.status !== 'waiting' && call.status !== 'answered') continue;
    out.push({ id: `call:${call.id}`, origin: 'call', location: call.location });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** The point and, when the location has an uncertainty, its circle. */
export function callerFeatures(
  locations: readonly CallerLocation[],
): Feature<Point | Polygon, CallerFeatureProperties>[] {
  const out: Feature<Point | Polygon, CallerFeatureProperties>[] = [];
  for (const { id, origin, location } of locations) {
    const properties = { id, origin, accuracyM: location.accuracyM ?? 0 };
    if (location.accuracyM !== undefined && location.accuracyM > 0) {
      out.push({
        type: 'Feature',
        geometry: circlePolygon(location.lat, location.lon, location.accuracyM),
        properties,
      });
    }
    out.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [location.lon, location.lat] }, properties });
  }
  return out;
}

/** A unit's trail, oldest first, ending at its live position when that is newer than the last stored point. */
export function trailLine(points: readonly TrailPoint[], live: UnitPosition | undefined): Feature<LineString> | null {
  const coordinates = points.map((point): [number, number] => [point.lon, point.lat]);
  const lastAt = points.at(-1)?.at ?? -Infinity;
  if (live && live.at > lastAt) coordinates.push([live.lon, live.lat]);
  if (coordinates.length < 2) return null;
  return { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: {} };
}

/** Total length of a measured path in metres (haversine per leg). */
export function pathLengthM(points: readonly (readonly [number, number])[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const [lon1, lat1] = points[i - 1] ?? [0, 0];
    const [lon2, lat2] = points[i] ?? [0, 0];
    const dLat = ((lat2 - lat1) * Math.PI) / 180;
    const dLon = ((lon2 - lon1) * Math.PI) / 180;
    const a =
      Math.sin(dLat / 2) ** 2 +
      Math.cos((lat1 * Math.PI) / 180) * Math.cos((lat2 * Math.PI) / 180) * Math.sin(dLon / 2) ** 2;
    total += 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
  }
  return total;
}
