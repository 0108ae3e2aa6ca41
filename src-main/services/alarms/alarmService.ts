import type { AlarmApi, Handlers } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import { derivedEventId, newEventId } from '../../../src-shared/contract/ids';
import { isAlarmActive, isAlarmSounding, type Alarm } from '../../../src-shared/domain/alarm';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { Publish } from '../runtime/publish';
import type { Store } from '../store/store';

/** What a source says when it raises an alarm; the service stamps the rest. */
export type AlarmInput = Omit<Alarm, 'id' | 'raisedAt' | 'acknowledgedAt' | 'acknowledgedBy' | 'clearedAt'> & {
  /** When the condition began; now unless given (a timer passes its deadline, the same at every console). */
  readonly raisedAt?: number;
  /**
   * What the alarm stands for, when several consoles can raise it (a timer's condition): the alarm
   * and its events get ids derived from it, so the center holds one alarm however many raise it.
   */
  readonly key?: string;
};

export interface AlarmService {
  readonly handlers: Handlers<AlarmApi>;
  readonly raise: (alarm: AlarmInput) => Alarm;
  /** Alarms still shown, recorded or (a damaged store) only in memory. */
  readonly active: () => Alarm[];
  /**
   * Takes an unacknowledged alarm down because its condition ended (a timer whose clock stopped).
   * Returns null when it was no longer active.
   */
  readonly clear: (alarmId: string, reason: string) => Alarm | null;
}

/**
 * Alarms are records of the log (the alarm stream): raising, acknowledging and clearing are events,
 * in the audit chain and, in center mode, replicated, so every console shows the same alarms and an
 * acknowledgement at one clears them at all. Windows hear of them through the store's commit feed.
 * An alarm must reach the room even when the store refuses writes: it is then shown from memory.
 */
export function createAlarmService(deps: {
  store: Store;
  clock: Clock;
  logger: Logger;
  consoleActor: string;
  /** Only for alarms the store could not record (a damaged store): the commit feed announces the rest. */
  publish: Publish<'onAlarm'>;
}): AlarmService {
  const { store, clock, logger } = deps;
  // Alarms the store refused to record, so that they still reach every window of this console.
  const unrecorded = new Map<string, Alarm>();

  const raise = (input: AlarmInput): Alarm => {
    const raisedAt = input.raisedAt ?? clock.now();
    const { key, raisedAt: _raisedAt, ...fields } = input;
    const alarmId = key !== undefined ? derivedEventId(`alarm:${key}`, raisedAt) : newEventId();
    const eventId = key !== undefined ? derivedEventId(`alarm.raised:${key}`, raisedAt) : undefined;
    const payload = {
      kind: fields.kind,
      severity: fields.severity,
      subject: fields.subject,
      source: fields.source,
      position: fields.position,
      incidentId: fields.incidentId ?? null,
      raisedAt,
    };
    logger.warn({ alarm: { id: alarmId, ...payload } }, 'alarm raised');
    try {
      return store.appendAlarmEvent(alarmId, { type: 'alarm.raised', payload }, deps.consoleActor, eventId);
    } catch (error) {
      logger.error({ err: error, alarm: alarmId }, 'alarm not recorded; shown from memory');
      const alarm: Alarm = { id: alarmId, ...payload, acknowledgedAt: null, acknowledgedBy: null, clearedAt: null };
      unrecorded.set(alarm.id, alarm);
      deps.publish('onAlarm', alarm);
      return alarm;
    }
  };

  const clear = (alarmId: string, reason: string): Alarm | null => {
    const memory = unrecorded.get(alarmId);
    if (memory) {
      unrecorded.delete(alarmId);
      const cleared: Alarm = { ...memory, clearedAt: clock.now() };
      deps.publish('onAlarm', cleared);
      return cleared;
    }
    const alarm = store.getAlarm(alarmId);
    if (!alarm || !isAlarmSounding(alarm)) return null;
    logger.info({ alarm: alarmId, reason }, 'alarm cleared');
    // One clear per alarm, however many consoles see its condition end.
    return store.appendAlarmEvent(
      alarmId,
      { type: 'alarm.cleared', payload: { reason } },
      deps.consoleActor,
      derivedEventId(`alarm.cleared:${alarmId}`, alarm.raisedAt),
    );
  };

  const acknowledge = (alarmId: string, actor: string): Alarm => {
    const memory = unrecorded.get(alarmId);
    if (memory) {
      if (!isAlarmSounding(memory)) return memory;
      const acknowledged: Alarm = { ...memory, acknowledgedAt: clock.now(), acknowledgedBy: actor };
      // A radio emergency stays shown from memory until it is resolved.
      if (isAlarmActive(acknowledged)) unrecorded.set(alarmId, acknowledged);
      else unrecorded.delete(alarmId);
      deps.publish('onAlarm', acknowledged);
      return acknowledged;
    }
    const alarm = store.getAlarm(alarmId);
    if (!alarm) throw new AppError('NOT_FOUND', `no alarm ${alarmId}`);
    if (!isAlarmSounding(alarm)) return alarm;
    return store.appendAlarmEvent(alarmId, { type: 'alarm.acknowledged', payload: {} }, actor);
  };

  const active = (): Alarm[] => [...store.activeAlarms(), ...[...unrecorded.values()].filter(isAlarmActive)];
  return {
    raise,
    clear,
    active,
    handlers: {
      list: () => active(),
      acknowledge: ({ alarmId }, context) => acknowledge(alarmId, context.actor),
      acknowledgeAll: ({ kind }, context) => {
        const sounding = [...store.activeAlarms(), ...unrecorded.values()].filter(
          (alarm) => alarm.kind === kind && isAlarmSounding(alarm),
        );
        logger.info({ kind, count: sounding.length, actor: context.actor }, 'alarms acknowledged together');
        return sounding.map((alarm) => acknowledge(alarm.id, context.actor));
      },
      resolve: ({ alarmId, note }, context) => {
        const memory = unrecorded.get(alarmId);
        if (memory) {
          const now = clock.now();
          const resolved: Alarm = {
            ...memory,
            acknowledgedAt: memory.acknowledgedAt ?? now,
            acknowledgedBy: memory.acknowledgedBy ?? context.actor,
            resolvedAt: now,
            resolvedBy: context.actor,
            resolution: note,
          };
          unrecorded.delete(alarmId);
          deps.publish('onAlarm', resolved);
          return resolved;
        }
        const alarm = store.getAlarm(alarmId);
        if (!alarm) throw new AppError('NOT_FOUND', `no alarm ${alarmId}`);
        if (!isAlarmActive(alarm)) return alarm;
        logger.info({ alarm: alarmId, actor: context.actor }, 'alarm resolved');
        return store.appendAlarmEvent(alarmId, { type: 'alarm.resolved', payload: { note } }, context.actor);
      },
    },
  };
}
