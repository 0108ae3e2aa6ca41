import { bareTokens, LATIN_ARTICLES, nameTokens, wordForms } from './arabic';
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
// ---------------------------------------------------------------------------------------------
// The index

export interface PlaceSearchOptions {
  /** Most hits returned; default `DEFAULT_PLACE_SEARCH_LIMIT`. */
  readonly limit?: number;
  /** Where the call is (or the dispatcher's area): nearer places rank first within a tier. */
  readonly near?: LatLon;
}

/** How a hit matched, best first: for highlighting and for tests. */
export type PlaceMatch = 'exact' | 'prefix' | 'words' | 'alt' | 'mixed' | 'substring';

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
  /** How many places are searched. */
  readonly size: () => number;
}

export const DEFAULT_PLACE_SEARCH_LIMIT = 10;

const MAX_QUERY_WORDS = 8;
/** Shorter fragments would match inside nearly every name. */
const SUBSTRING_MIN_LENGTH = 3;

// Where a query word was found (0: not at all).
const WORD_EXACT_NAME = 6;
const WORD_NAME_PREFIX = 5;
const WORD_EXACT_ALT = 4;
const WORD_ALT_PREFIX = 3;
const WORD_SUBSTRING = 1;

const TIERS: readonly PlaceMatch[] = ['substring', 'mixed', 'alt', 'words', 'prefix', 'exact'];
const TIER_EXACT = 6;
const TIER_PREFIX = 5;
const TIER_WORDS = 4;
const TIER_ALT = 3;
const TIER_MIXED = 2;
const TIER_SUBSTRING = 1;

// Score = optional words matched, then tier, then word ranks, then prominence; each weight is
// larger than everything below it can add up to (8 words × 6 × 20 = 960 < 1000; prominence < 12 < 20).
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
}

