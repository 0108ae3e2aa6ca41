// `nida map import` on a small OSM extract (a few Baghdad streets named in Arabic and Latin, two
// hospitals, a police station): runs the real osmium and tilemaker, then decodes the archive's
// vector tiles and reads the places file beside it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import Database from 'better-sqlite3';
import { PbfReader } from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtCli, requirePrerequisites } from '../../support/prerequisites';
import { nidaMapImport, STREETS, streetToolPrerequisites, writeStreetExtract } from '../../support/streetExtract';
import { useTempDirs } from '../support/cleanup';

const notBuilt = requirePrerequisites(builtCli());
const noTools = notBuilt ?? requirePrerequisites(...streetToolPrerequisites());

interface DecodedFeature {
  readonly z: number;
  readonly layer: string;
  readonly properties: Record<string, string | number | boolean>;
  readonly geometry: GeoJSON.Geometry;
}

/** Every feature of every tile of an MBTiles archive, with its zoom and layer, in lon/lat. */
function decodeArchive(path: string): DecodedFeature[] {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare('SELECT zoom_level AS z, tile_column AS x, tile_row AS row, tile_data AS data FROM tiles')
      .all() as {
      z: number;
      x: number;
      row: number;
      data: Buffer;
    }[];
    return rows.flatMap(({ z, x, row, data }) => {
      const y = 2 ** z - 1 - row;
      const tile = new VectorTile(new PbfReader(gunzipSync(data)));
      return Object.values(tile.layers).flatMap((layer) =>
        Array.from({ length: layer.length }, (_, i) => {
          const feature = layer.feature(i);
          return {
            z,
            layer: layer.name,
            properties: feature.properties,
            geometry: feature.toGeoJSON(x, y, z).geometry,
          };
        }),
      );
    });
  } finally {
    db.close();
  }
}

const at = (features: readonly DecodedFeature[], layer: string, z: number): DecodedFeature[] =>
  features.filter((feature) => feature.layer === layer && feature.z === z);

const zoomsOf = (features: readonly DecodedFeature[], layer: string, name: string): number[] =>
  [...new Set(features.filter((f) => f.layer === layer && f.properties['name'] === name).map((f) => f.z))].sort(
    (a, b) => a - b,
  );

interface PlacesFile {
  readonly type: string;
  readonly features: { id: string; geometry: { coordinates: [number, number] }; properties: Record<string, string> }[];
}

