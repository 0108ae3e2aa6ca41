import { bareTokens, LATIN_ARTICLES, nameTokens, transliterationKey, transliterationKeys, wordForms } from './arabic';
import type { GazetteerPlace, PlaceKind } from './gazetteer';
import { distanceM, isValidLatLon, type LatLon } from './geo';

/**
 * The location field's place search: the caller says "قرب ساحة التحرير", "في الكرادة" or "Zakho"
 * and the dispatcher types it as fast as they can, in whatever script is under their fingers.
 *
 * It searches the shipped gazetteer (`resources/gazetteer/iraq-gazetteer.json`, validated by
 * `gazetteerSchema` in `gazetteer.ts`) plus any operator layers added at run time
 * (`placesFromGeoJson` + `add`). Names and alternative names of every language are searched
 * whatever the UI language is. Text is folded with `normalizeForSearch` (hamza and alef forms, ta
 * marbuta, alef maqsura, tashkeel, Arabic-Indic digits, Sorani letters) and Latin diacritics
 * (`nameTokens` in `arabic.ts`); the Arabic article and its proclitics are optional (`كراده` finds
 * الكرادة, `بالكرادة` too), as are Latin articles and doubled letters (`Karada` finds Karrada,
 * `al kut` finds Kut). Words a caller wraps a place in ("قرب", "في", "منطقة", "near") may be left
 * unmatched.
 *
 * Ranking, best first: a place that matches more of the caller's optional words ("ساحة", "مستشفى");
 * then the tier — the query is a whole name; a name starts with it; every query word starts a word
 * of one name; it matches an alternative name; its words are spread over several names; only a
 * substring matched — then how well each word matched; then the place's prominence: its kind, its
 * population and, when `near` is given, its closeness (a neighbourhood of the city the call comes
 * from before a far town of the same name).
 *
 * The index (a sorted word dictionary with postings, as in `typeSearch.ts`) is built once, and
 * again on `add`; a query only walks the dictionary ranges its words are prefixes of.
 */

/**
 * Words a caller puts around a place ("قرب ساحة التحرير", "في منطقة الكرادة", "near Tahrir
 * Square"): a place need not match them, but one that does ranks first. They count only as whole
 * words, so a half-typed word is never skipped.
 */
const OPTIONAL_WORDS = new Set(
  [
    // Arabic (MSA and Iraqi): prepositions and generic place words
    'في',
    'فى',
    'قرب',
    'قريب',
    'جنب',
    'بجنب',
    'جانب',
    'بجانب',
    'يم',
    'مقابل',
    'خلف',
    'ورا',
    'عند',
    'من',
    'الى',
    'على',
    'منطقة',
    'المنطقة',
    'حي',
    'محلة',
    'قضاء',
    'ناحية',
    'محافظة',
    'مدينة',
    'ساحة',
    'شارع',
    'جسر',
    'مستشفى',
    'جامع',
    'مسجد',
    'سوق',
    'مطار',
    'جامعة',
    // Sorani
    'لە',
    'نزیک',
    'نزیکی',
    'تەنیشت',
    'تەنیشتی',
    'بەرامبەر',
    'گەڕەک',
    'گەڕەکی',
    'شاری',
    'شەقامی',
    'پردی',
    'گۆڕەپانی',
    'ناوچەی',
    'نەخۆشخانەی',
    // English
    'near',
    'in',
    'at',
    'on',
    'by',
    'the',
    'of',
    'to',
    'next',
    'opposite',
    'behind',
    'street',
    'st',
    'square',
    'sq',
    'bridge',
    'district',
    'area',
    'city',
    'hospital',
    'mosque',
    'market',
    'airport',
    'university',
    // Latin articles of romanized names: "al zakho" finds Zakho, whose names have none
    ...LATIN_ARTICLES,
  ].flatMap(nameTokens),
);
// The index

export interface PlaceSearchOptions {
  /** Most hits returned; default `DEFAULT_PLACE_SEARCH_LIMIT`. */
  readonly limit?: number;
  /** Where the call is (or the dispatcher's area): nearer places rank first within a tier. */
  readonly near?: LatLon;
}

