import { createRankedSearch } from './rankedSearch';
import { activeTypes, type IncidentType, type Taxonomy } from './taxonomy';

/**
 * The incident-type picker's search, over the shared ranked matcher (rankedSearch.ts). Names and
 * keywords of every language are searched whatever the UI language is: a dispatcher on the Arabic
 * UI may type English or Sorani, and callers' own words are in the keywords. A type's category name
 * widens the match; within a tier the more urgent type comes first.
 */

export interface TypeSearchHit {
  readonly code: string;
  readonly type: IncidentType;
  /** Higher is better; only meaningful for comparing hits of one query. */
  readonly score: number;
}

export interface TypeSearch {
  /** Ranked hits, best first; nothing for an empty query. Uses no `this`: safe to pass around. */
  readonly search: (query: string, limit?: number) => TypeSearchHit[];
}

export const DEFAULT_TYPE_SEARCH_LIMIT = 10;

export function createTypeSearch(taxonomy: Taxonomy): TypeSearch {
  const categoryNames = new Map(taxonomy.categories.map((category) => [category.code, category.name]));
  const search = createRankedSearch(
    activeTypes(taxonomy).map((type) => {
      const category = categoryNames.get(type.category);
      return {
        item: type,
        names: [type.name.ar, type.name.en, type.name.ckb],
        keywords: [...type.keywords.ar, ...type.keywords.en, ...type.keywords.ckb],
        extra: category ? [category.ar, category.en, category.ckb] : [],
        urgency: type.defaultPriority,
      };
    }),
  );
  return {
    search: (query, limit = DEFAULT_TYPE_SEARCH_LIMIT) =>
      search(query, limit).map(({ item, score }) => ({ code: item.code, type: item, score })),
  };
}
