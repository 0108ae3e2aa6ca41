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
  return searchTokens(text.normalize('NFD').replace(LATIN_MARKS, '').replace(APOSTROPHES, ''));
}

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
