import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Handlers, PlaceApi, PlaceHit } from '../../../src-shared/contract/api';
import {
  parseGazetteer,
  placesFromGeoJson,
  type GazetteerPlace,
  type PlaceKind,
} from '../../../src-shared/domain/gazetteer';
import type { LatLon } from '../../../src-shared/domain/geo';
import {
  createLocationNamer,
  type AreaName,
  type LocationLevel,
  type LocationName,
  type LocationNamer,
} from '../../../src-shared/domain/locationNames';
import {
  buildAreas,
  gazetteerSteps,
  MAPDATA_FILES,
  parseMapdata,
  type Mapdata,
  type MapdataLayer,
} from '../../../src-shared/domain/mapdata';
import {
  createPlaceSearch,
  placeIndexSteps,
  type PlaceIndex,
  type PlaceSearch,
} from '../../../src-shared/domain/placeSearch';
import { finishSteps, type Steps } from '../../../src-shared/domain/steps';
import type { UnitRecord } from '../../../src-shared/domain/unit';
import type { Logger } from '../runtime/logger';
import { readTextFile } from '../runtime/jsonFile';

export const GAZETTEER_FILE = join('gazetteer', 'iraq-gazetteer.json');
export const MAPDATA_DIR = 'mapdata';

/** An operator GIS layer whose named features are searchable places (districts, hospitals, stations). */
export interface SearchableLayer {
  readonly path: string;
  readonly kind: PlaceKind;
  /** A property whose value is searchable too (a mahalla number). */
  readonly searchProperty?: string;
}

export class GazetteerError extends Error {
  override readonly name = 'GazetteerError';
}

/** An optional map data file that could not be used, and why. */
export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

/**
 * The shipped gazetteer. The hand-written places are read and validated at once (a bad file stops
 * the console); the street-level data in two parts on first use, each once per process while the
 * files stay the same: the areas a point is named by (~1 MB), and the search index over all of it
 * with the 21,000 localities (~5 MB). A started console loads both right away, in the background.
 */
export interface ShippedGazetteer {
  /** The hand-written places (the incident search vocabulary's landmarks). */
  readonly curated: readonly GazetteerPlace[];
  /** Changes with the shipped files (their sizes and times): the incident search index follows it. */
  readonly version: string;
  /** The areas points are named by. */
  readonly areas: SteppedLoad<LocationNamer>;
  /** Every place, indexed for search. */
  readonly search: SteppedLoad<{ readonly index: PlaceIndex; readonly merged: number }>;
}

/**
 * A load done in steps, once: `now()` finishes it at once (what a first search needs), `gradually`
 * pauses between steps (a started console loads while it keeps answering). Both go on with the same
 * steps, so a search that comes half-way finishes the load rather than starting it again.
 */
export class SteppedLoad<T> {
  private steps: Steps<T> | undefined;
  private loaded: LoadedPart<T> | undefined;
  private failure: { readonly error: unknown } | undefined;
  private readonly skipped: SkippedFile[] = [];
  private workMs = 0;

  constructor(private readonly start: (skipped: SkippedFile[]) => Steps<T>) {}

  /** The loaded value, finishing the load now if it is not done. */
  now(): LoadedPart<T> {
    return finishSteps(this.stepsUntilLoaded());
  }

  /** The loaded value, taking one step per `pause()` (which rejects to give the load up). */
  async gradually(pause: () => Promise<void>): Promise<LoadedPart<T>> {
    const steps = this.stepsUntilLoaded();
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done === true) return step.value;
      await pause();
    }
  }

  /** Steps until this is loaded (also for a load built on this one). */
  *stepsUntilLoaded(): Steps<LoadedPart<T>> {
    for (;;) {
      const loaded = this.step();
      if (loaded !== undefined) return loaded;
      yield;
    }
  }

  private step(): LoadedPart<T> | undefined {
    if (this.loaded !== undefined) return this.loaded;
    if (this.failure !== undefined) throw this.failure.error;
    const started = performance.now();
    let next: IteratorResult<undefined, T>;
    try {
      this.steps ??= this.start(this.skipped);
      next = this.steps.next();
    } catch (error) {
      this.failure = { error };
      throw error;
    } finally {
      this.workMs += performance.now() - started;
    }
    if (next.done === true) this.loaded = { value: next.value, skipped: this.skipped, loadMs: this.workMs };
    return this.loaded;
  }
}

