import type { Language } from '../contract/schemas';
import { zonedParts } from './timeZone';

/** Every time is stored as UTC ms and shown in the center's zone, 24-hour. */
export const DEFAULT_TIME_ZONE = 'Asia/Baghdad';

/** Whether this runtime's ICU knows Sorani: Node's full ICU does, Chromium's (and Electron's) does not. */
const soraniInIntl = Intl.DateTimeFormat.supportedLocalesOf(['ckb']).length > 0;

/**
 * Intl locale per UI language. Iraq writes Arabic and Sorani with Arabic-Indic digits. Where Intl has
 * no Sorani it would fall back to American English (Latin digits, English month names): Iraqi Arabic
 * has Sorani's digits and separators, and the month and weekday names come from the tables below.
 */
export const intlLocales: Record<Language, string> = {
  ar: 'ar-IQ',
  en: 'en-GB',
  ckb: soraniInIntl ? 'ckb-IQ' : 'ar-IQ',
};

/** Sorani month names of the Iraqi calendar (CLDR `ckb`), January first. */
const SORANI_MONTHS = [
  'کانوونی دووەم',
  'شوبات',
  'ئازار',
  'نیسان',
  'ئایار',
  'حوزەیران',
  'تەمووز',
  'ئاب',
  'ئەیلوول',
  'تشرینی یەکەم',
  'تشرینی دووەم',
  'کانوونی یەکەم',
] as const;

/** Sorani weekday names (CLDR `ckb`), Sunday first like `Date#getUTCDay`. */
const SORANI_WEEKDAYS = ['یەکشەممە', 'دووشەممە', 'سێشەممە', 'چوارشەممە', 'پێنجشەممە', 'ھەینی', 'شەممە'] as const;

const plainDigits = new Map<Language, Intl.NumberFormat>();

/** An integer in the language's digits, without grouping (years, days). */
function digitsOf(value: number, language: Language): string {
  const format = plainDigits.get(language) ?? new Intl.NumberFormat(intlLocales[language], { useGrouping: false });
  plainDigits.set(language, format);
  return format.format(value);
}

/** Sorani date text from the zone's calendar fields, the same everywhere (Node and Chromium alike). */
function soraniDate(utcMs: number, timeZone: string, withWeekday: boolean, withYear: boolean): string {
  const { year, month, day } = zonedParts(utcMs, timeZone);
  const weekday = SORANI_WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? '';
  const date = `${digitsOf(day, 'ckb')} ${SORANI_MONTHS[month - 1] ?? ''}${withYear ? ` ${digitsOf(year, 'ckb')}` : ''}`;
  return withWeekday ? `${weekday}، ${date}` : date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(intlLocales[language], { ...options, timeZone, hourCycle: 'h23' });
    formatters.set(key, cached);
  }
  return cached;
}

/** `14:05:09` in the center's zone. */
export function formatClock(utcMs: number, language: Language, timeZone = DEFAULT_TIME_ZONE): string {
  return formatter(language, timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(utcMs);
}

/** Weekday and date in the center's zone, for the header. */
export function formatDate(utcMs: number, language: Language, timeZone = DEFAULT_TIME_ZONE): string {
  if (language === 'ckb') return soraniDate(utcMs, timeZone, true, true);
  return formatter(language, timeZone, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(
    utcMs,
  );
}

/** Day and month (`7 Dec`), for chart ticks and short ranges, in the language's names and digits. */
export function formatDayMonth(utcMs: number, language: Language, timeZone = DEFAULT_TIME_ZONE): string {
  if (language === 'ckb') return soraniDate(utcMs, timeZone, false, false);
  return formatter(language, timeZone, { month: 'short', day: 'numeric' }).format(utcMs);
}

/** A calendar date without weekday (`7 December 2026`), in the language's names and digits. */
export function formatDay(utcMs: number, language: Language, timeZone = DEFAULT_TIME_ZONE): string {
  if (language === 'ckb') return soraniDate(utcMs, timeZone, false, true);
  return formatter(language, timeZone, { year: 'numeric', month: 'long', day: 'numeric' }).format(utcMs);
}

/** `YYMMDD` of the center's local date: used in incident numbers. */
export function localDateCode(utcMs: number, timeZone = DEFAULT_TIME_ZONE): string {
  const { year, month, day } = zonedParts(utcMs, timeZone);
  const two = (value: number): string => String(value % 100).padStart(2, '0');
  return `${two(year)}${two(month)}${two(day)}`;
}

const numberFormatters = new Map<Language, Intl.NumberFormat>();

/** Time since an event as `m:ss` or `h:mm:ss`, in the language's digits (a live queue timer). */
export function formatElapsed(elapsedMs: number, language: Language): string {
  const digits =
    numberFormatters.get(language) ??
    new Intl.NumberFormat(intlLocales[language], { minimumIntegerDigits: 2, useGrouping: false });
  numberFormatters.set(language, digits);
  const totalSeconds = Math.max(0, Math.floor(elapsedMs / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (value: number): string => digits.format(value);
  return hours > 0 ? `${pad(hours)}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

const countFormatters = new Map<Language, Intl.NumberFormat>();

/** A count in the language's digits (Arabic-Indic in Arabic and Sorani). */
export function formatCount(value: number, language: Language): string {
  const formatter = countFormatters.get(language) ?? new Intl.NumberFormat(intlLocales[language]);
  countFormatters.set(language, formatter);
  return formatter.format(value);
}
