// Place search as the intake form uses it (place.search through the host): the shipped gazetteer,
// plus operator GIS layers named in the config and the roster's stations; place.at; a broken
// shipped file.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../../../src-main/config/appPaths';
import {
  createPlaceService,
  GAZETTEER_FILE,
  GazetteerError,
  loadGazetteer,
  MAPDATA_DIR,
} from '../../../src-main/services/places/placeService';
import { MAPDATA_FILES } from '../../../src-shared/domain/mapdata';
import { captureLogger } from '../support/captureLogger';
import { useTestHosts } from '../support/testHost';

const DISTRICTS = join(resourcesDir(), MAPDATA_DIR, MAPDATA_FILES.districts);
/** Abu Al-Khaseeb, a district of Basra: the shipped gazetteer does not have it. */
const ABU_AL_KHASEEB = 'IQG02Q01';

interface DistrictFeature {
  readonly properties: { readonly pcode: string; readonly name_ar: string; readonly name_en: string };
}

describe('place.search through the host', () => {
  const { startHost, tempDir } = useTestHosts();

  it('given the shipped gazetteer, when the dispatcher types الكرادة, then Karrada comes first', async () => {
    const { api } = startHost();

    const hits = await api.place.search({ query: 'الكرادة' });

    expect(hits[0]).toMatchObject({ id: 'bg-karrada', kind: 'neighbourhood', governorate: 'IQ-BG' });
    expect(hits[0]?.name.en).toBe('Karrada');
  });

  it('given the shipped gazetteer, when the dispatcher types the Kurdish name Hewler in Latin letters, then Erbil is found', async () => {
    const { api } = startHost();

    const hits = await api.place.search({ query: 'Hewler', limit: 5 });

    expect(hits.map((hit) => hit.id)).toContain('erbil');
    expect(hits.find((hit) => hit.id === 'erbil')?.name.ar).toBe('أربيل');
  });

  it('given the district layer in the config, when the dispatcher types a district’s Arabic name, then that district is found', async () => {
    const features = (JSON.parse(readFileSync(DISTRICTS, 'utf8')) as { features: DistrictFeature[] }).features;
    const district = features.find((feature) => feature.properties.pcode === ABU_AL_KHASEEB)?.properties;
    expect(district?.name_en).toBe('Abu Al-Khaseeb');
    const name = district?.name_ar ?? '';
    const layerId = `layer:${DISTRICTS}:${ABU_AL_KHASEEB}`;
    const plain = startHost();
    expect((await plain.api.place.search({ query: name, limit: 20 })).map((hit) => hit.id)).not.toContain(layerId);

    const { api } = startHost({ config: { gisLayers: [{ path: DISTRICTS, kind: 'district' }] } });
    const hits = await api.place.search({ query: name, limit: 5 });

    expect(hits[0]).toMatchObject({ id: layerId, kind: 'district', governorate: 'IQ-BA' });
    expect(hits[0]?.name.ar).toBe(name);
  });

  it('given a GIS layer path that does not exist, when the host starts, then it starts and searches the rest', async () => {
    const missing = join(tempDir('nida-layers-'), 'nowhere', 'districts.geojson');

    const { api } = startHost({
      config: {
        gisLayers: [
          { path: missing, kind: 'district' },
          { path: 'layers/also-missing.geojson', kind: 'landmark' },
        ],
      },
    });

    expect((await api.place.search({ query: 'الكرادة' }))[0]?.id).toBe('bg-karrada');
    expect((await api.system.ping({ echo: 'up' })).echo).toBe('up');
  });

  it('given a GIS layer saved with a UTF-8 byte order mark, when the host starts, then its places are searchable', async () => {
    const layer = join(tempDir('nida-layers-'), 'sites.geojson');
    const site = {
      type: 'Feature',
      properties: { name_ar: 'مستودع الطوارئ الشمالي', name_en: 'North emergency depot' },
      geometry: { type: 'Point', coordinates: [44.36, 33.38] },
    };
    writeFileSync(layer, `\uFEFF${JSON.stringify({ type: 'FeatureCollection', features: [site] })}`);

    const { api } = startHost({ config: { gisLayers: [{ path: layer, kind: 'landmark' }] } });

    const hits = await api.place.search({ query: 'North emergency depot' });
    expect(hits.map((hit) => hit.name.en)).toContain('North emergency depot');
  });
});

/** In Karrada, off Karrada Dakhil street. */
const KARRADA = { lat: 33.3046, lon: 44.4232 };

