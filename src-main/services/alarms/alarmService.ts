import type { AlarmApi, Handlers } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import { newEventId } from '../../../src-shared/contract/ids';
import type { Alarm } from '../../../src-shared/domain/alarm';
import type { Clock } from '../../host/clock';
import type { Logger } from '../../host/logger';
import type { Store } from '../store/store';

export interface AlarmService {
  readonly handlers: Handlers<AlarmApi>;
  readonly raise: (alarm: Omit<Alarm, 'id' | 'raisedAt' | 'acknowledgedAt' | 'acknowledgedBy'>) => Alarm;
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
  publish: (alarm: Alarm) => void;
}): AlarmService {
  const alarms = new Map<string, Alarm>();
  const audit = (action: string, alarm: Alarm, actor: string): void => {
    try {
      deps.store.recordAction({ actor, action, subject: `alarm:${alarm.id}`, details: { ...alarm } });
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
      };
      alarms.set(alarm.id, alarm);
      deps.logger.warn({ alarm }, 'alarm raised');
      audit('alarm.raised', alarm, deps.consoleActor);
      deps.publish(alarm);
      return alarm;
    },
    handlers: {
      list: () => [...alarms.values()].filter((alarm) => alarm.acknowledgedAt === null),
      acknowledge: ({ alarmId }, context) => {
        const alarm = alarms.get(alarmId);
        if (!alarm) throw new AppError('NOT_FOUND', `no alarm ${alarmId}`);
        if (alarm.acknowledgedAt !== null) return alarm;
        const acknowledged: Alarm = { ...alarm, acknowledgedAt: deps.clock.now(), acknowledgedBy: context.actor };
        alarms.set(alarmId, acknowledged);
        audit('alarm.acknowledged', acknowledged, context.actor);
        deps.publish(acknowledged);
        return acknowledged;
      },
    },
  };
}
