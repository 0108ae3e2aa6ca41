import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const BASEMAP = join(REPO_ROOT, 'resources', 'basemap');
const MAPDATA = join(REPO_ROOT, 'resources', 'mapdata');
const SCRIPT = join(REPO_ROOT, 'scripts', 'build-basemap.mjs');

type Position = [number, number];
interface Feature {
  readonly properties: Record<string, string | number | boolean>;
  readonly geometry: { readonly type: string; readonly coordinates: unknown };
}
const readFrom = (dir: string, file: string): { features: Feature[] } =>
  JSON.parse(readFileSync(join(dir, file), 'utf8')) as { features: Feature[] };
const read = (file: string): { features: Feature[] } => readFrom(BASEMAP, file);

const governorates = read('governorates.geojson').features;
const labels = read('labels.geojson').features;
const localities = read('localities.geojson').features;
const neighbourhoods = read('neighbourhoods.geojson').features;
const boundaries = read('boundaries.geojson').features;
const water = read('water.geojson').features;
const LATIN = /[A-Za-z]/;
/** Optional Arabic vowel marks: MapLibre would draw them as glyphs of their own. */
const HARAKAT = /[\u064B-\u0652\u0670]/;
const IRAQ_BOX = { west: 38.7, south: 29, east: 48.8, north: 37.4 };

