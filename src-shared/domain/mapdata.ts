import { finishSteps, type Steps } from './steps';
import { z } from 'zod';
import { bareTokens, nameTokens, transliterationKey } from './arabic';
import { featurePoint } from './placeGeometry';
import { distanceM, isValidLatLon, pointInPolygon } from './geo';
import type { GazetteerPlace, PlaceKind, PlaceNames } from './gazetteer';
import type { Area, AreaGeometry } from './locationNames';
import { formatIssuePath } from './taxonomy';

/**
 * The street-level data of Iraq shipped in `resources/mapdata` (ATTRIBUTION.md there): OCHA
 * governorates, districts and sub-districts, Who's On First neighbourhoods (polygons) and localities
 * (21,000 towns and villages, points). Here: each file's schema, and the one gazetteer and the areas
 * made from them and the hand-written gazetteer (`resources/gazetteer`). Pure; the place service reads
 * the files.
 */

export const MAPDATA_FILES = {
  governorates: 'iraq-governorates.geojson',
  districts: 'iraq-districts.geojson',
  subdistricts: 'iraq-subdistricts.geojson',
  neighbourhoods: 'iraq-neighbourhoods.geojson',
  localities: 'iraq-localities.geojson',
} as const;
export type MapdataLayer = keyof typeof MAPDATA_FILES;

// Cheap checks only: 21,000 localities are validated at every start (a trim or a tuple costs
// several times the rest); coordinates are range-checked where they are used.
const name = z.string().min(1).max(200);
const position = z.array(z.number()).min(2);
const ring = z.array(position).min(4);
const polygon = z.array(ring).min(1);
const areaGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: polygon }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }),
]);
const pointGeometry = z.object({ type: z.literal('Point'), coordinates: position });
const pcode = z.string().regex(/^IQG\d{2}(?:Q\d{2}(?:N\d{2})?)?$/, 'an OCHA pcode (IQG08Q06N01)');
const governorateCode = z.string().regex(/^IQ-[A-Z]{2,3}$/, 'an ISO 3166-2:IQ code (IQ-BG)');
const wofId = z.number().int().positive();

function collection<P extends z.ZodType, G extends z.ZodType>(properties: P, geometry: G) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({ type: z.literal('Feature'), properties, geometry })),
  });
}

/** Each file's schema: the properties Nida reads (others are allowed) and the geometry it needs. */
export const mapdataSchemas = {
  governorates: collection(
    z.object({ iso: governorateCode, pcode, name_en: name, name_ar: name, name_ku: name.optional() }),
    areaGeometry,
  ),
  districts: collection(
    z.object({ pcode, name_en: name, name_ar: name, gov_iso: governorateCode, gov_pcode: pcode }),
    areaGeometry,
  ),
  subdistricts: collection(
    z.object({ pcode, name_en: name, name_ar: name, dist_pcode: pcode, gov_iso: governorateCode }),
    areaGeometry,
  ),
  neighbourhoods: collection(
    z.object({ wof_id: wofId, name_en: name, name_ar: name.optional(), name_ckb: name.optional() }),
    areaGeometry,
  ),
  localities: collection(
    z.object({
      wof_id: wofId,
      placetype: z.enum(['locality', 'neighbourhood']),
      name_en: name,
      name_ar: name.optional(),
      name_ckb: name.optional(),
      population: z.number().int().nonnegative().optional(),
    }),
    pointGeometry,
  ),
} as const;

export type MapdataFile<L extends MapdataLayer> = z.infer<(typeof mapdataSchemas)[L]>;
/** The files that could be read; a missing or broken one is left out. */
export type Mapdata = { readonly [L in MapdataLayer]?: MapdataFile<L> };

export type MapdataParseResult<L extends MapdataLayer> =
  { readonly ok: true; readonly value: MapdataFile<L> } | { readonly ok: false; readonly errors: string[] };

