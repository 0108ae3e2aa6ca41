import { z } from 'zod';
import { assertNever } from '../../contract/errors';
import { destinationSchema, unitStatusSchema, type UnitStatus } from '../unit';

/**
 * Unit GPS payloads received over MQTT (docs/protocols/mqtt.md): Nida's own JSON, OwnTracks
 * location messages and Traccar's JSON position forwarder. Pure: no Node, no I/O. Every input,
 * however broken, gives a result; nothing here throws.
 */

export const avlFormats = ['nida', 'owntracks', 'traccar'] as const;
export type AvlFormat = (typeof avlFormats)[number];

/** Largest payload looked at; anything bigger is rejected unread. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** Longest device id (the roster's `deviceId` field allows 120 characters). */
export const MAX_DEVICE_ID_LENGTH = 120;

/** 1 knot in m/s (1.852 km/h). */
export const KNOT_MPS = 1852 / 3600;
/** 1 km/h in m/s. */
export const KMH_MPS = 1 / 3.6;

/** Fix times before this are a unit mistake (epoch seconds sent as milliseconds), not a real fix. */
const EARLIEST_FIX_MS = Date.UTC(2000, 0, 1);

/** A GPS fix as a device reported it, converted to Nida's units. */
export interface DeviceFix {
  readonly lat: number;
  readonly lon: number;
  /** When the device took the fix, UTC ms. */
  readonly at: number;
  /** m/s. */
  readonly speed: number | null;
  /** Degrees clockwise from true north, 0–360. */
  readonly heading: number | null;
  /** Horizontal accuracy, metres. */
  readonly accuracyM: number | null;
}

/** Why a message was refused before plausibility (see `FixRejection` for the plausibility reasons). */
export const payloadRejections = ['too-large', 'malformed', 'invalid-fields', 'unknown-topic', 'no-fix'] as const;
export type PayloadRejection = (typeof payloadRejections)[number];

export type PayloadResult =
  /** A position from a device. */
  | {
      readonly kind: 'fix';
      readonly format: AvlFormat;
      readonly deviceId: string;
      readonly fix: DeviceFix;
      /** Unit status the device reported with the fix (Nida format only). */
      readonly status: UnitStatus | null;
      /** Where the unit is taking a patient (hospital name) when it reports a transport (Nida format only). */
      readonly destination: string | null;
    }
  /** The device announced it is gone (OwnTracks last will). */
  | { readonly kind: 'offline'; readonly format: AvlFormat; readonly deviceId: string }
  /** Understood, but not a position (OwnTracks transition/card/encrypted, empty retained payloads). */
  | { readonly kind: 'ignored'; readonly format: AvlFormat; readonly what: string }
  | {
      readonly kind: 'rejected';
      readonly reason: PayloadRejection;
      readonly detail: string;
      readonly format: AvlFormat | null;
    };

// ---------------------------------------------------------------------------------------------
// Topics

/** Topic filters per format, MQTT syntax (`+` one level, `#` the rest). */
export type TopicPatterns = Readonly<Record<AvlFormat, readonly string[]>>;

export const defaultTopicPatterns: TopicPatterns = {
  nida: ['nida/avl/+'],
  owntracks: ['owntracks/+/+'],
  // Traccar's `forward.topic` default.
  traccar: ['positions'],
};

/** Whether `pattern` is a valid MQTT topic filter (`#` only last, wildcards fill a whole level). */
export function isValidTopicFilter(pattern: string): boolean {
  if (pattern.length === 0 || pattern.length > 200) return false;
  const levels = pattern.split('/');
  return levels.every(
    (level, index) =>
      (level === '#' && index === levels.length - 1) || level === '+' || (!level.includes('+') && !level.includes('#')),
  );
}

interface CompiledPattern {
  readonly format: AvlFormat;
  readonly levels: readonly string[];
}

export interface TopicMatch {
  readonly format: AvlFormat;
  /** The levels the wildcards matched, joined with `/` (the device id for topic-addressed formats). */
  readonly wildcard: string;
}

/** Matches topics against the configured filters; the most specific filter that matches decides the format. */
export function createTopicMatcher(patterns: TopicPatterns): (topic: string) => TopicMatch | null {
  const compiled: CompiledPattern[] = [];
  for (const format of avlFormats) {
    for (const pattern of patterns[format]) compiled.push({ format, levels: pattern.split('/') });
  }
  // The most specific filter wins: exact topics, then fewer `+`, and `#` last (`traccar/out` before `+/+`).
  const wildcards = (pattern: CompiledPattern): number =>
    pattern.levels.reduce((sum, level) => sum + (level === '#' ? 100 : level === '+' ? 1 : 0), 0);
  compiled.sort((a, b) => wildcards(a) - wildcards(b));
  return (topic) => {
    const levels = topic.split('/');
    for (const pattern of compiled) {
      const captured = matchLevels(pattern.levels, levels);
      if (captured !== null) return { format: pattern.format, wildcard: captured.join('/') };
    }
    return null;
  };
}

