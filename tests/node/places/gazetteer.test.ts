// The gazetteer over all of Iraq as the console loads it (resources/gazetteer + resources/mapdata):
// Latin ALI addresses, Baghdad's neighbourhoods, a village by its Sorani name, ranking by where the
// caller is, and every point named by its neighbourhood or sub-district.
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../../../src-main/config/appPaths';
import { loadGazetteer } from '../../../src-main/services/places/placeService';
import { formatLocationName } from '../../../src-shared/domain/locationNames';
import { createPlaceSearch, type PlaceHit } from '../../../src-shared/domain/placeSearch';

const gazetteer = loadGazetteer(resourcesDir());
const index = gazetteer.search.now().value.index;
const { search } = createPlaceSearch(index);
const namer = gazetteer.areas.now().value;

const BAGHDAD = { lat: 33.3152, lon: 44.3661 };
/** In Karrada, off Karrada Dakhil street. */
const KARRADA = { lat: 33.3046, lon: 44.4232 };
/** The centre of Erbil: no neighbourhood polygon there. */
const ERBIL = { lat: 36.19, lon: 44.01 };

const governorateOf = (hit: PlaceHit | undefined) =>
  hit === undefined ? undefined : namer.nameLocation(hit.place.lat, hit.place.lon).governorate?.code;

describe('the gazetteer over all of Iraq', () => {
  it('holds the hand-written places, the neighbourhoods, the localities and the administrative areas', () => {
    const sources = new Set(index.entries.map((entry) => entry.place.src));

    expect(index.size).toBeGreaterThan(21_900);
    expect([...sources].sort()).toEqual(['geonames', 'nida', 'ocha', 'wof']);
    // 101 districts (two are the hand-written Karkh and Rusafa) and 294 sub-districts.
    expect(index.entries.filter((entry) => entry.place.kind === 'subdistrict')).toHaveLength(294);
  });

  it.each([
    ['AL-AMIRIYA', 'العامرية', 'exact'],
    ['KARRADA DAKHIL', 'الكرادة', 'alt'],
    // Spelt as no name of theirs is: found by their consonants (z-f-r-n, gh-z-l) across scripts.
    ['ZAFARANIA', 'الزعفرانية', 'sounds'],
    ['GHAZALIA', 'الغزالية', 'sounds'],
  ])(
    'given the Latin ALI address %s of a caller in Baghdad, then %s in Baghdad comes first',
    (address, arabic, match) => {
      const [first] = search(address, { near: BAGHDAD });

      expect(first?.place.name.ar).toBe(arabic);
      expect(first?.match).toBe(match);
      expect(governorateOf(first)).toBe('IQ-BG');
    },
  );

  it.each(['الوشاش', 'حي الجامعة', 'مدينة الصدر', 'بغداد الجديدة'])(
    'given %s, then a place in Baghdad comes first',
    (query) => {
      const [first] = search(query);

      expect(first?.match).toBe('exact');
      expect(governorateOf(first)).toBe('IQ-BG');
    },
  );

  it('given the Sorani name of a village, then the village is found', () => {
    const [first] = search('گۆمەتە');

    expect(first?.id).toBe('wof-1193020733');
    expect(first?.place).toMatchObject({ kind: 'village', src: 'wof', name: { en: 'Gawmatah', ckb: 'گۆمەتە' } });
  });

  it('given a neighbourhood of Baghdad and a village of the same name, then the one where the caller is comes first', () => {
    // الكمالية: a neighbourhood of east Baghdad, and a village (كمالية) in Kirkuk governorate.
    const baghdad = 'wof-1796500195';
    const village = 'wof-1209200819';
    const villagePlace = index.entries[index.ids.get(village) ?? -1]?.place;
    expect(villagePlace).toBeDefined();
    const near = (point: { lat: number; lon: number }) =>
      search('الكمالية', { near: point })
        .slice(0, 2)
        .map((hit) => hit.id);

    expect(near(BAGHDAD)).toEqual([baghdad, village]);
    expect(near(villagePlace ?? BAGHDAD)).toEqual([village, baghdad]);
  });

  // The queries that match thousands of places (issue 18): each gives a short list, the best first.
  const SLOW_QUERIES = [
    'ال',
    'أل',
    'al',
    'AL-',
    'ا',
    'a',
    'ب',
    'حي',
    'مدينة',
    'قرية',
    'district',
    'حي ال',
    'قرية ال',
    'قرب ال',
  ];

  it.each(SLOW_QUERIES)('given %s, then at most the limit of places come back, each starting with it', (query) => {
    for (const options of [{}, { near: BAGHDAD }, { near: ERBIL, limit: 3 }]) {
      const hits = search(query, options);

      expect(hits.length).toBeGreaterThan(0);
      expect(hits.length).toBeLessThanOrEqual(options.limit ?? 10);
      for (const hit of hits) expect(['exact', 'prefix', 'words', 'alt']).toContain(hit.match);
    }
  });

  it.each(SLOW_QUERIES)('given %s, then a short list is the start of a long one (no place is skipped)', (query) => {
    for (const near of [undefined, BAGHDAD, ERBIL]) {
      const ids = (limit: number) => search(query, { limit, ...(near !== undefined && { near }) }).map((hit) => hit.id);

      expect(ids(5)).toEqual(ids(300).slice(0, 5));
    }
  });

  it('given حي ال from a caller in Baghdad, then the districts of Baghdad named حي come first', () => {
    const hits = search('حي ال', { near: BAGHDAD }).slice(0, 3);

    expect(hits.map((hit) => hit.place.name.ar)).toEqual(['حي الجامعة', 'حي العامل', 'حي الجهاد']);
    for (const hit of hits) expect(governorateOf(hit)).toBe('IQ-BG');
  });

  it('given a generic word alone, then the places named by it come first, then those whose names start with it', () => {
    const hits = search('مدينة');

    expect(hits[0]).toMatchObject({ match: 'exact', place: { name: { ar: 'المدينة' } } });
    expect(hits.map((hit) => hit.place.name.ar)).toEqual(expect.arrayContaining(['مدينة الصدر', 'مدينة الطب']));
  });

  it('given a word or one letter typed by a caller in Baghdad, then places of Baghdad come first', () => {
    for (const query of ['قرية', 'ب', 'a'])
      expect(governorateOf(search(query, { near: BAGHDAD })[0]), query).toBe('IQ-BG');
  });

  it('given the end of a word, then the places holding it inside a name are found', () => {
    // No word starts with ظمية: the substring fallback finds الكاظمية and الأعظمية.
    const hits = search('ظمية', { near: BAGHDAD }).map((hit) => [hit.place.name.ar, hit.match]);

    expect(hits).toContainEqual(['الكاظمية', 'substring']);
    expect(hits).toContainEqual(['الأعظمية', 'substring']);
  });

  it('merges a record of the data that is a hand-written place into it: one Karrada, one Dora', () => {
    expect(search('الدورة', { limit: 5 }).filter((hit) => governorateOf(hit) === 'IQ-BG')).toHaveLength(1);
    expect(search('كرادة', { limit: 5 }).filter((hit) => hit.place.name.en === 'Karrada')).toHaveLength(1);
  });
});