/** Validates one parsed file; never throws. Each error is `path: message`. */
export function parseMapdata<L extends MapdataLayer>(layer: L, raw: unknown): MapdataParseResult<L> {
  const result = mapdataSchemas[layer].safeParse(raw);
  if (result.success) return { ok: true, value: result.data as MapdataFile<L> };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`),
  };
}

// ---------------------------------------------------------------------------------------------
// One gazetteer from the hand-written places and the data

/** How far apart two records of one place may lie, by kind (the larger of the two applies). */
const SAME_PLACE_RADIUS_M: Readonly<Record<PlaceKind, number>> = {
  neighbourhood: 5_000,
  village: 3_000,
  landmark: 2_000,
  station: 500,
  town: 8_000,
  city: 15_000,
  district: 15_000,
  subdistrict: 0,
  governorate: 0,
};

/** Localities with this many people are towns; with many more, cities (only 63 have a figure). */
const TOWN_POPULATION = 2_000;
const CITY_POPULATION = 100_000;

export interface BuiltGazetteer {
  /** Every place searched: the hand-written ones first (enriched), then the data's. */
  readonly places: readonly GazetteerPlace[];
  /** The polygons points are named by (`createLocationNamer`). */
  readonly areas: readonly Area[];
  /** Records of the data that were the same place as one already there (merged into it). */
  readonly merged: number;
}

/**
 * Keys two records of one place share: each name's bare words (`الكرادة` = `كرادة`, `Al-Karrada` =
 * `Karrada`) and each name's consonant skeleton across scripts (`الحارثية` = `Harthiya`).
 */
function sameNameKeys(place: GazetteerPlace): string[] {
  const keys = new Set<string>();
  for (const language of ['ar', 'en', 'ckb'] as const) {
    for (const text of [place.name[language], ...(place.alt?.[language] ?? [])]) {
      if (text === undefined) continue;
      const tokens = nameTokens(text);
      if (tokens.length === 0) continue;
      keys.add(bareTokens(tokens).join(' '));
      const skeleton = tokens.map(transliterationKey).filter((key) => key !== undefined);
      if (skeleton.length > 0) keys.add(`#${skeleton.join(' ')}`);
    }
  }
  return [...keys];
}

function bareName(text: string): string {
  return bareTokens(nameTokens(text)).join(' ');
}

/** The target with the source's names it lacks as alternatives, and its population if it had none. */
function mergeInto(target: GazetteerPlace, source: GazetteerPlace): GazetteerPlace {
  const known = new Set(
    (['ar', 'en', 'ckb'] as const).flatMap((language) =>
      [target.name[language], ...(target.alt?.[language] ?? [])].flatMap((text) =>
        text === undefined ? [] : [bareName(text)],
      ),
    ),
  );
  const alt: Record<'ar' | 'en' | 'ckb', string[]> = {
    ar: [...(target.alt?.ar ?? [])],
    en: [...(target.alt?.en ?? [])],
    ckb: [...(target.alt?.ckb ?? [])],
  };
  let added = false;
  for (const language of ['ar', 'en', 'ckb'] as const) {
    const text = source.name[language];
    if (text === undefined) continue;
    const bare = bareName(text);
    if (bare.length === 0 || known.has(bare)) continue;
    known.add(bare);
    alt[language].push(text);
    added = true;
  }
  const pop = target.pop ?? source.pop;
  if (!added && pop === target.pop) return target;
  const merged = {
    ...(alt.ar.length > 0 && { ar: alt.ar }),
    ...(alt.en.length > 0 && { en: alt.en }),
    ...(alt.ckb.length > 0 && { ckb: alt.ckb }),
  };
  return { ...target, alt: merged, ...(pop !== undefined && { pop }) };
}

/** Cells of the targets' grid: about the largest radius, so a look-up reads 3 × 3 cells. */
const TARGET_CELL_DEGREES = 0.15;

/**
 * Places that later records may turn out to be. Looked up by place first (a grid of cells), so that
 * only the few records near one have their names keyed: most of 21,000 villages are near none.
 */
class MergeTargets {
  private readonly cells = new Map<number, number[]>();
  private readonly keys: Set<string>[] = [];
  readonly places: GazetteerPlace[] = [];

  add(place: GazetteerPlace): number {
    const index = this.places.length;
    this.places.push(place);
    this.keys.push(new Set(sameNameKeys(place)));
    const cell = cellKey(place.lat, place.lon, 0, 0);
    const list = this.cells.get(cell);
    if (list === undefined) this.cells.set(cell, [index]);
    else list.push(index);
    return index;
  }

