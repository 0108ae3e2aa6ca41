/**
 * Search normalization for Arabic, Sorani and Latin text, so that a dispatcher typing fast finds
 * what was typed differently: `احمد` finds `أحمد`, `مدرسة` finds `مدرسه`, `٠٧٧٠` finds `0770`.
 * Applied to both the indexed text and the query; never to what is stored or shown.
 */

const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
const TATWEEL = /\u0640/g;

const LETTER_MAP: Readonly<Record<string, string>> = {
  // alef with hamza above/below, madda, wasla -> bare alef
  '\u0623': '\u0627',
  '\u0625': '\u0627',
  '\u0622': '\u0627',
  '\u0671': '\u0627',
  // hamza on waw / on yeh -> the bare carrier
  '\u0624': '\u0648',
  '\u0626': '\u064A',
  // ta marbuta -> heh; alef maqsura -> yeh
  '\u0629': '\u0647',
  '\u0649': '\u064A',
  // Persian/Sorani forms typed on Kurdish keyboards -> Arabic forms
  '\u06CC': '\u064A', // farsi yeh
  '\u06A9': '\u0643', // keheh
  '\u06D5': '\u0647', // ae (Sorani) -> heh
  '\u06C1': '\u0647', // heh goal
  // Letters Sorani and Iraqi Arabic write but an Arabic keyboard may lack, or that Iraqis type either
  // way (گ/ك, چ/ج, پ/ب). Recall matters more than the few words this merges.
  '\u0695': '\u0631', // ڕ -> ر
  '\u06B5': '\u0644', // ڵ -> ل
  '\u06C6': '\u0648', // ۆ -> و
  '\u06CE': '\u064A', // ێ -> ي
  '\u06BE': '\u0647', // ھ -> ه
  '\u06AF': '\u0643', // گ -> ك
  '\u0686': '\u062C', // چ -> ج
  '\u067E': '\u0628', // پ -> ب
  '\u06A4': '\u0641', // ڤ -> ف
  '\u0698': '\u0632', // ژ -> ز
};

const LETTERS = new RegExp(`[${Object.keys(LETTER_MAP).join('')}]`, 'g');
// Arabic-Indic (U+0660..) and Extended Arabic-Indic (U+06F0..) digits -> ASCII
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(LETTERS, (letter) => LETTER_MAP[letter] ?? letter)
    .replace(EASTERN_DIGITS, (digit) => String((digit.codePointAt(0) ?? 0) & 0xf))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a normalized query: letters and digits of any script. */