describe.skipIf(noTools !== null)('nida map import (osmium + tilemaker)', () => {
  const tempDir = useTempDirs();
  let extractDir = '';
  let extract = '';
  let archive = '';
  let features: DecodedFeature[] = [];
  let places: PlacesFile = { type: '', features: [] };
  let run = { code: null as number | null, stdout: '', stderr: '' };

  beforeAll(() => {
    // One import shared by the tests that read it: it is the slow part.
    extractDir = mkdtempSync(join(tmpdir(), 'nida-map-import-'));
    extract = writeStreetExtract(extractDir);
    archive = join(extractDir, 'baghdad.mbtiles');
    run = nidaMapImport([extract, '--out', archive, '--force']);
    if (run.code === 0) {
      features = decodeArchive(archive);
      places = JSON.parse(readFileSync(join(extractDir, 'baghdad.places.geojson'), 'utf8')) as PlacesFile;
    }
    return () => {
      rmSync(extractDir, { recursive: true, force: true });
    };
  });

  it('given an OSM extract, when imported, then it exits 0 and reports the steps, tiles, size and time on stderr', () => {
    expect(run.stderr, run.stderr).toMatch(/\[1\/4\] osmium tags-filter/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/\[2\/4\] tilemaker/);
    expect(run.stderr).toMatch(/done in \d+\.\d s/);
    expect(run.stderr).toMatch(/baghdad\.mbtiles: \d+ tiles \(zoom 8–14\), [\d.]+ kB/);
    expect(run.stderr).toMatch(/baghdad\.places\.geojson: 5 named places/);
    // Nothing of the work folder is left beside the archive.
    expect(readdirSync(extractDir).filter((name) => name.includes('-import-'))).toEqual([]);
  });

  it('given the streets, when their tiles are decoded, then each road has its class and its Arabic name first, with name_en', () => {
    const roads = at(features, 'roads', 14).map((feature) => feature.properties);

    expect(roads).toContainEqual({ class: 'primary', name: STREETS.rasheed.ar, name_en: STREETS.rasheed.en });
    expect(roads).toContainEqual({ class: 'residential', name: STREETS.abuNuwas.en, name_en: STREETS.abuNuwas.en });
    expect(roads).toContainEqual({ class: 'secondary', name: STREETS.karrada.ar, name_en: STREETS.karrada.en });
    expect(roads).toContainEqual({ class: 'service' });
  });

  it('given the streets, when decoded, then main roads appear from zoom 9 and residential streets from 12', () => {
    expect(zoomsOf(features, 'roads', STREETS.rasheed.ar)).toEqual([9, 10, 11, 12, 13, 14]);
    expect(zoomsOf(features, 'roads', STREETS.abuNuwas.en)).toEqual([12, 13, 14]);
  });

  it('given a street, when its tile is decoded, then it lies where the extract puts it', () => {
    const rasheed = at(features, 'roads', 14).filter((feature) => feature.properties['name'] === STREETS.rasheed.ar);
    const points = rasheed.flatMap((feature) =>
      feature.geometry.type === 'LineString' ? feature.geometry.coordinates : [],
    );

    expect(points.length).toBeGreaterThan(0);
    for (const [lon = 0, lat = 0] of points) {
      expect(lat).toBeCloseTo(STREETS.rasheed.lat, 4);
      expect(lon).toBeGreaterThanOrEqual(STREETS.rasheed.west - 0.001);
      expect(lon).toBeLessThanOrEqual(STREETS.rasheed.east + 0.001);
    }
  });

  it('given hospitals, a police station, a mosque, a church and a café, when decoded, then the points of interest a dispatcher needs are there', () => {
    const pois = at(features, 'pois', 14).map((feature) => feature.properties);

    expect(pois).toContainEqual({ class: 'hospital', name: STREETS.wasiti.ar, name_en: STREETS.wasiti.en });
    expect(pois).toContainEqual({ class: 'hospital', name: STREETS.yarmouk.ar, name_en: STREETS.yarmouk.en });
    expect(pois).toContainEqual({ class: 'police', name: STREETS.police.ar });
    expect(pois).toContainEqual({ class: 'mosque', name: STREETS.mosque.ar });
    expect(pois.map((poi) => poi['name'])).not.toContain('كنيسة مار يوسف');
    expect(pois.map((poi) => poi['name'])).not.toContain('مقهى الشابندر');
  });

  it('given buildings, when decoded, then they are in the zoom 14 tiles only', () => {
    const zooms = new Set(features.filter((feature) => feature.layer === 'buildings').map((feature) => feature.z));

    expect([...zooms]).toEqual([14]);
    expect(at(features, 'buildings', 14).map((feature) => feature.geometry.type)).toContain('Polygon');
  });

  it('given the archive, when its metadata is read, then it credits OpenStreetMap and lists the layers the console draws', () => {
    const db = new Database(archive, { readonly: true });
    try {
      const metadata = Object.fromEntries(
        (db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((row) => [
          row.name,
          row.value,
        ]),
      );
      expect(metadata['format']).toBe('pbf');
      expect(metadata['attribution']).toContain('© OpenStreetMap contributors');
      const layers = (JSON.parse(metadata['json'] ?? '{}') as { vector_layers: { id: string }[] }).vector_layers;
      expect(layers.map((layer) => layer.id).sort()).toEqual(['buildings', 'pois', 'roads', 'water']);
      // The host reads one tile per request: the lookup must use the tiles index.
      const plan = db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?',
        )
        .all(14, 0, 0) as { detail: string }[];
      expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING (COVERING )?INDEX/);
    } finally {
      db.close();
    }
  });

  it('given the points of interest, when the places file is read, then each named one is a point with ar/en names and a kind', () => {
    expect(places.type).toBe('FeatureCollection');
    const byName = new Map(places.features.map((feature) => [feature.properties['name_ar'], feature]));

    expect(byName.get(STREETS.wasiti.ar)).toMatchObject({
      geometry: { coordinates: [STREETS.wasiti.lon, STREETS.wasiti.lat] },
      properties: { kind: 'hospital', name_en: STREETS.wasiti.en },
    });
    const yarmouk = byName.get(STREETS.yarmouk.ar);
    expect(yarmouk?.properties['kind']).toBe('hospital');
    expect(yarmouk?.id).toBe('w105');
    expect(yarmouk?.geometry.coordinates[0]).toBeCloseTo(STREETS.yarmouk.lon, 5);
    expect(yarmouk?.geometry.coordinates[1]).toBeCloseTo(STREETS.yarmouk.lat, 5);
    expect(byName.get(STREETS.police.ar)?.properties['kind']).toBe('police');
    expect(byName.get(STREETS.farPolice.ar)?.properties['kind']).toBe('police');
    expect(byName.has('كنيسة مار يوسف')).toBe(false);
  });

  it('given --bbox around the streets, when imported, then what lies outside is left out of the tiles and the places', () => {
    const dir = tempDir();
    const boxed = join(dir, 'boxed.mbtiles');

    const result = nidaMapImport([extract, '--bbox', STREETS.bbox.join(','), '--out', boxed]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/\[1\/5\] osmium extract --bbox 44\.39,33\.28,44\.43,33\.32/);
    const boxedPlaces = JSON.parse(readFileSync(join(dir, 'boxed.places.geojson'), 'utf8')) as PlacesFile;
    const names = boxedPlaces.features.map((feature) => feature.properties['name_ar']);
    expect(names).toContain(STREETS.police.ar);
    expect(names).not.toContain(STREETS.farPolice.ar);
    const pois = decodeArchive(boxed).filter((feature) => feature.layer === 'pois');
    expect(pois.map((feature) => feature.properties['name'])).not.toContain(STREETS.farPolice.ar);
  });

  it('given an existing archive and no --force, when imported again, then it is refused and the archive kept', () => {
    const before = readFileSync(archive);

    const result = nidaMapImport([extract, '--out', archive]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('exists; pass --force to replace it');
    expect(readFileSync(archive)).toEqual(before);
  });

  it('given a box with nothing in it, when imported, then it fails and says so, leaving no archive', () => {
    const dir = tempDir();
    const empty = join(dir, 'empty.mbtiles');

    const result = nidaMapImport([extract, '--bbox', '10,10,11,11', '--out', empty]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no roads, buildings, water or points of interest in .* inside --bbox 10,10,11,11/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('given a file that is not OSM data, when imported, then osmium’s reason is reported and nothing is written', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.osm.pbf');
    writeFileSync(bad, 'not a pbf');

    const result = nidaMapImport([bad, '--out', join(dir, 'bad.mbtiles')]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not an OSM file osmium can read');
    expect(existsSync(join(dir, 'bad.mbtiles'))).toBe(false);
  });
});

describe.skipIf(notBuilt !== null)('nida map import: arguments and missing tools', () => {
  const tempDir = useTempDirs();

  it.each([
    [['in.osm.pbf'], /required option '-o, --out <file>'/],
    [['in.osm.pbf', '--out', 'x.pmtiles'], /argument 'x\.pmtiles' is invalid\. the archive is an \.mbtiles file/],
    [['in.osm.pbf', '--out', 'x.mbtiles', '--bbox', '44,33,45'], /four numbers: west,south,east,north/],
    [['in.osm.pbf', '--out', 'x.mbtiles', '--bbox', '45,33,44,34'], /west must be less than east/],
    [['in.osm.pbf', '--out', 'x.mbtiles', '--bbox', '44,34,45,33'], /south must be less than north/],
    [['in.osm.pbf', '--out', 'x.mbtiles', '--bbox', '44,33,200,34'], /--bbox/],
  ])('given %j, when run, then it is a usage error (exit 2) that says what is wrong', (args, message) => {
    const result = nidaMapImport(args);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('given an input that does not exist, when run, then it fails (exit 1) naming the file', () => {
    const dir = tempDir();
    const result = nidaMapImport([join(dir, 'iraq-latest.osm.pbf'), '--out', join(dir, 'iraq.mbtiles')]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${join(dir, 'iraq-latest.osm.pbf')} not found`);
  });

  it('given a machine without osmium, when run, then it fails (exit 1) naming the Debian package to install', () => {
    const dir = tempDir();
    const input = join(dir, 'iraq-latest.osm.pbf');
    writeFileSync(input, 'anything');
    // A PATH with no osmium or tilemaker on it (node itself is run by its full path).
    const result = nidaMapImport([input, '--out', join(dir, 'iraq.mbtiles')], { ...process.env, PATH: dir });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("osmium is not installed: install Debian's osmium-tool package");
    expect(readdirSync(dir)).toEqual(['iraq-latest.osm.pbf']);
  });
});
