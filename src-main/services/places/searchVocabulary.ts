import { createHash } from 'node:crypto';
import { namesOfPlace, placesContaining, type GazetteerPlace } from '../../../src-shared/domain/gazetteer';
import type { Taxonomy } from '../../../src-shared/domain/taxonomy';
import type { SearchVocabulary } from '../store/search';

// The index matches word prefixes only: `اعظمية` must find `الأعظمية`, so the bare word is indexed too.
const ARTICLE = /^(?:ال|أل)(?=\S{3})/u;
const withoutArticle = (name: string): string[] => {
  const bare = name.replace(ARTICLE, '');
  return bare === name ? [name] : [name, bare];
};

/**
 * What incident search indexes beyond an incident's own fields: its type's names in the three
 * languages, and the names (every language and spelling) of the neighbourhood, town and landmarks
 * it lies in. The version changes with the taxonomy and the places, so the store re-indexes then.
 */
export function createSearchVocabulary(taxonomy: Taxonomy, places: readonly GazetteerPlace[]): SearchVocabulary {
  const typeNames = new Map(
    taxonomy.types.map((type) => [type.code, [type.name.ar, type.name.en, type.name.ckb]] as const),
  );
  const digest = createHash('sha256');
  for (const place of places) digest.update(`${place.id}|${place.kind}|${String(place.lat)}|${String(place.lon)}\n`);
  for (const place of places) digest.update(namesOfPlace(place).join('|'));
  return {
    version: `taxonomy ${taxonomy.version}; places ${digest.digest('hex').slice(0, 16)}`,
    typeNames: (typeCode) => typeNames.get(typeCode) ?? [],
    placeNames: (point) => placesContaining(places, point).flatMap(namesOfPlace).flatMap(withoutArticle),
  };
}
