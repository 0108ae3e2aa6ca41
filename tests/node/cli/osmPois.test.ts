import { describe, expect, it } from 'vitest';
import { poiKind, poiNames, poiPlaceFromOsmFeature } from '../../../src-main/cli/map/osmPois';

/** A feature as `osmium export -a type,id` writes it. */
const exported = (type: string, id: number, tags: Record<string, string>, geometry: unknown) => ({
  type: 'Feature',
  geometry,
  properties: { '@type': type, '@id': id, ...tags },
});

const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });

describe('points of interest of an OSM extract as gazetteer places', () => {
  it('given OSM tags, when classified, then the places a dispatcher navigates by get their kind and others none', () => {
    expect(poiKind({ amenity: 'hospital' })).toBe('hospital');
    expect(poiKind({ healthcare: 'hospital' })).toBe('hospital');
    expect(poiKind({ amenity: 'police' })).toBe('police');
    expect(poiKind({ amenity: 'fire_station' })).toBe('fire_station');
    expect(poiKind({ amenity: 'place_of_worship', religion: 'muslim' })).toBe('mosque');
    expect(poiKind({ amenity: 'place_of_worship', religion: 'christian' })).toBeNull();
    expect(poiKind({ amenity: 'school' })).toBe('school');
    expect(poiKind({ amenity: 'college' })).toBe('university');
    expect(poiKind({ amenity: 'marketplace' })).toBe('marketplace');
    expect(poiKind({ shop: 'mall' })).toBe('marketplace');
    expect(poiKind({ amenity: 'fuel' })).toBe('fuel');
    expect(poiKind({ amenity: 'cafe' })).toBeNull();
  });

  it('given names in Arabic and Latin script, when read, then name:ar wins for Arabic, name:en for English, and a plain name goes by its script', () => {
    expect(poiNames({ name: 'مستشفى اليرموك', 'name:en': 'Yarmouk Hospital' })).toEqual({
      name_ar: 'مستشفى اليرموك',
      name_en: 'Yarmouk Hospital',
    });
    expect(poiNames({ name: 'Al-Wasiti Hospital', 'name:ar': 'مستشفى الواسطي' })).toEqual({
      name_ar: 'مستشفى الواسطي',
      name_en: 'Al-Wasiti Hospital',
    });
    expect(poiNames({ name: 'Ibn Sina' })).toEqual({ name_en: 'Ibn Sina' });
    expect(poiNames({ name: 'نەخۆشخانەی هەولێر', 'name:ckb': 'نەخۆشخانەی هەولێر' })).toEqual({
      name_ar: 'نەخۆشخانەی هەولێر',
      name_ckb: 'نەخۆشخانەی هەولێر',
    });
    expect(poiNames({ 'name:ku': 'Nexweşxane' })).toEqual({ name_ckb: 'Nexweşxane' });
  });

  it('given a hospital drawn as an area, when converted, then it is a point inside it with the OSM id', () => {
    const area = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [44.4, 33.3],
            [44.401, 33.3],
            [44.401, 33.301],
            [44.4, 33.301],
            [44.4, 33.3],
          ],
        ],
      ],
    };
    const place = poiPlaceFromOsmFeature(
      exported('way', 100, { amenity: 'hospital', building: 'yes', name: 'مستشفى اليرموك' }, area),
    );

    expect(place).toEqual({
      type: 'Feature',
      id: 'w100',
      geometry: { type: 'Point', coordinates: [44.4005, 33.3005] },
      properties: { kind: 'hospital', name_ar: 'مستشفى اليرموك' },
    });
  });

  it('given objects that are not ours, have no name or no geometry, when converted, then they are left out', () => {
    expect(poiPlaceFromOsmFeature(exported('node', 1, { amenity: 'police' }, point(44.4, 33.3)))).toBeNull();
    expect(
      poiPlaceFromOsmFeature(exported('node', 2, { amenity: 'cafe', name: 'مقهى' }, point(44.4, 33.3))),
    ).toBeNull();
    expect(poiPlaceFromOsmFeature(exported('node', 3, { amenity: 'police', name: 'مركز' }, null))).toBeNull();
    expect(poiPlaceFromOsmFeature({ type: 'Feature', geometry: point(44.4, 33.3) })).toBeNull();
    expect(poiPlaceFromOsmFeature('not a feature')).toBeNull();
  });

  it('given a police station node, when converted, then its id is n and the node id', () => {
    expect(
      poiPlaceFromOsmFeature(
        exported('node', 11, { amenity: 'police', name: 'مركز شرطة الكرادة' }, point(44.415, 33.306)),
      ),
    ).toMatchObject({ id: 'n11', properties: { kind: 'police', name_ar: 'مركز شرطة الكرادة' } });
  });
});
