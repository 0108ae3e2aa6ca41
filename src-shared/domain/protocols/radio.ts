import { z } from 'zod';
import { assertNever } from '../../contract/errors';
import { isValidLatLon, type LatLon } from '../geo';
import { createDelimitedFramer, type Frame, type FrameResult, type StreamParser } from './framing';

/**
 * The radio-data gateway line protocol (docs/protocols/radio.md): what a gateway that decodes
 * MDC-1200-style data bursts sends to the console over RS-232, one checksummed ASCII line per burst:
 *
 *   $RDG,<seq>,<hhmmss>,<unit-hex4>,<opcode>,<arg>[,<lat>,<lon>]*<checksum-hex2>\r\n
 *
 * Pure: no Node, no I/O. The serial service stores each raw line before it looks at the result.
 */

/** Longest line accepted; the longest valid line is about 60 bytes, so this leaves room without letting noise grow. */
export const RADIO_MAX_LINE_LENGTH = 96;

/** A radio repeats a silent emergency three times within a couple of seconds; 10 s covers that with margin. */
export const RADIO_EMERGENCY_WINDOW_MS = 10_000;

export const radioOpcodes = ['STS', 'EMR', 'EAK', 'PTT', 'MSG', 'SRQ', 'RCK'] as const;
export type RadioOpcode = (typeof radioOpcodes)[number];

interface RadioFrameBase {
  /** Gateway sequence number, 0–65535, wrapping: a gap means the gateway or the link lost lines. */
  readonly seq: number;
  /** Gateway clock, time of day `hh:mm:ss` (the gateway has no date; the console stamps its own). */
  readonly gatewayTime: string;
  /** MDC-style unit id: four upper-case hex digits (`1A2F`). Not a console `UnitId`: the roster maps it. */
  readonly unitId: string;
  /** Last GPS fix the radio sent with the burst, when it sent one. */
  readonly position?: LatLon;
}

/** One decoded radio data burst. */
export type RadioFrame =
  | (RadioFrameBase & { readonly kind: 'status'; readonly statusCode: number })
  | (RadioFrameBase & { readonly kind: 'emergency' })
  | (RadioFrameBase & { readonly kind: 'emergencyAck' })
  | (RadioFrameBase & { readonly kind: 'pttId' })
  | (RadioFrameBase & { readonly kind: 'message'; readonly messageCode: number })
  | (RadioFrameBase & { readonly kind: 'statusRequest' })
  | (RadioFrameBase & { readonly kind: 'radioCheck' });

export type RadioFrameKind = RadioFrame['kind'];

// ---------------------------------------------------------------------------------------------
// Status table

/** Unit statuses of the console that radio status codes can set. */
export const radioUnitStatuses = [
  'available',
  'dispatched',
  'en-route',
  'on-scene',
  'transporting',
  'at-hospital',
  'available-on-radio',
  'out-of-service',
] as const;
export type RadioUnitStatus = (typeof radioUnitStatuses)[number];

/** `resources/radio/status-map.json`: which radio status code (one hex digit) sets which unit status. */
export const radioStatusMapSchema = z
  .object({
    version: z.literal(1),
    description: z.string().optional(),
    codes: z.record(
      z.string().regex(/^[0-9A-F]$/, 'status code must be one upper-case hex digit (0–9, A–F)'),
      z.enum(radioUnitStatuses),
    ),
  })
  .strict();
export type RadioStatusMap = z.infer<typeof radioStatusMapSchema>;

