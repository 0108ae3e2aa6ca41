import { z } from 'zod';
import type { CallEventPayload } from '../call';
import { DEFAULT_TIME_ZONE } from '../time';
import { assertTimeZone, zonedParts, zonedToUtc } from '../timeZone';
import { formatIssuePath } from '../taxonomy';
import { createDelimitedFramer, type Frame, type FrameResult, type StreamParser } from './framing';

/**
 * ALI (Automatic Location Identification) records from the telephony equipment. There is no single
 * wire format: each vendor sends its own fixed layout, so the layout is data — a template that a
 * center writes (resources/ali-templates/*.json, docs/protocols/ali.md) — and this file only knows
 * how to frame, cut and type fields. Pure: bytes in, records out, bad input is a value.
 */

const STX = 0x02;
const ETX = 0x03;
const LF = 0x0a;
const CR = 0x0d;

export const classOfServiceKinds = [
  'residence',
  'business',
  'payphone',
  'wireless',
  'wireless-phase1',
  'wireless-phase2',
  'voip',
  'pbx',
  'telematics',
  'test',
  'unknown',
] as const;
export type ClassOfServiceKind = (typeof classOfServiceKinds)[number];

/** Codes seen across vendors; a template's `classesOfService` adds to or overrides these. */
export const defaultClassesOfService: Readonly<Record<string, ClassOfServiceKind>> = {
  RESD: 'residence',
  RES: 'residence',
  BUSN: 'business',
  BUSI: 'business',
  BUS: 'business',
  COIN: 'payphone',
  CCRD: 'payphone',
  WRLS: 'wireless',
  MOBL: 'wireless',
  WPH1: 'wireless-phase1',
  WPH2: 'wireless-phase2',
  VOIP: 'voip',
  VNOM: 'voip',
  PBXB: 'pbx',
  PBXR: 'pbx',
  CNTX: 'pbx',
  TLMA: 'telematics',
  TEST: 'test',
};

export const aliFieldTypes = ['text', 'phone', 'number', 'datetime'] as const;
export type AliFieldType = (typeof aliFieldTypes)[number];

const DATE_TOKENS = /YYYY|YY|MM|DD|HH|mm|ss/g;

/** Where one value sits in the record and what it is. */
const fieldShape = z.strictObject({
  /** 1-based line of the record (after leading empty lines). Required for columns; narrows a label search. */
  line: z.number().int().min(1).max(200).optional(),
  /** 1-based first character of a fixed-column value. */
  column: z.number().int().min(1).max(4096).optional(),
  /** Characters the value takes; for a label: at most this many after the label. */
  width: z.number().int().min(1).max(4096).optional(),
  /** Text that precedes the value on its line (e.g. `CALLBACK:`). */
  label: z.string().min(1).max(40).optional(),
  /** Strip spaces on both sides (default). Blank values are absent either way. */
  trim: z.boolean().default(true),
  type: z.enum(aliFieldTypes).default('text'),
  /** datetime only: tokens YYYY YY MM DD HH mm ss; anything else is literal. */
  format: z.string().min(1).max(40).optional(),
  /** number only: implied decimals when the value has no decimal point (`33312800` with 6 → 33.3128). */
  decimals: z.number().int().min(0).max(9).optional(),
});

export const aliFieldSchema = fieldShape.superRefine((field, ctx) => {
  const issue = (path: string, message: string): void => {
    ctx.addIssue({ code: 'custom', path: [path], message });
  };
  if (field.label === undefined) {
    if (field.line === undefined) issue('line', 'a fixed-column field needs a line (or a label)');
    if (field.column === undefined) issue('column', 'a fixed-column field needs a column (or a label)');
    if (field.width === undefined) issue('width', 'a fixed-column field needs a width');
  } else if (field.column !== undefined) {
    issue('column', 'a field is located by label or by column, not both');
  }
  if (field.type === 'datetime') {
    if (field.format === undefined) issue('format', 'a datetime field needs a format such as "MM/DD HH:mm"');
    else {
      const tokens: string[] = field.format.match(DATE_TOKENS) ?? [];
      for (const needed of ['MM', 'DD', 'HH', 'mm']) {
        if (!tokens.includes(needed)) issue('format', `format lacks ${needed}`);
      }
      if (new Set(tokens).size !== tokens.length) issue('format', 'format repeats a token');
    }
  } else if (field.format !== undefined) issue('format', 'format is for datetime fields only');
  if (field.decimals !== undefined && field.type !== 'number') issue('decimals', 'decimals is for number fields only');
});
export type AliField = z.infer<typeof aliFieldSchema>;

const framingSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stx-etx') }),
  z.strictObject({ kind: z.literal('terminator-line'), line: z.string().min(1).max(40) }),
  z.strictObject({ kind: z.literal('blank-line') }),
]);

const fieldsSchema = z.strictObject({
  callbackNumber: aliFieldSchema,
  callerName: aliFieldSchema.optional(),
  houseNumber: aliFieldSchema.optional(),
  houseSuffix: aliFieldSchema.optional(),
  direction: aliFieldSchema.optional(),
  street: aliFieldSchema.optional(),
  community: aliFieldSchema.optional(),
  state: aliFieldSchema.optional(),
  locationText: aliFieldSchema.optional(),
  esn: aliFieldSchema.optional(),
  classOfService: aliFieldSchema.optional(),
  position: aliFieldSchema.optional(),
  time: aliFieldSchema.optional(),
  latitude: aliFieldSchema.optional(),
  longitude: aliFieldSchema.optional(),
  uncertainty: aliFieldSchema.optional(),
  confidence: aliFieldSchema.optional(),
});
export type AliFieldName = keyof z.infer<typeof fieldsSchema>;

const requiredTypes: Partial<Record<AliFieldName, AliFieldType>> = {
  callbackNumber: 'phone',
  time: 'datetime',
  latitude: 'number',
  longitude: 'number',
  uncertainty: 'number',
  confidence: 'number',
};

export const aliTemplateSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case name, digits and dashes'),
    description: z.string().max(500).default(''),
    framing: framingSchema,
    /** Bytes one record may take; a longer one (lost terminator) is cut and reported. */
    maxRecordLength: z.number().int().min(64).max(65_536),
    encoding: z.enum(['ascii', 'latin1', 'utf-8']),
    fields: fieldsSchema,
    /** Responding-agency lines (police, fire, EMS), in this order; blank ones are left out. */
    agencies: z.array(aliFieldSchema).max(10).default([]),
    classesOfService: z
      .record(z.string().regex(/^[A-Z0-9]{1,8}$/, 'upper-case code of up to 8 characters'), z.enum(classOfServiceKinds))
      .default({}),
  })
  .superRefine((template, ctx) => {
    for (const [name, type] of Object.entries(requiredTypes)) {
      const field = template.fields[name as AliFieldName];
      if (field && field.type !== type) {
        ctx.addIssue({ code: 'custom', path: ['fields', name, 'type'], message: `${name} must be of type ${type}` });
      }
    }
    if ((template.fields.latitude === undefined) !== (template.fields.longitude === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['fields', 'longitude'], message: 'latitude and longitude go together' });
    }
  });
export type AliTemplate = z.infer<typeof aliTemplateSchema>;

