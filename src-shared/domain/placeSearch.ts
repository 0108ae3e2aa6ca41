import { finishSteps, type Steps } from './steps';
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
 * again on `add`; a query only walks the dictionary ranges its words are prefixes of, and scores
 * only the places its rarest word matched. A word that matches thousands ("ال", one letter, "قرية")
 * has them scored in order of standing until no place left can make the list; a place whose best
 * possible score cannot make it is skipped before its distance and tier are worked out. These
 * shortcuts never change the hits (bench/baseline keeps the search without them to compare).
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
/** The Arabic article at the start of a word of more than 3 letters. */
const SUBSTRING_ARTICLE = /^ال(?=..)/u;

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
/** A word matching this many places is scored in order of standing (see `byStanding`). */
const STANDING_SCAN_MIN = 1_500;
/** At most this many places of its best rank are scored before the others in order of standing. */
const TOP_RANK_FIRST_MAX = 1_000;
/** Slack when a bound is compared with a score summed in another order. */
const BOUND_MARGIN = 1e-6;

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
/**
 * No more than the radius `distanceM` uses: a chord between two points on the unit sphere times it
 * is never more than their distance (an arc is longer than its chord).
 */
const EARTH_RADIUS_MIN_M = 6_371_000;

function unitVector({ lat, lon }: LatLon): [number, number, number] {
  const phi = (lat * Math.PI) / 180;
  const lambda = (lon * Math.PI) / 180;
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

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

/** How well one query word matched each entry (0: not at all), and which entries it matched. */
class WordMatches {
  readonly rank: Uint8Array;
  /** The entries with a rank, [0, count). */
  readonly found: Int32Array;
  count = 0;
  /** The best rank of any entry. */
  highest = 0;

  constructor(entries: number) {
    this.rank = new Uint8Array(entries);
    this.found = new Int32Array(entries);
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.rank[this.found[i] ?? 0] = 0;
    this.count = 0;
    this.highest = 0;
  }

  raise(entry: number, rank: number): void {
    const was = this.rank[entry] ?? 0;
    if (rank <= was) return;
    if (was === 0) this.found[this.count++] = entry;
    this.rank[entry] = rank;
    if (rank > this.highest) this.highest = rank;
  }
}

function fewestMatched(matches: readonly WordMatches[]): WordMatches | undefined {
  let fewest: WordMatches | undefined;
  for (const one of matches) if (fewest === undefined || one.count < fewest.count) fewest = one;
  return fewest;
}

/** Which places a pass over candidates scores: all, those that match every counted word, or the others. */
type Pass = 'all' | 'full' | 'rest';

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
  return finishSteps(placeIndexSteps(places));
}

/** Places indexed between two pauses of `placeIndexSteps`: a few tens of milliseconds of work. */
const PLACES_PER_STEP = 2_000;

/**
 * `buildPlaceIndex` in steps: it pauses (yields) every few thousand places and between its phases,
 * so a host can index 21,000 places while it keeps answering (`buildPlaceIndexGradually`).
 */
