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