/** Validates a template document (parsed JSON); never throws. Each error is `path: message`. */
export function parseAliTemplate(raw: unknown): { ok: true; value: AliTemplate } | { ok: false; errors: string[] } {
  const result = aliTemplateSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`),
  };
}

export interface AliLocation {
  readonly lat: number;
  readonly lon: number;
  /** Radius in metres (the record's uncertainty). */
  readonly uncertaintyM?: number;
  /** Probability (%) that the caller is within the radius. */
  readonly confidencePct?: number;
}

export interface AliAddress {
  readonly houseNumber?: string;
  readonly houseSuffix?: string;
  readonly direction?: string;
  readonly street?: string;
  readonly community?: string;
  readonly state?: string;
}

export interface AliRecord {
  /** Normalized: Iraqi numbers as +964…, anything else as its digits. */
  readonly callbackNumber: string;
  readonly callerName?: string;
  readonly address: AliAddress;
  /** Location details (building, floor; on WPH1 the carrier's cell and sector). */
  readonly locationText?: string;
  readonly esn?: string;
  /** `code` is as sent ('' when the record has none). */
  readonly classOfService: { readonly code: string; readonly kind: ClassOfServiceKind };
  /** The answering position the record names. */
  readonly position?: string;
  /** ISO 8601 UTC, from the record's date and time in the configured zone. */
  readonly time?: string;
  readonly location?: AliLocation;
  readonly agencies?: readonly string[];
  /** What was odd but not fatal (unknown class of service, unreadable coordinates, cut record, …). */
  readonly warnings: readonly string[];
}

export interface AliParserOptions {
  /** Zone the record's date and time are in (IANA name). Default Asia/Baghdad. */
  readonly timeZone?: string;
  /** Receive time (UTC ms): gives the year the record leaves out. Default Date.now. */
  readonly now?: () => number;
}

// ---------------------------------------------------------------------------------------------
// Time: the record's wall clock in a zone → UTC (timeZone.ts, Intl only).

interface DatePattern {
  readonly regex: RegExp;
  readonly tokens: readonly string[];
}

function compileFormat(format: string): DatePattern {
  const tokens: string[] = [];
  let source = '';
  let last = 0;
  for (const match of format.matchAll(DATE_TOKENS)) {
    source += format
      .slice(last, match.index)
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/ +/g, ' +');
    source += match[0] === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
    tokens.push(match[0]);
    last = match.index + match[0].length;
  }
  source += format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { regex: new RegExp(`^${source}$`), tokens };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The record's date and time as UTC ms; the year, when absent, is the one nearest the receive time. */
function parseRecordTime(value: string, pattern: DatePattern, receivedAt: number, timeZone: string): number | string {
  const match = pattern.regex.exec(value);
  if (!match) return `time "${value}" does not match the template format`;
  const got: Record<string, number> = {};
  pattern.tokens.forEach((token, index) => {
    got[token] = Number(match[index + 1]);
  });
  const month = got.MM ?? 0;
  const day = got.DD ?? 0;
  const hour = got.HH ?? 0;
  const minute = got.mm ?? 0;
  const second = got.ss ?? 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return `time "${value}" is out of range`;
  }
  const explicitYear = got.YYYY ?? (got.YY !== undefined ? 2000 + got.YY : undefined);
  const candidates: number[] = [];
  if (explicitYear !== undefined) candidates.push(explicitYear);
  else {
    // No year on the wire: the nearest of last, this and next year to the receive time, so a
    // 12/31 23:59 record received after midnight on 1 January keeps its year (and a clock a little
    // ahead on 31 December does not send a 01/01 record back a year).
    const year = zonedParts(receivedAt, timeZone).year;
    candidates.push(year - 1, year, year + 1);
  }
  let best: number | undefined;
  for (const year of candidates) {
    if (day > daysInMonth(year, month)) continue;
    const utc = zonedToUtc(Date.UTC(year, month - 1, day, hour, minute, second), timeZone);
    if (best === undefined || Math.abs(utc - receivedAt) < Math.abs(best - receivedAt)) best = utc;
  }
  return best ?? `time "${value}" is not a calendar date`;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Iraqi numbers (07x…, 9647x…, 00964…) as +964…; anything else as its digits. */
export function normalizePhone(value: string): string | undefined {
  let digits = value.replace(/\D/g, '');
  if (digits === '') return undefined;
  if (digits.startsWith('00')) digits = digits.slice(2);
  if (digits.startsWith('964') && digits.length >= 11) return `+${digits}`;
  if (digits.startsWith('0') && digits.length >= 9 && digits.length <= 11) return `+964${digits.slice(1)}`;
  return value.trim().startsWith('+') ? `+${digits}` : digits;
}

function parseNumber(value: string, decimals: number | undefined): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) return undefined;
  return decimals !== undefined && !value.includes('.') ? number / 10 ** decimals : number;
}

function decode(raw: Uint8Array, encoding: AliTemplate['encoding'], warnings: string[]): string {
  if (encoding === 'utf-8') {
    const text = utf8.decode(raw);
    if (text.includes('\uFFFD')) warnings.push('record has bytes that are not UTF-8 (shown as �)');
    return text;
  }
  let text = '';
  let bad = false;
  for (let start = 0; start < raw.length; start += 8192) {
    const slice = raw.subarray(start, start + 8192);
    if (encoding === 'ascii') {
      for (const byte of slice) if (byte > 0x7f) bad = true;
    }
    text += String.fromCharCode(...slice);
  }
  if (bad) {
    warnings.push('record has bytes outside ASCII');
    text = text.replace(/[\u0080-\u00ff]/g, '?');
  }
  return text;
}

const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// Records

interface CompiledField {
  readonly field: AliField;
  readonly pattern?: DatePattern;
}

interface CompiledTemplate {
  readonly template: AliTemplate;
  readonly fields: readonly (readonly [AliFieldName, CompiledField])[];
  readonly agencies: readonly CompiledField[];
  readonly labels: readonly string[];
  readonly classes: Readonly<Record<string, ClassOfServiceKind>>;
  readonly timeZone: string;
}

function compile(template: AliTemplate, options: AliParserOptions): CompiledTemplate {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  assertTimeZone(timeZone); // an unknown zone is a configuration error: fail at start, not per record
  const one = (field: AliField): CompiledField =>
    field.type === 'datetime' && field.format !== undefined
      ? { field, pattern: compileFormat(field.format) }
      : { field };
  const fields: (readonly [AliFieldName, CompiledField])[] = [];
  // A template built in code may carry `street: undefined`.
  for (const [name, field] of Object.entries(template.fields) as [AliFieldName, AliField | undefined][]) {
    if (field) fields.push([name, one(field)]);
  }
  const all = [...fields.map(([, compiled]) => compiled.field), ...template.agencies];
  return {
    template,
    fields,
    agencies: template.agencies.map(one),
    labels: [...new Set(all.flatMap((field) => (field.label === undefined ? [] : [field.label])))],
    classes: { ...defaultClassesOfService, ...template.classesOfService },
    timeZone,
  };
}

/** The raw text of one field, before typing; undefined when absent or blank. */
function cut(lines: readonly string[], field: AliField, labels: readonly string[]): string | undefined {
  let text: string | undefined;
  if (field.label === undefined) {
    const line = lines[(field.line ?? 1) - 1];
    const start = (field.column ?? 1) - 1;
    text = line?.slice(start, start + (field.width ?? 0));
  } else {
    const label = field.label;
    const candidates = field.line !== undefined ? [lines[field.line - 1] ?? ''] : lines;
    for (const line of candidates) {
      const at = line.indexOf(label);
      if (at < 0) continue;
      // The width counts from the value's first character, not from the spaces after the label.
      let start = at + label.length;
      while (line[start] === ' ') start += 1;
      // To the end of the line, the width, or the next label of the template, whichever is first.
      let end = field.width === undefined ? line.length : Math.min(line.length, start + field.width);
      for (const other of labels) {
        const next = line.indexOf(other, start);
        if (next >= 0 && next < end) end = next;
      }
      text = line.slice(start, end);
      break;
    }
  }
  if (text === undefined) return undefined;
  if (field.trim) text = text.trim();
  return text.trim() === '' ? undefined : text;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function parseRecordLines(
  compiled: CompiledTemplate,
  lines: readonly string[],
  receivedAt: number,
  warnings: string[],
): FrameResult<AliRecord> {
  const values: Partial<Record<AliFieldName, string>> = {};
  const numbers: Partial<Record<AliFieldName, number>> = {};
  let time: string | undefined;
  let callbackNumber: string | undefined;
  for (const [name, { field, pattern }] of compiled.fields) {
    const text = cut(lines, field, compiled.labels);
    if (text === undefined) continue;
    switch (field.type) {
      case 'text':
        values[name] = text;
        break;
      case 'phone': {
        const phone = normalizePhone(text);
        if (phone === undefined) warnings.push(`${name} "${text}" has no digits`);
        else if (name === 'callbackNumber') callbackNumber = phone;
        else values[name] = phone;
        break;
      }
      case 'number': {
        const number = parseNumber(text.trim(), field.decimals);
        if (number === undefined) warnings.push(`${name} "${text}" is not a number`);
        else numbers[name] = number;
        break;
      }
      case 'datetime': {
        if (!pattern) break;
        const utc = parseRecordTime(text.trim(), pattern, receivedAt, compiled.timeZone);
        if (typeof utc === 'string') warnings.push(utc);
        else if (name === 'time') time = new Date(utc).toISOString();
        break;
      }
    }
  }
  if (callbackNumber === undefined) return { ok: false, error: 'record has no callback number' };

  const code = (values.classOfService ?? '').trim().toUpperCase();
  let kind: ClassOfServiceKind = 'unknown';
  if (code === '') warnings.push('record has no class of service');
  else if (compiled.classes[code] !== undefined) kind = compiled.classes[code];
  else warnings.push(`unknown class of service "${code}"`);

  const record: Mutable<AliRecord> = {
    callbackNumber,
    address: {},
    classOfService: { code, kind },
    warnings,
  };
  const address: Mutable<AliAddress> = {};
  for (const part of ['houseNumber', 'houseSuffix', 'direction', 'street', 'community', 'state'] as const) {
    if (values[part] !== undefined) address[part] = values[part];
  }
  record.address = address;
  if (values.callerName !== undefined) record.callerName = values.callerName;
  if (values.locationText !== undefined) record.locationText = values.locationText;
  if (values.esn !== undefined) record.esn = values.esn;
  if (values.position !== undefined) record.position = values.position;
  if (time !== undefined) record.time = time;

  const { latitude: lat, longitude: lon, uncertainty, confidence } = numbers;
  if (lat !== undefined && lon !== undefined) {
    if (lat === 0 && lon === 0) {
      // Some switches fill X/Y with zeros on wireline calls: that is "no fix", not the Gulf of Guinea.
    } else if (Math.abs(lat) > 90 || Math.abs(lon) > 180) warnings.push(`coordinates ${lat},${lon} out of range`);
    else {
      const location: Mutable<AliLocation> = { lat, lon };
      if (uncertainty !== undefined && uncertainty >= 0) location.uncertaintyM = uncertainty;
      if (confidence !== undefined && confidence >= 0 && confidence <= 100) location.confidencePct = confidence;
      record.location = location;
    }
  } else if (lat !== undefined || lon !== undefined) warnings.push('record has only one of latitude and longitude');

  const agencies = compiled.agencies.flatMap(({ field }) => {
    const name = cut(lines, field, compiled.labels);
    return name === undefined ? [] : [name];
  });
  if (agencies.length > 0) record.agencies = agencies;
  return { ok: true, value: record };
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  let first = 0;
  while (first < lines.length && lines[first] === '') first += 1;
  return lines.slice(first);
}

function parseFrame(
  compiled: CompiledTemplate,
  raw: Uint8Array,
  truncated: boolean,
  receivedAt: number,
): FrameResult<AliRecord> {
  const warnings: string[] = [];
  if (truncated) warnings.push(`record cut off (no end within ${compiled.template.maxRecordLength} bytes)`);
  let lines = splitLines(decode(raw, compiled.template.encoding, warnings));
  if (compiled.template.framing.kind === 'terminator-line') {
    const terminator = compiled.template.framing.line;
    const end = lines.findIndex((line) => line.trim() === terminator);
    if (end >= 0) lines = lines.slice(0, end);
  }
  const result = parseRecordLines(compiled, lines, receivedAt, warnings);
  if (!result.ok && truncated) return { ok: false, error: `${result.error}; ${warnings[0] ?? ''}` };
  return result;
}

type RawFrame = { raw: Uint8Array; truncated: boolean };

/**
 * Records that end at a line of their own: a terminator (`$$$`) or a blank line. Bounded like the
 * delimited framer: past maxLength the head is kept and the rest dropped until the record ends.
 */
function createLineRecordFramer(
  terminator: string | null,
  maxLength: number,
): { push(chunk: Uint8Array): RawFrame[]; flush(): RawFrame[] } {
  const buffer = new Uint8Array(maxLength);
  let length = 0;
  let truncated = false;
  let line: number[] = []; // the current line's bytes, kept only up to what a terminator check needs
  let lineOverflow = false;
  let lineHasText = false;
  let recordHasText = false;
  const lineLimit = terminator === null ? 0 : terminator.length + 64;
  const expected = terminator === null ? null : Array.from(utf8Encoder.encode(terminator));

  const take = (): RawFrame => {
    const frame = { raw: buffer.slice(0, length), truncated };
    length = 0;
    truncated = false;
    recordHasText = false;
    return frame;
  };
  const isTerminator = (): boolean => {
    if (expected === null || lineOverflow) return false;
    let start = 0;
    let end = line.length;
    while (start < end && (line[start] === 0x20 || line[start] === 0x09)) start += 1;
    while (end > start && (line[end - 1] === 0x20 || line[end - 1] === 0x09 || line[end - 1] === CR)) end -= 1;
    if (end - start !== expected.length) return false;
    for (let i = 0; i < expected.length; i += 1) if (line[start + i] !== expected[i]) return false;
    return true;
  };

  return {
    push(chunk) {
      const frames: RawFrame[] = [];
      for (const byte of chunk) {
        if (length < maxLength) buffer[length++] = byte;
        else truncated = true;
        if (byte !== LF) {
          if (line.length < lineLimit) line.push(byte);
          else lineOverflow = true;
          if (byte !== 0x20 && byte !== 0x09 && byte !== CR) lineHasText = true;
          continue;
        }
        const ends = terminator === null ? !lineHasText && recordHasText : isTerminator();
        if (lineHasText) recordHasText = true;
        line = [];
        lineOverflow = false;
        lineHasText = false;
        if (ends) frames.push(take());
        else if (!recordHasText) {
          length = 0; // blank lines between records are not part of either
          truncated = false;
        }
      }
      return frames;
    },
    flush() {
      const has = recordHasText || lineHasText;
      line = [];
      lineOverflow = false;
      lineHasText = false;
      if (!has) {
        length = 0;
        truncated = false;
        return [];
      }
      return [{ ...take(), truncated: true }];
    },
  };
}

/** A stream parser for one template: feed it bytes as they come off the serial port. */
export function createAliParser(template: AliTemplate, options: AliParserOptions = {}): StreamParser<AliRecord> {
  const compiled = compile(template, options);
  const now = options.now ?? Date.now;
  const framing = template.framing;
  const framer =
    framing.kind === 'stx-etx'
      ? createDelimitedFramer({ start: STX, end: [ETX], maxLength: template.maxRecordLength })
      : createLineRecordFramer(framing.kind === 'terminator-line' ? framing.line : null, template.maxRecordLength);
  const toFrames = (raw: RawFrame[]): Frame<AliRecord>[] => {
    if (raw.length === 0) return [];
    const receivedAt = now();
    return raw.map((frame) => ({
      raw: frame.raw,
      result: parseFrame(compiled, frame.raw, frame.truncated, receivedAt),
    }));
  };
  return {
    push: (chunk) => toFrames(framer.push(chunk)),
    flush: () => toFrames(framer.flush()),
  };
}

/** A whole capture at once (the CLI: `nida parse ali --template NAME FILE`). A string is taken as UTF-8. */
export function parseAliText(
  template: AliTemplate,
  text: string | Uint8Array,
  options: AliParserOptions = {},
): Frame<AliRecord>[] {
  const parser = createAliParser(template, options);
  const bytes = typeof text === 'string' ? utf8Encoder.encode(text) : text;
  return [...parser.push(bytes), ...parser.flush()];
}

/** The address as one line: `12A N SHARIA AL-RASHEED, BAGHDAD, BG (details)`. */
export function formatAliAddress(record: AliRecord): string | undefined {
  const { houseNumber, houseSuffix, direction, street, community, state } = record.address;
  const house = [houseNumber, houseSuffix].filter(Boolean).join('');
  const streetLine = [house, direction, street].filter(Boolean).join(' ');
  let text = [streetLine, community, state].filter(Boolean).join(', ');
  if (record.locationText !== undefined) text = text === '' ? record.locationText : `${text} (${record.locationText})`;
  return text === '' ? undefined : text.slice(0, 500);
}

/** The `call.received` payload for a record; the host adds rawInputId and repeatOf. */
export function toCallReceived(record: AliRecord): CallEventPayload<'call.received'> {
  const payload: Mutable<CallEventPayload<'call.received'>> = {
    source: 'ali',
    callerNumber: record.callbackNumber.slice(0, 40),
  };
  if (record.position !== undefined) payload.line = record.position.slice(0, 40);
  if (record.callerName !== undefined) payload.callerName = record.callerName.slice(0, 200);
  if (record.location !== undefined) {
    payload.location = { lat: record.location.lat, lon: record.location.lon, source: 'ali' };
    const accuracy = record.location.uncertaintyM;
    if (accuracy !== undefined && accuracy <= 1_000_000) payload.location.accuracyM = accuracy;
  }
  const address = formatAliAddress(record);
  if (address !== undefined) payload.address = address;
  if (record.classOfService.code !== '') payload.classOfService = record.classOfService.code.slice(0, 8);
  return payload;
}