/** The unit status a radio status code sets, or null when the center has not mapped that code. */
export function mapRadioStatus(map: RadioStatusMap, code: number): RadioUnitStatus | null {
  if (!Number.isInteger(code) || code < 0 || code > 15) return null;
  return map.codes[code.toString(16).toUpperCase()] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Line parsing

/** XOR of the characters between `$` and `*`, as two upper-case hex digits (as NMEA 0183). */
export function radioChecksum(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum ^= body.charCodeAt(i) & 0xff;
  return sum.toString(16).toUpperCase().padStart(2, '0');
}

/** `$<body>*<checksum>\r\n` — for tests, simulators and the benchmark. */
export function encodeRadioLine(body: string): string {
  return `$${body}*${radioChecksum(body)}\r\n`;
}

const SEQ = /^\d{1,5}$/;
const TIME = /^\d{6}$/;
const UNIT = /^[0-9A-Fa-f]{4}$/;
const CHECKSUM = /^[0-9A-F]{2}$/;
const DEGREES = /^-?\d{1,3}(?:\.\d{1,7})?$/;

type Parsed<T> = FrameResult<T>;
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

function parsePosition(latText: string, lonText: string): Parsed<LatLon | undefined> {
  if (latText === '' && lonText === '') return { ok: true, value: undefined };
  if (!DEGREES.test(latText) || !DEGREES.test(lonText)) {
    return fail(`position must be decimal degrees, got "${latText}","${lonText}"`);
  }
  const point = { lat: Number(latText), lon: Number(lonText) };
  if (!isValidLatLon(point)) return fail(`position out of range: ${latText},${lonText}`);
  // Gateways send 0,0 when the radio has no fix: that is "no position", not a point in the Gulf of Guinea.
  if (point.lat === 0 && point.lon === 0) return { ok: true, value: undefined };
  return { ok: true, value: point };
}

function parseArgument(opcode: RadioOpcode, arg: string, pattern: RegExp, what: string): Parsed<number> {
  if (!pattern.test(arg)) return fail(`${opcode} needs ${what}, got "${arg}"`);
  return { ok: true, value: Number.parseInt(arg, 16) };
}

const NO_ARGUMENT_KINDS = {
  EMR: 'emergency',
  EAK: 'emergencyAck',
  PTT: 'pttId',
  SRQ: 'statusRequest',
  RCK: 'radioCheck',
} as const satisfies Record<Exclude<RadioOpcode, 'STS' | 'MSG'>, RadioFrameKind>;

// Literal objects of one shape each (no spreads, no closures): this is the per-line hot path.
function accepted(position: LatLon | undefined, frame: RadioFrame): Parsed<RadioFrame> {
  if (position) (frame as { position?: LatLon }).position = position;
  return { ok: true, value: frame };
}

/** Parses one line without its CR/LF. Never throws. */
export function parseRadioLine(line: string): Parsed<RadioFrame> {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) {
      return fail(`non-printable byte 0x${code.toString(16).padStart(2, '0')} at column ${i + 1}`);
    }
  }
  if (!line.startsWith('$')) return fail('line does not start with "$"');
  const star = line.indexOf('*');
  if (star === -1) return fail('missing "*" and checksum');
  const body = line.slice(1, star);
  const sent = line.slice(star + 1);
  if (!CHECKSUM.test(sent)) return fail(`checksum must be two upper-case hex digits after "*", got "${sent}"`);
  const computed = radioChecksum(body);
  if (sent !== computed) return fail(`checksum mismatch: sent ${sent}, computed ${computed}`);

  const fields = body.split(',');
  if (fields[0] !== 'RDG') return fail(`unknown sentence "${fields[0] ?? ''}" (expected RDG)`);
  if (fields.length !== 6 && fields.length !== 8) {
    return fail(`expected 6 or 8 fields (with position), got ${fields.length}`);
  }
  const [, seqText = '', timeText = '', unitText = '', opcodeText = '', arg = '', latText, lonText] = fields;

  if (!SEQ.test(seqText) || Number(seqText) > 65_535) return fail(`sequence must be 0–65535, got "${seqText}"`);
  if (!TIME.test(timeText)) return fail(`time must be hhmmss, got "${timeText}"`);
  const hh = Number(timeText.slice(0, 2));
  const mm = Number(timeText.slice(2, 4));
  const ss = Number(timeText.slice(4, 6));
  if (hh > 23 || mm > 59 || ss > 59) return fail(`time out of range: "${timeText}"`);
  if (!UNIT.test(unitText)) return fail(`unit id must be four hex digits, got "${unitText}"`);
  if (!(radioOpcodes as readonly string[]).includes(opcodeText)) return fail(`unknown opcode "${opcodeText}"`);
  const opcode = opcodeText as RadioOpcode;

  const position =
    latText === undefined ? { ok: true as const, value: undefined } : parsePosition(latText, lonText ?? '');
  if (!position.ok) return position;

  const seq = Number(seqText);
  const gatewayTime = `${timeText.slice(0, 2)}:${timeText.slice(2, 4)}:${timeText.slice(4, 6)}`;
  const unitId = unitText.toUpperCase();

  switch (opcode) {
    case 'STS': {
      const code = parseArgument(opcode, arg, /^[0-9A-F]$/, 'one upper-case hex digit');
      return code.ok
        ? accepted(position.value, { kind: 'status', seq, gatewayTime, unitId, statusCode: code.value })
        : code;
    }
    case 'MSG': {
      const code = parseArgument(opcode, arg, /^[0-9A-F]{2}$/, 'two upper-case hex digits');
      return code.ok
        ? accepted(position.value, { kind: 'message', seq, gatewayTime, unitId, messageCode: code.value })
        : code;
    }
    case 'EMR':
    case 'EAK':
    case 'PTT':
    case 'SRQ':
    case 'RCK':
      return arg === ''
        ? accepted(position.value, { kind: NO_ARGUMENT_KINDS[opcode], seq, gatewayTime, unitId })
        : fail(`${opcode} takes no argument, got "${arg}"`);
    default:
      return assertNever(opcode, 'radio opcode');
  }
}

