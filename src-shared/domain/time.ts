import type { Language } from '../contract/schemas';
import { zonedParts } from './timeZone';

/** Every time is stored as UTC ms and shown in the center's zone, 24-hour. */
export const DEFAULT_TIME_ZONE = 'Asia/Baghdad';

/** Intl locale per UI language. Iraq writes Arabic and Sorani with Arabic-Indic digits. */
export const intlLocales: Record<Language, string> = {
  ar: 'ar-IQ',
  en: 'en-GB',
  ckb: 'ckb-IQ',
};

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
  return formatter(language, timeZone, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(
    utcMs,
  );
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