  /**
   * The nearest place with a shared name key within the radius of either kind (or, for an area,
   * inside it: `contains`); undefined if none.
   */
  find(place: GazetteerPlace, contains?: (point: { lat: number; lon: number }) => boolean): number | undefined {
    let best: number | undefined;
    let bestDistance = Infinity;
    let keys: string[] | undefined;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const index of this.cells.get(cellKey(place.lat, place.lon, dx, dy)) ?? []) {
          const candidate = this.places[index];
          if (candidate === undefined) continue;
          const radii = [SAME_PLACE_RADIUS_M[candidate.kind], SAME_PLACE_RADIUS_M[place.kind]];
          // Areas (a governorate, a sub-district) are never the same place as a point.
          if (radii.includes(0)) continue;
          const distance = distanceM(candidate, place);
          if (distance >= bestDistance) continue;
          if (distance > Math.max(...radii) && contains?.(candidate) !== true) continue;
          keys ??= sameNameKeys(place);
          const known = this.keys[index];
          if (known !== undefined && keys.some((key) => known.has(key))) [best, bestDistance] = [index, distance];
        }
    return best;
  }

  merge(index: number, source: GazetteerPlace): void {
    const target = this.places[index];
    if (target === undefined) return;
    this.places[index] = mergeInto(target, source);
    for (const key of sameNameKeys(source)) this.keys[index]?.add(key);
  }
}

function cellKey(lat: number, lon: number, dx: number, dy: number): number {
  // Cells of ±180° × ±90° in one integer each.
  return (
    (Math.floor(lon / TARGET_CELL_DEGREES) + dx + 2_000) * 4_000 + Math.floor(lat / TARGET_CELL_DEGREES) + dy + 2_000
  );
}

function areaContains(geometry: AreaGeometry, lat: number, lon: number): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((polygon) => pointInPolygon(lon, lat, polygon));
}

function names(ar: string | undefined, en: string | undefined, ckb: string | undefined): PlaceNames {
  return { ...(ar !== undefined && { ar }), ...(en !== undefined && { en }), ...(ckb !== undefined && { ckb }) };
}

function labelPoint(geometry: AreaGeometry): { lat: number; lon: number } | undefined {
  const point = featurePoint(geometry);
  return point !== undefined && isValidLatLon(point) ? point : undefined;
}

/**
 * The gazetteer over all of Iraq and the areas points are named by. The hand-written places come
 * first and win: a record of the data that is the same place (a shared name key, within a few km)
 * adds its other names and its population to it instead of becoming a second entry; a
 * neighbourhood polygon merged so is named by the hand-written names. Governorates merge by code.
 */
export function buildGazetteer(curated: readonly GazetteerPlace[], data: Mapdata): BuiltGazetteer {
  return finishSteps(gazetteerSteps(curated, data));
}

/** Localities merged between two pauses of `gazetteerSteps`. */
const LOCALITIES_PER_STEP = 4_000;

/** `buildGazetteer` in steps: it pauses (yields) after the areas and every few thousand localities. */
export function* gazetteerSteps(curated: readonly GazetteerPlace[], data: Mapdata): Steps<BuiltGazetteer> {
  const targets = new MergeTargets();
  for (const place of curated) targets.add(place);
  const built = mergeAreas(curated, data, targets);
  const added = [...built.added];
  let merged = built.merged;
  yield;

  // Localities: one place each, unless the same place is already there.
  let done = 0;
  for (const feature of data.localities?.features ?? []) {
    if (++done % LOCALITIES_PER_STEP === 0) yield;
    const p = feature.properties;
    const [lon = Number.NaN, lat = Number.NaN] = feature.geometry.coordinates;
    if (!isValidLatLon({ lat, lon })) continue;
    const neighbourhood = p.placetype === 'neighbourhood';
    const population = neighbourhood ? undefined : p.population;
    const kind: PlaceKind = neighbourhood
      ? 'neighbourhood'
      : (population ?? 0) >= CITY_POPULATION
        ? 'city'
        : (population ?? 0) >= TOWN_POPULATION
          ? 'town'
          : 'village';
    const place: GazetteerPlace = {
      id: `wof-${String(p.wof_id)}`,
      code: `wof:${String(p.wof_id)}`,
      kind,
      name: names(p.name_ar, p.name_en, p.name_ckb),
      lat,
      lon,
      // A neighbourhood's figure in WOF is its whole city's (Old Basra: 2 million).
      ...(population !== undefined && population > 0 && { pop: population }),
      src: 'wof',
    };
    const index = targets.find(place);
    if (index !== undefined) {
      targets.merge(index, place);
      merged++;
    } else added.push(place);
  }

  return { places: [...targets.places, ...added], areas: built.areas, merged };
}

/**
 * The areas points are named by, alone (without the 21,000 localities): what naming a location
 * needs, cheaper to load than the whole gazetteer. Neighbourhoods that are hand-written places are
 * named as in `buildGazetteer`.
 */
