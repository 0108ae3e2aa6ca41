import { z } from 'zod';
import { alarmKinds, isAlarmActive, isAlarmSounding, type Alarm } from './alarm';

/**
 * The events of the alarm stream. An alarm is a record of the log like an incident, so that in a
 * center every console shows the same alarms and an acknowledgement at one clears it at all.
 */
export const alarmEventPayloads = {
  'alarm.raised': z.strictObject({
    kind: z.enum(alarmKinds),
    severity: z.enum(['emergency', 'warning']),
    subject: z.string().max(200),
    source: z.string().max(100),
    position: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).nullable(),
    incidentId: z.string().max(40).nullable(),
    /** When the condition began (the radio frame, the clock that ran out): the same at every console. */
    raisedAt: z.number().int().min(0),
  }),
  /** Someone is on it (the actor of the event). */
  'alarm.acknowledged': z.strictObject({}),
  /** The condition ended before anyone acknowledged it (a timer whose clock stopped). */
  'alarm.cleared': z.strictObject({ reason: z.string().max(500) }),
  /** The situation is dealt with (a radio emergency): who (the actor) and how (the note). */
  'alarm.resolved': z.strictObject({ note: z.string().trim().min(1).max(1000) }),
} as const;

export type AlarmEventType = keyof typeof alarmEventPayloads;
export const alarmEventTypes = Object.keys(alarmEventPayloads) as AlarmEventType[];
export type AlarmEventPayload<T extends AlarmEventType> = z.infer<(typeof alarmEventPayloads)[T]>;

export type AlarmEvent = {
  [T in AlarmEventType]: {
    readonly alarmId: string;
    readonly type: T;
    readonly payload: AlarmEventPayload<T>;
    readonly at: number;
    readonly actor: string;
  };
}[AlarmEventType];

export type PendingAlarmEvent = {
  [T in AlarmEventType]: { type: T; payload: AlarmEventPayload<T> };
}[AlarmEventType];

export class AlarmEventError extends Error {
  override readonly name = 'AlarmEventError';
}

/**
 * Folds one event into the alarm. Pure. The first acknowledgement is the one kept (who saw it
 * first); acknowledging or clearing an alarm that no longer sounds, or resolving one that is no
 * longer shown, changes nothing. Resolving an unacknowledged alarm acknowledges it too.
 */
export function applyAlarmEvent(state: Alarm | null, event: AlarmEvent): Alarm {
  if (event.type === 'alarm.raised') {
    if (state) throw new AlarmEventError(`alarm ${event.alarmId} already raised`);
    return {
      id: event.alarmId,
      ...event.payload,
      acknowledgedAt: null,
      acknowledgedBy: null,
      clearedAt: null,
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
    };
  }
  if (!state) throw new AlarmEventError(`no alarm ${event.alarmId}`);
  switch (event.type) {
    case 'alarm.acknowledged':
      return isAlarmSounding(state) ? { ...state, acknowledgedAt: event.at, acknowledgedBy: event.actor } : state;
    case 'alarm.cleared':
      return isAlarmSounding(state) ? { ...state, clearedAt: event.at } : state;
    case 'alarm.resolved':
      if (!isAlarmActive(state)) return state;
      return {
        ...state,
        acknowledgedAt: state.acknowledgedAt ?? event.at,
        acknowledgedBy: state.acknowledgedBy ?? event.actor,
        resolvedAt: event.at,
        resolvedBy: event.actor,
        resolution: event.payload.note,
      };
  }
}
