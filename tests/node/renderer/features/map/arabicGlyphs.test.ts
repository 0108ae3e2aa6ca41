import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../support/prerequisites';

/**
 * The map draws labels from the bundled font files (`font-faces`), after MapLibre has rewritten
 * Arabic into its Presentation Forms-B shapes. A shape the font lacks would be drawn as an empty box
 * ("tofu"), so the Noto Sans Arabic file the map uses must cover every joining form of Arabic, the
 * lam-alef ligatures and every character of every label.
 */

const require = createRequire(import.meta.url);
const ARABIC_FONT = require.resolve('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2');
const LATIN_FONT = require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2');

function readBase128(bytes: Buffer, offset: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const byte = bytes[offset + i] ?? 0;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, offset + i + 1];
  }
  throw new Error('bad UIntBase128');
}

/** The `cmap` table of a WOFF2 file (tables are one brotli stream; cmap is never transformed). */
function cmapOf(file: string): Buffer {
  const woff2 = readFileSync(file);
  if (woff2.toString('latin1', 0, 4) !== 'wOF2') throw new Error(`${file} is not WOFF2`);
  const numTables = woff2.readUInt16BE(12);
  const compressedLength = woff2.readUInt32BE(20);
  let offset = 48;
  const tables: { tag: number; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = woff2[offset] ?? 0;
    offset += 1;
    const tag = flags & 0x3f;
    if (tag === 0x3f) offset += 4; // an explicit tag: never cmap, whose known index is 0
    const [origLength, next] = readBase128(woff2, offset);
    offset = next;
    const version = flags >> 6;
    const transformed = tag === 10 || tag === 11 ? version === 0 : version !== 0;
    let length = origLength;
    if (transformed) [length, offset] = readBase128(woff2, offset);
    tables.push({ tag, length });
  }
  const stream = brotliDecompressSync(woff2.subarray(offset, offset + compressedLength));
  let position = 0;
  for (const table of tables) {
    if (table.tag === 0) return stream.subarray(position, position + table.length);
    position += table.length;
  }
  throw new Error(`${file} has no cmap`);
}

/** Every code point the font maps (formats 4 and 12 of the Windows Unicode subtables). */
function coverage(file: string): Set<number> {
  const cmap = cmapOf(file);
  const covered = new Set<number>();
  const count = cmap.readUInt16BE(2);
  for (let i = 0; i < count; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const subtable = cmap.readUInt32BE(8 + i * 8);
    if (platform !== 3 && platform !== 0) continue;
    const format = cmap.readUInt16BE(subtable);
    if (format === 4) {
      const segments = cmap.readUInt16BE(subtable + 6) / 2;
      const ends = subtable + 14;
      const starts = ends + segments * 2 + 2;
      for (let s = 0; s < segments; s++) {
        const end = cmap.readUInt16BE(ends + s * 2);
        for (let code = cmap.readUInt16BE(starts + s * 2); code <= end && code !== 0xffff; code++) covered.add(code);
      }
    } else if (format === 12) {
      const groups = cmap.readUInt32BE(subtable + 12);
      for (let g = 0; g < groups; g++) {
        const start = cmap.readUInt32BE(subtable + 16 + g * 12);
        const end = cmap.readUInt32BE(subtable + 20 + g * 12);
        for (let code = start; code <= end; code++) covered.add(code);
      }
    }
  }
  return covered;
}

const arabic = coverage(ARABIC_FONT);
const latin = coverage(LATIN_FONT);
/** Every basemap file with labels: cities and neighbourhoods, towns and villages, rivers and lakes. */
const labels = {
  features: ['labels.geojson', 'localities.geojson', 'water.geojson'].flatMap(
    (file) =>
      (
        JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'basemap', file), 'utf8')) as {
          features: { properties: Record<string, unknown> }[];
        }
      ).features,
  ),
};

const hex = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

describe('glyphs for the map labels (bundled Noto fonts)', () => {
  it('given Arabic shaped into Presentation Forms-B, when drawn from Noto Sans Arabic, then every form and lam-alef exists', () => {
    // The cmap reader sees the font's own ranges: beh is there, a Chinese ideograph is not.
    expect(arabic.has(0x0628)).toBe(true);
    expect(arabic.has(0x4e00)).toBe(false);
    const missing: string[] = [];
    // FE70–FEFC: every isolated, final, initial and medial letter form and the lam-alef ligatures (FE75 is unassigned).
    for (let code = 0xfe70; code <= 0xfefc; code++) if (code !== 0xfe75 && !arabic.has(code)) missing.push(hex(code));

    expect(missing).toEqual([]);
  });

  it('given every Arabic and Sorani label of the basemap, when drawn, then the Arabic font has each of its letters', () => {
    const missing = new Set<string>();
    for (const { properties } of labels.features) {
      for (const key of ['name_ar', 'name_ckb']) {
        const text = properties[key];
        if (typeof text !== 'string') continue;
        for (const char of text) {
          const code = char.codePointAt(0) ?? 0;
          // ASCII punctuation in a name (a hyphen) is drawn from the Latin face, as the style's ranges say.
          const fromLatin = code < 0x80 && latin.has(code);
          if (char !== ' ' && !arabic.has(code) && !fromLatin) missing.add(`${hex(code)} in ${text}`);
        }
      }
    }

    expect([...missing]).toEqual([]);
  });

  it('given every English label, when drawn, then the Latin font has each of its characters', () => {
    const missing = new Set<string>();
    for (const { properties } of labels.features) {
      const text = properties['name_en'];
      if (typeof text !== 'string') continue;
      for (const char of text) if (!latin.has(char.codePointAt(0) ?? 0)) missing.add(`${char} in ${text}`);
    }

    expect([...missing]).toEqual([]);
  });
});
