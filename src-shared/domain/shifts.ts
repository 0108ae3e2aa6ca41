import { z } from 'zod';
import { startOfZonedDay, zonedToUtc, zonedWallClock } from './timeZone';

/**
 * The center's rota: shifts that start at a local time of day and run until the next one starts,
 * and the arithmetic that puts a moment in its shift (in the center's zone, see timeZone.ts).
 */

const clockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time of day as HH:MM (24-hour)');

/** One shift of the center's rota: it starts at `start` (local time) and runs until the next shift starts. */
export const shiftSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'a short code, e.g. A or night'),
  start: clockTime,
  name: z.strictObject({
    ar: z.string().min(1).max(60),
    en: z.string().min(1).max(60),
    ckb: z.string().min(1).max(60),
  }),
});
export type Shift = z.infer<typeof shiftSchema>;

export const shiftsSchema = z
  .array(shiftSchema)
  .min(1)
  .max(12)
  .superRefine((shifts, context) => {
    if (new Set(shifts.map((shift) => shift.code)).size !== shifts.length)
      context.addIssue({ code: 'custom', message: 'shift codes must be unique' });
    if (new Set(shifts.map((shift) => shift.start)).size !== shifts.length)
      context.addIssue({ code: 'custom', message: 'two shifts start at the same time' });
  });

/** Three 8-hour shifts from 07:00, the common rota of Iraqi emergency centers. */
export const DEFAULT_SHIFTS: readonly Shift[] = [
  { code: 'A', start: '07:00', name: { ar: 'الوجبة الصباحية', en: 'Morning', ckb: 'بەیانیان' } },
  { code: 'B', start: '15:00', name: { ar: 'الوجبة المسائية', en: 'Evening', ckb: 'ئێواران' } },
  { code: 'C', start: '23:00', name: { ar: 'الوجبة الليلية', en: 'Night', ckb: 'شەوان' } },
];

const DAY_MS = 86_400_000;

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** A shift on one day: the local date it starts on, and its UTC window [from, to). */
export interface ShiftWindow {
  readonly code: string;
  /** Local date the shift starts on, YYYY-MM-DD. */
  readonly date: string;
  readonly from: number;
  readonly to: number;
}

/** Shift arithmetic in the center's zone. */
export interface ShiftCalendar {
  readonly shifts: readonly Shift[];
  /** The shift a moment falls in. */
  readonly shiftOf: (utcMs: number) => string;
  /** The shift instance a moment falls in, with its window. */
  readonly windowAt: (utcMs: number) => ShiftWindow;
  /** The window of a shift that starts on a local date. */
  readonly window: (date: string, code: string) => ShiftWindow | null;
  /** Local midnight before a moment, as UTC ms (daily chart buckets). */
  readonly localDayStart: (utcMs: number) => number;
}

export function shiftCalendar(shifts: readonly Shift[], timeZone: string): ShiftCalendar {
  const ordered = [...shifts].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  const starts = ordered.map((shift) => minutesOf(shift.start));
  const lengthMinutes = (index: number): number => {
    const next = starts[(index + 1) % starts.length] ?? 0;
    const start = starts[index] ?? 0;
    return next > start ? next - start : next + 1440 - start;
  };
  const localDate = (wallMs: number): string => new Date(wallMs).toISOString().slice(0, 10);
  const indexAt = (utcMs: number): { index: number; dayStartWall: number } => {
    const wall = zonedWallClock(utcMs, timeZone);
    const dayStartWall = Math.floor(wall / DAY_MS) * DAY_MS;
    const minute = Math.floor((wall - dayStartWall) / 60_000);
    // The last shift starting at or before this minute; before the first start, yesterday's last shift.
    let index = -1;
    for (let i = 0; i < starts.length; i += 1) if ((starts[i] ?? 0) <= minute) index = i;
    return index === -1 ? { index: starts.length - 1, dayStartWall: dayStartWall - DAY_MS } : { index, dayStartWall };
  };
  const windowOf = (index: number, dayStartWall: number): ShiftWindow => {
    const startWall = dayStartWall + (starts[index] ?? 0) * 60_000;
    return {
      code: ordered[index]?.code ?? '',
      date: localDate(dayStartWall),
      from: zonedToUtc(startWall, timeZone),
      to: zonedToUtc(startWall + lengthMinutes(index) * 60_000, timeZone),
    };
  };
  return {
    shifts: ordered,
    shiftOf: (utcMs) => ordered[indexAt(utcMs).index]?.code ?? '',
    windowAt: (utcMs) => {
      const { index, dayStartWall } = indexAt(utcMs);
      return windowOf(index, dayStartWall);
    },
    window: (date, code) => {
      const index = ordered.findIndex((shift) => shift.code === code);
      if (index === -1 || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
      const dayStartWall = Date.parse(`${date}T00:00:00Z`);
      return Number.isNaN(dayStartWall) ? null : windowOf(index, dayStartWall);
    },
    localDayStart: (utcMs) => startOfZonedDay(utcMs, timeZone),
  };
}
