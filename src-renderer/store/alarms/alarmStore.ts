import { create } from 'zustand';
import { compareAlarms, isAlarmActive, type Alarm } from '../../../src-shared/domain/alarm';

export interface AlarmState {
  /** Alarms shown to the room (not yet acknowledged, or a radio emergency not yet resolved), by id. */
  readonly active: Readonly<Record<string, Alarm>>;
}

export interface AlarmActions {
  /** @internal from resync */
  replace: (alarms: readonly Alarm[]) => void;
  /** @internal one host event: raised (added), acknowledged, cleared or resolved (kept or removed) */
  apply: (alarm: Alarm) => void;
}

export const useAlarmStore = create<AlarmState & AlarmActions>()((set) => ({
  active: {},
  replace: (alarms) =>
    set({
      active: Object.fromEntries(alarms.filter(isAlarmActive).map((alarm) => [alarm.id, alarm])),
    }),
  apply: (alarm) =>
    set((current) =>
      isAlarmActive(alarm)
        ? { active: { ...current.active, [alarm.id]: alarm } }
        : { active: Object.fromEntries(Object.entries(current.active).filter(([id]) => id !== alarm.id)) },
    ),
}));

export const alarmSelectors = {
  /** Emergencies first (the radio emergency above every clock), then oldest first. */
  ordered: (state: AlarmState): Alarm[] => Object.values(state.active).sort(compareAlarms),
};
