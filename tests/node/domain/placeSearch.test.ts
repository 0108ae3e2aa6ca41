import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGazetteer, placesFromGeoJson, type GazetteerPlace } from '../../../src-shared/domain/gazetteer';
import { createPlaceSearch, type PlaceSearchOptions } from '../../../src-shared/domain/placeSearch';

const GAZETTEER_FILE = join(import.meta.dirname, '..', '..', '..', 'resources', 'gazetteer', 'iraq-gazetteer.json');

function load(): GazetteerPlace[] {
  const result = parseGazetteer(JSON.parse(readFileSync(GAZETTEER_FILE, 'utf8')));
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

const gazetteer = load();
const { search } = createPlaceSearch(gazetteer);
const ids = (query: string, options?: PlaceSearchOptions) => search(query, options).map((hit) => hit.id);
const first = (query: string, options?: PlaceSearchOptions) => ids(query, options)[0];

const BAGHDAD = { lat: 33.3152, lon: 44.3661 };
const MOSUL = { lat: 36.34, lon: 43.13 };
const BASRA = { lat: 30.5085, lon: 47.7835 };

function place(id: string, name: GazetteerPlace['name'], at: { lat: number; lon: number }, more = {}): GazetteerPlace {
  return { id, kind: 'neighbourhood', name, lat: at.lat, lon: at.lon, src: 'layer', ...more };
}

describe('place search over the shipped gazetteer', () => {
  it.each(['الكرادة', 'كراده', 'كرادة', 'بالكرادة', 'في الكرادة', 'karrada', 'Karada', 'KARRADA', 'کەڕادە'])(
    'given %s, then Karrada comes first',
    (query) => {
      expect(first(query)).toBe('bg-karrada');
    },
  );

  it.each(['ساحه التحرير', 'ساحة التحرير', 'قرب ساحة التحرير', 'التحرير', 'tahrir square', 'near Tahrir'])(
    'given %s, then Tahrir Square comes first',
    (query) => {
      expect(first(query)).toBe('lm-tahrir-square');
    },
  );

  it.each(['اربيل', 'أربيل', 'إربيل', 'Erbil', 'erbil', 'Hewler', 'Hawler', 'Arbil', 'هەولێر'])(
    'given %s, then the city of Erbil comes first, before its governorate',
    (query) => {
      const hits = ids(query);
      expect(hits[0]).toBe('erbil');
      expect(hits).toContain('gov-erbil');
    },
  );

  it.each([
    ['مدينه الطب', 'lm-medical-city'],
    ['مدينة الطب', 'lm-medical-city'],
    ['زاخو', 'zakho'],
    ['Zakho', 'zakho'],
    ['Zaxo', 'zakho'],
    ['Kerbala', 'karbala'],
    ['كربلا', 'karbala'],
    ['كربلاء', 'karbala'],
    ['سامرا', 'samarra'],
    ['al kut', 'kut'],
    ['al zakho', 'zakho'],
    ['Ad Diwaniyah', 'diwaniyah'],
    ['الكوت', 'kut'],
    ['سلێمانی', 'sulaymaniyah'],
    ['Slemani', 'sulaymaniyah'],
    ['مستشفى اليرموك', 'lm-yarmouk-hospital'],
    ['اليرموك', 'bg-yarmouk'],
    ['جسر ١٤ تموز', 'lm-bridge-14-july'],
    ['الجسر المعلق', 'lm-bridge-14-july'],
    ['مدينة الصدر', 'bg-sadr-city'],
    ['الثورة', 'bg-sadr-city'],
    ['الباب الشرجي', 'bg-bab-al-sharqi'],
    ['طويريج', 'hindiya'],
    ['Ghammas', 'gn-99434'],
  ])('given %s, then %s comes first', (query, expected) => {
    expect(first(query)).toBe(expected);
  });

  it('given a typed prefix, then the big city comes before smaller places that share it', () => {
    expect(first('بغ')).toBe('baghdad');
    expect(first('بصر')).toBe('basra');
    expect(first('مو')).toBe('mosul');
  });

  it('tells how each hit matched', () => {
    expect(search('الكرادة')[0]?.match).toBe('exact');
    expect(search('الكرا')[0]?.match).toBe('prefix');
    expect(search('Hewler')[0]?.match).toBe('alt');
  });

  it.each(['', '   ', '؟؟!!', '...', 'xqzv', 'ـــ', 'ًٌٍ'])(
    'given the empty or garbage query %j, then nothing',
    (query) => {
      expect(search(query)).toEqual([]);
    },
  );

  it('given only words that wrap a place, then it still searches them', () => {
    expect(ids('ساحة')).toContain('lm-tahrir-square');
  });

  it('returns at most the limit, and nothing for a limit of 0', () => {
    expect(search('ال', { limit: 3 })).toHaveLength(3);
    expect(search('الكرادة', { limit: 0 })).toEqual([]);
  });

  it('given near, then places near the call rank first within a tier and carry their distance', () => {
    // Both are named القادسية: the governorate (Diwaniyah) and a Baghdad neighbourhood.
    expect(ids('القادسية').slice(0, 2)).toEqual(['gov-qadisiyah', 'bg-qadisiya']);
    const nearBaghdad = search('القادسية', { near: BAGHDAD });
    expect(nearBaghdad.map((hit) => hit.id).slice(0, 2)).toEqual(['bg-qadisiya', 'gov-qadisiyah']);
    expect(nearBaghdad[0]?.distanceM).toBeLessThan(5_000);
  });

  it('given near, then it never lifts a weaker match over a better tier', () => {
    expect(first('كربلاء', { near: BAGHDAD })).toBe('karbala');
  });
});

describe('a neighbourhood name that exists in two cities', () => {
  const jamiaMosul = place('layer-mosul-jamia', { ar: 'حي الجامعة', en: 'Hay al-Jamia' }, { lat: 36.372, lon: 43.148 });
  const jamiaBasra = place('layer-basra-jamia', { ar: 'حي الجامعة' }, { lat: 30.56, lon: 47.76 });
  const index = createPlaceSearch(gazetteer, [jamiaMosul, jamiaBasra]);
  const firstNear = (query: string, near: { lat: number; lon: number }) => index.search(query, { near })[0]?.id;

  it.each(['حي الجامعة', 'حي الجامعه', 'حي الجامع'])(
    'given %s, then the one in the city of the call comes first',
    (query) => {
      expect(firstNear(query, BAGHDAD)).toBe('bg-jamia');
      expect(firstNear(query, MOSUL)).toBe('layer-mosul-jamia');
      expect(firstNear(query, BASRA)).toBe('layer-basra-jamia');
    },
  );
});

describe('createPlaceSearch().add (operator layers at run time)', () => {
  it('finds added places, replaces a place with the same id, and counts them', () => {
    const index = createPlaceSearch(gazetteer);
    const before = index.size();
    index.add([place('layer-x:1', { ar: 'مجمع بسماية السكني' }, { lat: 33.19, lon: 44.6 })]);

    expect(index.size()).toBe(before + 1);
    expect(index.search('بسماية')[0]?.id).toBe('layer-x:1');

    index.add([place('layer-x:1', { ar: 'مجمع بسمايا' }, { lat: 33.19, lon: 44.6 })]);
    expect(index.size()).toBe(before + 1);
    expect(index.search('بسماية')[0]?.id).toBeUndefined();
    expect(index.search('بسمايا')[0]?.id).toBe('layer-x:1');
  });
});

describe('Latin addresses against names written only in Arabic', () => {
  const shula = place('layer-shula', { ar: 'الشعلة' }, BAGHDAD);
  const index = createPlaceSearch(gazetteer, [place('layer-x', { ar: 'حي العامل الثاني' }, BAGHDAD), shula]);

  it('finds a place by the consonants of a romanized name, below any match by spelling', () => {
    const hits = index.search('AL-SHOALA', { near: BAGHDAD });

    expect(hits[0]).toMatchObject({ id: 'layer-shula', match: 'sounds' });
  });

  it('never matches an Arabic query by sound: it is typed as it is spelt', () => {
    expect(index.search('الشعله').map((hit) => hit.id)).toContain('layer-shula');
    expect(index.search('شعلو').map((hit) => hit.id)).not.toContain('layer-shula');
  });
});

describe('createPlaceSearch().remove (a station gone from the roster)', () => {
  it('takes out a place added at run time, and brings back the shipped place it had replaced', () => {
    const index = createPlaceSearch(gazetteer);
    const size = index.size();
    index.add([
      place('station-1', { ar: 'مركز شرطة البتاوين' }, BAGHDAD),
      place('bg-karrada', { ar: 'بديل' }, BAGHDAD),
    ]);
    expect(index.search('البتاوين')[0]?.id).toBe('station-1');
    expect(index.search('الكرادة')[0]?.id).not.toBe('bg-karrada');

    index.remove(['station-1', 'bg-karrada']);

    expect(index.size()).toBe(size);
    expect(index.search('البتاوين')[0]?.id).toBeUndefined();
    expect(index.search('الكرادة')[0]?.id).toBe('bg-karrada');
  });
});

describe('placesFromGeoJson', () => {
  const collection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: 7,
        properties: { name_ar: 'مستشفى الكندي', name_en: 'Al-Kindi Hospital', gov_iso: 'IQ-BG', population: 12 },
        geometry: { type: 'Point', coordinates: [44.43, 33.34] },
      },
      {
        // A U-shaped district: its centroid falls in the notch, outside the polygon.
        type: 'Feature',
        properties: { pcode: 'U1', name_ku: 'ناوچەی یوو' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [44, 33],
              [44.3, 33],
              [44.3, 33.3],
              [44.2, 33.3],
              [44.2, 33.1],
              [44.1, 33.1],
              [44.1, 33.3],
              [44, 33.3],
              [44, 33],
            ],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { pcode: 'M1', name_en: 'Island District' },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [45, 31],
                [45.01, 31],
                [45.01, 31.01],
                [45, 31],
              ],
            ],
            [
              [
                [46, 32],
                [46.2, 32],
                [46.2, 32.2],
                [46, 32.2],
                [46, 32],
              ],
            ],
          ],
        },
      },
      { type: 'Feature', properties: { name_en: '' }, geometry: { type: 'Point', coordinates: [44, 33] } },
      { type: 'Feature', properties: { name_ar: 'بلا موقع' }, geometry: null },
    ],
  };

  const places = placesFromGeoJson(collection, 'district', { idPrefix: 'test' });

  it('takes names, governorate and population from the properties, and skips features without a name or place', () => {
    expect(places.map((item) => item.id)).toEqual(['test:7', 'test:U1', 'test:M1']);
    expect(places[0]).toEqual({
      id: 'test:7',
      kind: 'district',
      name: { ar: 'مستشفى الكندي', en: 'Al-Kindi Hospital' },
      lat: 33.34,
      lon: 44.43,
      gov: 'IQ-BG',
      pop: 12,
      src: 'layer',
    });
    expect(places[1]?.name).toEqual({ ckb: 'ناوچەی یوو' });
  });

  it('puts a polygon at a label point inside it, and a multipolygon in its largest part', () => {
    const u = places[1];
    // Inside one of the U's arms, not in the notch (lon 44.1–44.2, lat above 33.1).
    expect(u !== undefined && (u.lon < 44.1 || u.lon > 44.2 || u.lat < 33.1)).toBe(true);
    expect(u?.lon).toBeGreaterThan(44);
    expect(u?.lon).toBeLessThan(44.3);
    expect(places[2]?.lon).toBeCloseTo(46.1, 5);
    expect(places[2]?.lat).toBeCloseTo(32.1, 5);
  });

  it('makes places the search finds in any of their languages', () => {
    const index = createPlaceSearch([], places);
    expect(index.search('الكندي')[0]?.id).toBe('test:7');
    expect(index.search('kindi')[0]?.id).toBe('test:7');
    expect(index.search('یوو')[0]?.id).toBe('test:U1');
  });

  it('throws on something that is not a FeatureCollection', () => {
    expect(() => placesFromGeoJson({ type: 'Feature' }, 'town')).toThrow(/FeatureCollection/);
    expect(() => placesFromGeoJson(null, 'town')).toThrow(/FeatureCollection/);
  });
});
