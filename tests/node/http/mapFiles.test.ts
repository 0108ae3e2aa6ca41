import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src-main/config/config';
import { MapFiles, type MapFilesConfig, type MapResponse } from '../../../src-main/http/mapFiles';
import { MbtilesArchive } from '../../../src-main/http/mbtilesArchive';

const dataDir = mkdtempSync(join(tmpdir(), 'nida-mapfiles-'));
const opened: MapFiles[] = [];
afterAll(() => {
  for (const files of opened) files.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function mapFiles(config: MapFilesConfig): MapFiles {
  const files = new MapFiles(config);
  opened.push(files);
  return files;
}

const PLAIN = { range: null, acceptEncoding: null };

/** The bytes of an answer: files come as a stream from disk, tiles and the manifest in memory. */
async function bytesOf(answer: MapResponse | null): Promise<Buffer | null> {
  const body = answer?.body ?? null;
  if (!(body instanceof Readable)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** An in-memory body (a tile), for its length and bytes. */
function memoryBody(answer: MapResponse | null): Buffer {
  const body = answer?.body;
  if (!Buffer.isBuffer(body)) throw new Error('expected an in-memory body');
  return body;
}
const GZIP = { range: null, acceptEncoding: 'gzip, deflate, br' };

const districts = '{"type":"FeatureCollection","features":[]}';
writeFileSync(join(dataDir, 'districts.geojson'), districts);
// A PMTiles file starts with its magic (the host checks it); the rest stands in for the archive.
const archive = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
Buffer.from('PMTiles').copy(archive);
writeFileSync(join(dataDir, 'baghdad.pmtiles'), archive);

const config = parseConfig(
  {
    gisLayers: [
      { path: 'districts.geojson', kind: 'district', attribution: 'CC BY 3.0 IGO' },
      { path: join(dataDir, 'missing.geojson'), kind: 'landmark' },
    ],
    map: { streetBasemap: 'baghdad.pmtiles' },
  },
  dataDir,
  'test',
);

/** The bytes tilemaker would store for tile z/x/y: a stand-in body, gzipped as tilemaker stores it. */
const tileBody = (z: number, x: number, y: number): Buffer => Buffer.from(`vector tile ${z}/${x}/${y}`);

/**
 * An MBTiles archive as tilemaker writes it: the metadata table (vector layers in `json`) and tiles
 * in TMS rows, gzipped; one tile stored uncompressed, as other tools do.
 */
function writeMbtiles(path: string, tiles: readonly [number, number, number][], metadata: Record<string, string>) {
  const db = new Database(path);
  db.exec(`CREATE TABLE metadata (name text, value text, UNIQUE (name));
           CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);
           CREATE UNIQUE INDEX tile_index on tiles (zoom_level, tile_column, tile_row);`);
  const meta = db.prepare('INSERT INTO metadata VALUES (?, ?)');
  for (const [name, value] of Object.entries(metadata)) meta.run(name, value);
  const insert = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
  tiles.forEach(([z, x, y], index) => {
    const body = tileBody(z, x, y);
    insert.run(z, x, 2 ** z - 1 - y, index === 0 ? body : gzipSync(body));
  });
  db.close();
}

const STREET_METADATA = {
  name: 'Nida street basemap',
  format: 'pbf',
  minzoom: '8',
  maxzoom: '14',
  bounds: '44.300000,33.200000,44.500000,33.400000',
  attribution: '© OpenStreetMap contributors',
  json: JSON.stringify({ vector_layers: [{ id: 'water' }, { id: 'roads' }, { id: 'buildings' }, { id: 'pois' }] }),
};
// Baghdad's tiles (XYZ) at zoom 12 and 14.
const STREET_TILES: [number, number, number][] = [
  [12, 2553, 1645],
  [14, 10212, 6583],
];
writeMbtiles(join(dataDir, 'baghdad.mbtiles'), STREET_TILES, STREET_METADATA);
const streetConfig = parseConfig({ map: { streetBasemap: 'baghdad.mbtiles' } }, dataDir, 'test');

describe('map files served by the host under /map/', () => {
  it('given two configured layers and a street basemap, when the manifest is read, then it lists them by URL only', async () => {
    const files = mapFiles(config);
    const answer = await files.serve('/map/manifest.json', PLAIN);

    expect(answer?.status).toBe(200);
    expect(JSON.parse(memoryBody(answer).toString())).toEqual(files.manifest());
    expect(files.manifest()).toEqual({
      layers: [
        { id: 'gis-0', kind: 'district', url: '/map/gis/0.geojson', attribution: 'CC BY 3.0 IGO' },
        { id: 'gis-1', kind: 'landmark', url: '/map/gis/1.geojson', attribution: null },
      ],
      streetBasemap: { kind: 'pmtiles', url: '/map/street.pmtiles' },
    });
    expect(memoryBody(answer).toString()).not.toContain(dataDir);
  });

  it('given a configured layer, when it is asked for, then its file is served as GeoJSON', async () => {
    const answer = await mapFiles(config).serve('/map/gis/0.geojson', PLAIN);

    expect(answer?.status).toBe(200);
    expect(answer?.headers['Content-Type']).toBe('application/geo+json');
    expect((await bytesOf(answer))?.toString()).toBe(districts);
  });

  it('given paths that name no configured file, when asked for, then 404 (nothing else on disk is reachable)', async () => {
    const files = mapFiles(config);
    for (const path of ['/map/gis/1.geojson', '/map/gis/7.geojson', '/map/gis/../../etc/passwd', '/map/x.pmtiles']) {
      expect((await files.serve(path, PLAIN))?.status, path).toBe(404);
    }
    // A PMTiles basemap has no tiles route.
    expect((await files.serve('/map/street/12/2553/1645.pbf', PLAIN))?.status).toBe(404);
    expect(await files.serve('/assets/index.js', PLAIN)).toBeNull();
  });

  it('given the street basemap, when PMTiles reads a byte range, then 206 with exactly those bytes', async () => {
    const files = mapFiles(config);
    const answer = await files.serve('/map/street.pmtiles', { range: 'bytes=100-227', acceptEncoding: null });

    expect(answer?.status).toBe(206);
    expect(answer?.headers['Content-Range']).toBe('bytes 100-227/1000');
    expect(await bytesOf(answer)).toEqual(archive.subarray(100, 228));
    expect(
      await bytesOf(await files.serve('/map/street.pmtiles', { range: 'bytes=-10', acceptEncoding: null })),
    ).toEqual(archive.subarray(990));
    expect(
      await bytesOf(await files.serve('/map/street.pmtiles', { range: 'bytes=990-5000', acceptEncoding: null })),
    ).toEqual(archive.subarray(990));
  });

  it('given a range outside the file or malformed, when asked for, then 416', async () => {
    const files = mapFiles(config);
    expect((await files.serve('/map/street.pmtiles', { range: 'bytes=2000-2100', acceptEncoding: null }))?.status).toBe(
      416,
    );
    expect((await files.serve('/map/street.pmtiles', { range: 'lines=1-2', acceptEncoding: null }))?.status).toBe(416);
  });

  it('given no street basemap configured, when one is asked for, then 404', async () => {
    const files = mapFiles(parseConfig({}, dataDir, 'test'));

    expect(files.manifest()).toEqual({ layers: [], streetBasemap: null });
    expect((await files.serve('/map/street.pmtiles', PLAIN))?.status).toBe(404);
    expect((await files.serve('/map/street/12/2553/1645.pbf', PLAIN))?.status).toBe(404);
  });
});

describe('an MBTiles street basemap, tiles straight from SQLite', () => {
  it('given an imported archive, when the manifest is read, then it names the tile URL, zooms, bounds, layers and credit from the metadata', () => {
    expect(mapFiles(streetConfig).manifest().streetBasemap).toEqual({
      kind: 'mbtiles',
      tiles: '/map/street/{z}/{x}/{y}.pbf',
      format: 'pbf',
      minzoom: 8,
      maxzoom: 14,
      bounds: [44.3, 33.2, 44.5, 33.4],
      layers: ['water', 'roads', 'buildings', 'pois'],
      attribution: '© OpenStreetMap contributors',
    });
  });

  it('given a browser that accepts gzip, when it asks for a stored tile, then it gets the stored gzip bytes as Content-Encoding: gzip', async () => {
    const [z, x, y] = STREET_TILES[1]!;
    const answer = await mapFiles(streetConfig).serve(`/map/street/${z}/${x}/${y}.pbf`, GZIP);

    expect(answer?.status).toBe(200);
    expect(answer?.headers['Content-Type']).toBe('application/x-protobuf');
    expect(answer?.headers['Content-Encoding']).toBe('gzip');
    expect(answer?.headers['Content-Length']).toBe(String(memoryBody(answer).length));
    expect(gunzipSync(memoryBody(answer))).toEqual(tileBody(z, x, y));
  });

  it('given a client that does not accept gzip (the desktop app protocol), when it asks for a tile, then the host sends it decompressed', async () => {
    const files = mapFiles(streetConfig);
    const [z, x, y] = STREET_TILES[1]!;
    for (const acceptEncoding of [null, 'identity', 'gzip;q=0, br']) {
      const answer = await files.serve(`/map/street/${z}/${x}/${y}.pbf`, { range: null, acceptEncoding });
      expect(answer?.headers['Content-Encoding'], String(acceptEncoding)).toBeUndefined();
      expect(answer?.body, String(acceptEncoding)).toEqual(tileBody(z, x, y));
    }
  });

  it('given a tile stored uncompressed, when asked for with gzip accepted, then it is sent as stored without Content-Encoding', async () => {
    const [z, x, y] = STREET_TILES[0]!;
    const answer = await mapFiles(streetConfig).serve(`/map/street/${z}/${x}/${y}.pbf`, GZIP);

    expect(answer?.status).toBe(200);
    expect(answer?.headers['Content-Encoding']).toBeUndefined();
    expect(answer?.body).toEqual(tileBody(z, x, y));
  });

  it('given a tile the archive does not hold inside its zooms, when asked for, then 204 (empty, not an error)', async () => {
    const answer = await mapFiles(streetConfig).serve('/map/street/13/5106/3291.pbf', GZIP);

    expect(answer?.status).toBe(204);
    expect(answer?.body).toBeNull();
  });

  it('given coordinates outside the zooms, the tile grid or the format, or a path that climbs out, then 404', async () => {
    const files = mapFiles(streetConfig);
    for (const path of [
      '/map/street/7/79/51.pbf', // below minzoom
      '/map/street/15/20425/13166.pbf', // above maxzoom
      '/map/street/12/4096/1645.pbf', // x outside the z12 grid
      '/map/street/12/2553/4096.pbf', // y outside the z12 grid
      '/map/street/12/2553/1645.png', // not the archive's format
      '/map/street/12/2553/1645.pbf.gz',
      '/map/street/12/-1/1645.pbf',
      '/map/street/../../baghdad.mbtiles',
      '/map/street/12/2553/%2e%2e.pbf',
      '/map/street/123/1/1.pbf',
      '/map/street.mbtiles',
    ]) {
      expect((await files.serve(path, GZIP))?.status, path).toBe(404);
    }
  });

  it('given an archive being served, when tiles are read, then it is opened read-only and never written (no journal)', async () => {
    const path = join(dataDir, 'baghdad.mbtiles');
    const before = statSync(path).mtimeMs;
    const files = mapFiles(streetConfig);
    const [z, x, y] = STREET_TILES[1]!;
    for (let i = 0; i < 5; i++) await files.serve(`/map/street/${z}/${x}/${y}.pbf`, GZIP);
    files.manifest();

    expect(statSync(path).mtimeMs).toBe(before);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('baghdad.mbtiles-'))).toEqual([]);
    const archive = MbtilesArchive.open(path);
    try {
      expect(archive.readOnly).toBe(true);
    } finally {
      archive.close();
    }
  });

  it('given the archive replaced by a new import, when the manifest is read again, then the new archive is served', async () => {
    const path = join(dataDir, 'replaced.mbtiles');
    writeMbtiles(path, STREET_TILES, STREET_METADATA);
    const files = mapFiles(parseConfig({ map: { streetBasemap: path } }, dataDir, 'test'));
    expect(files.manifest().streetBasemap).toMatchObject({ maxzoom: 14 });

    rmSync(path);
    writeMbtiles(path, [[13, 5106, 3291]], { ...STREET_METADATA, maxzoom: '13' });
    expect(files.manifest().streetBasemap).toMatchObject({ maxzoom: 13 });
    expect((await files.serve('/map/street/13/5106/3291.pbf', PLAIN))?.body).toEqual(tileBody(13, 5106, 3291));
  });

  it('given a street basemap file that is not an MBTiles archive, when the map loads, then it goes without street detail', async () => {
    const path = join(dataDir, 'broken.mbtiles');
    writeFileSync(path, 'not sqlite at all');
    const files = mapFiles(parseConfig({ map: { streetBasemap: path } }, dataDir, 'test'));

    expect(files.manifest().streetBasemap).toBeNull();
    expect((await files.serve('/map/street/12/2553/1645.pbf', GZIP))?.status).toBe(404);
    expect(readFileSync(path, 'utf8')).toBe('not sqlite at all');
  });
});
