// The operator-layer path against the real map layers in ../shared/mapdata. Those files are
// third-party data beside the checkout, never copied into the repository: without them, skip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseGazetteer,
  placesFromGeoJson,
  type GazetteerPlace,
  type PlaceKind,
} from '../../../src-shared/domain/gazetteer';
import { IRAQ_BBOX } from '../../../src-shared/domain/placeGeometry';
import { createPlaceSearch } from '../../../src-shared/domain/placeSearch';
import { sharedFile, skipTestWithout } from '../../support/prerequisites';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const GAZETTEER_FILE = join(REPO_ROOT, 'resources', 'gazetteer', 'iraq-gazetteer.json');

function gazetteer(): GazetteerPlace[] {
  const result = parseGazetteer(JSON.parse(readFileSync(GAZETTEER_FILE, 'utf8')));
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

const layerFile = (file: string) => sharedFile('mapdata', file);

function layer(file: string, kind: PlaceKind): GazetteerPlace[] {
  return placesFromGeoJson(JSON.parse(readFileSync(layerFile(file).path, 'utf8')), kind, {
    idPrefix: file.replace('.geojson', ''),
  });
}

const inIraq = (place: GazetteerPlace) =>
  place.lon >= IRAQ_BBOX.minLon &&
  place.lon <= IRAQ_BBOX.maxLon &&
  place.lat >= IRAQ_BBOX.minLat &&
  place.lat <= IRAQ_BBOX.maxLat;

describe('operator layers from ../shared/mapdata', () => {
  it('loads iraq-places.geojson, and the search finds every place by its Arabic name', (context) => {
    skipTestWithout(context, layerFile('iraq-places.geojson'));
    const places = layer('iraq-places.geojson', 'town');
    const index = createPlaceSearch(gazetteer());
    const before = index.size();

    index.add(places);

    expect(places.length).toBeGreaterThan(100);
    expect(index.size()).toBe(before + places.length);
    expect(places.every(inIraq)).toBe(true);
    const withArabic = places.filter((place) => place.name.ar !== undefined);
    expect(withArabic.length).toBeGreaterThan(100);
    // Same-named places (the layer's Baghdad, ours) share the exact tier: 20 hits hold them all.
    const lost = withArabic.filter(
      (place) => !index.search(place.name.ar ?? '', { limit: 20 }).some((hit) => hit.id === place.id),
    );
    expect(lost.map((place) => `${place.id} ${place.name.ar ?? ''}`)).toEqual([]);
  });

  it('loads the district and sub-district polygons at label points inside Iraq, found by Arabic name', (context) => {
    skipTestWithout(context, layerFile('iraq-districts.geojson'), layerFile('iraq-subdistricts.geojson'));
    const districts = layer('iraq-districts.geojson', 'district');
    const subdistricts = layer('iraq-subdistricts.geojson', 'subdistrict');
    const index = createPlaceSearch(gazetteer(), [...districts, ...subdistricts]);

    expect(districts).toHaveLength(101);
    expect(subdistricts).toHaveLength(294);
    expect([...districts, ...subdistricts].filter((place) => !inIraq(place))).toEqual([]);
    // A Baghdad district and a sub-district that only the layer has.
    const karkh = districts.find((place) => place.name.ar === 'الكرخ');
    expect(karkh?.gov).toBe('IQ-BG');
    expect(index.search('الكرخ', { limit: 5 }).map((hit) => hit.id)).toContain(karkh?.id);
    const markazKarkh = subdistricts.find((place) => place.name.ar === 'مركز الكرخ');
    expect(index.search('مركز الكرخ')[0]?.id).toBe(markazKarkh?.id);
  });
});
