/**
 * NMEA 0183 from a GPS receiver: sentences in, positions out. Pure (no node:), so the same code runs
 * behind the serial service and in `nida parse nmea`.
 *
 * A receiver reports one position as several sentences (GGA, RMC, GSA, VTG, …) that share a time of
 * day; the parser merges them per reporting cycle and emits a `fix` when the cycle ends. Sentences are
 * framed from `$` to CR/LF, so line noise between sentences is dropped and a `$` inside a sentence
 * (a lost line end) reports the cut-off sentence instead of swallowing the next one.
 */
import { createDelimitedFramer, type Frame, type FrameResult, type StreamParser } from './framing';

const DOLLAR = 0x24;
const CR = 0x0d;
const LF = 0x0a;
const KNOTS_TO_MPS = 1852 / 3600;
const KMH_TO_MPS = 1000 / 3600;
const DAY_MS = 86_400_000;
/** Bytes are checked printable ASCII before decoding, so latin1 maps them one to one. */
const asciiDecoder = new TextDecoder('latin1');

/** Calendar date as sent by RMC (ddmmyy) or ZDA (dd,mm,yyyy). */
export interface NmeaDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Fields shared by every sentence: the talker (GP, GN, GL, GA, GB, BD, GQ, IN, …). */
interface SentenceBase {
  readonly talker: string;
}

/** Time of day in UTC milliseconds since midnight; null when the field is empty. */
type TimeOfDay = number | null;

export interface GgaSentence extends SentenceBase {
  readonly type: 'GGA';
  readonly time: TimeOfDay;
  readonly lat: number | null;
  readonly lon: number | null;
  /** 0 invalid, 1 GPS, 2 DGPS, 4 RTK fixed, 5 RTK float, 6 estimated, … */
  readonly quality: number | null;
  readonly satellites: number | null;
  readonly hdop: number | null;
  /** Altitude above mean sea level, metres. */
  readonly alt: number | null;
  readonly geoidSeparation: number | null;
}

export interface RmcSentence extends SentenceBase {
  readonly type: 'RMC';
  readonly time: TimeOfDay;
  /** Status A and a mode indicator other than N. */
  readonly valid: boolean;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly speed: number | null;
  readonly track: number | null;
  readonly date: NmeaDate | null;
}

export interface GllSentence extends SentenceBase {
  readonly type: 'GLL';
  readonly time: TimeOfDay;
  readonly valid: boolean;
  readonly lat: number | null;
  readonly lon: number | null;
}

export interface VtgSentence extends SentenceBase {
  readonly type: 'VTG';
  readonly track: number | null;
  /** m/s, from the knots field or else the km/h field. */
  readonly speed: number | null;
}

export interface GsaSentence extends SentenceBase {
  readonly type: 'GSA';
  /** 1 no fix, 2 2D, 3 3D. */
  readonly fixType: 1 | 2 | 3 | null;
  readonly satellites: readonly number[];
  readonly pdop: number | null;
  readonly hdop: number | null;
  readonly vdop: number | null;
}

export interface GnsSentence extends SentenceBase {
  readonly type: 'GNS';
  readonly time: TimeOfDay;
  readonly valid: boolean;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly satellites: number | null;
  readonly hdop: number | null;
  readonly alt: number | null;
}

export interface ZdaSentence extends SentenceBase {
  readonly type: 'ZDA';
  readonly time: TimeOfDay;
  readonly date: NmeaDate | null;
}

export type NmeaSentence =
  GgaSentence | RmcSentence | GllSentence | VtgSentence | GsaSentence | GnsSentence | ZdaSentence;

export type NmeaSentenceType = NmeaSentence['type'];

