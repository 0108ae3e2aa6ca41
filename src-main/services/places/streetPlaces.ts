import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { SearchableLayer } from './placeService';

/**
 * The points of interest of a street basemap as searchable places. `nida map import` writes them
 * beside the archive (`baghdad.mbtiles` → `baghdad.places.geojson`); when `map.streetBasemap` names
 * an archive with such a file, its hospitals, police and civil-defence stations, mosques, schools,
 * markets and fuel stations are found by the place search like the operator's layers.
 */

/** `FILE.places.geojson` beside a street archive `FILE.mbtiles` (or `FILE.pmtiles`). */
export function streetPlacesPath(archivePath: string): string {
  return `${archivePath.replace(/\.(mbtiles|pmtiles)$/i, '')}.places.geojson`;
}

/**
 * The place files the configuration brings beside the operator's layers: the street basemap's,
 * when it has one (an archive made elsewhere usually has none, and that is fine).
 */
export function extraPlaceFiles(config: {
  readonly dataDir: string;
  readonly map: { readonly streetBasemap: string | null };
}): SearchableLayer[] {
  const archive = config.map.streetBasemap;
  if (archive === null) return [];
  const path = streetPlacesPath(isAbsolute(archive) ? archive : join(config.dataDir, archive));
  return existsSync(path) ? [{ path, kind: 'landmark' }] : [];
}