function matchLevels(pattern: readonly string[], topic: readonly string[]): string[] | null {
  const captured: string[] = [];
  for (let index = 0; index < pattern.length; index++) {
    const level = pattern[index];
    if (level === '#') {
      captured.push(...topic.slice(index));
      return captured;
    }
    const actual = topic[index];
    if (actual === undefined) return null;
    if (level === '+') captured.push(actual);
    else if (level !== actual) return null;
  }
  return topic.length === pattern.length ? captured : null;
}

// ---------------------------------------------------------------------------------------------
// Times

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * ISO-8601 with any offset form Traccar has used: `Z`, `+00:00`, `+0000`, `+03`. A time without an
 * offset is refused: a fix time that could be local or UTC is worse than none.
 */
export function parseIsoTime(text: string): number | null {
  const match = ISO_TIME.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hours > 14 || minutes > 59) return null;
    offsetMinutes = sign * (hours * 60 + minutes);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms) - offsetMinutes * 60_000;
  // Date.UTC rolls 31 February over into March: refuse it.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return null;
  return Number.isFinite(utc) ? utc : null;
}

// ---------------------------------------------------------------------------------------------
// Field schemas

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);
const optionalNumber = (schema: z.ZodNumber): z.ZodOptional<z.ZodNullable<z.ZodNumber>> => schema.nullable().optional();

/** Nida's own format on `nida/avl/<deviceId>`. Extra fields are allowed (newer devices) and ignored. */
export const nidaPayloadSchema = z.object({
  lat: latitude,
  lon: longitude,
  /** ISO-8601 with offset, or epoch milliseconds. */
  time: z.union([z.string().max(40), z.number().int().min(0).max(8_640_000_000_000)]),
  /** m/s. */
  speed: optionalNumber(z.number().min(0).max(1_000)),
  heading: optionalNumber(z.number().min(0).max(360)),
  accuracy: optionalNumber(z.number().min(0).max(100_000)),
  status: unitStatusSchema.optional(),
  /** Hospital the unit is taking a patient to (with `transporting` / `at-hospital`); bidi controls stripped. */
  destination: destinationSchema.optional(),
});
export type NidaPayload = z.infer<typeof nidaPayloadSchema>;

const owntracksTypeSchema = z.object({ _type: z.string().max(40) });

/** OwnTracks `_type: location` (schema: `lat`, `lon`, `tst` required). */
const owntracksLocationSchema = z.object({
  lat: latitude,
  lon: longitude,
  /** Epoch seconds. */
  tst: z.number().int().min(0).max(8_640_000_000),
  /** km/h, omitted when 0. */
  vel: optionalNumber(z.number().min(0).max(3_600)),
  cog: optionalNumber(z.number().min(-1).max(360)),
  /** Metres; trackers send -1 for unknown. */
  acc: optionalNumber(z.number().min(-1).max(100_000)),
});

/** Traccar's forwarded `{ position, device }` (speed in knots, times ISO-8601). */
const traccarPayloadSchema = z.object({
  position: z.object({
    latitude,
    longitude,
    fixTime: z.string().max(40).nullable().optional(),
    deviceTime: z.string().max(40).nullable().optional(),
    valid: z.boolean().nullable().optional(),
    outdated: z.boolean().nullable().optional(),
    speed: optionalNumber(z.number().min(0).max(2_000)),
    course: optionalNumber(z.number().min(0).max(360)),
    accuracy: optionalNumber(z.number().min(0).max(100_000)),
  }),
  device: z.object({ uniqueId: z.string().trim().min(1).max(MAX_DEVICE_ID_LENGTH) }),
});

// ---------------------------------------------------------------------------------------------
// Parsing

const decoder = new TextDecoder('utf-8', { fatal: true });

