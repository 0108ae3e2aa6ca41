import { z, type ZodType } from 'zod';
import { ULID_PATTERN } from '../contract/ids';
import { alarmEventPayloads } from './alarmEvents';
import { callEventPayloads } from './call';
import { conflictEventPayloads } from './conflict';
import { incidentEventPayloads } from './incident';
import { unitEventPayloads } from './unitEvents';

/** The records of the log: each event belongs to one incident, call, unit, alarm or conflict. */
export const eventStreams = ['incident', 'call', 'unit', 'alarm', 'conflict'] as const;
export type EventStream = (typeof eventStreams)[number];

/**
 * One event of the log as it is stored and as it travels between the consoles of a center: its
 * payload is validated against the schema of its type.
 */
export interface StoredEvent {
  readonly id: string;
  readonly stream: EventStream;
  readonly streamId: string;
  readonly incidentId: string | null;
  readonly type: string;
  readonly payload: unknown;
  readonly hlc: string;
  readonly at: number;
  readonly actor: string;
  readonly consoleId: string;
}

/** Payload schema of every event type, by stream. */
export const eventPayloadSchemas: Readonly<Record<EventStream, Readonly<Record<string, ZodType>>>> = {
  incident: incidentEventPayloads,
  call: callEventPayloads,
  unit: unitEventPayloads,
  alarm: alarmEventPayloads,
  conflict: conflictEventPayloads,
};

/** The largest event a console accepts from the center's stream (a long narrative is ~10 kB). */
export const MAX_REPLICATED_EVENT_BYTES = 256 * 1024;

/** An event as it is published to the center's stream (JSON, UTF-8). */
const replicatedEventSchema = z.strictObject({
  v: z.literal(1),
  center: z.string().regex(/^[A-Z]{3}$/),
  id: z.string().regex(ULID_PATTERN),
  stream: z.enum(eventStreams),
  streamId: z.string().min(1).max(64),
  incidentId: z.string().min(1).max(64).nullable(),
  type: z.string().min(1).max(64),
  payload: z.unknown(),
  hlc: z.string().min(1).max(64),
  at: z.number().int().min(0),
  actor: z.string().min(1).max(200),
  consoleId: z.string().min(1).max(40),
});

export function encodeReplicatedEvent(center: string, event: StoredEvent): string {
  return JSON.stringify({ v: 1, center, ...event });
}

/** Why a message of the stream was refused: counted by reason, kept raw, never applied. */
export type ReplicatedRefusal = 'too-large' | 'malformed' | 'invalid' | 'unknown-type' | 'foreign-center';

export type DecodedReplicatedEvent =
  | { readonly ok: true; readonly event: StoredEvent }
  | { readonly ok: false; readonly reason: ReplicatedRefusal; readonly detail: string };

const ENVELOPE_KEYS = Object.keys(replicatedEventSchema.shape);
const CENTER_CODE = /^[A-Z]{3}$/;
const STREAMS: ReadonlySet<unknown> = new Set(eventStreams);
const utf8 = new TextDecoder('utf-8', { fatal: true });

const textOf = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= max;

/**
 * The envelope checked by hand, as `replicatedEventSchema` checks it: a console catching up decodes
 * thousands of messages a second and the schema is the costliest step. Anything this does not accept
 * is left to the schema, which has the last word (and the message that says why).
 */
function plainEnvelope(
  raw: unknown,
): { center: string; event: Omit<StoredEvent, 'payload'> & { payload: unknown } } | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const record = raw as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length !== ENVELOPE_KEYS.length || !ENVELOPE_KEYS.every((key) => Object.hasOwn(record, key))) return null;
  const { v, center, id, stream, streamId, incidentId, type, payload, hlc, at, actor, consoleId } = record;
  const valid =
    v === 1 &&
    typeof center === 'string' &&
    CENTER_CODE.test(center) &&
    typeof id === 'string' &&
    ULID_PATTERN.test(id) &&
    STREAMS.has(stream) &&
    textOf(streamId, 64) &&
    (incidentId === null || textOf(incidentId, 64)) &&
    textOf(type, 64) &&
    textOf(hlc, 64) &&
    typeof at === 'number' &&
    Number.isSafeInteger(at) &&
    at >= 0 &&
    textOf(actor, 200) &&
    textOf(consoleId, 40);
  if (!valid) return null;
  return {
    center,
    event: { id, stream: stream as EventStream, streamId, incidentId, type, payload, hlc, at, actor, consoleId },
  };
}

/** Decodes and validates one message of the stream; never throws. */
export function decodeReplicatedEvent(bytes: Uint8Array, centerCode: string): DecodedReplicatedEvent {
  if (bytes.byteLength > MAX_REPLICATED_EVENT_BYTES)
    return { ok: false, reason: 'too-large', detail: `${String(bytes.byteLength)} bytes` };
  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(bytes));
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: error instanceof Error ? error.message : String(error) };
  }
  let envelope = plainEnvelope(raw);
  if (!envelope) {
    const parsed = replicatedEventSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, reason: 'invalid', detail: parsed.error.message.slice(0, 500) };
    const { v: _version, center, ...event } = parsed.data;
    envelope = { center, event };
  }
  const { center, event } = envelope;
  if (center !== centerCode) return { ok: false, reason: 'foreign-center', detail: `center ${center}` };
  const schema = eventPayloadSchemas[event.stream][event.type];
  if (!schema) return { ok: false, reason: 'unknown-type', detail: `${event.stream} ${event.type}` };
  const payload = schema.safeParse(event.payload);
  if (!payload.success) return { ok: false, reason: 'invalid', detail: payload.error.message.slice(0, 500) };
  return { ok: true, event: { ...event, payload: payload.data } };
}
