import { z } from 'zod';
import { normalizeForSearch } from './arabic';
import { pointInPolygon, type Position } from './geo';
import type { PlaceNames } from './gazetteer';

/**
 * Every location named: a point → the neighbourhood it lies in (if any), its sub-district (nahiya),
 * district (qadha) and governorate, each with its code and its Arabic, English and Sorani names.
 * The host names a caller's and an incident's location with it (`nameLocation`); the incident record
 * keeps the result, so the name a dispatcher saw is the name the record and its replicas carry.
 *
 * The areas are the shipped polygons (`resources/mapdata`: OCHA sub-districts, districts and
 * governorates, which tile Iraq exactly; Who's On First neighbourhoods). A grid of 0.1° cells holds
 * the polygons whose box touches each cell, so a look-up tests a handful of polygons.
 */

const codeSchema = z.string().min(1).max(40);
const nameSchema = z.string().min(1).max(120);

/** One named area of a location: its code (OCHA pcode, ISO 3166-2 code, `wof:<id>`) and names. */
export const areaNameSchema = z.strictObject({
  code: codeSchema,
  name: z.strictObject({ ar: nameSchema.optional(), en: nameSchema.optional(), ckb: nameSchema.optional() }),
});
export type AreaName = z.infer<typeof areaNameSchema>;

/** The named location of a point, as incident events carry it (every part optional: outside Iraq, none). */
export const locationNameSchema = z.strictObject({
  neighbourhood: areaNameSchema.optional(),
  subdistrict: areaNameSchema.optional(),
  district: areaNameSchema.optional(),
  governorate: areaNameSchema.optional(),
});
export type LocationName = z.infer<typeof locationNameSchema>;

export const LOCATION_LEVELS = ['neighbourhood', 'subdistrict', 'district', 'governorate'] as const;
export type LocationLevel = (typeof LOCATION_LEVELS)[number];

/** A polygon or multipolygon, as GeoJSON writes it. */
export type AreaGeometry =
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] };

export interface Area {
  readonly level: LocationLevel;
  readonly code: string;
  readonly name: PlaceNames;
  readonly geometry: AreaGeometry;
  /** The codes of the areas it lies in, when its data names them (a sub-district's district). */
  readonly district?: string;
  readonly governorate?: string;
}

export interface LocationNamer {
  /** The areas a point lies in; `{}` for a point outside every area. */
  nameLocation(lat: number, lon: number): LocationName;
  /** A named area by level and code (a district's names for a KPI group). */
  area(level: LocationLevel, code: string): AreaName | undefined;
  /** The areas of one level, in code order. */
  areas(level: LocationLevel): readonly AreaName[];
}

const CELL_DEGREES = 0.1;

interface IndexedArea {
  readonly area: Area;
  readonly polygons: readonly (readonly (readonly Position[])[])[];
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}