function rejected(reason: PayloadRejection, detail: string, format: AvlFormat | null): PayloadResult {
  return { kind: 'rejected', reason, detail, format };
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function checkTime(at: number | null, format: AvlFormat): PayloadResult | number {
  if (at === null) return rejected('invalid-fields', 'time: not ISO-8601 with an offset, nor epoch ms', format);
  if (at < EARLIEST_FIX_MS) return rejected('invalid-fields', 'time: before 2000 (epoch seconds sent as ms?)', format);
  return at;
}

function normalizedHeading(value: number | null | undefined): number | null {
  if (value === null || value === undefined || value < 0) return null;
  return value % 360;
}

function validDeviceId(id: string): boolean {
  if (id.length === 0 || id.length > MAX_DEVICE_ID_LENGTH) return false;
  for (let index = 0; index < id.length; index++) if (id.charCodeAt(index) < 0x20) return false;
  return true;
}

/**
 * Decodes one MQTT message. `topic` picks the format through the configured filters; the device id
 * comes from the topic's wildcard levels (Nida, OwnTracks) or the payload (Traccar `device.uniqueId`).
 */
export function parseAvlMessage(
  topic: string,
  payload: Uint8Array,
  matchTopic: (topic: string) => TopicMatch | null,
): PayloadResult {
  const match = matchTopic(topic);
  if (match === null)
    return rejected('unknown-topic', `no configured topic filter matches ${topic.slice(0, 200)}`, null);
  const { format } = match;
  if (payload.byteLength > MAX_PAYLOAD_BYTES) {
    return rejected('too-large', `${String(payload.byteLength)} bytes (limit ${String(MAX_PAYLOAD_BYTES)})`, format);
  }
  // Empty payloads clear a retained message (and OwnTracks sends one when a friend is deleted).
  if (payload.byteLength === 0) return { kind: 'ignored', format, what: 'empty payload' };
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch (error) {
    return rejected('malformed', `not UTF-8 JSON: ${error instanceof Error ? error.message : String(error)}`, format);
  }
  if (format !== 'traccar' && !validDeviceId(match.wildcard)) {
    return rejected('invalid-fields', `topic ${topic.slice(0, 200)} names no usable device id`, format);
  }
  switch (format) {
    case 'nida':
      return parseNida(match.wildcard, json);
    case 'owntracks':
      return parseOwntracks(match.wildcard, json);
    case 'traccar':
      return parseTraccar(json);
    default:
      return assertNever(format);
  }
}

function parseNida(deviceId: string, json: unknown): PayloadResult {
  const parsed = nidaPayloadSchema.safeParse(json);
  if (!parsed.success) return rejected('invalid-fields', issuesText(parsed.error), 'nida');
  const body = parsed.data;
  const at = checkTime(typeof body.time === 'number' ? body.time : parseIsoTime(body.time), 'nida');
  if (typeof at !== 'number') return at;
  return {
    kind: 'fix',
    format: 'nida',
    deviceId,
    fix: {
      lat: body.lat,
      lon: body.lon,
      at,
      speed: body.speed ?? null,
      heading: normalizedHeading(body.heading),
      accuracyM: body.accuracy ?? null,
    },
    status: body.status ?? null,
    destination: body.destination ? body.destination : null,
  };
}

function parseOwntracks(deviceId: string, json: unknown): PayloadResult {
  const typed = owntracksTypeSchema.safeParse(json);
  if (!typed.success) return rejected('invalid-fields', issuesText(typed.error), 'owntracks');
  const type = typed.data._type;
  if (type === 'lwt') return { kind: 'offline', format: 'owntracks', deviceId };
  if (type !== 'location') return { kind: 'ignored', format: 'owntracks', what: `_type ${type.slice(0, 40)}` };
  const parsed = owntracksLocationSchema.safeParse(json);
  if (!parsed.success) return rejected('invalid-fields', issuesText(parsed.error), 'owntracks');
  const body = parsed.data;
  const at = checkTime(body.tst * 1000, 'owntracks');
  if (typeof at !== 'number') return at;
  return {
    kind: 'fix',
    format: 'owntracks',
    deviceId,
    fix: {
      lat: body.lat,
      lon: body.lon,
      at,
      // `vel` is only sent when it is not zero.
      speed: (body.vel ?? 0) * KMH_MPS,
      heading: normalizedHeading(body.cog),
      accuracyM: body.acc === null || body.acc === undefined || body.acc <= 0 ? null : body.acc,
    },
    status: null,
    destination: null,
  };
}

function parseTraccar(json: unknown): PayloadResult {
  const parsed = traccarPayloadSchema.safeParse(json);
  if (!parsed.success) return rejected('invalid-fields', issuesText(parsed.error), 'traccar');
  const { position, device } = parsed.data;
  if (!validDeviceId(device.uniqueId)) return rejected('invalid-fields', 'device.uniqueId is not usable', 'traccar');
  // Traccar marks reports without a GPS lock `valid: false` (often a repeat of the last position).
  if (position.valid === false || position.outdated === true) {
    return rejected('no-fix', position.valid === false ? 'position.valid is false' : 'position.outdated', 'traccar');
  }
  const timeText = position.fixTime ?? position.deviceTime;
  if (timeText === null || timeText === undefined) {
    return rejected('invalid-fields', 'position: neither fixTime nor deviceTime', 'traccar');
  }
  const at = checkTime(parseIsoTime(timeText), 'traccar');
  if (typeof at !== 'number') return at;
  return {
    kind: 'fix',
    format: 'traccar',
    deviceId: device.uniqueId,
    fix: {
      lat: position.latitude,
      lon: position.longitude,
      at,
      speed: position.speed === null || position.speed === undefined ? null : position.speed * KNOT_MPS,
      heading: normalizedHeading(position.course),
      // Traccar writes 0 when the device gave no accuracy.
      accuracyM: position.accuracy ? position.accuracy : null,
    },
    status: null,
    destination: null,
  };
}

/** Nida's own payload for a fix (what the simulator and tests publish on `nida/avl/<deviceId>`). */
export function encodeNidaPayload(fix: DeviceFix, status?: UnitStatus, destination?: string): string {
  const body: Record<string, unknown> = { lat: fix.lat, lon: fix.lon, time: new Date(fix.at).toISOString() };
  if (fix.speed !== null) body.speed = fix.speed;
  if (fix.heading !== null) body.heading = fix.heading;
  if (fix.accuracyM !== null) body.accuracy = fix.accuracyM;
  if (status !== undefined) body.status = status;
  if (destination !== undefined && destination !== '') body.destination = destination;
  return JSON.stringify(body);
}
