import { describe, expect, it } from 'vitest';
import { normalizeForSearch, searchTokens } from '../../../src-shared/domain/arabic';

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