export function buildAreas(curated: readonly GazetteerPlace[], data: Omit<Mapdata, 'localities'>): readonly Area[] {
  const targets = new MergeTargets();
  for (const place of curated) targets.add(place);
  return mergeAreas(curated, data, targets).areas;
}

/** The administrative areas and neighbourhoods: their polygons, and their places merged or added. */
function mergeAreas(
  curated: readonly GazetteerPlace[],
  data: Omit<Mapdata, 'localities'>,
  targets: MergeTargets,
): { areas: Area[]; added: GazetteerPlace[]; merged: number } {
  let merged = 0;
  const areas: Area[] = [];
  const added: GazetteerPlace[] = [];

  // Governorates: the OCHA names name the areas (بغداد, not محافظة بغداد); the hand-written place stays.
  const curatedGovernorates = new Map(
    curated.flatMap((place, index) =>
      place.kind === 'governorate' && place.gov !== undefined ? [[place.gov, index] as const] : [],
    ),
  );
  for (const feature of data.governorates?.features ?? []) {
    const p = feature.properties;
    const name = names(p.name_ar, p.name_en, p.name_ku);
    areas.push({ level: 'governorate', code: p.iso, name, geometry: feature.geometry });
    const index = curatedGovernorates.get(p.iso);
    const point = labelPoint(feature.geometry) ?? (index !== undefined ? curated[index] : undefined);
    if (point === undefined) continue;
    const place: GazetteerPlace = {
      id: `ocha-${p.pcode.toLowerCase()}`,
      code: p.iso,
      kind: 'governorate',
      name,
      lat: point.lat,
      lon: point.lon,
      gov: p.iso,
      src: 'ocha',
    };
    if (index !== undefined) {
      targets.merge(index, place);
      merged++;
    } else added.push(place);
  }

  for (const feature of data.districts?.features ?? []) {
    const p = feature.properties;
    areas.push({
      level: 'district',
      code: p.pcode,
      name: names(p.name_ar, p.name_en, undefined),
      geometry: feature.geometry,
      governorate: p.gov_iso,
    });
    const point = labelPoint(feature.geometry);
    if (point === undefined) continue;
    const place: GazetteerPlace = {
      id: `ocha-${p.pcode.toLowerCase()}`,
      code: p.pcode,
      kind: 'district',
      name: names(p.name_ar, p.name_en, undefined),
      ...point,
      gov: p.gov_iso,
      src: 'ocha',
    };
    const index = targets.find(place);
    if (index !== undefined && targets.places[index]?.kind === 'district') {
      targets.merge(index, place);
      merged++;
    } else added.push(place);
  }

  for (const feature of data.subdistricts?.features ?? []) {
    const p = feature.properties;
    areas.push({
      level: 'subdistrict',
      code: p.pcode,
      name: names(p.name_ar, p.name_en, undefined),
      geometry: feature.geometry,
      district: p.dist_pcode,
      governorate: p.gov_iso,
    });
    const point = labelPoint(feature.geometry);
    if (point !== undefined)
      added.push({
        id: `ocha-${p.pcode.toLowerCase()}`,
        code: p.pcode,
        kind: 'subdistrict',
        name: names(p.name_ar, p.name_en, undefined),
        ...point,
        gov: p.gov_iso,
        src: 'ocha',
      });
  }

  // Neighbourhoods: a polygon that is a hand-written neighbourhood is named by it.
  for (const feature of data.neighbourhoods?.features ?? []) {
    const p = feature.properties;
    const code = `wof:${String(p.wof_id)}`;
    const point = labelPoint(feature.geometry);
    const place: GazetteerPlace | undefined = point && {
      id: `wof-${String(p.wof_id)}`,
      code,
      kind: 'neighbourhood',
      name: names(p.name_ar, p.name_en, p.name_ckb),
      ...point,
      src: 'wof',
    };
    // A neighbourhood drawn larger than a few km still is the hand-written one whose point it holds.
    const index =
      place && targets.find(place, (candidate) => areaContains(feature.geometry, candidate.lat, candidate.lon));
    let areaNames = names(p.name_ar, p.name_en, p.name_ckb);
    if (place !== undefined && index !== undefined) {
      const target = targets.places[index];
      if (target !== undefined) areaNames = target.name;
      targets.merge(index, place);
      merged++;
    } else if (place !== undefined) targets.add(place);
    areas.push({ level: 'neighbourhood', code, name: areaNames, geometry: feature.geometry });
  }

  return { areas, added, merged };
}
