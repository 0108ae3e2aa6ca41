import type { AlarmApi, Handlers } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import { newEventId } from '../../../src-shared/contract/ids';
import { isAlarmActive, type Alarm } from '../../../src-shared/domain/alarm';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/store';
import type { Publish } from '../runtime/publish';

/** What a source says when it raises an alarm; the service stamps the rest. */
export type AlarmInput = Omit<Alarm, 'id' | 'raisedAt' | 'acknowledgedAt' | 'acknowledgedBy' | 'clearedAt'>;

export interface AlarmService {
  readonly handlers: Handlers<AlarmApi>;
  readonly raise: (alarm: AlarmInput) => Alarm;
  /**
   * Takes an unacknowledged alarm down because its condition ended (a timer whose clock stopped);
   * recorded in the audit chain like an acknowledgement. Returns null when it was no longer active.
   */
  readonly clear: (alarmId: string, reason: string) => Alarm | null;
}

/**
 * Active alarms, shown in every window until acknowledged. Raising and acknowledging are written
 * to the audit chain (who saw the emergency, and when), so the record survives a host restart.
 */
export function createAlarmService(deps: {
  store: Store;
  clock: Clock;
  logger: Logger;
  consoleActor: string;
  publish: Publish<'onAlarm'>;
}): AlarmService {
  const alarms = new Map<string, Alarm>();
  const audit = (action: string, alarm: Alarm, actor: string, extra: Record<string, unknown> = {}): void => {
    try {
      deps.store.recordAction({ actor, action, subject: `alarm:${alarm.id}`, details: { ...alarm, ...extra } });
    } catch (error) {
      // An alarm must reach the room even when the store refuses writes.
      deps.logger.error({ err: error, alarm: alarm.id }, 'alarm not audited');
    }
  };
  return {
    raise(input) {
      const alarm: Alarm = {
        ...input,
        id: newEventId(),
        raisedAt: deps.clock.now(),
        acknowledgedAt: null,
        acknowledgedBy: null,
        clearedAt: null,
      };
      alarms.set(alarm.id, alarm);
      deps.logger.warn({ alarm }, 'alarm raised');
      audit('alarm.raised', alarm, deps.consoleActor);
      deps.publish('onAlarm', alarm);
      return alarm;
    },
    clear(alarmId, reason) {
      const alarm = alarms.get(alarmId);
      if (!alarm || !isAlarmActive(alarm)) return null;
      const cleared: Alarm = { ...alarm, clearedAt: deps.clock.now() };
      // Kept only while active: a cleared alarm is in the audit chain, not in memory.
      alarms.delete(alarmId);
      deps.logger.info({ alarm: alarmId, reason }, 'alarm cleared');
      audit('alarm.cleared', cleared, deps.consoleActor, { reason });
      deps.publish('onAlarm', cleared);
      return cleared;
    },
    handlers: {
      list: () => [...alarms.values()].filter(isAlarmActive),
      acknowledge: ({ alarmId }, context) => {
        const alarm = alarms.get(alarmId);
        if (!alarm) throw new AppError('NOT_FOUND', `no alarm ${alarmId}`);
        if (!isAlarmActive(alarm)) return alarm;
        const acknowledged: Alarm = { ...alarm, acknowledgedAt: deps.clock.now(), acknowledgedBy: context.actor };
        alarms.set(alarmId, acknowledged);
        audit('alarm.acknowledged', acknowledged, context.actor);
        deps.publish('onAlarm', acknowledged);
        return acknowledged;
      },
    },
  };
}
