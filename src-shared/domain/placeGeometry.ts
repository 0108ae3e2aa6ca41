/**
 * Geometry for places: Iraq's bounding box, and the point a GeoJSON feature is found at (a point
 * itself, the middle of a line, a label point inside a polygon). Pure; degrees, GeoJSON order
 * (`[lon, lat]`).
 */
import { pointInPolygon, type Position } from './geo';

/** Every place of the shipped gazetteer lies inside this box (the map layers' box too). */
export const IRAQ_BBOX = { minLon: 38.7, maxLon: 48.8, minLat: 29.0, maxLat: 37.4 } as const;

export type { Position };

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1])
  );
}

function isRing(value: unknown): value is readonly Position[] {
  return Array.isArray(value) && value.length >= 3 && value.every(isPosition);
}

function isPolygon(value: unknown): value is readonly (readonly Position[])[] {
  return Array.isArray(value) && value.length >= 1 && value.every(isRing);
}

/** Signed area (shoelace, in square degrees) and centroid of a ring. */
function ringCentroid(ring: readonly Position[]): { area: number; lon: number; lat: number } {
  // Relative to the first vertex, so that big coordinates do not eat the precision.
  const [x0 = 0, y0 = 0] = ring[0] ?? [];
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [ax = 0, ay = 0] = ring[i] ?? [];
    const [bx = 0, by = 0] = ring[(i + 1) % ring.length] ?? [];
    const cross = (ax - x0) * (by - y0) - (bx - x0) * (ay - y0);
    twiceArea += cross;
    cx += (ax - x0 + bx - x0) * cross;
    cy += (ay - y0 + by - y0) * cross;
  }
  if (twiceArea === 0) return { area: 0, lon: x0, lat: y0 };
  return { area: twiceArea / 2, lon: x0 + cx / (3 * twiceArea), lat: y0 + cy / (3 * twiceArea) };
}

/**
 * A point inside the polygon for its label and search pin: the centroid when it falls inside
 * (convex-ish shapes), else the middle of the widest inside stretch of the centroid's parallel.
 */
function polygonLabelPoint(polygon: readonly (readonly Position[])[]): { lon: number; lat: number } {
  const [outer = [], ...holes] = polygon;
  const centroid = ringCentroid(outer);
  const inside = (lon: number, lat: number) => pointInPolygon(lon, lat, [outer, ...holes]);
  if (inside(centroid.lon, centroid.lat)) return { lon: centroid.lon, lat: centroid.lat };
  const lat = centroid.lat;
  const crossings: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > lat !== yj > lat) crossings.push(((xj - xi) * (lat - yi)) / (yj - yi) + xi);
    }
  }
  crossings.sort((a, b) => a - b);
  let best: { lon: number; width: number } | undefined;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const west = crossings[i] ?? 0;
    const east = crossings[i + 1] ?? 0;
    if (best === undefined || east - west > best.width) best = { lon: (west + east) / 2, width: east - west };
  }
  const [firstLon = centroid.lon, firstLat = centroid.lat] = outer[0] ?? [];
  return best === undefined ? { lon: firstLon, lat: firstLat } : { lon: best.lon, lat };
}

/** The point a feature is found at: the point itself, or a label point inside a polygon. */
export function featurePoint(geometry: unknown): { lon: number; lat: number } | undefined {
  if (typeof geometry !== 'object' || geometry === null) return undefined;
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  switch (type) {
    case 'Point':
      return isPosition(coordinates) ? { lon: coordinates[0] ?? 0, lat: coordinates[1] ?? 0 } : undefined;
    case 'MultiPoint':
    case 'LineString': {
      if (!Array.isArray(coordinates) || !coordinates.every(isPosition) || coordinates.length === 0) return undefined;
      const middle = coordinates[Math.floor((coordinates.length - 1) / 2)] as Position;
      return { lon: middle[0] ?? 0, lat: middle[1] ?? 0 };
    }
    case 'Polygon':
      return isPolygon(coordinates) ? polygonLabelPoint(coordinates) : undefined;
    case 'MultiPolygon': {
      if (!Array.isArray(coordinates) || coordinates.length === 0 || !coordinates.every(isPolygon)) return undefined;
      const polygons = coordinates as readonly (readonly (readonly Position[])[])[];
      // The largest part carries the label (a governorate, not its island).
      let largest = polygons[0] ?? [];
      let largestArea = -1;
      for (const polygon of polygons) {
        const area = Math.abs(ringCentroid(polygon[0] ?? []).area);
        if (area > largestArea) [largest, largestArea] = [polygon, area];
      }
      return polygonLabelPoint(largest);
    }
    default:
      return undefined;
  }
}
