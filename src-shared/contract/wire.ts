import { z } from 'zod';
import { errorCodes, errorReasonKeys } from './errors';
import { eventNames } from './events';

/** Messages on the WebSocket transport. Both ends validate what they receive. */

export const MAX_MESSAGE_BYTES = 1024 * 1024;

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('call'),
    /** Chosen by the client to match the result. */
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    channel: z.string().min(1).max(100),
    args: z.unknown(),
  }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

const errorDataSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  issues: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .readonly()
    .optional(),
  reason: z.object({ key: z.enum(errorReasonKeys), params: z.record(z.string(), z.string().max(200)) }).optional(),
});

export const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorDataSchema }),
]);

export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), clientId: z.string(), hostTime: z.number() }),
  z.object({ type: z.literal('result'), id: z.number(), result: resultSchema }),
  z.object({ type: z.literal('event'), name: z.enum(eventNames as [string, ...string[]]), payload: z.unknown() }),
  /** The host could not read a message at all (not JSON, unknown shape); no id to answer. */
  z.object({ type: z.literal('protocol-error'), error: errorDataSchema }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;
