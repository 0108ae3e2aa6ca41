import { searchTokens } from './arabic';

/**
 * The ranked matcher behind every short list a dispatcher filters by typing (incident types,
 * dispositions). It runs on every keystroke, so the entries are normalized and indexed once: a
 * sorted dictionary of words, where the words a query token is a prefix of form one contiguous
 * range found by binary search.
 *
 * Ranking, best first: the query is a whole name; a name starts with it; every query word starts a
 * word of one name; the query is a whole keyword; it starts a keyword or every word is in one
 * keyword; anything else that matches every query word (mixed fields, extra words, substring).
 * Within a tier: whole words before prefixes, then the more urgent entry, the shorter matched text,
 * and the given order. So `نقل` picks "نُقل إلى المستشفى" (a name starting with it) before
 * "… دون نقل" (a name that only contains it), and a substring inside a word comes last.
 */

export interface RankedSearchEntry<T> {
  readonly item: T;
  /** Names in every language (each ranks above any keyword). */
  readonly names: readonly string[];
  /** Synonyms and colloquial words, in every language. */
  readonly keywords: readonly string[];
  /** Words that only widen the match (a type's category name). */
  readonly extra?: readonly string[];
  /** Lower is more urgent (a type's default priority); ties within a tier go to the more urgent. */
  readonly urgency?: number;
}

export interface RankedHit<T> {
  readonly item: T;
  /** Higher is better; only meaningful for comparing hits of one query. */
  readonly score: number;
}

/** Ranked hits, best first; nothing for an empty query. Uses no `this`: safe to pass around. */
export type RankedSearch<T> = (query: string, limit: number) => RankedHit<T>[];

// The Arabic article and its common proclitics, so that `الحريق` and `بالحريق` match `حريق`.
const ARTICLE = /^(?:ال|وال|بال|فال|كال|لل)(?=.{3})/u;

/** A word and, when it carries the article, the word without it. */
function forms(word: string): string[] {
  const bare = word.replace(ARTICLE, '');
  return bare === word ? [word] : [word, bare];
}

// Where a query word was found, best first. 0 means not found.
const WORD_EXACT_NAME = 6;
const WORD_NAME_PREFIX = 5;
const WORD_EXACT_KEYWORD = 4;
const WORD_KEYWORD_PREFIX = 3;
const WORD_CATEGORY = 2;
const WORD_SUBSTRING = 1;

const TIER_EXACT_NAME = 6;
const TIER_NAME_PREFIX = 5;
const TIER_NAME_WORDS = 4;
const TIER_EXACT_KEYWORD = 3;
const TIER_KEYWORD = 2;
const TIER_ANY = 1;
/** Tiers dominate; the word ranks (at most 6 per word) only order hits within a tier. */
const TIER_WEIGHT = 1000;
const MAX_QUERY_WORDS = 8;
/** Shorter fragments would match inside nearly every word. */
const SUBSTRING_MIN_LENGTH = 3;

/** One name or keyword: its tokens joined by a space, and its words with their article-less forms. */
interface IndexedText {
  readonly text: string;
  readonly words: readonly string[];
}

interface IndexedEntry<T> {
  readonly item: T;
  readonly urgency: number;
  readonly order: number;
  readonly names: readonly IndexedText[];
  readonly keywords: readonly IndexedText[];
  /** Every name and keyword, for the substring fallback. */
  readonly haystack: string;
}

interface Posting {
  readonly entry: number;
  /** Rank when the query word is this whole word, and when it is only a prefix of it. */
  exact: number;
  prefix: number;
}

function indexText(text: string): IndexedText {
  const tokens = searchTokens(text);
  return { text: tokens.join(' '), words: [...new Set(tokens.flatMap(forms))] };
}

