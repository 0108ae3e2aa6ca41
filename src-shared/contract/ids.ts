import { encodeTime, monotonicFactory } from 'ulid';

declare const brand: unique symbol;

/** A string that the type system keeps apart from other ids of the same shape. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ClientId = Brand<string, 'ClientId'>;
export type IncidentId = Brand<string, 'IncidentId'>;
export type CallId = Brand<string, 'CallId'>;
export type UnitId = Brand<string, 'UnitId'>;
export type EventId = Brand<string, 'EventId'>;

// ULIDs sort by creation time, so ids double as a stable order. The monotonic generator also keeps
// that order within one millisecond, and draws fresh randomness only once per millisecond.
const ulid = monotonicFactory();

export const newClientId = (): ClientId => ulid() as ClientId;
export const newIncidentId = (): IncidentId => ulid() as IncidentId;
export const newCallId = (): CallId => ulid() as CallId;
export const newUnitId = (): UnitId => ulid() as UnitId;
export const newEventId = (): EventId => ulid() as EventId;

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export type DraftId = Brand<string, 'DraftId'>;
export const newDraftId = (): DraftId => ulid() as DraftId;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 128 bits of a text (cyrb128): spreads a key over the id's random part. Not for anything secret. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/**
 * An event id derived from what the event stands for (a unit's MDT message, an alarm's condition),
 * so that every console that receives the same input writes the same id and the center's stream
 * keeps one of them. ULID-shaped: the time part is `at`, the rest comes from `key`.
 */
export function derivedEventId(key: string, at: number): EventId {
  const words = hash128(key);
  let random = '';
  for (const word of words) {
    // 4 characters of 5 bits from each 32-bit word: 16 characters, 80 bits.
    for (let shift = 27; shift >= 12; shift -= 5) random += CROCKFORD[(word >>> shift) & 31] ?? '0';
  }
  return (encodeTime(Math.max(0, Math.min(at, 2 ** 48 - 1)), 10) + random) as EventId;
}
