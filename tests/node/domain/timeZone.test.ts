import { describe, expect, it } from 'vitest';
import { shiftCalendar, DEFAULT_SHIFTS } from '../../../src-shared/domain/shifts';
import { localDateCode } from '../../../src-shared/domain/time';
import {
  assertTimeZone,
  isKnownTimeZone,
  startOfZonedDay,
  zonedDate,
  zonedMidnight,
  zonedParts,
  zonedToUtc,
  zonedWallClock,
  zoneOffsetMs,
} from '../../../src-shared/domain/timeZone';

const HOUR = 3_600_000;
const BAGHDAD = 'Asia/Baghdad';
// Baghdad kept UTC+3 all year since 2008; in 2007 it still had summer time (+4), from 1 April
// 00:00 UTC (03:00 → 04:00 local) to 1 October 00:00 UTC (04:00 → 03:00 local).
const SUMMER_2007 = Date.UTC(2007, 6, 15, 12, 0);
const WINTER_2007 = Date.UTC(2007, 0, 15, 12, 0);
const SUMMER_2026 = Date.UTC(2026, 6, 15, 12, 0);

describe('zone offsets from Intl, never a fixed +3', () => {
  it('given Baghdad in summer 2007, then the offset is +4 h; in winter 2007 and in summer 2026, +3 h', () => {
    expect(zoneOffsetMs(SUMMER_2007, BAGHDAD)).toBe(4 * HOUR);
    expect(zoneOffsetMs(WINTER_2007, BAGHDAD)).toBe(3 * HOUR);
    expect(zoneOffsetMs(SUMMER_2026, BAGHDAD)).toBe(3 * HOUR);
  });

  it('given the minutes around the 2007 change to summer time, then the offset changes exactly at 00:00 UTC', () => {
    const change = Date.UTC(2007, 3, 1, 0, 0);
    expect(zoneOffsetMs(change - 60_000, BAGHDAD)).toBe(3 * HOUR);
    expect(zoneOffsetMs(change, BAGHDAD)).toBe(4 * HOUR);
  });

  it('given zones west of UTC and on a quarter hour, then their offsets are negative and not whole hours', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15, 12), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15, 12), 'America/New_York')).toBe(-4 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15, 12), 'Asia/Kathmandu')).toBe(5.75 * HOUR);
  });

  it('given a summer 2007 moment, then its local fields are those of +4', () => {
    expect(zonedParts(SUMMER_2007 + 5_000, BAGHDAD)).toEqual({
      year: 2007,
      month: 7,
      day: 15,
      hour: 16,
      minute: 0,
      second: 5,
    });
    expect(zonedDate(Date.UTC(2007, 6, 14, 20, 30), BAGHDAD)).toBe('2007-07-15');
    // The incident number's date: 00:30 on 15 July in Baghdad, where a fixed +3 would say 23:30 on the 14th.
    expect(localDateCode(Date.UTC(2007, 6, 14, 20, 30), BAGHDAD)).toBe('070715');
  });

  it('given a wall-clock time, when turned into UTC and back, then it is the same time in both seasons', () => {
    for (const utc of [SUMMER_2007, WINTER_2007, SUMMER_2026]) {
      expect(zonedToUtc(zonedWallClock(utc, BAGHDAD), BAGHDAD)).toBe(utc);
    }
  });

  it('given a moment, then its local day starts at local midnight, with the offset of midnight', () => {
    expect(startOfZonedDay(SUMMER_2007, BAGHDAD)).toBe(Date.UTC(2007, 6, 14, 20, 0));
    expect(startOfZonedDay(SUMMER_2026, BAGHDAD)).toBe(Date.UTC(2026, 6, 14, 21, 0));
    // 1 April 2007 began at +3 and changed to +4 at 03:00: midnight was 21:00 UTC the day before.
    expect(startOfZonedDay(Date.UTC(2007, 3, 1, 12, 0), BAGHDAD)).toBe(Date.UTC(2007, 2, 31, 21, 0));
    expect(zonedMidnight('2007-07-15', BAGHDAD)).toBe(Date.UTC(2007, 6, 14, 20, 0));
    expect(zonedMidnight('15/07/2007', BAGHDAD)).toBeNull();
  });

  it('given an unknown zone name, then it is refused', () => {
    expect(isKnownTimeZone(BAGHDAD)).toBe(true);
    expect(isKnownTimeZone('Mars/Base')).toBe(false);
    expect(() => assertTimeZone('Mars/Base')).toThrow(RangeError);
  });
});

describe('shifts across the 2007 change to summer time in Baghdad', () => {
  const calendar = shiftCalendar(DEFAULT_SHIFTS, BAGHDAD);

  it('given the night shift that spans the change, then it is an hour short; the morning shift starts at 07:00 +4', () => {
    expect(calendar.window('2007-03-31', 'C')).toEqual({
      code: 'C',
      date: '2007-03-31',
      from: Date.UTC(2007, 2, 31, 20, 0),
      to: Date.UTC(2007, 3, 1, 3, 0),
    });
    expect(calendar.windowAt(Date.UTC(2007, 3, 1, 3, 0))).toEqual({
      code: 'A',
      date: '2007-04-01',
      from: Date.UTC(2007, 3, 1, 3, 0),
      to: Date.UTC(2007, 3, 1, 11, 0),
    });
  });
});