function polygonsOf(geometry: AreaGeometry): readonly (readonly (readonly Position[])[])[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function indexArea(area: Area): IndexedArea {
  const polygons = polygonsOf(area.geometry);
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygons)
    for (const position of polygon[0] ?? []) {
      const [lon = 0, lat = 0] = position;
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  return { area, polygons, minLon, minLat, maxLon, maxLat };
}

/** The areas of one level in a grid of cells; each cell lists the areas whose box touches it. */
class AreaGrid {
  private readonly cells = new Map<number, IndexedArea[]>();

  constructor(readonly areas: readonly IndexedArea[]) {
    for (const indexed of areas) {
      if (!Number.isFinite(indexed.minLon)) continue;
      for (let x = cellOf(indexed.minLon); x <= cellOf(indexed.maxLon); x++)
        for (let y = cellOf(indexed.minLat); y <= cellOf(indexed.maxLat); y++) {
          const key = cellKey(x, y);
          const list = this.cells.get(key);
          if (list === undefined) this.cells.set(key, [indexed]);
          else list.push(indexed);
        }
    }
  }

  find(lat: number, lon: number): Area | undefined {
    for (const indexed of this.cells.get(cellKey(cellOf(lon), cellOf(lat))) ?? []) {
      if (lon < indexed.minLon || lon > indexed.maxLon || lat < indexed.minLat || lat > indexed.maxLat) continue;
      if (indexed.polygons.some((polygon) => pointInPolygon(lon, lat, polygon))) return indexed.area;
    }
    return undefined;
  }
}

const cellOf = (degrees: number): number => Math.floor(degrees / CELL_DEGREES);
// Cells of -1800..1800 × -900..900: one integer key each.
const cellKey = (x: number, y: number): number => (x + 2000) * 4000 + (y + 2000);

function areaName(area: { code: string; name: PlaceNames }): AreaName {
  return { code: area.code, name: { ...area.name } };
}

/**
 * The namer over the given areas (any level may be missing: a broken optional file). Parents come
 * from a sub-district's own data when it names them, else from the district and governorate
 * polygons, so a point is named consistently across the levels.
 */
export function createLocationNamer(areas: readonly Area[]): LocationNamer {
  const byLevel = new Map<LocationLevel, IndexedArea[]>(LOCATION_LEVELS.map((level) => [level, []]));
  for (const area of areas) byLevel.get(area.level)?.push(indexArea(area));
  const grids = new Map(LOCATION_LEVELS.map((level) => [level, new AreaGrid(byLevel.get(level) ?? [])] as const));
  const byCode = new Map(
    LOCATION_LEVELS.map(
      (level) =>
        [level, new Map((byLevel.get(level) ?? []).map((indexed) => [indexed.area.code, indexed.area]))] as const,
    ),
  );
  const sorted = new Map(
    LOCATION_LEVELS.map(
      (level) =>
        [
          level,
          [...(byCode.get(level)?.values() ?? [])].sort((a, b) => a.code.localeCompare(b.code)).map(areaName),
        ] as const,
    ),
  );
  const find = (level: LocationLevel, lat: number, lon: number) => grids.get(level)?.find(lat, lon);
  const known = (level: LocationLevel, code: string | undefined) =>
    code === undefined ? undefined : byCode.get(level)?.get(code);

  return {
    nameLocation(lat, lon) {
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) return {};
      const neighbourhood = find('neighbourhood', lat, lon);
      const subdistrict = find('subdistrict', lat, lon);
      const district = known('district', subdistrict?.district) ?? find('district', lat, lon);
      const governorate =
        known('governorate', subdistrict?.governorate ?? district?.governorate) ?? find('governorate', lat, lon);
      return {
        ...(neighbourhood && { neighbourhood: areaName(neighbourhood) }),
        ...(subdistrict && { subdistrict: areaName(subdistrict) }),
        ...(district && { district: areaName(district) }),
        ...(governorate && { governorate: areaName(governorate) }),
      };
    },
    area(level, code) {
      const found = byCode.get(level)?.get(code);
      return found && areaName(found);
    },
    areas: (level) => sorted.get(level) ?? [],
  };
}

// ---------------------------------------------------------------------------------------------
// Showing a named location

type NameLanguage = keyof PlaceNames;

/** An area's name in the language, else Arabic, else English, else Sorani. */
export function areaLabel(area: AreaName, language: NameLanguage): string | undefined {
  return area.name[language] ?? area.name.ar ?? area.name.en ?? area.name.ckb;
}

const LIST_SEPARATOR: Readonly<Record<NameLanguage, string>> = { ar: '، ', ckb: '، ', en: ', ' };

/**
 * The named location as a dispatcher reads it, smallest area first: the neighbourhood (else the
 * sub-district), the district, the governorate — `الكرادة، الرصافة، بغداد`, `Karrada, Al-Risafa,
 * Baghdad`. A part that only repeats the one before is left out. Empty when nothing is named.
 */
export function formatLocationName(location: LocationName, language: NameLanguage): string {
  const parts = [location.neighbourhood ?? location.subdistrict, location.district, location.governorate]
    .filter((area): area is AreaName => area !== undefined)
    .map((area) => areaLabel(area, language))
    .filter((label): label is string => label !== undefined);
  const kept = parts.filter(
    (label, index) => index === 0 || normalizeForSearch(label) !== normalizeForSearch(parts[index - 1] ?? ''),
  );
  return kept.join(LIST_SEPARATOR[language]);
}

/** Every name of every part, in every language: what incident search indexes. */
export function locationNameWords(location: LocationName): string[] {
  const names: string[] = [];
  for (const level of LOCATION_LEVELS) {
    const area = location[level];
    if (area === undefined) continue;
    for (const name of [area.name.ar, area.name.en, area.name.ckb]) if (name !== undefined) names.push(name);
  }
  return names;
}
