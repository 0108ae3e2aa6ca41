import { z } from 'zod';
import { locationSchema } from './incident';
import { phoneNumberSchema } from './phone';
import { callLanguageSchema, type CallLanguage } from './operator';

/**
 * A call is every ring that reaches the center, from telephony (ALI), a demo source, or opened by
 * hand. Calls are event-sourced like incidents: a rebid (second ALI record for the same callback
 * number) updates the same call; answering stamps the answer time; a call ends linked to an
 * incident (new or existing), or released without one.
 */

export const callSources = ['ali', 'manual', 'demo', 'aml'] as const;
export const callSourceSchema = z.enum(callSources);
export type CallSource = z.infer<typeof callSourceSchema>;

export const callStatuses = ['waiting', 'answered', 'linked', 'released'] as const;
export type CallStatus = (typeof callStatuses)[number];

export const callerSchema = z.strictObject({
  number: phoneNumberSchema().optional(),
  name: z.string().max(200).optional(),
});

/** An incident type's code, as the guidance events name the type whose protocol was followed. */
const guidanceTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/)
  .max(64);

/**
 * One step of the intake's guidance done with the caller: a key question asked (`q2`) or an
 * instruction read (`i1`), of the type the call-taker had chosen then (it may change later).
 */
export interface GuidanceStep {
  readonly typeCode: string;
  readonly key: string;
  readonly at: number;
}

export const callEventPayloads = {
  'call.received': z.strictObject({
    source: callSourceSchema,
    /** Telephony line / answering position the record names, when it does. */
    line: z.string().max(40).optional(),
    callerNumber: phoneNumberSchema().optional(),
    callerName: z.string().max(200).optional(),
    location: locationSchema.optional(),
    /** Address text from the record (ALI street, community), when any. */
    address: z.string().max(500).optional(),
    /** Class of service from the record (RESD, WPH2, VOIP, …). */
    classOfService: z.string().max(8).optional(),
    rawInputId: z.number().int().optional(),
    /** Earlier calls from the same number within minutes: a repeat caller, often a worsening emergency. */
    repeatOf: z.array(z.string().max(40)).max(20).optional(),
    /** Demo and drill lines only: what the simulated caller says, for the call-taker to read. */
    callerScript: z.array(z.string().max(300)).max(10).optional(),
    /** The language of the number's previous call, when one was recorded. */
    language: callLanguageSchema.optional(),
  }),
  /** A later record for the same call (ALI rebid, AML fix): newer location or caller data. */
  'call.updated': z.strictObject({
    callerName: z.string().max(200).optional(),
    location: locationSchema.optional(),
    address: z.string().max(500).optional(),
    classOfService: z.string().max(8).optional(),
    rawInputId: z.number().int().optional(),
  }),
  'call.answered': z.strictObject({}),
  'call.linked': z.strictObject({ incidentId: z.string().max(40), asDuplicate: z.boolean() }),
  'call.released': z.strictObject({ reason: z.enum(['no-emergency', 'abandoned', 'misdial', 'test', 'other']) }),
  /** The call's incident was merged into another: the caller now belongs to that one. */
  'call.moved': z.strictObject({ incidentId: z.string().max(40), fromIncidentId: z.string().max(40) }),
  /** The language the caller speaks, as the call-taker heard it. */
  'call.languageSet': z.strictObject({ language: callLanguageSchema }),
  /** A key question of the incident type asked of the caller (`q1`… in the type's order). */
  'call.questionAsked': z.strictObject({ typeCode: guidanceTypeSchema, key: z.string().regex(/^q[1-9][0-9]?$/) }),
  /** A pre-arrival instruction of the incident type read to the caller (`i1`… in the type's order). */
  'call.instructionRead': z.strictObject({ typeCode: guidanceTypeSchema, key: z.string().regex(/^i[1-9][0-9]?$/) }),
  /**
   * Center mode: the shift lead sent the call to another position (one whose operator speaks the
   * caller's language). It waits there again; the first answer time stays for the KPIs.
   */
  'call.transferred': z.strictObject({
    toConsole: z.string().max(8),
    fromConsole: z.string().max(8),
    language: callLanguageSchema.nullable(),
  }),
} as const;

export type CallEventType = keyof typeof callEventPayloads;
export type CallEventPayload<T extends CallEventType> = z.infer<(typeof callEventPayloads)[T]>;

export type CallEvent = {
  [T in CallEventType]: {
    readonly id: string;
    readonly callId: string;
    readonly type: T;
    readonly payload: CallEventPayload<T>;
    readonly at: number;
    readonly hlc: string;
    readonly actor: string;
    readonly consoleId: string;
  };
}[CallEventType];

