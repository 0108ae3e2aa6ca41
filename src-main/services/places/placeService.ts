import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Handlers, PlaceApi, PlaceHit } from '../../../src-shared/contract/api';
import {
  parseGazetteer,
  placesFromGeoJson,
  type GazetteerPlace,
  type PlaceKind,
} from '../../../src-shared/domain/gazetteer';
import { createPlaceSearch, type PlaceSearch } from '../../../src-shared/domain/placeSearch';
import type { Logger } from '../runtime/logger';
import { readJsonFile } from '../runtime/jsonFile';

export const GAZETTEER_FILE = join('gazetteer', 'iraq-gazetteer.json');

/** An operator GIS layer whose named features are searchable places (districts, hospitals, stations). */
export interface SearchableLayer {
  readonly path: string;
  readonly kind: PlaceKind;
}

export class GazetteerError extends Error {
  override readonly name = 'GazetteerError';
}

function toHit(place: GazetteerPlace): PlaceHit {
  return {
    id: place.id,
    kind: place.kind,
    name: place.name,
    lat: place.lat,
    lon: place.lon,
    ...(place.gov !== undefined && { governorate: place.gov }),
  };
}

/**
 * The offline gazetteer (shipped, validated at load) plus the operator's layers. A layer that
 * cannot be read is logged and skipped: the console still starts and searches the rest.
 */
export function createPlaceService(deps: {
  resourcesDir: string;
  dataDir: string;
  layers: readonly SearchableLayer[];
  logger: Logger;
}): {
  handlers: Handlers<PlaceApi>;
  search: PlaceSearch;
  /** The gazetteer and the readable operator layers, for locating incidents (search vocabulary). */
  places: readonly GazetteerPlace[];
} {
  const file = join(deps.resourcesDir, GAZETTEER_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GazetteerError(`${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseGazetteer(raw);
  if (!parsed.ok) throw new GazetteerError(`${file} is invalid: ${parsed.errors.slice(0, 5).join('; ')}`);
  const search = createPlaceSearch(parsed.value);
  const all: GazetteerPlace[] = [...parsed.value];

  for (const layer of deps.layers) {
    const path = isAbsolute(layer.path) ? layer.path : join(deps.dataDir, layer.path);
    if (!existsSync(path)) {
      deps.logger.warn({ path }, 'GIS layer not found; not searchable');
      continue;
    }
    try {
      // Operators edit these layers (a Windows editor may add a byte order mark).
      const places = placesFromGeoJson(readJsonFile(path), layer.kind, {
        idPrefix: `layer:${path}`,
      });
      search.add(places);
      all.push(...places);
      deps.logger.info({ path, places: places.length }, 'GIS layer searchable');
    } catch (error) {
      deps.logger.warn({ path, err: error }, 'GIS layer unreadable; not searchable');
    }
  }

  return {
    search,
    places: all,
    handlers: {
      search: ({ query, limit, near }) =>
        search
          .search(query, { limit: limit ?? 10, ...(near !== undefined && { near }) })
          .map((hit) => toHit(hit.place)),
    },
  };
}