/**
 * How a hit matched, best first: for highlighting and for tests. `sounds`: a word matched only by
 * its consonants across scripts (`AMIRIYA` → العامرية, see `transliterationKeys`).
 */
export type PlaceMatch = 'exact' | 'prefix' | 'words' | 'alt' | 'mixed' | 'sounds' | 'substring';

export interface PlaceHit {
  readonly id: string;
  readonly place: GazetteerPlace;
  readonly match: PlaceMatch;
  /** Higher is better; only meaningful for comparing hits of one query. */
  readonly score: number;
  /** Metres from `near`, when it was given. */
  readonly distanceM?: number;
}

export interface PlaceSearch {
  /** Ranked hits, best first; nothing for an empty query. Uses no `this`: safe to pass around. */
  readonly search: (query: string, options?: PlaceSearchOptions) => PlaceHit[];
  /** Adds places (an operator layer loaded at run time); a place with a known id replaces it. */
  readonly add: (places: readonly GazetteerPlace[]) => void;
  /** Takes out places added with `add` (a station no longer in the roster). */
  readonly remove: (ids: readonly string[]) => void;
  /** How many places are searched. */
  readonly size: () => number;
}

/**
 * The index of a list of places, built once and never changed: the shipped gazetteer's (~22,000
 * places) is built at start and may be shared by every search made from it (`createPlaceSearch`).
 */
export interface PlaceIndex {
  readonly size: number;
  /** @internal */
  readonly entries: readonly IndexedPlace[];
  /** @internal */
  readonly ids: ReadonlyMap<string, number>;
  /** @internal Per-entry match ranks of each query word, best `limit` candidates. */
  readonly collect: (query: ParsedQuery, limit: number, hidden: ReadonlySet<string>) => Candidate[];
}

export const DEFAULT_PLACE_SEARCH_LIMIT = 10;

const MAX_QUERY_WORDS = 8;
/** Shorter fragments would match inside nearly every name. */
const SUBSTRING_MIN_LENGTH = 3;
const LATIN_LETTERS = /^[a-z]+$/;

// Where a query word was found (0: not at all).
const WORD_EXACT_NAME = 6;
const WORD_NAME_PREFIX = 5;
const WORD_EXACT_ALT = 4;
const WORD_ALT_PREFIX = 3;
const WORD_SOUNDS = 2;
const WORD_SUBSTRING = 1;

// What a dictionary word of a place is: a word of a name, of an alternative name, or a key.
const FROM_NAME = 0;
const FROM_ALT = 1;
const FROM_KEY = 2;
const EXACT_RANK = Uint8Array.of(WORD_EXACT_NAME, WORD_EXACT_ALT, WORD_SOUNDS);
const PREFIX_RANK = Uint8Array.of(WORD_NAME_PREFIX, WORD_ALT_PREFIX, 0);

const TIERS: readonly PlaceMatch[] = ['substring', 'sounds', 'mixed', 'alt', 'words', 'prefix', 'exact'];
const TIER_EXACT = 7;
const TIER_PREFIX = 6;
const TIER_WORDS = 5;
const TIER_ALT = 4;
const TIER_MIXED = 3;
const TIER_SOUNDS = 2;
const TIER_SUBSTRING = 1;

// Score = optional words matched, then tier, then word ranks, then prominence; each weight is
// larger than everything below it can add up to (8 words × 6 × 20 = 960 < 1000; prominence < 12 < 20;
// 7 tiers × 1000 + 960 < 10000).
const OPTIONAL_WEIGHT = 10_000;
const TIER_WEIGHT = 1_000;
const WORD_WEIGHT = 20;

