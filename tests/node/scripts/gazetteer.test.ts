import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distanceM, pointInPolygon } from '../../../src-shared/domain/geo';
import { GOVERNORATE_CODES, parseGazetteer, type GazetteerPlace } from '../../../src-shared/domain/gazetteer';
import { IRAQ_BBOX } from '../../../src-shared/domain/placeGeometry';
import { sharedFile, skipTestWithout } from '../../support/prerequisites';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const GAZETTEER_FILE = join(REPO_ROOT, 'resources', 'gazetteer', 'iraq-gazetteer.json');
const BUILD_SCRIPT = join(REPO_ROOT, 'scripts', 'build-gazetteer.mjs');
/** Third-party layers beside the checkout, used here only to check our coordinates. */
const GOVERNORATES_LAYER = sharedFile('mapdata', 'iraq-governorates.geojson');

const raw: unknown = JSON.parse(readFileSync(GAZETTEER_FILE, 'utf8'));

function load(): GazetteerPlace[] {
  const result = parseGazetteer(raw);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

const places = load();
const byId = new Map(places.map((place) => [place.id, place]));
const ours = places.filter((place) => place.src === 'nida');
const TAHRIR_SQUARE = { lat: 33.3245, lon: 44.4145 };

describe('the shipped gazetteer (resources/gazetteer/iraq-gazetteer.json)', () => {
  it('validates against gazetteerSchema', () => {
    expect(parseGazetteer(raw)).toMatchObject({ ok: true });
    expect(places.length).toBeGreaterThan(200);
  });

  it('has all 19 governorates, Halabja included, each named in Arabic, English and Sorani', () => {
    const governorates = places.filter((place) => place.kind === 'governorate');

    expect(governorates.map((place) => place.gov).sort()).toEqual([...GOVERNORATE_CODES].sort());
    for (const governorate of governorates) {
      expect(governorate.name.ar, governorate.id).toBeTruthy();
      expect(governorate.name.en, governorate.id).toBeTruthy();
      expect(governorate.name.ckb, governorate.id).toBeTruthy();
    }
    expect(byId.get('gov-halabja')?.name).toEqual({
      ar: 'محافظة حلبجة',
      en: 'Halabja Governorate',
      ckb: 'پارێزگای هەڵەبجە',
    });
  });

  it('names every place of ours in Arabic, English and Sorani', () => {
    const incomplete = ours.filter((place) => !place.name.ar || !place.name.en || !place.name.ckb).map((p) => p.id);

    expect(incomplete).toEqual([]);
    expect(ours.length).toBeGreaterThan(190);
  });

  it('puts every place inside Iraq (lon 38.7–48.8, lat 29.0–37.4)', () => {
    const outside = places.filter(
      (place) =>
        place.lon < IRAQ_BBOX.minLon ||
        place.lon > IRAQ_BBOX.maxLon ||
        place.lat < IRAQ_BBOX.minLat ||
        place.lat > IRAQ_BBOX.maxLat,
    );

    expect(outside.map((place) => place.id)).toEqual([]);
  });

  it('puts the Baghdad neighbourhoods, districts and landmarks inside the city', () => {
    const baghdadCity = places.filter(
      (place) => place.gov === 'IQ-BG' && ['neighbourhood', 'district', 'landmark'].includes(place.kind),
    );
    // The airport is the farthest, 19 km from Tahrir Square.
    const far = baghdadCity.filter((place) => distanceM(TAHRIR_SQUARE, place) > 20_000).map((place) => place.id);

    expect(baghdadCity.length).toBeGreaterThanOrEqual(70);
    expect(far).toEqual([]);
  });

  it('puts each place in its own governorate (checked against the OCHA polygons when they are beside us)', (context) => {
    skipTestWithout(context, GOVERNORATES_LAYER);
    const layer = JSON.parse(readFileSync(GOVERNORATES_LAYER.path, 'utf8')) as {
      features: { properties: { iso: string }; geometry: { type: string; coordinates: unknown } }[];
    };
    const polygons = (geometry: { type: string; coordinates: unknown }) =>
      (geometry.type === 'MultiPolygon' ? geometry.coordinates : [geometry.coordinates]) as number[][][][];
    const governorateOf = (place: GazetteerPlace) =>
      layer.features.find((feature) =>
        polygons(feature.geometry).some((polygon) => pointInPolygon(place.lon, place.lat, polygon)),
      )?.properties.iso;
    // That 2019 layer still draws Halabja inside Sulaymaniyah.
    const expected = (place: GazetteerPlace) => (place.gov === 'IQ-HAL' ? 'IQ-SU' : place.gov);

    const wrong = places
      .filter((place) => governorateOf(place) !== expected(place))
      .map((place) => `${place.id}: ${place.gov ?? '?'} but inside ${governorateOf(place) ?? 'none'}`);

    expect(wrong).toEqual([]);
  });

  it('is sorted by id, with unique ids, so that a rebuild diff shows only real changes', () => {
    const ids = places.map((place) => place.id);

    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('merges GeoNames into our places: populations added, duplicates and city sections left out', () => {
    // Zaxo (GeoNames 89570) is our Zakho; Al Mawşil al Jadīdah (99071) is a PPLX section of Mosul.
    expect(byId.has('gn-89570')).toBe(false);
    expect(byId.has('gn-99071')).toBe(false);
    expect(byId.get('zakho')?.pop).toBe(95052);
    expect(byId.get('baghdad')?.pop).toBeGreaterThan(5_000_000);
    const geonames = places.filter((place) => place.src === 'geonames');
    expect(geonames.length).toBeGreaterThan(0);
    for (const place of geonames) {
      expect(place.name.ar, place.id).toBeUndefined();
      expect(place.name.ckb, place.id).toBeUndefined();
      expect(place.pop, place.id).toBeGreaterThanOrEqual(2000);
    }
  });

  it('rejects a broken file with the path of each problem', () => {
    const [first, second] = places;
    const broken = parseGazetteer([
      { ...first, kind: 'hamlet' },
      { ...second, lat: 'north' },
    ]);
    const duplicated = parseGazetteer([first, { ...second, id: first?.id }]);

    expect(broken).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^\[0\]\.kind: /), expect.stringMatching(/^\[1\]\.lat: /)],
    });
    expect(duplicated).toEqual({ ok: false, errors: [`[1].id: duplicate id ${first?.id ?? ''}`] });
  });
});

describe('scripts/build-gazetteer.mjs', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'nida-gazetteer-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('reproduces the committed gazetteer byte for byte', () => {
    const out = join(outDir, 'iraq-gazetteer.json');

    const printed = execFileSync(process.execPath, ['--import', 'tsx', BUILD_SCRIPT, '--out', out], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });

    expect(printed).toMatch(/GeoNames .*: \d+ places/);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(GAZETTEER_FILE, 'utf8'));
  });

  it('refuses an unknown argument instead of writing somewhere unexpected', () => {
    expect(() =>
      execFileSync(process.execPath, ['--import', 'tsx', BUILD_SCRIPT, '--output', join(outDir, 'x.json')], {
        cwd: REPO_ROOT,
        stdio: 'pipe',
      }),
    ).toThrow(/unknown argument --output/);
    expect(existsSync(join(outDir, 'x.json'))).toBe(false);
  });
});