interface IndexedPlace {
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

interface Posting {
  readonly entry: number;
  exact: number;
  prefix: number;
}

function indexText(text: string): IndexedText | undefined {
  const tokens = nameTokens(text);
  if (tokens.length === 0) return undefined;
  const bare = bareTokens(tokens);
  return { text: tokens.join(' '), bare: bare.join(' '), words: [...new Set([...tokens, ...bare])] };
}

function indexPlace(place: GazetteerPlace): IndexedPlace {
  const texts = (list: readonly (string | undefined)[]) =>
    list.flatMap((text) => {
      const indexed = text === undefined ? undefined : indexText(text);
      return indexed === undefined ? [] : [indexed];
    });
  const names = texts([place.name.ar, place.name.en, place.name.ckb]);
  const alts = texts([...(place.alt?.ar ?? []), ...(place.alt?.en ?? []), ...(place.alt?.ckb ?? [])]);
  const population = place.pop !== undefined && place.pop > 1 ? Math.log10(place.pop) * POPULATION_WEIGHT : 0;
  return {
    place,
    names,
    alts,
    haystack: [...names, ...alts].map((text) => text.text).join('\n'),
    prominence: KIND_WEIGHT[place.kind] + population,
    shortest: Math.min(...names.map((name) => name.text.length)),
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

/** The matched query words, prepared once per query (and once more per place that skipped one). */
interface QueryShape {
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

export function createPlaceSearch(
  places: readonly GazetteerPlace[],
  extra: readonly GazetteerPlace[] = [],
): PlaceSearch {
  const entries: IndexedPlace[] = [];
  const indexById = new Map<string, number>();
  // The word dictionary, sorted, with its postings flattened in the same order: the words a query
  // word is a prefix of are one contiguous range, and so are their postings.
  let dictionary: string[] = [];
  let wordStart = new Int32Array(1);
  let postEntry = new Int32Array(0);
  let postExact = new Uint8Array(0);
  let postPrefix = new Uint8Array(0);
  // Every entry's haystack in one string, so that the substring fallback is a few native
  // `indexOf` calls instead of one `includes` per place.
  let haystacks = '';
  let haystackStarts = new Int32Array(1);
  // One rank array per query word, reused by every search: a query allocates almost nothing,
  // so typing does not feed the garbage collector.
  let rankBuffers: Uint8Array[] = [];

  function rebuild(): void {
    const postings = new Map<string, Posting[]>();
    const post = (word: string, entry: number, exact: number, prefix: number) => {
      let list = postings.get(word);
      if (list === undefined) postings.set(word, (list = []));
      const last = list.at(-1);
      if (last?.entry === entry) {
        last.exact = Math.max(last.exact, exact);
        last.prefix = Math.max(last.prefix, prefix);
      } else list.push({ entry, exact, prefix });
    };
    entries.forEach((entry, index) => {
      for (const name of entry.names)
        for (const word of name.words) post(word, index, WORD_EXACT_NAME, WORD_NAME_PREFIX);
      for (const alt of entry.alts) for (const word of alt.words) post(word, index, WORD_EXACT_ALT, WORD_ALT_PREFIX);
    });
    dictionary = [...postings.keys()].sort();
    const total = [...postings.values()].reduce((sum, list) => sum + list.length, 0);
    wordStart = new Int32Array(dictionary.length + 1);
    postEntry = new Int32Array(total);
    postExact = new Uint8Array(total);
    postPrefix = new Uint8Array(total);
    let at = 0;
    dictionary.forEach((word, index) => {
      wordStart[index] = at;
      for (const posting of postings.get(word) ?? []) {
        postEntry[at] = posting.entry;
        postExact[at] = posting.exact;
        postPrefix[at] = posting.prefix;
        at++;
      }
    });
    wordStart[dictionary.length] = at;

    haystackStarts = new Int32Array(entries.length + 1);
    let offset = 0;
    entries.forEach((entry, index) => {
      haystackStarts[index] = offset;
      offset += entry.haystack.length + 1;
    });
    haystackStarts[entries.length] = offset;
    // NUL never survives tokenizing, so no token can match across two places.
    haystacks = entries.map((entry) => `${entry.haystack}\u0000`).join('');
    rankBuffers = Array.from({ length: MAX_QUERY_WORDS }, () => new Uint8Array(entries.length));
  }

  /** The entry whose haystack holds this offset of `haystacks`. */
  function entryAt(offset: number): number {
    let low = 0;
    let high = entries.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((haystackStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  function add(more: readonly GazetteerPlace[]): void {
    for (const place of more) {
      const indexed = indexPlace(place);
      if (indexed.names.length === 0 && indexed.alts.length === 0) continue;
      const known = indexById.get(place.id);
      if (known === undefined) {
        indexById.set(place.id, entries.length);
        entries.push(indexed);
      } else entries[known] = indexed;
    }
    rebuild();
  }

  /** Raises `ranks` to the postings' ranks in [from, to). */
  function apply(ranks: Uint8Array, from: number, to: number, rankOf: Uint8Array): void {
    for (let p = from; p < to; p++) {
      const entry = postEntry[p] ?? 0;
      const rank = rankOf[p] ?? 0;
      if (rank > (ranks[entry] ?? 0)) ranks[entry] = rank;
    }
  }

  /** Per entry, how well one query word matched (0: not at all), in the given buffer. */
  function rankWord(token: string, wholeWordsOnly: boolean, ranks: Uint8Array): Uint8Array {
    ranks.fill(0);
    for (const form of wordForms(token)) {
      const low = lowerBound(dictionary, form);
      let next = low;
      if (dictionary[low] === form) {
        apply(ranks, wordStart[low] ?? 0, wordStart[low + 1] ?? 0, postExact);
        next = low + 1;
      }
      if (wholeWordsOnly) continue;
      // Every word that starts with the form sorts before form + U+FFFF.
      const high = lowerBound(dictionary, `${form}\uffff`);
      apply(ranks, wordStart[next] ?? 0, wordStart[high] ?? 0, postPrefix);
    }
    if (!wholeWordsOnly && token.length >= SUBSTRING_MIN_LENGTH) {
      for (let at = haystacks.indexOf(token); at !== -1;) {
        const entry = entryAt(at);
        if (ranks[entry] === 0) ranks[entry] = WORD_SUBSTRING;
        at = haystacks.indexOf(token, haystackStarts[entry + 1] ?? haystacks.length);
      }
    }
    return ranks;
  }

  function search(query: string, options: PlaceSearchOptions = {}): PlaceHit[] {
    const limit = Math.floor(options.limit ?? DEFAULT_PLACE_SEARCH_LIMIT);
    const tokens = nameTokens(query).slice(0, MAX_QUERY_WORDS);
    if (tokens.length === 0 || limit <= 0) return [];
    const near = options.near !== undefined && isValidLatLon(options.near) ? options.near : undefined;

    const isOptional = tokens.map((token) => OPTIONAL_WORDS.has(token));
    if (isOptional.every(Boolean)) isOptional.fill(false);
    const ranks = tokens.map((token, index) =>
      rankWord(token, isOptional[index] === true, rankBuffers[index] ?? new Uint8Array(entries.length)),
    );
    // The query as this place matched it: all words, or all but some optional ones (one shape
    // per subset of words, at most 2^8, built on first use).
    const allMatched = (1 << tokens.length) - 1;
    const shapes = new Map<number, QueryShape>();
    const shapeOf = (matched: number) => {
      let shape = shapes.get(matched);
      if (shape === undefined) {
        shape = queryShape(tokens.filter((_, t) => (matched & (1 << t)) !== 0));
        shapes.set(matched, shape);
      }
      return shape;
    };

    const best: { entry: IndexedPlace; score: number; tier: number; distance: number }[] = [];
    for (let index = 0; index < entries.length; index++) {
      let wordSum = 0;
      let optionalHits = 0;
      let matched = 0;
      let substringOnly = false;
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
        if (isOptional[t] === true) optionalHits++;
        if (rank === WORD_SUBSTRING) substringOnly = true;
        wordSum += rank;
        matched |= 1 << t;
      }
      if (missing) continue;
      const entry = entries[index];
      if (entry === undefined) continue;
      let prominence = entry.prominence;
      let distance = Number.NaN;
      if (near !== undefined) {
        distance = distanceM(near, entry.place);
        prominence += NEAR_WEIGHT * Math.exp(-distance / NEAR_SCALE_M);
      }
      const base = optionalHits * OPTIONAL_WEIGHT + wordSum * WORD_WEIGHT + prominence;
      const worst = best.length === limit ? best[limit - 1] : undefined;
      // Even an exact name would not make the list: skip the tier work.
      if (worst !== undefined && base + TIER_EXACT * TIER_WEIGHT < worst.score) continue;
      const tier = substringOnly
        ? TIER_SUBSTRING
        : classify(entry, matched === allMatched ? shapeOf(allMatched) : shapeOf(matched));
      const score = base + tier * TIER_WEIGHT;
      if (worst !== undefined && !ranksAbove(score, entry, worst)) continue;
      // Keep the best `limit` in order: far cheaper than sorting every candidate of a short prefix.
      let at = best.length;
      while (at > 0) {
        const before = best[at - 1];
        if (before === undefined || !ranksAbove(score, entry, before)) break;
        at--;
      }
      best.splice(at, 0, { entry, score, tier, distance });
      if (best.length > limit) best.pop();
    }

    return best.map(({ entry, score, tier, distance }) => ({
      id: entry.place.id,
      place: entry.place,
      match: TIERS[tier - 1] ?? 'substring',
      score,
      ...(Number.isNaN(distance) ? {} : { distanceM: distance }),
    }));
  }

  add([...places, ...extra]);
  return { search, add, size: () => entries.length };
}

/** Order of hits: score, then the shorter name (the closer fit), then id, so that ties are stable. */
function ranksAbove(score: number, entry: IndexedPlace, other: { score: number; entry: IndexedPlace }): boolean {
  if (score !== other.score) return score > other.score;
  if (entry.shortest !== other.entry.shortest) return entry.shortest < other.entry.shortest;
  return entry.place.id < other.entry.place.id;
}