/** A place's own weight when nothing else tells places apart: at most 4. */
const KIND_WEIGHT: Readonly<Record<PlaceKind, number>> = {
  city: 4,
  governorate: 3.5,
  town: 3,
  landmark: 2.5,
  neighbourhood: 2.5,
  station: 2.5,
  district: 2,
  subdistrict: 1.5,
  village: 1,
};
/** log10(population) / 4: 1.75 for Baghdad, 0.8 for a town of 2,000. */
const POPULATION_WEIGHT = 0.25;
/** Up to 6 points for being where the call is, halving about every 17 km. */
const NEAR_WEIGHT = 6;
const NEAR_SCALE_M = 25_000;

interface IndexedText {
  /** The name's tokens joined by one space. */
  readonly text: string;
  /** The same with bare words (see `bareWord`). */
  readonly bare: string;
  /** Tokens and their bare forms. */
  readonly words: readonly string[];
  /** Transliteration keys of its words (one per word: the plain reading). */
  readonly keys: readonly string[];
}

/** @internal */
export interface IndexedPlace {
  readonly place: GazetteerPlace;
  readonly names: readonly IndexedText[];
  readonly alts: readonly IndexedText[];
  /** Every name and alternative, for the substring fallback. */
  readonly haystack: string;
  /** Kind and population; nearness is added per query. */
  readonly prominence: number;
  /** Length of the shortest name: a closer fit among equals. */
  readonly shortest: number;
}

/** @internal A query as every index reads it. */
export interface ParsedQuery {
  readonly tokens: readonly string[];
  readonly isOptional: readonly boolean[];
  /** Latin articles: optional words that count for nothing. */
  readonly isArticle: readonly boolean[];
  /** Per token, the transliteration keys it may match (none for optional words). */
  readonly keys: readonly (readonly string[])[];
  readonly near: LatLon | undefined;
  readonly shapeOf: (matched: number) => QueryShape;
}

/** @internal One place that matched, with its score. */
export interface Candidate {
  readonly entry: IndexedPlace;
  readonly score: number;
  readonly tier: number;
  readonly distance: number;
}

function indexText(text: string): IndexedText | undefined {
  const tokens = nameTokens(text);
  if (tokens.length === 0) return undefined;
  const bare = bareTokens(tokens);
  const keys: string[] = [];
  for (const token of tokens) {
    const key = transliterationKey(token);
    if (key !== undefined) keys.push(key);
  }
  const words = tokens.slice();
  for (const word of bare) if (!words.includes(word)) words.push(word);
  return { text: tokens.join(' '), bare: bare.join(' '), words, keys };
}

function indexPlace(place: GazetteerPlace): IndexedPlace {
  const texts = (list: readonly (string | undefined)[]) => {
    const indexed: IndexedText[] = [];
    for (const text of list) {
      const one = text === undefined ? undefined : indexText(text);
      if (one !== undefined) indexed.push(one);
    }
    return indexed;
  };
  const names = texts([place.name.ar, place.name.en, place.name.ckb]);
  const alts = place.alt ? texts([...(place.alt.ar ?? []), ...(place.alt.en ?? []), ...(place.alt.ckb ?? [])]) : [];
  const population = place.pop !== undefined && place.pop > 1 ? Math.log10(place.pop) * POPULATION_WEIGHT : 0;
  let shortest = Number.POSITIVE_INFINITY;
  for (const name of names) shortest = Math.min(shortest, name.text.length);
  return {
    place,
    names,
    alts,
    haystack: [...names, ...alts].map((text) => text.text).join('\n'),
    prominence: KIND_WEIGHT[place.kind] + population,
    shortest,
  };
}

