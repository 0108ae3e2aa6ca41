import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const localesDir = join(import.meta.dirname, '..', '..', '..', '..', 'src-renderer', 'i18n', 'locales');
const languages = ['ar', 'en', 'ckb'] as const;

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [nested, text] of flatten(value, path)) entries.set(nested, text);
  }
  return entries;
}

const catalogues = Object.fromEntries(
  languages.map((language) => [
    language,
    flatten(JSON.parse(readFileSync(join(localesDir, `${language}.json`), 'utf8')) as Catalogue),
  ]),
) as Record<(typeof languages)[number], Map<string, string>>;

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();

describe('translation catalogues', () => {
  it('ships exactly the three UI languages', () => {
    expect(readdirSync(localesDir).sort()).toEqual(['ar.json', 'ckb.json', 'en.json']);
  });

  for (const language of ['en', 'ckb'] as const) {
    it(`given Arabic as the reference, then ${language} has every key and no extra ones`, () => {
      const reference = [...catalogues.ar.keys()].sort();
      expect([...catalogues[language].keys()].sort()).toEqual(reference);
    });

    it(`given a key with placeholders, then ${language} uses the same placeholders as Arabic`, () => {
      for (const [key, arabic] of catalogues.ar) {
        expect(placeholders(catalogues[language].get(key) ?? ''), key).toEqual(placeholders(arabic));
      }
    });
  }

  it('has no empty texts in any language', () => {
    for (const language of languages) {
      for (const [key, text] of catalogues[language]) expect(text.trim(), `${language}:${key}`).not.toBe('');
    }
  });

  it('writes Arabic and Sorani texts in Arabic script (no untranslated English left behind)', () => {
    for (const language of ['ar', 'ckb'] as const) {
      for (const [key, text] of catalogues[language]) {
        if (key.startsWith('language.')) continue; // each language's own name is written in that language
        // Placeholders and key names in <kbd> (Enter, Alt+Y) are not words to translate.
        const words = text.replace(/\{\{\s*\w+\s*\}\}/g, '').replace(/<kbd>[^<]*<\/kbd>/g, '');
        expect(/[A-Za-z]/.test(words), `${language}:${key} = ${text}`).toBe(false);
      }
    }
  });
});