describe('every location named', () => {
  it('names a point in Karrada by its neighbourhood, district and governorate, in each language', () => {
    const named = namer.nameLocation(KARRADA.lat, KARRADA.lon);

    expect(named.neighbourhood).toEqual({
      code: 'wof:1796500289',
      name: { ar: 'الكرادة', en: 'Karrada', ckb: 'کەڕادە' },
    });
    expect(named.subdistrict?.code).toBe('IQG08Q06N01');
    expect(named.district).toEqual({ code: 'IQG08Q06', name: { ar: 'الرصافة', en: 'Al-Risafa' } });
    expect(named.governorate?.code).toBe('IQ-BG');
    expect(formatLocationName(named, 'ar')).toBe('الكرادة، الرصافة، بغداد');
    expect(formatLocationName(named, 'en')).toBe('Karrada, Al-Risafa, Baghdad');
    expect(formatLocationName(named, 'ckb')).toBe('کەڕادە، الرصافة، بەغدا');
  });

  it('names a point outside every neighbourhood by its sub-district', () => {
    const named = namer.nameLocation(ERBIL.lat, ERBIL.lon);

    expect(named.neighbourhood).toBeUndefined();
    expect(named.subdistrict).toEqual({ code: 'IQG11Q02N02', name: { ar: 'مركز اربيل', en: 'Markaz Erbil' } });
    expect(named.governorate?.code).toBe('IQ-AR');
    expect(formatLocationName(named, 'ar')).toBe('مركز اربيل، اربيل');
  });

  it('names nothing outside Iraq', () => {
    expect(namer.nameLocation(25, 40)).toEqual({});
    expect(formatLocationName({}, 'ar')).toBe('');
  });
});