export interface CallRecord {
  readonly id: string;
  readonly source: CallSource;
  readonly line: string | null;
  readonly callerNumber: string | null;
  readonly callerName: string | null;
  readonly location: z.infer<typeof locationSchema> | null;
  readonly address: string | null;
  readonly classOfService: string | null;
  readonly status: CallStatus;
  readonly receivedAt: number;
  /** The position whose line the call came in on (its console code): in a center, where it rings. */
  readonly ringsAt: string;
  readonly answeredAt: number | null;
  /** Who answered it (the dispatcher's name), so two dispatchers never take the same call. */
  readonly answeredBy: string | null;
  /** The position (console code) where it was answered. */
  readonly answeredOn: string | null;
  readonly incidentId: string | null;
  readonly linkedAsDuplicate: boolean;
  readonly endedAt: number | null;
  readonly rawInputIds: readonly number[];
  readonly repeatOf: readonly string[];
  /** Demo and drill lines only: what the simulated caller says (absent on real calls). */
  readonly callerScript?: readonly string[];
  /** The language the caller speaks, once known (set by the call-taker, or from the number's last call). */
  readonly language?: CallLanguage;
  /** Center mode: the position the call was transferred to (it waits in that position's queue only). */
  readonly transferredTo?: string;
  /** How many times the call was transferred (each transfer is answered afresh, center-wide). */
  readonly transfers?: number;
  /** The key questions asked and instructions read, in the order they were (drill scoring reads them too). */
  readonly guidance?: readonly GuidanceStep[];
  readonly updatedAt: number;
  readonly version: number;
}

export class CallEventError extends Error {
  override readonly name = 'CallEventError';
}

/** Folds one event into the call. Pure; throws CallEventError when the event does not fit. */
export function applyCallEvent(state: CallRecord | null, event: CallEvent): CallRecord {
  if (event.type === 'call.received') {
    if (state) throw new CallEventError(`call ${event.callId} already exists`);
    const p = event.payload;
    return {
      id: event.callId,
      source: p.source,
      line: p.line ?? null,
      callerNumber: p.callerNumber ?? null,
      callerName: p.callerName ?? null,
      location: p.location ?? null,
      address: p.address ?? null,
      classOfService: p.classOfService ?? null,
      status: 'waiting',
      receivedAt: event.at,
      ringsAt: event.consoleId,
      answeredAt: null,
      answeredBy: null,
      answeredOn: null,
      incidentId: null,
      linkedAsDuplicate: false,
      endedAt: null,
      rawInputIds: p.rawInputId !== undefined ? [p.rawInputId] : [],
      repeatOf: p.repeatOf ?? [],
      ...(p.callerScript !== undefined && { callerScript: p.callerScript }),
      ...(p.language !== undefined && { language: p.language }),
      updatedAt: event.at,
      version: 1,
    };
  }
  if (!state) throw new CallEventError(`call ${event.callId} does not exist`);
  const base = { ...state, updatedAt: event.at, version: state.version + 1 };
  switch (event.type) {
    case 'call.updated': {
      const p = event.payload;
      return {
        ...base,
        callerName: p.callerName ?? state.callerName,
        location: p.location ?? state.location,
        address: p.address ?? state.address,
        classOfService: p.classOfService ?? state.classOfService,
        rawInputIds: p.rawInputId !== undefined ? [...state.rawInputIds, p.rawInputId] : state.rawInputIds,
      };
    }
    case 'call.answered':
      if (state.status !== 'waiting') {
        throw new CallEventError(
          state.answeredBy ? `call already answered by ${state.answeredBy}` : `call is ${state.status}`,
        );
      }
      return {
        ...base,
        status: 'answered',
        // A transferred call keeps the center's first answer time (the KPI milestone).
        answeredAt: state.answeredAt ?? event.at,
        answeredBy: event.actor,
        answeredOn: event.consoleId,
      };
    case 'call.linked':
      if (state.status === 'linked' || state.status === 'released') throw new CallEventError(`call is ${state.status}`);
      return {
        ...base,
        status: 'linked',
        answeredAt: state.answeredAt ?? event.at,
        answeredBy: state.answeredBy ?? event.actor,
        incidentId: event.payload.incidentId,
        linkedAsDuplicate: event.payload.asDuplicate,
        endedAt: event.at,
      };
    case 'call.released':
      if (state.status === 'linked' || state.status === 'released') throw new CallEventError(`call is ${state.status}`);
      return { ...base, status: 'released', endedAt: event.at };
    case 'call.moved':
      if (state.incidentId !== event.payload.fromIncidentId)
        throw new CallEventError(
          `call belongs to ${state.incidentId ?? 'no incident'}, not ${event.payload.fromIncidentId}`,
        );
      return { ...base, incidentId: event.payload.incidentId };
    case 'call.languageSet':
      return { ...base, language: event.payload.language };
    case 'call.questionAsked':
    case 'call.instructionRead': {
      // The caller may still be on the line for instructions after the call is linked; not before it is answered.
      if (state.status === 'waiting' || state.status === 'released')
        throw new CallEventError(`call is ${state.status}`);
      const step = { typeCode: event.payload.typeCode, key: event.payload.key, at: event.at };
      return { ...base, guidance: [...(state.guidance ?? []), step] };
    }
    case 'call.transferred':
      if (state.status === 'linked' || state.status === 'released') throw new CallEventError(`call is ${state.status}`);
      return {
        ...base,
        status: 'waiting',
        answeredBy: null,
        answeredOn: null,
        ringsAt: event.payload.toConsole,
        transferredTo: event.payload.toConsole,
        transfers: (state.transfers ?? 0) + 1,
      };
  }
}