export interface LoadedPart<T> {
  readonly value: T;
  /** Optional files that could not be used. */
  readonly skipped: readonly SkippedFile[];
  /** Milliseconds the load took (reading, validating, merging, indexing). */
  readonly loadMs: number;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** What identifies the shipped files' contents without reading them: their paths, sizes and times. */
function filesStamp(files: readonly string[]): string {
  return files
    .map((file) => {
      try {
        const stat = statSync(file);
        return `${file}:${String(stat.size)}:${String(stat.mtimeMs)}`;
      } catch {
        return `${file}:missing`;
      }
    })
    .join('|');
}

const AREA_LAYERS = ['governorates', 'districts', 'subdistricts', 'neighbourhoods'] as const;

/** The map data files of the given layers that validate; the others in `skipped`. A step per file. */
function* readMapdata(resourcesDir: string, layers: readonly MapdataLayer[], skipped: SkippedFile[]): Steps<Mapdata> {
  const data: { -readonly [L in MapdataLayer]?: Mapdata[L] } = {};
  for (const layer of layers) {
    if (layer !== layers[0]) yield;
    const file = join(resourcesDir, MAPDATA_DIR, MAPDATA_FILES[layer]);
    if (!existsSync(file)) {
      skipped.push({ file, reason: 'missing' });
      continue;
    }
    let raw: unknown;
    try {
      raw = readJson(file);
    } catch (error) {
      skipped.push({ file, reason: `unreadable: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    yield;
    const result = parseMapdata(layer, raw);
    if (result.ok) Object.assign(data, { [layer]: result.value });
    else skipped.push({ file, reason: `invalid: ${result.errors.slice(0, 3).join('; ')}` });
  }
  return data;
}

function once<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}

let cached: { readonly stamp: string; readonly gazetteer: ShippedGazetteer } | undefined;

/**
 * The shipped gazetteer of `resourcesDir`: `resources/gazetteer` (required: GazetteerError naming
 * the file when it cannot be read or is invalid) and `resources/mapdata` (every file optional: one
 * missing or invalid is reported in `skipped` and left out). Every file is validated. Shared by
 * every host and command of one process while the files stay the same; nothing in it changes.
 */
export function loadGazetteer(resourcesDir: string): ShippedGazetteer {
  const curatedFile = join(resourcesDir, GAZETTEER_FILE);
  const mapdataFiles = Object.values(MAPDATA_FILES).map((file) => join(resourcesDir, MAPDATA_DIR, file));
  const stamp = filesStamp([curatedFile, ...mapdataFiles]);
  if (cached?.stamp === stamp) return cached.gazetteer;

  let raw: unknown;
  try {
    raw = readJson(curatedFile);
  } catch (error) {
    throw new GazetteerError(
      `${curatedFile} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = parseGazetteer(raw);
  if (!parsed.ok) throw new GazetteerError(`${curatedFile} is invalid: ${parsed.errors.slice(0, 5).join('; ')}`);
  const curated = parsed.value;

  const areaData = new SteppedLoad((skipped) => readMapdata(resourcesDir, AREA_LAYERS, skipped));
  const areas = new SteppedLoad(function* (skipped) {
    const { value: data, skipped: unused } = yield* areaData.stepsUntilLoaded();
    skipped.push(...unused);
    yield;
    return createLocationNamer(buildAreas(curated, data));
  });
  const search = new SteppedLoad(function* (skipped) {
    const { value: data, skipped: unused } = yield* areaData.stepsUntilLoaded();
    skipped.push(...unused);
    yield;
    const localities = yield* readMapdata(resourcesDir, ['localities'], skipped);
    yield;
    const built = yield* gazetteerSteps(curated, { ...data, ...localities });
    yield;
    return { index: yield* placeIndexSteps(built.places), merged: built.merged };
  });
  const gazetteer: ShippedGazetteer = {
    curated,
    version: createHash('sha256').update(stamp).digest('hex').slice(0, 16),
    areas,
    search,
  };
  cached = { stamp, gazetteer };
  return gazetteer;
}

const STATION_ID_PREFIX = 'station-';
const ARABIC_SCRIPT = /[\u0600-\u06ff]/u;

/** The roster's stations as places: one per station name, at its units' home point (their mean). */
export function stationPlaces(units: readonly Pick<UnitRecord, 'station' | 'home'>[]): GazetteerPlace[] {
  const homes = new Map<string, LatLon[]>();
  for (const unit of units) {
    const station = unit.station?.trim();
    if (!station || unit.home === null) continue;
    const list = homes.get(station);
    if (list === undefined) homes.set(station, [unit.home]);
    else list.push(unit.home);
  }
  return [...homes].map(([station, points]) => ({
    id: `${STATION_ID_PREFIX}${createHash('sha256').update(station).digest('hex').slice(0, 12)}`,
    kind: 'station',
    name: ARABIC_SCRIPT.test(station) ? { ar: station } : { en: station },
    lat: points.reduce((sum, point) => sum + point.lat, 0) / points.length,
    lon: points.reduce((sum, point) => sum + point.lon, 0) / points.length,
    src: 'roster',
  }));
}

export interface PlaceService {
  readonly handlers: Handlers<PlaceApi>;
  /** The search (the shipped index is loaded on first use, see `warm`). */
  search(): PlaceSearch;
  /** The hand-written places and the readable operator layers: the incident search vocabulary's places. */
  readonly places: readonly GazetteerPlace[];
  /** The neighbourhood, sub-district, district and governorate of a point. */
  readonly nameLocation: (point: LatLon) => LocationName;
  /** The areas of one level with their codes and names, in code order (the KPI view's districts). */
  areas(level: LocationLevel): readonly AreaName[];
  /** Changes with the shipped data and the operator layers (the incident search index follows it). */
  readonly version: string;
  /** Loads the street-level data now rather than on first use (the started console does, after start). */
  warm(): void;
  /**
   * `warm` in steps of at most a few tens of milliseconds, awaiting `pause()` between them (which
   * rejects to give up): a started console keeps answering while it loads.
   */
  warmGradually(pause: () => Promise<void>): Promise<void>;
  /** The roster as it is: its stations become (or stop being) searchable places. */
  updateStations(units: readonly Pick<UnitRecord, 'station' | 'home'>[]): void;
  /** Units changed (mostly their status): the stations are re-read only when a station or home did. */
  rosterChanged(changed: readonly UnitRecord[], roster: () => readonly UnitRecord[]): void;
}

/**
 * The offline gazetteer (shipped, validated at load) plus the operator's layers and the roster's
 * stations; and the names of where a point lies. A layer or a map data file that cannot be read is
 * logged and skipped: the console still starts and searches the rest.
 */
export function createPlaceService(deps: {
  resourcesDir: string;
  dataDir: string;
  layers: readonly SearchableLayer[];
  /** The console's area: searches without `near` rank places near it first. */
  area?: LatLon | null;
  logger: Logger;
}): PlaceService {
  const gazetteer = loadGazetteer(deps.resourcesDir);
  const report = <T>(part: LoadedPart<T>, what: string, fields: Record<string, unknown> = {}): T => {
    for (const { file, reason } of part.skipped)
      deps.logger.warn({ file, reason }, 'map data file not used: its places are not searchable nor named');
    deps.logger.info({ ms: Math.round(part.loadMs), ...fields }, what);
    return part.value;
  };
  const namer = once(() => report(gazetteer.areas.now(), 'areas loaded'));

  const layerPlaces: GazetteerPlace[] = [];
  const layerDigest = createHash('sha256').update(gazetteer.version);
  for (const layer of deps.layers) {
    const path = isAbsolute(layer.path) ? layer.path : join(deps.dataDir, layer.path);
    if (!existsSync(path)) {
      deps.logger.warn({ path }, 'GIS layer not found; not searchable');
      continue;
    }
    try {
      // Operators edit these layers (a Windows editor may add a byte order mark).
      const text = readTextFile(path);
      const places = placesFromGeoJson(JSON.parse(text), layer.kind, {
        idPrefix: `layer:${path}`,
        ...(layer.searchProperty !== undefined && { searchProperty: layer.searchProperty }),
      });
      layerPlaces.push(...places);
      layerDigest.update(`${path}\n${layer.searchProperty ?? ''}\n${text}`);
      deps.logger.info({ path, places: places.length }, 'GIS layer searchable');
    } catch (error) {
      deps.logger.warn({ path, err: error }, 'GIS layer unreadable; not searchable');
    }
  }
  // The roster's stations: added to the search once it is loaded, replaced when they change.
  let stations: readonly GazetteerPlace[] = [];
  let stationsKey = '';
  let loadedSearch: PlaceSearch | undefined;
  const search = once(() => {
    const part = gazetteer.search.now();
    const { index, merged } = part.value;
    report(part, 'gazetteer loaded', { places: index.size, merged });
    loadedSearch = createPlaceSearch(index, [...layerPlaces, ...stations]);
    return loadedSearch;
  });
  const updateStations = (units: readonly Pick<UnitRecord, 'station' | 'home'>[]): void => {
    const next = stationPlaces(units);
    const key = next.map((place) => `${place.id}@${String(place.lat)},${String(place.lon)}`).join('|');
    if (key === stationsKey) return;
    stationsKey = key;
    loadedSearch?.remove(stations.map((place) => place.id));
    loadedSearch?.add(next);
    stations = next;
  };

  const stationOfUnit = new Map<string, string>();
  const stationSignature = (unit: UnitRecord): string =>
    `${unit.station ?? ''}|${String(unit.home?.lat)},${String(unit.home?.lon)}`;
  const rosterChanged = (changed: readonly UnitRecord[], roster: () => readonly UnitRecord[]): void => {
    let moved = false;
    for (const unit of changed) {
      const signature = stationSignature(unit);
      if (stationOfUnit.get(unit.id) === signature) continue;
      stationOfUnit.set(unit.id, signature);
      moved = true;
    }
    if (moved) updateStations(roster());
  };

  const nameLocation = (point: LatLon): LocationName => namer().nameLocation(point.lat, point.lon);
  const toHit = (place: GazetteerPlace): PlaceHit => {
    const within = nameLocation(place);
    const { neighbourhood: _neighbourhood, ...areas } = within;
    const governorate = place.gov ?? within.governorate?.code;
    return {
      id: place.id,
      kind: place.kind,
      name: place.name,
      lat: place.lat,
      lon: place.lon,
      ...(governorate !== undefined && { governorate }),
      within: areas,
    };
  };
  const area = deps.area ?? undefined;

  return {
    search,
    places: [...gazetteer.curated, ...layerPlaces],
    nameLocation,
    areas: (level) => namer().areas(level),
    version: layerDigest.digest('hex').slice(0, 16),
    warm: () => {
      namer();
      search();
    },
    warmGradually: async (pause) => {
      await gazetteer.areas.gradually(pause);
      namer();
      await gazetteer.search.gradually(pause);
      search();
    },
    updateStations,
    rosterChanged,
    handlers: {
      search: ({ query, limit, near }) => {
        const from = near ?? area;
        return search()
          .search(query, { limit: limit ?? 10, ...(from !== undefined && { near: from }) })
          .map((hit) => toHit(hit.place));
      },
      at: ({ lat, lon }) => namer().nameLocation(lat, lon),
    },
  };
}
