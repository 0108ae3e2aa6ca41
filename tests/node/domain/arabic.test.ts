import { describe, expect, it } from 'vitest';
import {
  nameTokens,
  normalizeForSearch,
  searchTokens,
  transliterationKey,
  transliterationKeys,
} from '../../../src-shared/domain/arabic';

describe('Arabic search normalization', () => {
  it.each([
    ['أحمد', 'احمد'],
    ['إبراهيم', 'ابراهيم'],
    ['آمنة', 'امنه'],
    ['مدرسة', 'مدرسه'],
    ['مستشفى', 'مستشفي'],
    ['مسؤول', 'مسوول'],
    ['مُحَمَّد', 'محمد'],
    ['شـــارع', 'شارع'],
    ['٠٧٧٠١٢٣', '0770123'],
    ['۰۷۸۰', '0780'],
    ['کەرکووک', 'كهركووك'],
    ['ڕێگا', 'ريكا'],
    ['FIRE Station', 'fire station'],
  ])('folds %s to %s', (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it('splits words on any punctuation, in any script, and drops empty ones', () => {
    expect(searchTokens('  حادث، سيارة - 07701234567!! ')).toEqual(['حادث', 'سياره', '07701234567']);
    expect(searchTokens('"*()')).toEqual([]);
  });
});

describe('transliteration keys (Latin ALI addresses against Arabic names)', () => {
  const keysOf = (text: string) => nameTokens(text).map((token) => transliterationKeys(token));

  it.each([
    ['العامرية', 'AL-AMIRIYA'],
    ['الكرادة', 'KARRADA'],
    ['داخل', 'DAKHIL'],
    ['الكاظمية', 'Kadhimiya'],
    ['الكاظمية', 'Kazimiyah'],
    ['ذي قار', 'Thi Qar'],
    ['الوشاش', 'Washash'],
    ['الديوانية', 'Diwaniya'],
    ['بغداد', 'Baghdad'],
    ['القيارة', 'Gayyara'],
    ['صلاح', 'Salah'],
    ['الزعفرانية', 'Zafarania'],
  ])('gives %s and %s a key in common', (arabic, latin) => {
    const arabicKeys = keysOf(arabic).flat();
    const latinKeys = keysOf(latin).flat();

    expect(arabicKeys.some((key) => latinKeys.includes(key))).toBe(true);
  });

  it.each([
    ['الكرادة', 'KARBALA'],
    ['العامرية', 'MANSOUR'],
    ['الوشاش', 'WASIT'],
  ])('keeps %s and %s apart', (arabic, latin) => {
    const latinKeys = keysOf(latin).flat();

    expect(
      keysOf(arabic)
        .flat()
        .some((key) => latinKeys.includes(key)),
    ).toBe(false);
  });

  it('indexes the plain reading only, and gives no key to generic words, digits or one consonant', () => {
    expect(transliterationKey('kazimiyah')).toBe('kzm');
    expect(transliterationKeys('kazimiyah')).toEqual(['kzm', 'ktm', 'kzmh', 'ktmh']);
    expect(transliterationKey('qaryat')).toBeUndefined();
    expect(transliterationKey(normalizeForSearch('قرية'))).toBeUndefined();
    expect(transliterationKey('905')).toBeUndefined();
    expect(transliterationKeys('ur')).toEqual([]);
  });

  it('folds plain ASCII names as the full path does', () => {
    for (const text of ["Ba'quba", 'Al-Karrada  Dakhil', 'KARRADA_DAKHIL 12', 'Zakho'])
      expect(nameTokens(text)).toEqual(searchTokens(text.replace(/'/g, '')));
  });
});
