import { createHash } from 'node:crypto';
import { namesOfPlace, placesContaining, type GazetteerPlace } from '../../../src-shared/domain/gazetteer';
import type { LatLon } from '../../../src-shared/domain/geo';
import { locationNameWords, type LocationName } from '../../../src-shared/domain/locationNames';
import type { Taxonomy } from '../../../src-shared/domain/taxonomy';
import type { SearchVocabulary } from '../store/search';

// The index matches word prefixes only: `اعظمية` must find `الأعظمية`, so the bare word is indexed too.
const ARTICLE = /^(?:ال|أل)(?=\S{3})/u;
const withoutArticle = (name: string): string[] => {
  const bare = name.replace(ARTICLE, '');
  return bare === name ? [name] : [name, bare];
};

/** Where a point lies, by name: the places of the gazetteer around it and the areas it is in. */
export interface PlaceVocabulary {
  /** The hand-written places and the operator layers (centres: neighbourhoods, towns, landmarks). */
  readonly places: readonly GazetteerPlace[];
  readonly nameLocation: (point: LatLon) => LocationName;
  /** Changes with the areas' data. */
  readonly version: string;
}

/**
 * What incident search indexes beyond an incident's own fields: its type's names in the three
 * languages; the names (every language and spelling) of the neighbourhood, town and landmarks it
 * lies in; and the names of its neighbourhood, sub-district, district and governorate. The version
 * changes with the taxonomy and the places, so the store re-indexes then.
 */
export function createSearchVocabulary(taxonomy: Taxonomy, places: PlaceVocabulary): SearchVocabulary {
  const typeNames = new Map(
    taxonomy.types.map((type) => [type.code, [type.name.ar, type.name.en, type.name.ckb]] as const),
  );
  const digest = createHash('sha256').update(places.version);
  for (const place of places.places)
    digest.update(`${place.id}|${place.kind}|${String(place.lat)}|${String(place.lon)}\n`);
  for (const place of places.places) digest.update(namesOfPlace(place).join('|'));
  return {
    version: `taxonomy ${taxonomy.version}; places ${digest.digest('hex').slice(0, 16)}`,
    typeNames: (typeCode) => typeNames.get(typeCode) ?? [],
    placeNames: (point) =>
      [
        ...placesContaining(places.places, point).flatMap(namesOfPlace),
        ...locationNameWords(places.nameLocation(point)),
      ].flatMap(withoutArticle),
  };
}
