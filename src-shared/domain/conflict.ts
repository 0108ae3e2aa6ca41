import { z } from 'zod';

/**
 * A conflict: a console cut off from the center took an action that needs a center-wide winner
 * (answering a call, assigning a unit) provisionally, and when it came back the center had already
 * given it to another position. The losing events are voided (every console folds the records
 * without them), nothing is overwritten silently, and the shift lead resolves it with one key.
 */
export const conflictKinds = ['call-answer', 'unit-assignment'] as const;
export type ConflictKind = (typeof conflictKinds)[number];

/** The shift lead's one-key resolutions (docs/center.md, "Conflicts"). */
export const conflictResolutions = ['keep-winner', 'reassign', 'release', 'merge'] as const;
export type ConflictResolution = (typeof conflictResolutions)[number];

const sideSchema = z.strictObject({
  console: z.string().min(1).max(40),
  operator: z.string().min(1).max(200),
  /** The incident the side took the call or unit for, when there is one. */
  incidentId: z.string().max(40).nullable(),
});

export const conflictEventPayloads = {
  'conflict.recorded': z.strictObject({
    kind: z.enum(conflictKinds),
    /** The call or unit both sides took. */
    subjectId: z.string().min(1).max(64),
    /** What the room reads: a callsign, a caller number. */
    subjectLabel: z.string().max(200),
    winner: sideSchema,
    loser: sideSchema.extend({
      /** When the losing side acted (UTC ms), while it was cut off. */
      at: z.number().int().min(0),
      /** The losing side's events, voided: every console folds the records without them. */
      voidedEventIds: z.array(z.string().min(1).max(40)).max(50),
    }),
  }),
  'conflict.resolved': z.strictObject({
    resolution: z.enum(conflictResolutions),
    note: z.string().max(500).optional(),
  }),
} as const;

export type ConflictEventType = keyof typeof conflictEventPayloads;
export type ConflictEventPayload<T extends ConflictEventType> = z.infer<(typeof conflictEventPayloads)[T]>;

export type PendingConflictEvent = {
  [T in ConflictEventType]: { type: T; payload: ConflictEventPayload<T> };
}[ConflictEventType];

export type ConflictEvent = {
  [T in ConflictEventType]: {
    readonly conflictId: string;
    readonly type: T;
    readonly payload: ConflictEventPayload<T>;
    readonly at: number;
    readonly actor: string;
  };
}[ConflictEventType];

export interface ConflictRecord {
  readonly id: string;
  readonly kind: ConflictKind;
  readonly subjectId: string;
  readonly subjectLabel: string;
  readonly winner: ConflictEventPayload<'conflict.recorded'>['winner'];
  readonly loser: ConflictEventPayload<'conflict.recorded'>['loser'];
  /** When the losing console found out (its claim was refused on reconnection). */
  readonly detectedAt: number;
  readonly resolution: {
    readonly kind: ConflictResolution;
    readonly by: string;
    readonly at: number;
    readonly note: string | null;
  } | null;
  readonly version: number;
}

export class ConflictEventError extends Error {
  override readonly name = 'ConflictEventError';
}

/** Folds one event into the conflict. Pure; a second resolution changes nothing (the first stands). */
export function applyConflictEvent(state: ConflictRecord | null, event: ConflictEvent): ConflictRecord {
  if (event.type === 'conflict.recorded') {
    if (state) throw new ConflictEventError(`conflict ${event.conflictId} already recorded`);
    return {
      id: event.conflictId,
      ...event.payload,
      detectedAt: event.at,
      resolution: null,
      version: 1,
    };
  }
  if (!state) throw new ConflictEventError(`no conflict ${event.conflictId}`);
  if (state.resolution) throw new ConflictEventError(`conflict ${event.conflictId} is already resolved`);
  return {
    ...state,
    resolution: { kind: event.payload.resolution, by: event.actor, at: event.at, note: event.payload.note ?? null },
    version: state.version + 1,
  };
}
