import type { FeatureCollection, Point } from 'geojson';

/**
 * Glyphs drawn while the console starts, instead of on the dispatcher's first zoom into a city.
 *
 * MapLibre draws every label glyph on the page's main thread the first time a label needs it (from the
 * bundled fonts, see basemapStyle.ts). The country view needs few shapes; the first street-level view
 * needs the rest of the alphabet in every joined form at once (neighbourhood, village and river names):
 * over 100 ms of drawing on the main thread in the middle of the dispatcher's zoom (map bench, first idle
 * at Baghdad zoom 12). A hidden label at the country view asks for every shape while the map loads.
 *
 * The shapes are those of words: Arabic letters join their neighbours, and MapLibre draws each joined
 * form (isolated, initial, medial, final) as its own glyph. A letter between tatweels (ـ), which joins on
 * both sides, takes the form it takes inside a word.
 */

const TATWEEL = '\u0640';

/** Letters that join on both sides: Arabic, and the Kurdish (Sorani) and Persian letters Iraqi names use. */
const DUAL_JOINING = 'بتثجحخسشصضطظعغفقكلمنهيئىپچگڤکیێڵھ';
/** Letters that join only to the letter before them (to their right). */
const RIGHT_JOINING = 'اأإآٱدذرزژوؤةەۆڕ';
/** Shapes that join with nothing, and the lam-alef ligatures, alone and after a letter. */
const STANDALONE = ['ء', 'لا', 'لأ', 'لإ', 'لآ', `${TATWEEL}لا`, `${TATWEEL}لأ`, `${TATWEEL}لإ`, `${TATWEEL}لآ`];
const DIGITS = '0123456789٠١٢٣٤٥٦٧٨٩';
const LATIN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PUNCTUATION = "()-.,'/&:؛،";

/** Every joined form of every letter, as short words separated by spaces. */
export function glyphWarmupWords(): string[] {
  const words: string[] = [];
  for (const letter of DUAL_JOINING)
    words.push(letter, `${letter}${TATWEEL}`, `${TATWEEL}${letter}${TATWEEL}`, `${TATWEEL}${letter}`);
  for (const letter of RIGHT_JOINING) words.push(letter, `${TATWEEL}${letter}`);
  words.push(...STANDALONE, DIGITS, LATIN, PUNCTUATION);
  return words;
}

/** Words per hidden label: short labels, each shaped on its own. */
const WORDS_PER_LABEL = 24;

/** The hidden labels, at the middle of Iraq (the country view the console opens on). */
export function glyphWarmupCollection(): FeatureCollection<Point, { text: string }> {
  const words = glyphWarmupWords();
  const features: FeatureCollection<Point, { text: string }>['features'] = [];
  for (let start = 0; start < words.length; start += WORDS_PER_LABEL) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [43.7, 33.2] },
      properties: { text: words.slice(start, start + WORDS_PER_LABEL).join(' ') },
    });
  }
  return { type: 'FeatureCollection', features };
}
