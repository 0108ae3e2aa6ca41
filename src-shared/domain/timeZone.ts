/**
 * Time-zone arithmetic on `Intl.DateTimeFormat` alone: no fixed offsets and no zone table of our own.
 * Iraq has kept UTC+3 all year since 2008 but had summer time (+4) before, and a center's zone is
 * configurable, so every offset is asked of the runtime's time-zone database.
 *
 * A "wall clock" value is a zone's local date and time written as if it were UTC ms: `Date.UTC` of
 * the local fields. It is only ever read back with the `getUTC…` methods.
 */

const QUARTER_HOUR_MS = 900_000;
const DAY_MS = 86_400_000;
/**
 * Offsets remembered per zone; beyond this the cache starts over. A KPI report over 60 days asks for
 * ~5,800 quarter hours: a smaller cache started over within each report and paid an Intl call per
 * lookup (a sixth of the report's time in the issue 21 profile). 65,536 is ~680 days, a few MB.
 */
const MAX_CACHED_OFFSETS = 65_536;

interface Zone {
  readonly format: Intl.DateTimeFormat;
  /** Offset in ms per UTC quarter hour. */
  readonly offsets: Map<number, number>;
}

const zones = new Map<string, Zone>();

function zone(timeZone: string): Zone {
  let known = zones.get(timeZone);
  if (!known) {
    // Throws a RangeError for a zone the runtime does not know.
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    known = { format, offsets: new Map() };
    zones.set(timeZone, known);
  }
  return known;
}

/** Whether the runtime knows an IANA zone name (configuration checks). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    zone(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Throws a RangeError for an unknown zone: a configuration error found at start, not per record. */
export function assertTimeZone(timeZone: string): void {
  zone(timeZone);
}

/**
 * The zone's offset from UTC at `utcMs`, in ms (+3 h in Baghdad is 10,800,000). Zones change offset
 * only at whole quarter hours (UTC), so one Intl call per zone and quarter hour is enough:
 * `formatToParts` is far slower than the arithmetic around it.
 */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const { format, offsets } = zone(timeZone);
  const quarter = Math.floor(utcMs / QUARTER_HOUR_MS);
  const cached = offsets.get(quarter);
  if (cached !== undefined) return cached;
  const at = quarter * QUARTER_HOUR_MS;
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of format.formatToParts(at)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
  offsets.set(quarter, wall - at);
  return wall - at;
}

/** The zone's wall clock at `utcMs` (see the module comment). */
export function zonedWallClock(utcMs: number, timeZone: string): number {
  return utcMs + zoneOffsetMs(utcMs, timeZone);
}

/**
 * The UTC moment a wall-clock time of the zone stands for. The offset at the first guess, then once
 * more in case the guess crossed an offset change.
 */
export function zonedToUtc(wallMs: number, timeZone: string): number {
  const guess = wallMs - zoneOffsetMs(wallMs, timeZone);
  return wallMs - zoneOffsetMs(guess, timeZone);
}

/** Local date and time fields of a moment in a zone (month 1–12, hour 0–23). */
export interface ZonedParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export function zonedParts(utcMs: number, timeZone: string): ZonedParts {
  const wall = new Date(zonedWallClock(utcMs, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** `YYYY-MM-DD` of the zone's local date at `utcMs`. */
export function zonedDate(utcMs: number, timeZone: string): string {
  return new Date(zonedWallClock(utcMs, timeZone)).toISOString().slice(0, 10);
}

/** Local midnight of the day `utcMs` falls on in the zone, as UTC ms. */
export function startOfZonedDay(utcMs: number, timeZone: string): number {
  return zonedToUtc(Math.floor(zonedWallClock(utcMs, timeZone) / DAY_MS) * DAY_MS, timeZone);
}

/** Local midnight that starts a `YYYY-MM-DD` date in the zone, as UTC ms; null for anything else. */
export function zonedMidnight(date: string, timeZone: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const wall = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(wall) ? null : zonedToUtc(wall, timeZone);
}