function lowerBound(words: readonly string[], target: string): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const word = words[middle];
    if (word !== undefined && word < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Every query form is a prefix of some word of the text. */
function covers(text: IndexedText, queryForms: readonly (readonly string[])[]): boolean {
  return queryForms.every((options) => options.some((form) => text.words.some((word) => word.startsWith(form))));
}

function shortest(texts: readonly IndexedText[], accept: (text: IndexedText) => boolean): number {
  let length = Infinity;
  for (const text of texts) if (text.text.length < length && accept(text)) length = text.text.length;
  return length;
}

/** The entry's tier for the query, and the length of the text that earned it (shorter is closer). */
function classify(
  entry: IndexedEntry<unknown>,
  phrase: string,
  queryForms: readonly (readonly string[])[],
): { tier: number; length: number } {
  const tiers: [number, readonly IndexedText[], (text: IndexedText) => boolean][] = [
    [TIER_EXACT_NAME, entry.names, (name) => name.text === phrase],
    [TIER_NAME_PREFIX, entry.names, (name) => name.text.startsWith(phrase)],
    [TIER_NAME_WORDS, entry.names, (name) => covers(name, queryForms)],
    [TIER_EXACT_KEYWORD, entry.keywords, (keyword) => keyword.text === phrase],
    [TIER_KEYWORD, entry.keywords, (keyword) => keyword.text.startsWith(phrase) || covers(keyword, queryForms)],
  ];
  for (const [tier, texts, accept] of tiers) {
    const length = shortest(texts, accept);
    if (length < Infinity) return { tier, length };
  }
  return { tier: TIER_ANY, length: Infinity };
}

export function createRankedSearch<T>(source: readonly RankedSearchEntry<T>[]): RankedSearch<T> {
  const entries: IndexedEntry<T>[] = source.map((entry, order) => {
    const names = entry.names.map(indexText);
    const keywords = entry.keywords.map(indexText);
    return {
      item: entry.item,
      urgency: entry.urgency ?? 0,
      order,
      names,
      keywords,
      haystack: [...names, ...keywords].map((text) => text.text).join('\n'),
    };
  });

  const postings = new Map<string, Posting[]>();
  const post = (word: string, entry: number, exact: number, prefix: number) => {
    let list = postings.get(word);
    if (list === undefined) postings.set(word, (list = []));
    const existing = list.find((posting) => posting.entry === entry);
    if (existing === undefined) list.push({ entry, exact, prefix });
    else {
      existing.exact = Math.max(existing.exact, exact);
      existing.prefix = Math.max(existing.prefix, prefix);
    }
  };
  entries.forEach((entry, index) => {
    for (const name of entry.names) for (const word of name.words) post(word, index, WORD_EXACT_NAME, WORD_NAME_PREFIX);
    for (const keyword of entry.keywords) {
      for (const word of keyword.words) post(word, index, WORD_EXACT_KEYWORD, WORD_KEYWORD_PREFIX);
    }
    for (const word of (source[index]?.extra ?? []).map(indexText).flatMap((text) => text.words)) {
      post(word, index, WORD_CATEGORY, WORD_CATEGORY);
    }
  });
  const dictionary = [...postings.keys()].sort();

  /** Per entry, how well one query word matched (0: not at all). */
  function rankWord(token: string): Uint8Array {
    const ranks = new Uint8Array(entries.length);
    for (const form of forms(token)) {
      for (let i = lowerBound(dictionary, form); i < dictionary.length; i++) {
        const word = dictionary[i];
        if (word === undefined || !word.startsWith(form)) break;
        const exact = word === form;
        for (const posting of postings.get(word) ?? []) {
          const rank = exact ? posting.exact : posting.prefix;
          if (rank > (ranks[posting.entry] ?? 0)) ranks[posting.entry] = rank;
        }
      }
    }
    if (token.length >= SUBSTRING_MIN_LENGTH) {
      entries.forEach((entry, index) => {
        if (ranks[index] === 0 && entry.haystack.includes(token)) ranks[index] = WORD_SUBSTRING;
      });
    }
    return ranks;
  }

  return (query, limit) => {
    const tokens = searchTokens(query).slice(0, MAX_QUERY_WORDS);
    if (tokens.length === 0 || limit <= 0) return [];
    const phrase = tokens.join(' ');
    const queryForms = tokens.map(forms);
    const ranks = tokens.map(rankWord);

    const hits: { entry: IndexedEntry<T>; score: number; length: number }[] = [];
    entries.forEach((entry, index) => {
      let wordSum = 0;
      for (const wordRanks of ranks) {
        const rank = wordRanks[index] ?? 0;
        if (rank === 0) return;
        wordSum += rank;
      }
      const { tier, length } = classify(entry, phrase, queryForms);
      hits.push({ entry, score: tier * TIER_WEIGHT + wordSum, length });
    });

    hits.sort(
      (a, b) =>
        b.score - a.score || a.entry.urgency - b.entry.urgency || a.length - b.length || a.entry.order - b.entry.order,
    );
    return hits.slice(0, limit).map(({ entry, score }) => ({ item: entry.item, score }));
  };
}
