import { monotonicFactory } from 'ulid';

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
