// Place search as the intake form uses it (place.search through the host): the shipped gazetteer,
// plus operator GIS layers named in the config. The district layer lives in ../shared/mapdata,
// beside the checkout and never copied into it: without it, that test is skipped.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedFile, skipTestWithout } from '../../support/prerequisites';
import { useTestHosts } from '../support/testHost';

const DISTRICTS_LAYER = sharedFile('mapdata', 'iraq-districts.geojson');
const DISTRICTS = DISTRICTS_LAYER.path;
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

  it('given the district layer in the config, when the dispatcher types a district’s Arabic name, then that district is found', async (context) => {
    skipTestWithout(context, DISTRICTS_LAYER);
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