/** One char per byte, so a non-ASCII byte is reported rather than merged into a UTF-8 character. */
function latin1(bytes: Uint8Array): string {
  // Spread is fast for a line; a caller-raised maxLineLength must not overflow the argument stack.
  if (bytes.length <= 1024) return String.fromCharCode(...bytes);
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

export interface RadioParserOptions {
  /** Longest line kept before it is cut off and reported (default RADIO_MAX_LINE_LENGTH). */
  readonly maxLineLength?: number;
}

/** Bytes from the gateway's serial port in, radio frames (or the reason each line was rejected) out. */
export function createRadioParser(options: RadioParserOptions = {}): StreamParser<RadioFrame> {
  const maxLength = options.maxLineLength ?? RADIO_MAX_LINE_LENGTH;
  const framer = createDelimitedFramer({ end: [0x0a, 0x0d], maxLength });
  const toFrame = ({ raw, truncated }: { raw: Uint8Array; truncated: boolean }, atEnd: boolean): Frame<RadioFrame> => {
    if (truncated) {
      const error =
        atEnd && raw.length < maxLength
          ? 'line cut off: the link closed before its end of line'
          : `line longer than ${maxLength} bytes: cut off`;
      return { raw, result: fail(error) };
    }
    return { raw, result: parseRadioLine(latin1(raw)) };
  };
  return {
    push: (chunk) => framer.push(chunk).map((frame) => toFrame(frame, false)),
    flush: () => framer.flush().map((frame) => toFrame(frame, true)),
  };
}

// ---------------------------------------------------------------------------------------------
// Emergency de-duplication

/** `alarm`: raise the emergency alarm; `duplicate`: a repeat of an alarm already raised. */
export type EmergencyVerdict = 'alarm' | 'duplicate';

export interface EmergencyDeduplicator {
  /**
   * Decides for one emergency from `unitId` received at `atMs` (console clock). A repeat within
   * the window of the last alarm from the same unit is a duplicate; the window does not slide on duplicates.
   */
  check(unitId: string, atMs: number): EmergencyVerdict;
}

/** Pure state machine (the caller supplies the time): the radio's three silent repeats make one alarm. */
export function createEmergencyDeduplicator(windowMs: number = RADIO_EMERGENCY_WINDOW_MS): EmergencyDeduplicator {
  const lastAlarm = new Map<string, number>();
  return {
    check(unitId, atMs) {
      // Forget old alarms so a day of traffic does not grow the map.
      for (const [unit, at] of lastAlarm) if (atMs - at >= windowMs) lastAlarm.delete(unit);
      const previous = lastAlarm.get(unitId);
      if (previous !== undefined && atMs - previous < windowMs) return 'duplicate';
      lastAlarm.set(unitId, atMs);
      return 'alarm';
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Text (for `nida parse radio FILE|-`)

export interface RadioTextReport {
  /** Accepted frames in order; emergencies carry the verdict (by gateway time, as the file has no receive times). */
  readonly frames: readonly (RadioFrame & { readonly alarm?: EmergencyVerdict })[];
  readonly rejected: readonly { readonly line: number; readonly raw: string; readonly error: string }[];
  /** One JSON object per frame, then one summary object `{ "accepted", "rejected", "errors" }`. */
  readonly jsonLines: readonly string[];
}

/** Parses a capture of gateway output. Line numbers count LF-terminated lines. */
export function parseRadioText(text: string, windowMs: number = RADIO_EMERGENCY_WINDOW_MS): RadioTextReport {
  const frames: (RadioFrame & { alarm?: EmergencyVerdict })[] = [];
  const rejected: { line: number; raw: string; error: string }[] = [];
  const dedup = createEmergencyDeduplicator(windowMs);
  const lines = text.split('\n');
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(/\r+$/, '');
    if (line === '') return;
    const result =
      line.length > RADIO_MAX_LINE_LENGTH
        ? fail(`line longer than ${RADIO_MAX_LINE_LENGTH} bytes`)
        : parseRadioLine(line);
    if (!result.ok) {
      rejected.push({ line: index + 1, raw: line.slice(0, RADIO_MAX_LINE_LENGTH), error: result.error });
      return;
    }
    const frame = result.value;
    if (frame.kind === 'emergency') {
      const [hh = 0, mm = 0, ss = 0] = frame.gatewayTime.split(':').map(Number);
      frames.push({ ...frame, alarm: dedup.check(frame.unitId, ((hh * 60 + mm) * 60 + ss) * 1000) });
    } else {
      frames.push(frame);
    }
  });
  const jsonLines = [
    ...frames.map((frame) => JSON.stringify(frame)),
    JSON.stringify({ accepted: frames.length, rejected: rejected.length, errors: rejected }),
  ];
  return { frames, rejected, jsonLines };
}
