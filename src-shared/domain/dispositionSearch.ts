import { createRankedSearch } from './rankedSearch';
import type { Disposition } from './taxonomy';

/**
 * The close dialog's disposition filter, over the shared ranked matcher (rankedSearch.ts): names
 * and keywords of every language, and the code. Typing `نقل` + Enter must record "transported",
 * never "treated without transport": a name that starts with the word ranks above one that only
 * contains it. An empty query lists every disposition in the taxonomy's order.
 */
export function createDispositionSearch(
  dispositions: readonly Disposition[],
): (query: string) => readonly Disposition[] {
  const search = createRankedSearch(
    dispositions.map((disposition) => ({
      item: disposition,
      names: [disposition.name.ar, disposition.name.en, disposition.name.ckb],
      keywords: [
        ...(disposition.keywords?.ar ?? []),
        ...(disposition.keywords?.en ?? []),
        ...(disposition.keywords?.ckb ?? []),
        disposition.code,
      ],
    })),
  );
  return (query) => (query.trim() === '' ? dispositions : search(query, dispositions.length).map((hit) => hit.item));
}
