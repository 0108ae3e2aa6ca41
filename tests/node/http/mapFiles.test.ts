import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src-main/config/config';
import { mapManifest, serveMapFile } from '../../../src-main/http/mapFiles';

const dataDir = mkdtempSync(join(tmpdir(), 'nida-mapfiles-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const districts = '{"type":"FeatureCollection","features":[]}';
writeFileSync(join(dataDir, 'districts.geojson'), districts);
const archive = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
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

describe('map files served by the host under /map/', () => {
  it('given two configured layers and a street basemap, when the manifest is read, then it lists them by URL only', async () => {
    const answer = await serveMapFile(config, '/map/manifest.json', null);

    expect(answer?.status).toBe(200);
    expect(JSON.parse(answer?.body?.toString() ?? '')).toEqual(mapManifest(config));
    expect(mapManifest(config)).toEqual({
      layers: [
        { id: 'gis-0', kind: 'district', url: '/map/gis/0.geojson', attribution: 'CC BY 3.0 IGO' },
        { id: 'gis-1', kind: 'landmark', url: '/map/gis/1.geojson', attribution: null },
      ],
      streetBasemap: { url: '/map/street.pmtiles' },
    });
    expect(answer?.body?.toString()).not.toContain(dataDir);
  });

  it('given a configured layer, when it is asked for, then its file is served as GeoJSON', async () => {
    const answer = await serveMapFile(config, '/map/gis/0.geojson', null);

    expect(answer?.status).toBe(200);
    expect(answer?.headers['Content-Type']).toBe('application/geo+json');
    expect(answer?.body?.toString()).toBe(districts);
  });

  it('given paths that name no configured file, when asked for, then 404 (nothing else on disk is reachable)', async () => {
    for (const path of ['/map/gis/1.geojson', '/map/gis/7.geojson', '/map/gis/../../etc/passwd', '/map/x.pmtiles']) {
      expect((await serveMapFile(config, path, null))?.status, path).toBe(404);
    }
    expect(await serveMapFile(config, '/assets/index.js', null)).toBeNull();
  });

  it('given the street basemap, when PMTiles reads a byte range, then 206 with exactly those bytes', async () => {
    const answer = await serveMapFile(config, '/map/street.pmtiles', 'bytes=100-227');

    expect(answer?.status).toBe(206);
    expect(answer?.headers['Content-Range']).toBe('bytes 100-227/1000');
    expect(answer?.body).toEqual(archive.subarray(100, 228));
    expect((await serveMapFile(config, '/map/street.pmtiles', 'bytes=-10'))?.body).toEqual(archive.subarray(990));
    expect((await serveMapFile(config, '/map/street.pmtiles', 'bytes=990-5000'))?.body).toEqual(archive.subarray(990));
  });

  it('given a range outside the file or malformed, when asked for, then 416', async () => {
    expect((await serveMapFile(config, '/map/street.pmtiles', 'bytes=2000-2100'))?.status).toBe(416);
    expect((await serveMapFile(config, '/map/street.pmtiles', 'lines=1-2'))?.status).toBe(416);
  });

  it('given no street basemap configured, when one is asked for, then 404', async () => {
    const plain = parseConfig({}, dataDir, 'test');

    expect(mapManifest(plain)).toEqual({ layers: [], streetBasemap: null });
    expect((await serveMapFile(plain, '/map/street.pmtiles', null))?.status).toBe(404);
  });
});
