import { create } from 'zustand';
import type { Language } from '../../../src-shared/contract/schemas';
import type { Agency, IncidentType, Taxonomy } from '../../../src-shared/domain/taxonomy';
import { createTypeSearch, type TypeSearch } from '../../../src-shared/domain/typeSearch';

export interface TaxonomyState {
  readonly taxonomy: Taxonomy | null;
  /** Built once per taxonomy: the type picker searches it on every keystroke. */
  readonly typeSearch: TypeSearch | null;
}

export interface TaxonomyActions {
  /** @internal set on (re)connect */
  setTaxonomy: (taxonomy: Taxonomy) => void;
}

export const useTaxonomyStore = create<TaxonomyState & TaxonomyActions>()((set) => ({
  taxonomy: null,
  typeSearch: null,
  setTaxonomy: (taxonomy) => set({ taxonomy, typeSearch: createTypeSearch(taxonomy) }),
}));

export const taxonomySelectors = {
  type: (state: TaxonomyState, code: string | null): IncidentType | undefined =>
    code === null ? undefined : state.taxonomy?.types.find((type) => type.code === code),
  agency: (state: TaxonomyState, code: string): Agency | undefined =>
    state.taxonomy?.agencies.find((agency) => agency.code === code),
};

/** A taxonomy text in the UI language (types, agencies, dispositions are center data, not catalogue keys). */
export function localized(
  text: Readonly<Record<Language, string>> | undefined,
  language: Language,
  fallback: string,
): string {
  return text?.[language] ?? fallback;
}