/** One reporting cycle merged into a position. Units: degrees, metres, m/s. */
export interface NmeaFix {
  /** ISO-8601 UTC; null until a date is known (RMC/ZDA) or when the cycle had no time. */
  readonly time: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly alt: number | null;
  readonly speed: number | null;
  /** Course over ground, degrees true. */
  readonly track: number | null;
  /** 0 unknown, 1 no fix, 2 2D, 3 3D. */
  readonly mode: 0 | 1 | 2 | 3;
  readonly satellites: number | null;
  readonly hdop: number | null;
}

export type NmeaEvent =
  | { readonly kind: 'sentence'; readonly sentence: NmeaSentence }
  /** A well-formed sentence this parser does not decode (GSV, TXT, proprietary $P…). */
  | { readonly kind: 'ignored'; readonly talker: string; readonly sentenceType: string }
  /** A completed reporting cycle. Its frame has an empty `raw`: the bytes belong to the sentence frames. */
  | { readonly kind: 'fix'; readonly fix: NmeaFix };

export interface NmeaParserOptions {
  /** Accept sentences without `*hh` (some old receivers). Default false: rejected. */
  readonly allowMissingChecksum?: boolean;
  /** Longest sentence kept, in bytes after `$` (NMEA says 82; u-blox extensions run longer). Default 160. */
  readonly maxLength?: number;
  /** A sentence type that closes the cycle when it arrives (e.g. 'GLL' for a receiver that ends with it). */
  readonly cycleEnd?: NmeaSentenceType;
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Thrown only inside this module while decoding one sentence's fields; turned into a FrameResult. */
class FieldError extends Error {}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function num(field: string, name: string): number | null {
  if (field === '') return null;
  if (!NUMBER.test(field)) throw new FieldError(`bad ${name} '${field}'`);
  return Number(field);
}

function int(field: string, name: string): number | null {
  if (field === '') return null;
  if (!/^\d+$/.test(field)) throw new FieldError(`bad ${name} '${field}'`);
  return Number(field);
}

function nonNegative(field: string, name: string): number | null {
  const value = num(field, name);
  if (value !== null && value < 0) throw new FieldError(`bad ${name} '${field}'`);
  return value;
}

/** `ddmm.mmmm` / `dddmm.mmmm` plus hemisphere → signed decimal degrees. */
function coordinate(field: string, hemisphere: string, axis: 'lat' | 'lon'): number | null {
  if (field === '' && hemisphere === '') return null;
  const degreeDigits = axis === 'lat' ? 2 : 3;
  const match = /^(\d+)(\d\d(?:\.\d*)?)$/.exec(field);
  if (!match || (match[1] ?? '').length > degreeDigits) throw new FieldError(`bad ${axis} '${field}'`);
  const degrees = Number(match[1]);
  const minutes = Number(match[2]);
  const positive = axis === 'lat' ? 'N' : 'E';
  const negative = axis === 'lat' ? 'S' : 'W';
  if (hemisphere !== positive && hemisphere !== negative)
    throw new FieldError(`bad ${axis} hemisphere '${hemisphere}'`);
  const value = degrees + minutes / 60;
  if (minutes >= 60 || value > (axis === 'lat' ? 90 : 180)) throw new FieldError(`bad ${axis} '${field}'`);
  return hemisphere === negative ? -value : value;
}

/** `hhmmss(.sss)` → ms since midnight. Rounded to the millisecond so 04.50 is exactly 4500. */
function timeOfDay(field: string): TimeOfDay {
  if (field === '') return null;
  const match = /^(\d\d)(\d\d)(\d\d(?:\.\d+)?)$/.exec(field);
  if (!match) throw new FieldError(`bad time '${field}'`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = Number(match[3]);
  if (hours > 23 || minutes > 59 || seconds >= 61) throw new FieldError(`bad time '${field}'`);
  return Math.round(((hours * 60 + minutes) * 60 + seconds) * 1000);
}

function checkedDate(year: number, month: number, day: number, field: string): NmeaDate {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || probe.getUTCDate() !== day) throw new FieldError(`bad date '${field}'`);
  return { year, month, day };
}

/** RMC `ddmmyy`; two-digit years pivot at 80 as receivers do. */
function rmcDate(field: string): NmeaDate | null {
  if (field === '') return null;
  const match = /^(\d\d)(\d\d)(\d\d)$/.exec(field);
  if (!match) throw new FieldError(`bad date '${field}'`);
  const yy = Number(match[3]);
  return checkedDate(yy < 80 ? 2000 + yy : 1900 + yy, Number(match[2]), Number(match[1]), field);
}

function zdaDate(day: string, month: string, year: string): NmeaDate | null {
  if (day === '' && month === '' && year === '') return null;
  const field = `${day},${month},${year}`;
  if (!/^\d\d?$/.test(day) || !/^\d\d?$/.test(month) || !/^\d{4}$/.test(year)) {
    throw new FieldError(`bad date '${field}'`);
  }
  return checkedDate(Number(year), Number(month), Number(day), field);
}

/** RMC/GLL/GNS/VTG mode indicators: N means "not valid" whatever the status says. */
function modeValid(indicator: string): boolean {
  return indicator === '' || /[ADPRFEMS]/.test(indicator);
}

function decodeFields(talker: string, type: string, f: (index: number) => string): NmeaSentence | null {
  switch (type) {
    case 'GGA':
      return {
        type,
        talker,
        time: timeOfDay(f(0)),
        lat: coordinate(f(1), f(2), 'lat'),
        lon: coordinate(f(3), f(4), 'lon'),
        quality: int(f(5), 'quality'),
        satellites: int(f(6), 'satellites'),
        hdop: nonNegative(f(7), 'hdop'),
        alt: num(f(8), 'altitude'),
        geoidSeparation: num(f(10), 'geoid separation'),
      };
    case 'RMC':
      return {
        type,
        talker,
        time: timeOfDay(f(0)),
        valid: f(1) === 'A' && modeValid(f(11)),
        lat: coordinate(f(2), f(3), 'lat'),
        lon: coordinate(f(4), f(5), 'lon'),
        speed: knots(nonNegative(f(6), 'speed')),
        track: nonNegative(f(7), 'track'),
        date: rmcDate(f(8)),
      };
    case 'GLL':
      return {
        type,
        talker,
        lat: coordinate(f(0), f(1), 'lat'),
        lon: coordinate(f(2), f(3), 'lon'),
        time: timeOfDay(f(4)),
        valid: f(5) === 'A' && modeValid(f(6)),
      };
    case 'VTG': {
      const speedKnots = nonNegative(f(4), 'speed');
      const speedKmh = nonNegative(f(6), 'speed');
      return {
        type,
        talker,
        track: nonNegative(f(0), 'track'),
        speed: speedKnots !== null ? knots(speedKnots) : speedKmh !== null ? speedKmh * KMH_TO_MPS : null,
      };
    }
    case 'GSA': {
      const fixType = int(f(1), 'fix type');
      if (fixType !== null && fixType !== 1 && fixType !== 2 && fixType !== 3) {
        throw new FieldError(`bad fix type '${f(1)}'`);
      }
      const satellites: number[] = [];
      for (let i = 2; i < 14; i++) {
        const prn = int(f(i), 'satellite');
        if (prn !== null) satellites.push(prn);
      }
      return {
        type,
        talker,
        fixType,
        satellites,
        pdop: nonNegative(f(14), 'pdop'),
        hdop: nonNegative(f(15), 'hdop'),
        vdop: nonNegative(f(16), 'vdop'),
      };
    }
    case 'GNS':
      return {
        type,
        talker,
        time: timeOfDay(f(0)),
        lat: coordinate(f(1), f(2), 'lat'),
        lon: coordinate(f(3), f(4), 'lon'),
        valid: f(5) !== '' && /[ADPRFE]/.test(f(5)),
        satellites: int(f(6), 'satellites'),
        hdop: nonNegative(f(7), 'hdop'),
        alt: num(f(8), 'altitude'),
      };
    case 'ZDA':
      return { type, talker, time: timeOfDay(f(0)), date: zdaDate(f(1), f(2), f(3)) };
    default:
      return null;
  }
}

function knots(value: number | null): number | null {
  return value === null ? null : value * KNOTS_TO_MPS;
}

function hex(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

/**
 * One sentence, without its leading `$` or line end, to an event. Checks printable ASCII, the
 * checksum (XOR of everything between `$` and `*`), the address, then the fields.
 */
export function parseNmeaSentence(body: Uint8Array, options: NmeaParserOptions = {}): FrameResult<NmeaEvent> {
  let star = -1;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body[i] ?? 0;
    if (code < 0x20 || code > 0x7e) return fail(`non-printable byte 0x${code.toString(16).padStart(2, '0')}`);
    if (code === 0x2a) {
      star = i;
      break;
    }
    sum ^= code;
  }
  let end = body.length;
  if (star >= 0) {
    if (body.length !== star + 3) return fail('bad checksum field');
    const high = hex(body[star + 1] ?? 0);
    const low = hex(body[star + 2] ?? 0);
    if (high < 0 || low < 0) return fail('bad checksum field');
    const expected = (high << 4) | low;
    if (expected !== sum) {
      return fail(`checksum mismatch: sentence says ${hexByte(expected)}, computed ${hexByte(sum)}`);
    }
    end = star;
  } else if (!options.allowMissingChecksum) {
    return fail('missing checksum');
  }
  const text = asciiDecoder.decode(body.subarray(0, end));
  const fields = text.split(',');
  const address = fields[0] ?? '';
  if (address.startsWith('P') && /^P[A-Z0-9]{1,9}$/.test(address)) {
    return { ok: true, value: { kind: 'ignored', talker: 'P', sentenceType: address.slice(1) } };
  }
  if (!/^[A-Z][A-Z0-9][A-Z0-9]{3}$/.test(address)) return fail(`bad address '${address}'`);
  const talker = address.slice(0, 2);
  const type = address.slice(2);
  try {
    const sentence = decodeFields(talker, type, (index) => fields[index + 1] ?? '');
    return sentence
      ? { ok: true, value: { kind: 'sentence', sentence } }
      : { ok: true, value: { kind: 'ignored', talker, sentenceType: type } };
  } catch (error) {
    if (error instanceof FieldError) return fail(`${type}: ${error.message}`);
    throw error;
  }
}

function hexByte(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}

/** What one reporting cycle has said so far; later sentences override earlier ones field by field. */
interface Cycle {
  time: TimeOfDay;
  /** Set once a sentence that carries a time field arrived with it empty (receiver without fix). */
  untimed: boolean;
  seen: Set<NmeaSentenceType>;
  lat: number | null;
  lon: number | null;
  alt: number | null;
  speed: number | null;
  track: number | null;
  gsaMode: 1 | 2 | 3 | null;
  positionMode: 0 | 1 | 2 | 3;
  satellites: number | null;
  hdop: number | null;
  date: NmeaDate | null;
}

function emptyCycle(): Cycle {
  return {
    time: null,
    untimed: false,
    seen: new Set(),
    lat: null,
    lon: null,
    alt: null,
    speed: null,
    track: null,
    gsaMode: null,
    positionMode: 0,
    satellites: null,
    hdop: null,
    date: null,
  };
}

function sentenceTime(sentence: NmeaSentence): TimeOfDay | undefined {
  return sentence.type === 'VTG' || sentence.type === 'GSA' ? undefined : sentence.time;
}

/** Merges sentences into cycles; `add` returns the fix of the cycle it closed, if any. */
function createCycleMerger(cycleEnd: NmeaSentenceType | undefined): {
  add(sentence: NmeaSentence): NmeaFix[];
  finish(): NmeaFix[];
} {
  let cycle = emptyCycle();
  /** The last known date and the time of day it was seen with, to carry it over midnight. */
  let known: { date: NmeaDate; time: number } | null = null;

  const close = (): NmeaFix[] => {
    const done = cycle;
    cycle = emptyCycle();
    if (done.seen.size === 0) return [];
    if (done.date && done.time !== null) known = { date: done.date, time: done.time };
    let time: string | null = null;
    if (done.time !== null && known) {
      const { year, month, day } = known.date;
      // A time of day well before the one the date came with means midnight passed since then.
      const rollover = done.time < known.time - DAY_MS / 2 ? DAY_MS : 0;
      time = new Date(Date.UTC(year, month - 1, day) + rollover + done.time).toISOString();
    }
    const hasPosition = done.lat !== null && done.lon !== null;
    return [
      {
        time,
        lat: hasPosition ? done.lat : null,
        lon: hasPosition ? done.lon : null,
        alt: done.alt,
        speed: done.speed,
        track: done.track,
        mode: done.gsaMode ?? done.positionMode,
        satellites: done.satellites,
        hdop: done.hdop,
      },
    ];
  };

  const position = (lat: number | null, lon: number | null, mode: 1 | 2 | 3): void => {
    if (lat !== null && lon !== null) {
      cycle.lat = lat;
      cycle.lon = lon;
    }
    cycle.positionMode = Math.max(cycle.positionMode, mode) as 1 | 2 | 3;
  };

  const merge = (sentence: NmeaSentence): void => {
    switch (sentence.type) {
      case 'GGA': {
        const valid = sentence.quality !== null && sentence.quality > 0;
        if (valid) {
          position(sentence.lat, sentence.lon, sentence.alt !== null ? 3 : 2);
          cycle.alt = sentence.alt ?? cycle.alt;
        } else position(null, null, 1);
        cycle.satellites = sentence.satellites ?? cycle.satellites;
        cycle.hdop = sentence.hdop ?? cycle.hdop;
        return;
      }
      case 'GNS':
        if (sentence.valid) {
          position(sentence.lat, sentence.lon, sentence.alt !== null ? 3 : 2);
          cycle.alt = sentence.alt ?? cycle.alt;
        } else position(null, null, 1);
        cycle.satellites = sentence.satellites ?? cycle.satellites;
        cycle.hdop = sentence.hdop ?? cycle.hdop;
        return;
      case 'RMC':
        if (sentence.valid) {
          position(sentence.lat, sentence.lon, 2);
          cycle.speed = sentence.speed ?? cycle.speed;
          cycle.track = sentence.track ?? cycle.track;
        } else position(null, null, 1);
        cycle.date = sentence.date ?? cycle.date;
        return;
      case 'GLL':
        if (sentence.valid) position(sentence.lat, sentence.lon, 2);
        else position(null, null, 1);
        return;
      case 'VTG':
        cycle.speed = sentence.speed ?? cycle.speed;
        cycle.track = sentence.track ?? cycle.track;
        return;
      case 'GSA':
        // GN receivers send one GSA per constellation; the best fix type wins.
        if (sentence.fixType !== null) cycle.gsaMode = Math.max(cycle.gsaMode ?? 1, sentence.fixType) as 1 | 2 | 3;
        cycle.hdop = sentence.hdop ?? cycle.hdop;
        return;
      case 'ZDA':
        cycle.date = sentence.date ?? cycle.date;
        return;
      default:
        assertNever(sentence);
    }
  };

  return {
    add(sentence) {
      const fixes: NmeaFix[] = [];
      const time = sentenceTime(sentence);
      if (time !== undefined && cycle.seen.size > 0) {
        const changed =
          time === null
            ? cycle.time !== null || cycle.seen.has(sentence.type)
            : cycle.time !== null
              ? time !== cycle.time
              : cycle.untimed;
        if (changed) fixes.push(...close());
      }
      if (time !== undefined) {
        if (time === null) cycle.untimed = true;
        else cycle.time ??= time;
      }
      merge(sentence);
      cycle.seen.add(sentence.type);
      if (sentence.type === cycleEnd) fixes.push(...close());
      return fixes;
    },
    finish: close,
  };
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}

const EMPTY = new Uint8Array(0);

/** Bytes from a GPS receiver to sentence, ignored and fix events. Never throws on input. */
export function createNmeaParser(options: NmeaParserOptions = {}): StreamParser<NmeaEvent> {
  const maxLength = options.maxLength ?? 160;
  const framer = createDelimitedFramer({ start: DOLLAR, end: [CR, LF], maxLength });
  const cycles = createCycleMerger(options.cycleEnd);

  const toFrames = (framed: { raw: Uint8Array; truncated: boolean }[]): Frame<NmeaEvent>[] => {
    const frames: Frame<NmeaEvent>[] = [];
    for (const { raw: body, truncated } of framed) {
      // The framer drops the start byte; put it back so the stored raw is the sentence as received.
      const raw = new Uint8Array(body.length + 1);
      raw[0] = DOLLAR;
      raw.set(body, 1);
      if (truncated) {
        frames.push({
          raw,
          result: fail(
            body.length >= maxLength ? `sentence longer than ${maxLength} bytes` : 'truncated sentence (no line end)',
          ),
        });
        continue;
      }
      const result = parseNmeaSentence(body, options);
      if (result.ok && result.value.kind === 'sentence') {
        const fixes = cycles.add(result.value.sentence);
        const fixFrames = fixes.map((fix) => ({ raw: EMPTY, result: { ok: true as const, value: fixEvent(fix) } }));
        // A fix closed by a new time of day comes before the sentence that opened the next cycle;
        // a fix closed by the configured end sentence comes after it.
        if (result.value.sentence.type === options.cycleEnd) frames.push({ raw, result }, ...fixFrames);
        else frames.push(...fixFrames, { raw, result });
      } else frames.push({ raw, result });
    }
    return frames;
  };

  return {
    push: (chunk) => toFrames(framer.push(chunk)),
    flush() {
      const frames = toFrames(framer.flush());
      for (const fix of cycles.finish()) frames.push({ raw: EMPTY, result: { ok: true, value: fixEvent(fix) } });
      return frames;
    },
  };
}

function fixEvent(fix: NmeaFix): NmeaEvent {
  return { kind: 'fix', fix };
}

export interface NmeaLogResult {
  readonly fixes: NmeaFix[];
  /** Lines that did not parse, 1-based, with the text as read. */
  readonly rejected: { line: number; text: string; error: string }[];
}

/**
 * A whole log (one sentence per line, gpsd-style `#` comment lines allowed) to fixes, for the CLI.
 * Unknown sentence types are skipped silently; anything malformed is listed in `rejected`.
 */
export function parseNmeaLog(text: string, options: NmeaParserOptions = {}): NmeaLogResult {
  const parser = createNmeaParser(options);
  const fixes: NmeaFix[] = [];
  const rejected: { line: number; text: string; error: string }[] = [];
  const lines = text.split('\n');
  const collect = (frames: Frame<NmeaEvent>[], line: number, lineText: string): void => {
    for (const frame of frames) {
      if (!frame.result.ok) rejected.push({ line, text: lineText, error: frame.result.error });
      else if (frame.result.value.kind === 'fix') fixes.push(frame.result.value.fix);
    }
  };
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (!line.startsWith('$')) {
      rejected.push({ line: index + 1, text: line, error: 'not an NMEA sentence (no leading $)' });
      continue;
    }
    collect(parser.push(latin1(`${line}\n`)), index + 1, line);
  }
  collect(parser.flush(), lines.length, '');
  return { fixes, rejected };
}

function latin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = Math.min(text.charCodeAt(i), 0xff);
  return bytes;
}