export function searchTokens(text: string): string[] {
  return normalizeForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Names of places and people: Latin folding, articles, doubled letters

// Latin combining marks (GeoNames' "Tikrīt", "Ḩadīthah") and the apostrophes of romanized ʿayn
// and hamza ("Ba'quba", "‘Anah"), which would otherwise split a word in two.
const LATIN_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /[\u02bb\u02bc\u02be\u02bf\u2018\u2019'`\u00b4]/g;

/**
 * Words of a name or query, folded further than `searchTokens`: Latin diacritics and the apostrophes
 * of romanized names removed, so "Tikrīt" and "Ba'quba" are one word each, as typed.
 */
export function nameTokens(text: string): string[] {
  // Plain ASCII (most Latin names and ALI addresses) needs none of the Unicode folding.
  if (ASCII.test(text)) return text.replace(APOSTROPHES, '').toLowerCase().split(ASCII_SEPARATORS).filter(nonEmpty);
  return searchTokens(text.normalize('NFD').replace(LATIN_MARKS, '').replace(APOSTROPHES, ''));
}

const ASCII = /^[ -~]*$/;
const ASCII_SEPARATORS = /[^a-z0-9]+/;
const nonEmpty = (token: string): boolean => token.length > 0;

// The Arabic article and its proclitics (و، ب، ف، ك، ل), kept when the rest would be too short.
const ARABIC_ARTICLE = /^(?:ال|وال|بال|فال|كال|لل)(?=.{3})/u;
const ARABIC_LETTER = /^[\u0600-\u06ff]/u;
const LATIN_WORD = /^[a-z]/;
export const LATIN_ARTICLES: ReadonlySet<string> = new Set([
  'al',
  'el',
  'ad',
  'adh',
  'an',
  'ar',
  'as',
  'ash',
  'at',
  'ath',
  'az',
]);

/** The word as it is compared when forms differ: no article; no final hamza; no doubled letters. */
export function bareWord(word: string): string {
  if (ARABIC_LETTER.test(word)) return word.replace(ARABIC_ARTICLE, '').replace(/(?<=.{2})اء$/u, 'ا');
  if (LATIN_WORD.test(word)) return word.replace(/([a-z])\1+/g, '$1');
  return word;
}

/** Bare words of a name or query; Latin articles ("al", "as") dropped unless nothing else is left. */
export function bareTokens(tokens: readonly string[]): string[] {
  const kept = tokens.filter((token) => !LATIN_ARTICLES.has(token));
  return (kept.length > 0 ? kept : tokens).map(bareWord);
}

/** A word as typed and, when it differs, its bare form: either may match. */
export function wordForms(token: string): string[] {
  const bare = bareWord(token);
  return bare === token ? [token] : [token, bare];
}

// ---------------------------------------------------------------------------------------------
// Transliteration keys: Latin ALI addresses against Arabic names

/**
 * Consonant classes of Arabic letters as `normalizeForSearch` leaves them. Vowels, weak letters
 * (ا و ي), ʿayn and hamza write nothing: a romanization spells them every which way (Amiriya,
 * Ameriya, 'Amiriyah). Letters that Iraqi romanizations swap fall into one class: the dentals
 * (Kadhimiya, Kathimiya, Thi Qar, Dhi Qar), ق with ك (Qurna, Gurna), خ with ك (Karkh), the sibilants.
 */
const ARABIC_CLASS: Readonly<Record<string, string>> = {
  ب: 'b',
  ت: 't',
  ط: 't',
  ث: 't',
  د: 't',
  ض: 't',
  ذ: 't',
  ظ: 't',
  ج: 'j',
  ح: 'h',
  ه: 'h',
  خ: 'k',
  ك: 'k',
  ق: 'k',
  غ: 'g',
  ر: 'r',
  ز: 'z',
  س: 's',
  ص: 's',
  ش: 's',
  ف: 'f',
  ل: 'l',
  م: 'm',
  ن: 'n',
};

/** Latin spellings of one sound, longest first; each maps to the classes it may stand for. */
const LATIN_SOUNDS: readonly (readonly [spelling: string, classes: readonly string[]])[] = [
  ['kh', ['k']],
  ['gh', ['g']],
  ['sh', ['s']],
  ['th', ['t']],
  ['dh', ['t']],
  ['ch', ['j']],
  ['ph', ['f']],
  ['ck', ['k']],
  ['b', ['b']],
  ['p', ['b']],
  ['t', ['t']],
  ['d', ['t']],
  // Kazimiya for الكاظمية: a Latin z may be a ز or one of the dentals.
  ['z', ['z', 't']],
  ['j', ['j']],
  ['h', ['h']],
  ['k', ['k']],
  ['q', ['k']],
  ['c', ['k']],
  // Iraqi g is most often ق (Gayyara), sometimes غ.
  ['g', ['k', 'g']],
  ['r', ['r']],
  ['s', ['s']],
  ['x', ['ks']],
  ['f', ['f']],
  ['v', ['f']],
  ['l', ['l']],
  ['m', ['m']],
  ['n', ['n']],
];
const LATIN_VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'w']);
/** Fewer consonants than this match far too many names to mean anything. */
const KEY_MIN_LENGTH = 2;
/** A word's Latin spelling rarely has more than a couple of ambiguous letters; cap the combinations. */
const KEY_MAX_VARIANTS = 8;

/** Appends a class unless it repeats the one just written (Latin doubles letters, Arabic writes a shadda). */
function append(key: string, added: string, adjacent: boolean): string {
  return adjacent && key.endsWith(added) ? key : key + added;
}

function arabicKey(word: string): string {
  let key = '';
  let adjacent = false;
  // ة is folded to ه: a final ه is the feminine ending romanizations write as -a / -ah / -e.
  const letters = word.endsWith('ه') ? word.slice(0, -1) : word;
  for (const letter of letters) {
    const added = ARABIC_CLASS[letter];
    if (added === undefined) {
      adjacent = false;
      continue;
    }
    key = append(key, added, adjacent);
    adjacent = true;
  }
  return key;
}

/** The first reading of each Latin spelling, for names being indexed (a query tries every reading). */
const LATIN_PLAIN: ReadonlyMap<string, string> = new Map(
  LATIN_SOUNDS.map(([spelling, classes]) => [spelling, classes[0] ?? '']),
);

