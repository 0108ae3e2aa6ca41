import { featurePoint } from '../../../src-shared/domain/placeGeometry';
import { STREET_POI_CLASSES, type StreetPoiClass } from '../../../src-shared/domain/streetPois';

/**
 * The points of interest of an OSM extract as places for the gazetteer: what `osmium export` writes
 * (one GeoJSON feature per object, OSM tags as properties, `@type`/`@id`) becomes a point with
 * `name_ar` / `name_en` / `name_ckb` and a `kind`, the properties the place service reads from a
 * GeoJSON file (`placesFromGeoJson`). Pure; the same classes as the `pois` layer of
 * resources/tilemaker/process.lua.
 */

export const POI_KINDS = STREET_POI_CLASSES;
export type PoiKind = StreetPoiClass;

type Tags = Readonly<Record<string, unknown>>;

const tag = (tags: Tags, key: string): string => {
  const value = tags[key];
  return typeof value === 'string' ? value.trim() : '';
};

/** The class of a point of interest a dispatcher navigates by, or null (mirrors `poi_class` in process.lua). */
export function poiKind(tags: Tags): PoiKind | null {
  const amenity = tag(tags, 'amenity');
  if (amenity === 'hospital' || tag(tags, 'healthcare') === 'hospital') return 'hospital';
  if (amenity === 'police') return 'police';
  // Iraq's civil defence runs the fire stations.
  if (amenity === 'fire_station') return 'fire_station';
  if (amenity === 'place_of_worship' && tag(tags, 'religion') === 'muslim') return 'mosque';
  if (amenity === 'school') return 'school';
  if (amenity === 'university' || amenity === 'college') return 'university';
  if (amenity === 'marketplace' || tag(tags, 'shop') === 'mall') return 'marketplace';
  if (amenity === 'fuel') return 'fuel';
  return null;
}

const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

export interface PoiPlaceProperties {
  readonly kind: PoiKind;
  readonly name_ar?: string;
  readonly name_en?: string;
  readonly name_ckb?: string;
}

export interface PoiPlaceFeature {
  readonly type: 'Feature';
  /** `n123`, `w456`, `r789`: the OSM object, so ids stay stable across imports. */
  readonly id: string;
  readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly [number, number] };
  readonly properties: PoiPlaceProperties;
}

/**
 * The names of an OSM object by language: `name:ar`, else `name` when it is in Arabic script;
 * `name:en`, else `name` when it is not; `name:ckb` (or `name:ku`) for Sorani.
 */
export function poiNames(tags: Tags): Omit<PoiPlaceProperties, 'kind'> {
  const name = tag(tags, 'name');
  const arabic = tag(tags, 'name:ar') || (ARABIC_SCRIPT.test(name) ? name : '');
  const english = tag(tags, 'name:en') || (name !== '' && !ARABIC_SCRIPT.test(name) ? name : '');
  const sorani = tag(tags, 'name:ckb') || tag(tags, 'name:ku');
  return {
    ...(arabic !== '' && { name_ar: arabic }),
    ...(english !== '' && { name_en: english }),
    ...(sorani !== '' && { name_ckb: sorani }),
  };
}

const OSM_TYPE_LETTER: Readonly<Record<string, string>> = { node: 'n', way: 'w', relation: 'r' };

/** Rounds to 7 decimals (about 1 cm), OSM's own precision. */
const round7 = (value: number): number => Math.round(value * 1e7) / 1e7;

/**
 * One feature of `osmium export -a type,id` as a gazetteer place, or null when it is not a point
 * of interest of ours, has no name a dispatcher could search for, or has no usable geometry.
 */
export function poiPlaceFromOsmFeature(feature: unknown): PoiPlaceFeature | null {
  if (typeof feature !== 'object' || feature === null) return null;
  const { geometry, properties } = feature as { geometry?: unknown; properties?: unknown };
  if (typeof properties !== 'object' || properties === null) return null;
  const tags = properties as Tags;
  const kind = poiKind(tags);
  if (kind === null) return null;
  const names = poiNames(tags);
  if (names.name_ar === undefined && names.name_en === undefined && names.name_ckb === undefined) return null;
  const point = featurePoint(geometry);
  if (point === undefined) return null;
  const type = OSM_TYPE_LETTER[String(tags['@type'])];
  const id = tags['@id'];
  if (type === undefined || (typeof id !== 'number' && typeof id !== 'string')) return null;
  return {
    type: 'Feature',
    id: `${type}${String(id)}`,
    geometry: { type: 'Point', coordinates: [round7(point.lon), round7(point.lat)] },
    properties: { kind, ...names },
  };
}
