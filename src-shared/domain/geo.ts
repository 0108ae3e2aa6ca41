/**
 * Geometry a dispatch console needs: distances and bearings on the WGS84 sphere approximation,
 * point-in-polygon on GeoJSON rings, and the boxes Nida's demo data lives in.
 */

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine; < 0.5 % error, plenty for dispatch). */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b, degrees clockwise from north (0–360). */
export function bearingDeg(a: LatLon, b: LatLon): number {
  const φ1 = toRadians(a.lat);
  const φ2 = toRadians(b.lat);
  const Δλ = toRadians(b.lon - a.lon);
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

export function isValidLatLon(point: LatLon): boolean {
  return (
    Number.isFinite(point.lat) && Number.isFinite(point.lon) && Math.abs(point.lat) <= 90 && Math.abs(point.lon) <= 180
  );
}

/** A lon/lat box (degrees). */
export interface LatLonBox {
  readonly minLat: number;
  readonly maxLat: number;
  readonly minLon: number;
  readonly maxLon: number;
}

/** Baghdad's urban area, roughly (both banks of the Tigris): where demo units drive and seeded incidents happen. */
export const BAGHDAD_BOX: LatLonBox = { minLat: 33.2, maxLat: 33.45, minLon: 44.25, maxLon: 44.55 };

/** A GeoJSON position, `[lon, lat, …]`. */
export type Position = readonly number[];

/**
 * Whether a point lies inside a closed ring of GeoJSON positions (even–odd ray casting in plain
 * lon/lat, fine for the areas a center draws; a point exactly on an edge may fall either way).
 */
export function pointInRing(lon: number, lat: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies inside a GeoJSON polygon: in its outer ring and in none of its holes. */
export function pointInPolygon(lon: number, lat: number, polygon: readonly (readonly Position[])[]): boolean {
  const [outer, ...holes] = polygon;
  return outer !== undefined && pointInRing(lon, lat, outer) && !holes.some((hole) => pointInRing(lon, lat, hole));
}
