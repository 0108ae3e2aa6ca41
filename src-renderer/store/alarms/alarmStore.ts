import { create } from 'zustand';
import type { Alarm } from '../../../src-shared/domain/alarm';

export interface AlarmState {
  /** Alarms not yet acknowledged, by id. */
  readonly active: Readonly<Record<string, Alarm>>;
}

export interface AlarmActions {
  /** @internal from resync */
  replace: (alarms: readonly Alarm[]) => void;
  /** @internal one host event: raised (added) or acknowledged (removed) */
  apply: (alarm: Alarm) => void;
}

export const useAlarmStore = create<AlarmState & AlarmActions>()((set) => ({
  active: {},
  replace: (alarms) =>
    set({
      active: Object.fromEntries(
        alarms.filter((alarm) => alarm.acknowledgedAt === null).map((alarm) => [alarm.id, alarm]),
      ),
    }),
  apply: (alarm) =>
    set((current) =>
      alarm.acknowledgedAt === null
        ? { active: { ...current.active, [alarm.id]: alarm } }
        : { active: Object.fromEntries(Object.entries(current.active).filter(([id]) => id !== alarm.id)) },
    ),
}));

export const alarmSelectors = {
  /** Emergencies first, then oldest first. */
  ordered: (state: AlarmState): Alarm[] =>
    Object.values(state.active).sort(
      (a, b) => Number(b.severity === 'emergency') - Number(a.severity === 'emergency') || a.raisedAt - b.raisedAt,
    ),
};
