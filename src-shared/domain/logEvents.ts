import { z, type ZodType } from 'zod';
import { ULID_PATTERN } from '../contract/ids';
import { alarmEventPayloads } from './alarmEvents';
import { callEventPayloads } from './call';
import { conflictEventPayloads } from './conflict';
import { incidentEventPayloads } from './incident';
import { operatorEventPayloads } from './operator';
import { unitEventPayloads } from './unitEvents';

/** The records of the log: each event belongs to one incident, call, unit, alarm, conflict or operator. */
export const eventStreams = ['incident', 'call', 'unit', 'alarm', 'conflict', 'operator'] as const;
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
  operator: operatorEventPayloads,
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

const utf8 = new TextDecoder('utf-8', { fatal: true });

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
  const envelope = replicatedEventSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: 'invalid', detail: envelope.error.message.slice(0, 500) };
  const { v: _version, center, ...event } = envelope.data;
  if (center !== centerCode) return { ok: false, reason: 'foreign-center', detail: `center ${center}` };
  // Own keys only: a type named `constructor` or `toString` is unknown, not Object's method.
  const schemas = eventPayloadSchemas[event.stream];
  const schema = Object.hasOwn(schemas, event.type) ? schemas[event.type] : undefined;
  if (!schema) return { ok: false, reason: 'unknown-type', detail: `${event.stream} ${event.type}` };
  const payload = schema.safeParse(event.payload);
  if (!payload.success) return { ok: false, reason: 'invalid', detail: payload.error.message.slice(0, 500) };
  return { ok: true, event: { ...event, payload: payload.data } };
}
