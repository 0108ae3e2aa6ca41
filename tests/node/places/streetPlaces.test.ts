// The street basemap's points of interest in the place search: `nida map import` writes them beside
// the archive (FILE.places.geojson) and the host searches them when `map.streetBasemap` names it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extraPlaceFiles, streetPlacesPath } from '../../../src-main/services/places/streetPlaces';
import { useTestHosts } from '../support/testHost';

/** Two places as the importer writes them (src-main/cli/map/osmPois.ts). */
const PLACES = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'w100',
      geometry: { type: 'Point', coordinates: [44.4005, 33.3005] },
      properties: { kind: 'hospital', name_ar: 'مستشفى اليرموك', name_en: 'Yarmouk Hospital' },
    },
    {
      type: 'Feature',
      id: 'n11',
      geometry: { type: 'Point', coordinates: [44.415, 33.306] },
      properties: { kind: 'police', name_ar: 'مركز شرطة العلوية' },
    },
  ],
};

describe('the street basemap’s points of interest in the gazetteer', () => {
  const { startHost, tempDir } = useTestHosts();

  it('given an archive path, when its places file is named, then it sits beside it with the same stem', () => {
    expect(streetPlacesPath('/srv/tiles/baghdad.mbtiles')).toBe('/srv/tiles/baghdad.places.geojson');
    expect(streetPlacesPath('tiles/baghdad.pmtiles')).toBe('tiles/baghdad.places.geojson');
  });

  it('given a street basemap with and without a places file, when the extra place files are listed, then only an existing one is', () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'tiles'));
    writeFileSync(join(dataDir, 'tiles', 'baghdad.places.geojson'), JSON.stringify(PLACES));

    expect(extraPlaceFiles({ dataDir, map: { streetBasemap: 'tiles/baghdad.mbtiles' } })).toEqual([
      { path: join(dataDir, 'tiles', 'baghdad.places.geojson'), kind: 'landmark' },
    ]);
    expect(extraPlaceFiles({ dataDir, map: { streetBasemap: 'tiles/other.mbtiles' } })).toEqual([]);
    expect(extraPlaceFiles({ dataDir, map: { streetBasemap: null } })).toEqual([]);
  });

  it('given a configured street basemap with its places file, when the dispatcher types مركز شرطة العلوية, then the imported station is found where OSM has it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'baghdad.places.geojson'), JSON.stringify(PLACES));
    const plain = startHost();
    expect(await plain.api.place.search({ query: 'مركز شرطة العلوية' })).toEqual([]);

    const { api } = startHost({ config: { map: { streetBasemap: join(dir, 'baghdad.mbtiles') } } });
    const hits = await api.place.search({ query: 'مركز شرطة العلوية' });

    expect(hits[0]).toMatchObject({ kind: 'landmark', lat: 33.306, lon: 44.415, name: { ar: 'مركز شرطة العلوية' } });
  });

  it('given the imported Yarmouk hospital, when the dispatcher types مستشفى اليرموك, then it is among the hits at the imported point', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'baghdad.places.geojson'), JSON.stringify(PLACES));
    const { api } = startHost({ config: { map: { streetBasemap: join(dir, 'baghdad.mbtiles') } } });

    const hits = await api.place.search({ query: 'مستشفى اليرموك', limit: 10 });

    expect(hits).toContainEqual(
      expect.objectContaining({ lat: 33.3005, lon: 44.4005, name: { ar: 'مستشفى اليرموك', en: 'Yarmouk Hospital' } }),
    );
  });
});