export function* placeIndexSteps(places: readonly GazetteerPlace[]): Steps<PlaceIndex> {
  const entries: IndexedPlace[] = [];
  const ids = new Map<string, number>();
  let done = 0;
  for (const place of places) {
    if (++done % PLACES_PER_STEP === 0) yield;
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
  yield;
  for (const [index, entry] of entries.entries()) {
    if (index % PLACES_PER_STEP === PLACES_PER_STEP - 1) yield;
    for (const name of entry.names) {
      for (const word of name.words) words.note(termId(wordIds, word), index, FROM_NAME);
      for (const key of name.keys) keys.note(termId(keyIds, key), index, FROM_KEY);
    }
    for (const alt of entry.alts) {
      for (const word of alt.words) words.note(termId(wordIds, word), index, FROM_ALT);
      for (const key of alt.keys) keys.note(termId(keyIds, key), index, FROM_KEY);
    }
  }
  yield;

  // Sort the dictionary, then lay the postings out by word (a counting sort keeps entries in order).
  const dictionary = [...wordIds.keys()].sort();
  const sortedId = new Int32Array(dictionary.length);
  dictionary.forEach((word, position) => {
    sortedId[wordIds.get(word) ?? 0] = position;
  });
  const wordPostings = words.layOut(dictionary.length, (id) => sortedId[id] ?? 0);
  const keyPostings = keys.layOut(keyIds.size, (id) => id);
  yield;

  // The entries each whole name (as typed and bare) belongs to: only they can be an exact match.
  const entriesNamed = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    for (const name of entry.names)
      for (const text of [name.text, name.bare]) {
        const list = entriesNamed.get(text);
        if (list === undefined) entriesNamed.set(text, [index]);
        else if (list.at(-1) !== index) list.push(index);
      }
  });

  // The words of every name and alternative as written (not bare: "arad" is not in "karrada"), once
  // each, in one string with the entries of each: the substring fallback is a few native `indexOf`
  // calls over the distinct words rather than over every place's names. NUL never survives
  // tokenizing, so no query word matches across two words.
  yield;
  const writtenIds = new Map<string, number>();
  const written = new Postings();
  entries.forEach((entry, index) => {
    for (const text of [...entry.names, ...entry.alts])
      for (const word of text.text.split(' ')) written.note(termId(writtenIds, word), index, FROM_NAME);
  });
  const writtenWords = [...writtenIds.keys()];
  const writtenPostings = written.layOut(writtenWords.length, (id) => id);
  const writtenStarts = new Int32Array(writtenWords.length + 1);
  writtenWords.forEach((word, id) => {
    writtenStarts[id + 1] = (writtenStarts[id] ?? 0) + word.length + 1;
  });
  const writtenText = writtenWords.map((word) => `${word}\u0000`).join('');
  yield;
  // One rank array per query word, reused by every search: a query allocates little, so typing
  // does not feed the garbage collector.
  const wordMatches = Array.from({ length: MAX_QUERY_WORDS }, () => new WordMatches(entries.length));
  // Where each entry is, in objects of one shape (places read from different files have several).
  const points: readonly LatLon[] = entries.map(({ place }) => ({ lat: place.lat, lon: place.lon }));
  // Each entry as a point on the unit sphere: a chord is a cheap lower bound of a distance.
  const unitPoints = new Float64Array(entries.length * 3);
  points.forEach((point, index) => unitPoints.set(unitVector(point), index * 3));
  // The entries by what ranks them when their matches are alike (prominence, then name length and
  // id, as `ranksAbove`), and where each run of one prominence ends: a word matching thousands of
  // villages is scored from the top until no place left can make the list.
  const byStanding = Int32Array.from(entries.keys()).sort((a, b) => {
    const one = entries[a];
    const other = entries[b];
    if (one === undefined || other === undefined) return 0;
    if (one.prominence !== other.prominence) return other.prominence - one.prominence;
    if (one.shortest !== other.shortest) return one.shortest - other.shortest;
    return one.place.id < other.place.id ? -1 : one.place.id > other.place.id ? 1 : 0;
  });
  const standingRunEnd = new Int32Array(entries.length);
  for (let at = entries.length - 1; at >= 0; at--) {
    const next = entries[byStanding[at + 1] ?? -1];
    standingRunEnd[at] =
      next !== undefined && next.prominence === entries[byStanding[at] ?? 0]?.prominence
        ? (standingRunEnd[at + 1] ?? entries.length)
        : at + 1;
  }

  /** The written word at this offset of `writtenText`. */
  function writtenWordAt(at: number): number {
    let low = 0;
    let high = writtenWords.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((writtenStarts[middle] ?? 0) <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Raises the matches to the ranks of postings [from, to) of a layout. */
  function apply(matches: WordMatches, postings: LaidOut, from: number, to: number, rankOf: Uint8Array): void {
    for (let p = from; p < to; p++) matches.raise(postings.entry[p] ?? 0, rankOf[p] ?? 0);
  }

  /**
   * Per entry, how well one query word matched as a word (0: not at all), in the given buffer:
   * the dictionary words it is (a prefix of) and its transliteration keys.
   */
  function rankWord(token: string, keys: readonly string[], wholeWordsOnly: boolean, ranks: WordMatches): void {
    ranks.clear();
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
  }

  /** Marks the entries that hold the word only inside a word (the substring fallback). */
  function rankSubstrings(token: string, ranks: WordMatches): void {
    const { start, entry } = writtenPostings;
    // `indexOf` crawls over a pattern that starts with the article (it starts half the words):
    // look for the rest, then check the article is before it.
    const article = SUBSTRING_ARTICLE.exec(token)?.[0] ?? '';
    const rest = token.slice(article.length);
    for (let at = writtenText.indexOf(rest, article.length); at !== -1;) {
      const word = writtenWordAt(at - article.length);
      if (!writtenText.startsWith(article, at - article.length)) {
        at = writtenText.indexOf(rest, at + 1);
        continue;
      }
      for (let p = start[word] ?? 0; p < (start[word + 1] ?? 0); p++) {
        const index = entry[p] ?? 0;
        if (ranks.rank[index] === 0) ranks.raise(index, WORD_SUBSTRING);
      }
      at = writtenText.indexOf(rest, (writtenStarts[word + 1] ?? writtenText.length) + article.length);
    }
  }

  /**
   * Whether at least `limit` shown entries match every word that counts (every required word and
   * every optional one but the Latin articles) without a substring: each of them outscores any
   * place a substring would add (fewer optional words or a lower tier), so the fallback is skipped.
   */
  function enoughWholeMatches(
    query: ParsedQuery,
    ranks: readonly WordMatches[],
    limit: number,
    hidden: ReadonlySet<string>,
  ): boolean {
    const counted = ranks.filter((_, t) => query.isArticle[t] !== true);
    const fewest = fewestMatched(counted);
    let found = 0;
    for (let i = 0; fewest !== undefined && i < fewest.count; i++) {
      const index = fewest.found[i] ?? 0;
      let whole = true;
      for (let t = 0; whole && t < counted.length; t++) whole = (counted[t]?.rank[index] ?? 0) !== 0;
      if (!whole || (hidden.size > 0 && hidden.has(entries[index]?.place.id ?? ''))) continue;
      if (++found >= limit) return true;
    }
    return false;
  }

  function collect(query: ParsedQuery, limit: number, hidden: ReadonlySet<string>): Candidate[] {
    const { tokens, isOptional, isArticle, near } = query;
    const matches = tokens.map((token, index) => {
      const buffer = wordMatches[index] ?? new WordMatches(entries.length);
      rankWord(token, query.keys[index] ?? [], isOptional[index] === true, buffer);
      return buffer;
    });
    // Substrings only for required words long enough, and only when whole words found too few.
    const substringWords = tokens.flatMap((token, t) =>
      isOptional[t] !== true && token.length >= SUBSTRING_MIN_LENGTH ? [t] : [],
    );
    if (substringWords.length > 0 && !enoughWholeMatches(query, matches, limit, hidden))
      for (const t of substringWords) {
        const buffer = matches[t];
        if (buffer !== undefined) rankSubstrings(tokens[t] ?? '', buffer);
      }
    // Only the entries of the required word that matched fewest can match; the best `limit` of a
    // total order (score, name length, id) do not depend on the order they are looked at in.
    const ranks = matches.map((buffer) => buffer.rank);
    const driver = fewestMatched(matches.filter((_, t) => isOptional[t] !== true));
    if (driver === undefined) return [];
    const allMatched = (1 << tokens.length) - 1;
    // Per set of matched words, the entries one of whose names is exactly those words.
    const exactEntries = new Map<number, ReadonlySet<number>>();
    const namedExactly = (matched: number, index: number): boolean => {
      let named = exactEntries.get(matched);
      if (named === undefined) {
        const shape = query.shapeOf(matched);
        named = new Set([...(entriesNamed.get(shape.phrase) ?? []), ...(entriesNamed.get(shape.barePhrase) ?? [])]);
        exactEntries.set(matched, named);
      }
      return named.has(index);
    };
    const best: Candidate[] = [];
    const nearUnit = near === undefined ? undefined : unitVector(near);
    // The words whose matching counts (all but the Latin articles).
    let countedWords = 0;
    for (let t = 0; t < tokens.length; t++) if (isArticle[t] !== true) countedWords |= 1 << t;
    const consider = (index: number, pass: Pass): void => {
      let wordSum = 0;
      let optionalHits = 0;
      let matched = 0;
      let lowestTier = TIER_EXACT;
      let lowestRank = WORD_EXACT_NAME;
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
        if (rank < lowestRank) lowestRank = rank;
        wordSum += rank;
      }
      if (missing) return;
      const full = (matched & countedWords) === countedWords;
      if (full ? pass === 'rest' : pass === 'full') return;
      const entry = entries[index];
      if (entry === undefined || (hidden.size > 0 && hidden.has(entry.place.id))) return;
      const worst = best.length === limit ? best[limit - 1] : undefined;
      // The best tier the place can have (see `classify`): an exact name needs one of its names to
      // be the words; a name's start or words, every word starting a word of one name.
      const highestTier =
        lowestTier < TIER_MIXED
          ? lowestTier
          : lowestRank === WORD_EXACT_NAME && namedExactly(matched, index)
            ? TIER_EXACT
            : lowestRank >= WORD_NAME_PREFIX
              ? TIER_PREFIX
              : TIER_ALT;
      const point = points[index] ?? entry.place;
      // Most places of a short prefix are too far down to make the list even at the caller's door,
      // or even as near as their latitude allows: skip the distance (with a margin: this sum is
      // not added in the score's order).
      if (worst !== undefined && nearUnit !== undefined) {
        const lowest =
          worst.score -
          BOUND_MARGIN -
          (optionalHits * OPTIONAL_WEIGHT + wordSum * WORD_WEIGHT + highestTier * TIER_WEIGHT + entry.prominence);
        if (lowest > NEAR_WEIGHT) return;
        if (lowest > 0) {
          const dx = (unitPoints[index * 3] ?? 0) - nearUnit[0];
          const dy = (unitPoints[index * 3 + 1] ?? 0) - nearUnit[1];
          const dz = (unitPoints[index * 3 + 2] ?? 0) - nearUnit[2];
          const closest = Math.sqrt(dx * dx + dy * dy + dz * dz) * EARTH_RADIUS_MIN_M;
          if (NEAR_WEIGHT * Math.exp(-closest / NEAR_SCALE_M) < lowest) return;
        }
      }
      let prominence = entry.prominence;
      let distance = Number.NaN;
      if (near !== undefined) {
        distance = distanceM(near, point);
        prominence += NEAR_WEIGHT * Math.exp(-distance / NEAR_SCALE_M);
      }
      const base = optionalHits * OPTIONAL_WEIGHT + wordSum * WORD_WEIGHT + prominence;
      // Even at its best tier the place would not make the list (nor win a tie): skip the tier work.
      if (worst !== undefined && !ranksAbove(base + highestTier * TIER_WEIGHT, entry, worst)) return;
      const tier =
        lowestTier < TIER_MIXED
          ? lowestTier
          : classify(entry, query.shapeOf(matched === allMatched ? allMatched : matched));
      const score = base + tier * TIER_WEIGHT;
      if (worst !== undefined && !ranksAbove(score, entry, worst)) return;
      insertRanked(best, { entry, score, tier, distance }, limit);
    };
    // The most any place can score but for its prominence: every optional word, the best rank
    // each word reached, and an exact name if one can be.
    let bestRanks = 0;
    let optionalWords = 0;
    for (let t = 0; t < tokens.length; t++) {
      if (isArticle[t] === true) continue;
      bestRanks += matches[t]?.highest ?? 0;
      if (isOptional[t] === true) optionalWords++;
    }
    // An exact name is possible only if some place is named by the required words and some of
    // the optional ones.
    let requiredWords = 0;
    let optionalBits = 0;
    for (let t = 0; t < tokens.length; t++)
      if (isOptional[t] === true) optionalBits |= 1 << t;
      else requiredWords |= 1 << t;
    let exactPossible = false;
    for (let some = optionalBits; !exactPossible; some = (some - 1) & optionalBits) {
      const shape = query.shapeOf(requiredWords | some);
      exactPossible = entriesNamed.has(shape.phrase) || entriesNamed.has(shape.barePhrase);
      if (some === 0) break;
    }
    const tierMost = (exactPossible ? TIER_EXACT : TIER_PREFIX) * TIER_WEIGHT;
    const nearMost = near === undefined ? 0 : NEAR_WEIGHT;
    const visit = (list: WordMatches, pass: Pass): void => {
      if (list.count < STANDING_SCAN_MIN) {
        for (let i = 0; i < list.count; i++) consider(list.found[i] ?? 0, pass);
        return;
      }
      // The few places the word matched best ("ال" as a whole word) first; then the others, whose
      // bound has the word's next best rank.
      let topCount = 0;
      let nextRank = 0;
      for (let i = 0; i < list.count; i++) {
        const rank = list.rank[list.found[i] ?? 0] ?? 0;
        if (rank === list.highest) topCount++;
        else if (rank > nextRank) nextRank = rank;
      }
      let doneRank = 0;
      let ranksMost = bestRanks;
      if (topCount <= TOP_RANK_FIRST_MAX) {
        for (let i = 0; i < list.count; i++) {
          const index = list.found[i] ?? 0;
          if (list.rank[index] === list.highest) consider(index, pass);
        }
        doneRank = list.highest;
        ranksMost = bestRanks - list.highest + nextRank;
      }
      // A place that misses an optional word has one fewer.
      const unweightedMost =
        (pass === 'rest' ? Math.max(0, optionalWords - 1) : optionalWords) * OPTIONAL_WEIGHT + ranksMost * WORD_WEIGHT;
      for (let at = 0; at < byStanding.length; at++) {
        const index = byStanding[at] ?? 0;
        const rank = list.rank[index] ?? 0;
        if (rank === 0 || rank === doneRank) continue;
        const worst = best.length === limit ? best[limit - 1] : undefined;
        const entry = entries[index];
        if (worst !== undefined && entry !== undefined) {
          // The most this place, or any after it, can score (summed as the score is, in the same
          // order, from parts no smaller: no place after it can beat the bound).
          const most = unweightedMost + (entry.prominence + nearMost) + tierMost;
          if (most < worst.score) break;
          // A tie goes by name length and id, the order of a run: the rest of the run loses it too.
          if (!ranksAbove(most, entry, worst)) {
            at = (standingRunEnd[at] ?? byStanding.length) - 1;
            continue;
          }
        }
        consider(index, pass);
      }
    };
    // A place that matches every optional word ranks above any that misses one: look at those
    // first, and at the others only when they are too few ("حي ال": the districts before every ال).
    const hasOptional = isOptional.some((optional, t) => optional && isArticle[t] !== true);
    const fullDriver = hasOptional ? fewestMatched(matches.filter((_, t) => isArticle[t] !== true)) : undefined;
    if (fullDriver === undefined) visit(driver, 'all');
    else {
      visit(fullDriver, 'full');
      if (best.length < limit) visit(driver, 'rest');
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