describe('place.at and the places of the console', () => {
  const { startHost, tempDir } = useTestHosts();

  it('given a point in Karrada, when place.at is asked, then it names the neighbourhood, sub-district, district and governorate', async () => {
    const { api } = startHost();

    const named = await api.place.at(KARRADA);

    expect(named.neighbourhood?.name.ar).toBe('الكرادة');
    expect(named.subdistrict?.code).toBe('IQG08Q06N01');
    expect(named.district?.name).toEqual({ ar: 'الرصافة', en: 'Al-Risafa' });
    expect(named.governorate?.code).toBe('IQ-BG');
    expect(await api.place.at({ lat: 25, lon: 40 })).toEqual({});
  });

  it('given a village, when it is found, then its hit tells the district and governorate it lies in', async () => {
    const { api } = startHost();

    const [village] = await api.place.search({ query: 'گۆمەتە', limit: 1 });

    expect(village).toMatchObject({ id: 'wof-1193020733', kind: 'village', governorate: 'IQ-SU' });
    expect(village?.within?.district?.code).toMatch(/^IQG06Q\d\d$/);
    expect(village?.within?.neighbourhood).toBeUndefined();
  });

  it('given the console’s area in the config, when a place name exists there and far away, then the one in the area comes first', async () => {
    const near = startHost({ config: { places: { area: { lat: 33.3152, lon: 44.3661 } } } });
    // Kirkuk governorate, where the village of Kamaliyah is.
    const far = startHost({ config: { places: { area: { lat: 35.0, lon: 44.3 } } } });

    const first = async (api: typeof near.api) => (await api.place.search({ query: 'الكمالية', limit: 1 }))[0]?.id;

    expect(await first(near.api)).toBe('wof-1796500195');
    expect(await first(far.api)).toBe('wof-1209200819');
  });

  it('given the demo roster, then its stations are found by name, and follow a station renamed', async () => {
    const { api, host } = startHost({ roster: true, role: 'shift-lead' });

    const [station] = await api.place.search({ query: 'مركز شرطة الكرادة', limit: 1 });
    expect(station).toMatchObject({ kind: 'station', name: { ar: 'مركز شرطة الكرادة' } });

    const unit = host.units.list().find((entry) => entry.station === 'مركز شرطة الكرادة');
    if (!unit) throw new Error('no unit of Karrada station');
    const { id, callsign, agency, kind, capabilities, home, crew, radioId, deviceId } = unit;
    await api.unit.save({
      unit: { id, callsign, agency, kind, capabilities, home, crew, radioId, deviceId, station: 'مركز شرطة العرصات' },
    });

    expect((await api.place.search({ query: 'مركز شرطة العرصات', limit: 1 }))[0]?.kind).toBe('station');
  });

  it('given a layer with a searchable property, when its value is typed, then the feature is found', async () => {
    const dir = tempDir('nida-layer-');
    const path = join(dir, 'mahallas.geojson');
    writeFileSync(
      path,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { mahalla: 905 }, geometry: { type: 'Point', coordinates: [44.42, 33.3] } },
          {
            type: 'Feature',
            properties: { name_ar: 'البتاوين', mahalla: '101' },
            geometry: { type: 'Point', coordinates: [44.41, 33.32] },
          },
        ],
      }),
    );
    const { api } = startHost({ config: { gisLayers: [{ path, kind: 'neighbourhood', searchProperty: 'mahalla' }] } });

    expect((await api.place.search({ query: 'محلة 905', limit: 1 }))[0]).toMatchObject({ name: { ar: '905' } });
    expect((await api.place.search({ query: '101', limit: 1 }))[0]?.name.ar).toBe('البتاوين');
  });
});

describe('the shipped files, broken', () => {
  const { tempDir } = useTestHosts();

  /** A copy of the shipped gazetteer and map data, to break one file of. */
  function resourcesCopy(): string {
    const root = tempDir('nida-resources-');
    mkdirSync(join(root, 'gazetteer'));
    mkdirSync(join(root, MAPDATA_DIR));
    copyFileSync(join(resourcesDir(), GAZETTEER_FILE), join(root, GAZETTEER_FILE));
    for (const file of Object.values(MAPDATA_FILES))
      copyFileSync(join(resourcesDir(), MAPDATA_DIR, file), join(root, MAPDATA_DIR, file));
    return root;
  }

  it('given an invalid localities file, then it is logged by name and skipped: the rest is searched and named', async () => {
    const root = resourcesCopy();
    const localities = join(root, MAPDATA_DIR, MAPDATA_FILES.localities);
    writeFileSync(localities, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature' }] }));
    const { logger, lines } = captureLogger();

    const places = createPlaceService({ resourcesDir: root, dataDir: tempDir(), layers: [], logger });
    const hits = await places.handlers.search(
      { query: 'الكرادة' },
      { clientId: 't', transport: 'internal', actor: 't' },
    );

    expect(hits[0]?.id).toBe('bg-karrada');
    expect(places.nameLocation(KARRADA).neighbourhood?.name.ar).toBe('الكرادة');
    const warning = lines.find((line) => line.file === localities);
    expect(warning?.msg).toMatch(/not used/);
    expect(String(warning?.reason)).toMatch(/^invalid: features\[0\]/);
  });

  it('given an unreadable hand-written gazetteer, then the console refuses to start, naming the file', () => {
    const root = resourcesCopy();
    writeFileSync(join(root, GAZETTEER_FILE), '[{"id": "x"');

    expect(() => loadGazetteer(root)).toThrow(GazetteerError);
    expect(() => loadGazetteer(root)).toThrow(join(root, GAZETTEER_FILE));
  });
});