function inRing([x, y]: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const polygonsOf = (geometry: Feature['geometry']): Position[][][] =>
  geometry.type === 'Polygon' ? [geometry.coordinates as Position[][]] : (geometry.coordinates as Position[][][]);
const covers = (feature: Feature, point: Position): boolean =>
  polygonsOf(feature.geometry).some(
    ([outer, ...holes]) => outer !== undefined && inRing(point, outer) && !holes.some((hole) => inRing(point, hole)),
  );

const temp = mkdtempSync(join(tmpdir(), 'nida-basemap-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the shipped basemap (resources/basemap, built by scripts/build-basemap.mjs)', () => {
  it('given the npm data packages and resources/mapdata, when the build script runs again, then it writes exactly the committed files', () => {
    execFileSync(process.execPath, ['--import', 'tsx', SCRIPT, '--out', temp], { cwd: REPO_ROOT, stdio: 'pipe' });

    const built = readdirSync(temp).sort();
    expect(built).toEqual([
      'boundaries.geojson',
      'countries.geojson',
      'governorates.geojson',
      'labels.geojson',
      'localities.geojson',
      'neighbourhoods.geojson',
      'sources.json',
      'water.geojson',
    ]);
    for (const file of built) {
      expect(readFileSync(join(temp, file), 'utf8'), file).toBe(readFileSync(join(BASEMAP, file), 'utf8'));
    }
  });

  it('has the 18 governorates of Iraq, each once, named in Arabic, English and Sorani', () => {
    const codes = governorates.map((feature) => feature.properties['iso']);

    expect(new Set(codes).size).toBe(18);
    expect(codes).toContain('IQ-KI');
    for (const { properties } of governorates) {
      expect(properties['name_en'], String(properties['iso'])).toMatch(LATIN);
      expect(String(properties['name_ar'])).not.toMatch(LATIN);
      expect(String(properties['name_ckb'])).not.toMatch(LATIN);
      // Map labels drop the word the gazetteer keeps for search.
      expect(String(properties['name_ar'])).not.toMatch(/^محافظة/);
    }
  });

  it('labels Baghdad as the capital and every city and town in Arabic', () => {
    const places = labels.filter((feature) => ['city', 'town'].includes(String(feature.properties['kind'])));
    const baghdad = places.find((feature) => feature.properties['id'] === 'baghdad');

    expect(baghdad?.properties).toMatchObject({ name_ar: 'بغداد', name_en: 'Baghdad', rank: 1 });
    expect(places.length).toBeGreaterThan(80);
    expect(places.filter((feature) => !feature.properties['name_ar'])).toEqual([]);
    const capitals = places.filter((feature) => feature.properties['rank'] === 2).map((f) => f.properties['name_en']);
    expect(capitals).toEqual(expect.arrayContaining(['Basra', 'Mosul', 'Erbil', 'Najaf', 'Kirkuk']));
  });

  it('puts each governorate label inside its own OCHA governorate and each other label inside the region drawn', () => {
    const ocha = readFrom(MAPDATA, 'iraq-governorates.geojson').features;
    const wrong: unknown[] = [];
    for (const feature of labels) {
      const point = feature.geometry.coordinates as Position;
      if (feature.properties['kind'] === 'governorate') {
        const governorate = ocha.find((candidate) => covers(candidate, point));
        if (governorate?.properties['iso'] !== feature.properties['id']) wrong.push(feature.properties['id']);
      } else {
        expect(point[0]).toBeGreaterThan(30);
        expect(point[0]).toBeLessThan(60);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("labels Baghdad's neighbourhoods, each inside its Who's On First polygon, without vowel marks", () => {
    const named = labels.filter((feature) => feature.properties['kind'] === 'neighbourhood');
    const names = named.map((feature) => feature.properties['name_ar']);

    expect(neighbourhoods).toHaveLength(70);
    expect(names).toEqual(expect.arrayContaining(['كرادة', 'مدينة الصدر', 'الأعظمية', 'الكاظمية', 'الدورة', 'الوشاش']));
    for (const label of named) {
      expect(String(label.properties['name_ar'])).not.toMatch(HARAKAT);
      const shape = neighbourhoods.find((feature) => feature.properties['id'] === label.properties['id']);
      // The few WOF neighbourhoods that are only a point (Karkh) have no polygon.
      if (shape)
        expect(covers(shape, label.geometry.coordinates as Position), String(label.properties['name_en'])).toBe(true);
    }
  });

  it('has the towns and villages with an Arabic name, slim, biggest first, and none a bigger label already names nearby', () => {
    const source = statSync(join(MAPDATA, 'iraq-localities.geojson')).size;
    const shipped = statSync(join(BASEMAP, 'localities.geojson')).size;

    expect(localities.length).toBeGreaterThan(15_000);
    // What the window downloads: well under the source file, whose extra fields the map never reads.
    expect(shipped).toBeLessThan(source * 0.6);
    const keys = new Set(localities.flatMap((feature) => Object.keys(feature.properties)));
    expect([...keys].sort()).toEqual(['name_ar', 'name_ckb', 'name_en', 'population', 'rank']);
    const order = localities.map((feature) => [
      Number(feature.properties['rank']),
      Number(feature.properties['population'] ?? 0),
    ]);
    const sorted = [...order].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (b[1] ?? 0) - (a[1] ?? 0));
    expect(order).toEqual(sorted);
    for (const { properties, geometry } of localities) {
      expect(String(properties['name_ar'])).not.toMatch(LATIN);
      expect(String(properties['name_ar'])).not.toMatch(HARAKAT);
      const [lon, lat] = geometry.coordinates as Position;
      expect(lon >= IRAQ_BOX.west - 0.5 && lon <= IRAQ_BOX.east + 0.5 && lat >= IRAQ_BOX.south - 0.5).toBe(true);
    }
    // A city, town or neighbourhood label is not repeated by a village of the same name beside it.
    const km = ([lon1, lat1]: Position, [lon2, lat2]: Position): number =>
      Math.hypot((lon2 - lon1) * Math.cos((lat1 * Math.PI) / 180), lat2 - lat1) * 111.32;
    const repeated = labels
      .filter((label) => ['city', 'town', 'neighbourhood'].includes(String(label.properties['kind'])))
      .filter((label) =>
        localities.some(
          (locality) =>
            locality.properties['name_ar'] === label.properties['name_ar'] &&
            km(locality.geometry.coordinates as Position, label.geometry.coordinates as Position) < 5,
        ),
      )
      .map((label) => label.properties['name_ar']);
    expect(repeated).toEqual([]);
  });

  it('draws district and sub-district boundaries as lines, each shared edge once, and leaves governorate edges to the governorates', () => {
    const levels = new Set(boundaries.map((feature) => feature.properties['level']));
    const segments = new Set<string>();
    let repeated = 0;
    for (const { geometry } of boundaries) {
      expect(geometry.type).toBe('LineString');
      const line = geometry.coordinates as Position[];
      expect(line.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < line.length; i++) {
        const [a, b] = [String(line[i - 1]), String(line[i])];
        const key = a < b ? `${a} ${b}` : `${b} ${a}`;
        if (segments.has(key)) repeated++;
        segments.add(key);
      }
    }

    expect([...levels].sort()).toEqual(['district', 'subdistrict']);
    expect(repeated).toBe(0);
  });

  it('has the Tigris and the Euphrates and four lakes, named in Arabic', () => {
    const rivers = water.filter((feature) => feature.properties['kind'] === 'river');
    const lakes = water.filter((feature) => feature.properties['kind'] === 'lake');

    expect(rivers.map((feature) => feature.properties['name_ar'])).toEqual(
      expect.arrayContaining(['نهر دجلة', 'نهر الفرات', 'شط العرب']),
    );
    expect(lakes).toHaveLength(4);
  });

  it('credits every source with a licence, and every source of resources/mapdata with the credit line its README gives', () => {
    const { sources } = JSON.parse(readFileSync(join(BASEMAP, 'sources.json'), 'utf8')) as {
      sources: { id: string; name: string; licence: string; notice: string }[];
    };
    const shipped = JSON.parse(readFileSync(join(MAPDATA, 'sources.json'), 'utf8')) as {
      sources: { id: string; notice: string }[];
    };

    expect(sources.map((source) => source.id)).toEqual(
      expect.arrayContaining(['natural-earth', 'ocha-cod-ab', 'whosonfirst', 'geonames', 'iraq-geo-data', 'noto']),
    );
    for (const source of sources) expect(source.licence, source.id).not.toBe('');
    const notices = sources.map((source) => source.notice);
    for (const source of shipped.sources) expect(notices, source.id).toContain(source.notice);
  });
});
