import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIME_ZONE,
  formatClock,
  formatDate,
  formatDay,
  formatDayMonth,
  localDateCode,
} from '../../../src-shared/domain/time';

// 21:05:09 UTC on 29 Nov 2026 is 00:05:09 on 30 Nov in Baghdad (UTC+3, no DST).
const LATE_EVENING_UTC = Date.UTC(2026, 10, 29, 21, 5, 9);

describe('formatClock', () => {
  it('given a UTC time just after Baghdad midnight, when formatted in English, then it shows 00:05:09 (24-hour)', () => {
    expect(formatClock(LATE_EVENING_UTC, 'en')).toBe('00:05:09');
  });

  it('given an afternoon time, when formatted in English, then it shows 16:30:00, not 4:30 PM', () => {
    expect(formatClock(Date.UTC(2026, 10, 29, 13, 30, 0), 'en')).toBe('16:30:00');
  });

  it.each(['ar', 'ckb'] as const)(
    'given the same time, when formatted in %s, then it uses Arabic-Indic digits and no Latin ones',
    (language) => {
      const text = formatClock(LATE_EVENING_UTC, language);

      expect(text).toBe('٠٠:٠٥:٠٩');
      expect(text).not.toMatch(/[0-9]/);
    },
  );

  it('given an explicit time zone, when formatted, then that zone is used instead of Baghdad', () => {
    expect(formatClock(LATE_EVENING_UTC, 'en', 'UTC')).toBe('21:05:09');
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Baghdad');
  });
});

describe('formatDate', () => {
  it('given a UTC evening, when formatted, then the weekday and date are Baghdad’s next day', () => {
    expect(formatDate(LATE_EVENING_UTC, 'en')).toBe('Monday, 30 November 2026');
    expect(formatDate(LATE_EVENING_UTC, 'ar')).toContain('٣٠');
  });

  it('given Sorani, when formatted, then the weekday and month are Sorani with Arabic-Indic digits (not English)', () => {
    const text = formatDate(LATE_EVENING_UTC, 'ckb');

    expect(text).toBe('دووشەممە، ٣٠ تشرینی دووەم ٢٠٢٦');
    expect(text).not.toMatch(/[0-9A-Za-z]/);
  });

  it('given each language, when a short and a plain date are formatted, then neither is mm/dd/yyyy', () => {
    expect(formatDayMonth(LATE_EVENING_UTC, 'en')).toBe('30 Nov');
    expect(formatDayMonth(LATE_EVENING_UTC, 'ckb')).toBe('٣٠ تشرینی دووەم');
    expect(formatDay(LATE_EVENING_UTC, 'en')).toBe('30 November 2026');
    expect(formatDay(LATE_EVENING_UTC, 'ckb')).toBe('٣٠ تشرینی دووەم ٢٠٢٦');
    expect(formatDay(LATE_EVENING_UTC, 'ar')).not.toMatch(/\//);
  });
});

describe('localDateCode', () => {
  it('given 22:30 UTC on the 28th, when coded, then it is Baghdad’s date, the 29th', () => {
    expect(localDateCode(Date.UTC(2026, 10, 28, 22, 30))).toBe('261129');
  });

  it('given 20:59 UTC on the 28th (23:59 in Baghdad), when coded, then it is still the 28th', () => {
    expect(localDateCode(Date.UTC(2026, 10, 28, 20, 59))).toBe('261128');
  });

  it('given New Year in Baghdad while it is still the old year in UTC, when coded, then the year rolls over too', () => {
    expect(localDateCode(Date.UTC(2026, 11, 31, 21, 0))).toBe('270101');
    expect(localDateCode(Date.UTC(2026, 11, 31, 21, 0), 'UTC')).toBe('261231');
  });
});