/** A final h after a vowel: the feminine ending (Amiriyah), or a real ح (Salah). */
function isFinalVowelH(word: string, at: number): boolean {
  return at === word.length - 1 && at > 0 && word[at] === 'h' && LATIN_VOWELS.has(word[at - 1] ?? '');
}

/** The sound (one or two letters) at `at`: its spelling, or undefined for a letter no sound spells. */
function soundAt(word: string, at: number): string | undefined {
  const two = word.slice(at, at + 2);
  if (two.length === 2 && LATIN_PLAIN.has(two)) return two;
  const one = word[at] ?? '';
  return LATIN_PLAIN.has(one) ? one : undefined;
}

/** The plain reading of a Latin word: first class of each sound, a final vowel + h dropped. */
function latinKey(word: string): string | undefined {
  let key = '';
  let adjacent = false;
  for (let at = 0; at < word.length;) {
    if (isFinalVowelH(word, at)) break;
    if (LATIN_VOWELS.has(word[at] ?? '')) {
      adjacent = false;
      at++;
      continue;
    }
    const spelling = soundAt(word, at);
    if (spelling === undefined) return undefined;
    key = append(key, LATIN_PLAIN.get(spelling) ?? '', adjacent);
    adjacent = true;
    at += spelling.length;
  }
  return key;
}

const LATIN_READINGS: ReadonlyMap<string, readonly string[]> = new Map(LATIN_SOUNDS);

/** Every reading of a Latin word, the plain one first. */
function latinKeys(word: string): string[] {
  let variants = [''];
  let adjacent = false;
  for (let at = 0; at < word.length;) {
    if (isFinalVowelH(word, at)) {
      variants = [...variants, ...variants.map((variant) => `${variant}h`)];
      break;
    }
    if (LATIN_VOWELS.has(word[at] ?? '')) {
      adjacent = false;
      at++;
      continue;
    }
    const spelling = soundAt(word, at);
    if (spelling === undefined) return [];
    const classes = LATIN_READINGS.get(spelling) ?? [];
    const wasAdjacent = adjacent;
    variants = variants
      .flatMap((variant) => classes.map((added) => append(variant, added, wasAdjacent)))
      .slice(0, KEY_MAX_VARIANTS);
    adjacent = true;
    at += spelling.length;
  }
  return [...new Set(variants)];
}

/**
 * Generic words of place names (village, hill, quarter, street…): their keys would tie an address
 * to every village ("Qaryat" and "Karrada" share krt), so they are not indexed by key.
 */
const UNKEYED_WORDS: ReadonlySet<string> = new Set(
  [
    'qaryat',
    'qarya',
    'qariyat',
    'qaryah',
    'hayy',
    'tall',
    'tell',
    'nahiyat',
    'nahiya',
    'nahiyah',
    'madinat',
    'madina',
    'madinah',
    'mahallat',
    'mahalla',
    'shari',
    'street',
    'city',
    'village',
    'kani',
    'gundi',
    'mazraat',
    'mazraeh',
    'قرية',
    'قريه',
    'مدينة',
    'ناحية',
    'محلة',
    'شارع',
    'تل',
    'مزرعة',
    'كوندي',
  ].map(normalizeForSearch),
);

/** The key a name's word is indexed by: Arabic, or the plain reading of a Latin word; none if too short. */
export function transliterationKey(token: string): string | undefined {
  if (UNKEYED_WORDS.has(token)) return undefined;
  const key = ARABIC_LETTER.test(token)
    ? arabicKey(bareWord(token))
    : LATIN_TOKEN.test(token)
      ? latinKey(token)
      : undefined;
  return key !== undefined && key.length >= KEY_MIN_LENGTH ? key : undefined;
}

const LATIN_TOKEN = /^[a-z]+$/;

/**
 * The consonant skeletons a word may be matched by across scripts: `العامرية` and `AMIRIYA` both
 * give `mr`, `الكرادة` and `KARRADA` give `krt`. Takes a token of `nameTokens` (normalized, lower
 * case); an Arabic word gives one key (its article dropped), a Latin word one per reading of its
 * ambiguous letters (the first is the plain one). Words of other scripts, digits, and keys shorter
 * than two consonants give none. Loose by design: a match by key ranks below any match by spelling.
 */
export function transliterationKeys(token: string): string[] {
  if (ARABIC_LETTER.test(token)) {
    const key = arabicKey(bareWord(token));
    return key.length >= KEY_MIN_LENGTH ? [key] : [];
  }
  if (!LATIN_TOKEN.test(token)) return [];
  return latinKeys(token).filter((key) => key.length >= KEY_MIN_LENGTH);
}