function lowerBound(words: readonly string[], target: string): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((words[middle] ?? '') < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Every query word (in one of its forms) starts a word of the text. */
function covers(text: IndexedText, queryForms: readonly (readonly string[])[]): boolean {
  return queryForms.every((forms) => forms.some((form) => text.words.some((word) => word.startsWith(form))));
}

function matchesPhrase(text: IndexedText, query: QueryShape): 'exact' | 'prefix' | undefined {
  if (text.text === query.phrase || text.bare === query.barePhrase) return 'exact';
  if (text.text.startsWith(query.phrase) || text.bare.startsWith(query.barePhrase)) return 'prefix';
  return undefined;
}

/** @internal The matched query words, prepared once per query (and once more per place that skipped one). */
export interface QueryShape {
  readonly phrase: string;
  readonly barePhrase: string;
  readonly forms: readonly (readonly string[])[];
}

function queryShape(tokens: readonly string[]): QueryShape {
  return { phrase: tokens.join(' '), barePhrase: bareTokens(tokens).join(' '), forms: tokens.map(wordForms) };
}

/** The tier of a place that every matched query word found as (a prefix of) a word. */
function classify(entry: IndexedPlace, query: QueryShape): number {
  let prefix = false;
  for (const name of entry.names) {
    const match = matchesPhrase(name, query);
    if (match === 'exact') return TIER_EXACT;
    if (match === 'prefix') prefix = true;
  }
  if (prefix) return TIER_PREFIX;
  if (entry.names.some((name) => covers(name, query.forms))) return TIER_WORDS;
  if (entry.alts.some((alt) => matchesPhrase(alt, query) !== undefined || covers(alt, query.forms))) return TIER_ALT;
  return TIER_MIXED;
}

/** Order of hits: score, then the shorter name (the closer fit), then id, so that ties are stable. */
function ranksAbove(score: number, entry: IndexedPlace, other: Candidate): boolean {
  if (score !== other.score) return score > other.score;
  if (entry.shortest !== other.entry.shortest) return entry.shortest < other.entry.shortest;
  return entry.place.id < other.entry.place.id;
}

/** Keeps the best `limit` in order: far cheaper than sorting every candidate of a short prefix. */
function insertRanked(best: Candidate[], candidate: Candidate, limit: number): void {
  let at = best.length;
  while (at > 0) {
    const before = best[at - 1];
    if (before === undefined || !ranksAbove(candidate.score, candidate.entry, before)) break;
    at--;
  }
  best.splice(at, 0, candidate);
  if (best.length > limit) best.pop();
}

/** Postings being collected (term, entry, where from), each term once per entry with its best origin. */
class Postings {
  private term = new Int32Array(1 << 14);
  private entry = new Int32Array(1 << 14);
  private from = new Uint8Array(1 << 14);
  private length = 0;
  // Where in the arrays each term's posting of the current entry is (-1: none yet).
  private slotOfTerm = new Int32Array(1 << 12).fill(-1);

  note(term: number, entry: number, from: number): void {
    if (term >= this.slotOfTerm.length) {
      const grown = new Int32Array(this.slotOfTerm.length * 2).fill(-1);
      grown.set(this.slotOfTerm);
      this.slotOfTerm = grown;
    }
    const slot = this.slotOfTerm[term] ?? -1;
    if (slot >= 0 && this.entry[slot] === entry) {
      if (from < (this.from[slot] ?? 0)) this.from[slot] = from;
      return;
    }
    if (this.length === this.term.length) this.grow();
    this.term[this.length] = term;
    this.entry[this.length] = entry;
    this.from[this.length] = from;
    this.slotOfTerm[term] = this.length;
    this.length++;
  }

  private grow(): void {
    const size = this.term.length * 2;
    const term = new Int32Array(size);
    const entry = new Int32Array(size);
    const from = new Uint8Array(size);
    term.set(this.term);
    entry.set(this.entry);
    from.set(this.from);
    [this.term, this.entry, this.from] = [term, entry, from];
  }

  /** The postings grouped by term (in the order `position` gives), entries ascending within a term. */
  layOut(terms: number, position: (term: number) => number): LaidOut {
    const start = new Int32Array(terms + 1);
    for (let p = 0; p < this.length; p++) {
      const slot = position(this.term[p] ?? 0) + 1;
      start[slot] = (start[slot] ?? 0) + 1;
    }
    for (let t = 0; t < terms; t++) start[t + 1] = (start[t + 1] ?? 0) + (start[t] ?? 0);
    const cursor = start.slice(0, terms);
    const entry = new Int32Array(this.length);
    const exact = new Uint8Array(this.length);
    const prefix = new Uint8Array(this.length);
    for (let p = 0; p < this.length; p++) {
      const at = position(this.term[p] ?? 0);
      const to = cursor[at] ?? 0;
      cursor[at] = to + 1;
      const from = this.from[p] ?? FROM_KEY;
      entry[to] = this.entry[p] ?? 0;
      exact[to] = EXACT_RANK[from] ?? 0;
      prefix[to] = PREFIX_RANK[from] ?? 0;
    }
    return { start, entry, exact, prefix };
  }
}

interface LaidOut {
  /** Term t's postings are [start[t], start[t + 1]). */
  readonly start: Int32Array;
  readonly entry: Int32Array;
  readonly exact: Uint8Array;
  readonly prefix: Uint8Array;
}

function termId(ids: Map<string, number>, term: string): number {
  let id = ids.get(term);
  if (id === undefined) ids.set(term, (id = ids.size));
  return id;
}

/**
 * Indexes places: a sorted word dictionary (names' words, their bare forms, and transliteration
 * keys) with flat postings in the same order, so that the words a query word is a prefix of are one
 * contiguous range and so are their postings. A later place with the id of an earlier one replaces it.
 */
export function buildPlaceIndex(places: readonly GazetteerPlace[]): PlaceIndex {
  const entries: IndexedPlace[] = [];
  const ids = new Map<string, number>();
  for (const place of places) {
    const indexed = indexPlace(place);
    if (indexed.names.length === 0 && indexed.alts.length === 0) continue;
    const known = ids.get(place.id);
    if (known === undefined) {
      ids.set(place.id, entries.length);
      entries.push(indexed);
    } else entries[known] = indexed;
  }

  // Postings as parallel arrays of (term, entry, where from), one per term of an entry. Words and
  // keys are numbered apart: words are sorted (prefix look-ups), keys only ever looked up whole.
  const wordIds = new Map<string, number>();
  const keyIds = new Map<string, number>();
  const words = new Postings();
  const keys = new Postings();
  entries.forEach((entry, index) => {
    for (const name of entry.names) {
      for (const word of name.words) words.note(termId(wordIds, word), index, FROM_NAME);
      for (const key of name.keys) keys.note(termId(keyIds, key), index, FROM_KEY);
    }
    for (const alt of entry.alts) {
      for (const word of alt.words) words.note(termId(wordIds, word), index, FROM_ALT);
      for (const key of alt.keys) keys.note(termId(keyIds, key), index, FROM_KEY);
    }
  });

  // Sort the dictionary, then lay the postings out by word (a counting sort keeps entries in order).
  const dictionary = [...wordIds.keys()].sort();
  const sortedId = new Int32Array(dictionary.length);
  dictionary.forEach((word, position) => {
    sortedId[wordIds.get(word) ?? 0] = position;
  });
  const wordPostings = words.layOut(dictionary.length, (id) => sortedId[id] ?? 0);
  const keyPostings = keys.layOut(keyIds.size, (id) => id);

  // Every entry's haystack in one string, so that the substring fallback is a few native `indexOf`
  // calls instead of one `includes` per place. NUL never survives tokenizing: no token matches across two.
  const haystackStarts = new Int32Array(entries.length + 1);
  let offset = 0;
  entries.forEach((entry, index) => {
    haystackStarts[index] = offset;
    offset += entry.haystack.length + 1;
  });
  haystackStarts[entries.length] = offset;
  const haystacks = entries.map((entry) => `${entry.haystack}\u0000`).join('');
  // One rank array per query word, reused by every search: a query allocates almost nothing, so
  // typing does not feed the garbage collector.
  const rankBuffers = Array.from({ length: MAX_QUERY_WORDS }, () => new Uint8Array(entries.length));

  /** The entry whose haystack holds this offset of `haystacks`. */
  function entryAt(at: number): number {
    let low = 0;
    let high = entries.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((haystackStarts[middle] ?? 0) <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Raises `ranks` to the ranks of postings [from, to) of a layout. */
  function apply(ranks: Uint8Array, postings: LaidOut, from: number, to: number, rankOf: Uint8Array): void {
    for (let p = from; p < to; p++) {
      const entry = postings.entry[p] ?? 0;
      const rank = rankOf[p] ?? 0;
      if (rank > (ranks[entry] ?? 0)) ranks[entry] = rank;
    }
  }

  /** Per entry, how well one query word matched (0: not at all), in the given buffer. */
  function rankWord(token: string, keys: readonly string[], wholeWordsOnly: boolean, ranks: Uint8Array): void {
    ranks.fill(0);
    for (const form of wordForms(token)) {
      const low = lowerBound(dictionary, form);
      let next = low;
      const { start } = wordPostings;
      if (dictionary[low] === form) {
        apply(ranks, wordPostings, start[low] ?? 0, start[low + 1] ?? 0, wordPostings.exact);
        next = low + 1;
      }
      if (wholeWordsOnly) continue;
      // Every word that starts with the form sorts before form + U+FFFF.
      const high = lowerBound(dictionary, `${form}\uffff`);
      apply(ranks, wordPostings, start[next] ?? 0, start[high] ?? 0, wordPostings.prefix);
    }
    for (const key of keys) {
      const id = keyIds.get(key);
      if (id !== undefined)
        apply(ranks, keyPostings, keyPostings.start[id] ?? 0, keyPostings.start[id + 1] ?? 0, keyPostings.exact);
    }
    if (!wholeWordsOnly && token.length >= SUBSTRING_MIN_LENGTH) {
      for (let at = haystacks.indexOf(token); at !== -1;) {
        const entry = entryAt(at);
        if (ranks[entry] === 0) ranks[entry] = WORD_SUBSTRING;
        at = haystacks.indexOf(token, haystackStarts[entry + 1] ?? haystacks.length);
      }
    }
  }

  function collect(query: ParsedQuery, limit: number, hidden: ReadonlySet<string>): Candidate[] {
    const { tokens, isOptional, isArticle, near } = query;
    const ranks = tokens.map((token, index) => {
      const buffer = rankBuffers[index] ?? new Uint8Array(entries.length);
      rankWord(token, query.keys[index] ?? [], isOptional[index] === true, buffer);
      return buffer;
    });
    const allMatched = (1 << tokens.length) - 1;
    const best: Candidate[] = [];
    for (let index = 0; index < entries.length; index++) {
      let wordSum = 0;
      let optionalHits = 0;
      let matched = 0;
      let lowestTier = TIER_EXACT;
      let missing = false;
      for (let t = 0; t < tokens.length; t++) {
        const rank = ranks[t]?.[index] ?? 0;
        if (rank === 0) {
          if (isOptional[t] !== true) {
            missing = true;
            break;
          }
          continue;
        }
        matched |= 1 << t;
        // A Latin article ("al" of AL-AMIRIYA) tells nothing about the place: it neither lifts it
        // above others nor counts as a word matched.
        if (isArticle[t] === true) continue;
        if (isOptional[t] === true) optionalHits++;
        if (rank === WORD_SUBSTRING) lowestTier = TIER_SUBSTRING;
        else if (rank === WORD_SOUNDS && lowestTier > TIER_SOUNDS) lowestTier = TIER_SOUNDS;
        wordSum += rank;
      }
      if (missing) continue;
      const entry = entries[index];
      if (entry === undefined || (hidden.size > 0 && hidden.has(entry.place.id))) continue;
      let prominence = entry.prominence;
      let distance = Number.NaN;
      if (near !== undefined) {
        distance = distanceM(near, entry.place);
        prominence += NEAR_WEIGHT * Math.exp(-distance / NEAR_SCALE_M);
      }
      const base = optionalHits * OPTIONAL_WEIGHT + wordSum * WORD_WEIGHT + prominence;
      const worst = best.length === limit ? best[limit - 1] : undefined;
      // Even an exact name would not make the list: skip the tier work.
      if (worst !== undefined && base + lowestTier * TIER_WEIGHT < worst.score) continue;
      const tier =
        lowestTier < TIER_MIXED
          ? lowestTier
          : classify(entry, query.shapeOf(matched === allMatched ? allMatched : matched));
      const score = base + tier * TIER_WEIGHT;
      if (worst !== undefined && !ranksAbove(score, entry, worst)) continue;
      insertRanked(best, { entry, score, tier, distance }, limit);
    }
    return best;
  }

  return { size: entries.length, entries, ids, collect };
}

function parseQuery(query: string, near: LatLon | undefined): ParsedQuery | undefined {
  const tokens = nameTokens(query).slice(0, MAX_QUERY_WORDS);
  if (tokens.length === 0) return undefined;
  const isOptional = tokens.map((token) => OPTIONAL_WORDS.has(token));
  if (isOptional.every(Boolean)) isOptional.fill(false);
  // The query as a place matched it: all words, or all but some optional ones (one shape per
  // subset of words, at most 2^8, built on first use).
  const shapes = new Map<number, QueryShape>();
  return {
    tokens,
    isOptional,
    isArticle: tokens.map((token, index) => isOptional[index] === true && LATIN_ARTICLES.has(token)),
    // Only Latin words are matched by their sounds (an ALI address, a name read out in English):
    // an Arabic word is typed as it is spelt, and its key would match far too much.
    keys: tokens.map((token, index) =>
      isOptional[index] === true || !LATIN_LETTERS.test(token) ? [] : transliterationKeys(token),
    ),
    near,
    shapeOf: (matched) => {
      let shape = shapes.get(matched);
      if (shape === undefined) {
        shape = queryShape(tokens.filter((_, t) => (matched & (1 << t)) !== 0));
        shapes.set(matched, shape);
      }
      return shape;
    },
  };
}

/**
 * A search over a base index (the shipped gazetteer, built once, possibly shared) and places added
 * at run time (operator layers, the roster's stations), which are indexed apart and may replace a
 * base place of the same id; the two ranked lists are merged.
 */
export function createPlaceSearch(
  base: readonly GazetteerPlace[] | PlaceIndex,
  extra: readonly GazetteerPlace[] = [],
): PlaceSearch {
  const baseIndex = 'collect' in base ? base : buildPlaceIndex(base);
  const added = new Map<string, GazetteerPlace>();
  let overlay = buildPlaceIndex([]);
  let hidden = new Set<string>();

  function rebuildOverlay(): void {
    overlay = buildPlaceIndex([...added.values()]);
    hidden = new Set([...added.keys()].filter((id) => baseIndex.ids.has(id)));
  }

  function add(places: readonly GazetteerPlace[]): void {
    for (const place of places) added.set(place.id, place);
    rebuildOverlay();
  }

  function remove(ids: readonly string[]): void {
    let changed = false;
    for (const id of ids) changed = added.delete(id) || changed;
    if (changed) rebuildOverlay();
  }

  function search(query: string, options: PlaceSearchOptions = {}): PlaceHit[] {
    const limit = Math.floor(options.limit ?? DEFAULT_PLACE_SEARCH_LIMIT);
    const near = options.near !== undefined && isValidLatLon(options.near) ? options.near : undefined;
    const parsed = limit > 0 ? parseQuery(query, near) : undefined;
    if (parsed === undefined) return [];
    const best = baseIndex.collect(parsed, limit, hidden);
    if (overlay.size > 0)
      for (const candidate of overlay.collect(parsed, limit, new Set())) insertRanked(best, candidate, limit);
    return best.map(({ entry, score, tier, distance }) => ({
      id: entry.place.id,
      place: entry.place,
      match: TIERS[tier - 1] ?? 'substring',
      score,
      ...(Number.isNaN(distance) ? {} : { distanceM: distance }),
    }));
  }

  add(extra);
  return { search, add, remove, size: () => baseIndex.size - hidden.size + overlay.size };
}
