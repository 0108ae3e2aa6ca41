import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGazetteer, placesFromGeoJson, type GazetteerPlace, type PlaceKind } from '../src-shared/domain/gazetteer';

/** Paths and data several benchmarks measure against. */
export const REPO_ROOT = join(import.meta.dirname, '..');
export const RENDERER_INDEX = join(REPO_ROOT, 'out', 'renderer', 'index.html');
export const BUILT_CLI = join(REPO_ROOT, 'out', 'main', 'cli.js');
export const CHROMIUM = '/usr/bin/chromium';
const GAZETTEER_FILE = join(REPO_ROOT, 'resources', 'gazetteer', 'iraq-gazetteer.json');
/** Real Iraqi admin layers (../shared/mapdata), read when present, never copied into the repo. */
export const MAPDATA_DIR = join(REPO_ROOT, '..', 'shared', 'mapdata');

/** The operator layers a center would load, as `gisLayers` entries, for those present on this machine. */
export function mapdataLayers(
  files: readonly (readonly [file: string, kind: PlaceKind])[],
): { path: string; kind: PlaceKind }[] {
  return files.map(([file, kind]) => ({ path: join(MAPDATA_DIR, file), kind })).filter(({ path }) => existsSync(path));
}

/** The places the host searches: the shipped gazetteer plus the given layers, loaded as the host loads them. */
export function loadPlaces(layers: readonly { path: string; kind: PlaceKind }[]): GazetteerPlace[] {
  const parsed = parseGazetteer(JSON.parse(readFileSync(GAZETTEER_FILE, 'utf8')));
  if (!parsed.ok) throw new Error(`gazetteer does not validate: ${parsed.errors.join('; ')}`);
  const places = [...parsed.value];
  for (const { path, kind } of layers) {
    places.push(...placesFromGeoJson(JSON.parse(readFileSync(path, 'utf8')), kind, { idPrefix: `layer:${path}` }));
  }
  return places;
}
