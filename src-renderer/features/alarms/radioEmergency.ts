import { useShallow } from 'zustand/react/shallow';
import type { Alarm } from '../../../src-shared/domain/alarm';
import type { UnitRecord } from '../../../src-shared/domain/unit';
import { alarmSelectors, useAlarmStore } from '../../store/alarms/alarmStore';
import { useIncidentStore } from '../../store/incidents/incidentStore';
import { usePositionStore } from '../../store/positions/positionStore';
import { useUnitStore } from '../../store/units/unitStore';

/** A radio emergency as the room needs it: whose radio, on which incident, where it was last. */
export interface RadioEmergencyView {
  readonly alarm: Alarm;
  /** The roster's unit for the radio id, when there is one. */
  readonly unit: UnitRecord | null;
  /** The unit's callsign, or the radio id when the roster does not know the radio. */
  readonly label: string;
  readonly incidentId: string | null;
  readonly incidentNumber: string | null;
  /** The unit's latest position, or the one the emergency frame carried; `at` null for the frame's. */
  readonly position: { readonly lat: number; readonly lon: number; readonly at: number | null } | null;
}

/** The roster's unit that carries a radio (MDC-1200 ids are hex: compared case-insensitively). */
export function unitOfRadio(units: Readonly<Record<string, UnitRecord>>, radioId: string): UnitRecord | null {
  const wanted = radioId.toUpperCase();
  return Object.values(units).find((unit) => unit.radioId?.toUpperCase() === wanted) ?? null;
}

/** Resolves a radio emergency against the roster, the incidents and the latest positions. */
export function describeRadioEmergency(
  alarm: Alarm,
  units: Readonly<Record<string, UnitRecord>>,
  positions: ReadonlyMap<string, { readonly lat: number; readonly lon: number; readonly at: number }>,
  incidentNumber: (id: string) => string | null,
): RadioEmergencyView {
  const unit = unitOfRadio(units, alarm.subject);
  const incidentId = unit?.incidentId ?? alarm.incidentId ?? null;
  const live = unit ? positions.get(unit.id) : undefined;
  return {
    alarm,
    unit,
    label: unit?.callsign ?? alarm.subject,
    incidentId,
    incidentNumber: incidentId ? incidentNumber(incidentId) : null,
    position: live
      ? { lat: live.lat, lon: live.lon, at: live.at }
      : alarm.position
        ? { ...alarm.position, at: null }
        : null,
  };
}

/** Every shown radio emergency, resolved; re-rendered when the roster, incidents or positions move. */
export function useRadioEmergencies(): RadioEmergencyView[] {
  const alarms = useAlarmStore(useShallow(alarmSelectors.ordered));
  const units = useUnitStore((state) => state.units);
  const positions = usePositionStore((state) => state.positions);
  const incidents = useIncidentStore((state) => state.byId);
  return alarms
    .filter((alarm) => alarm.kind === 'radio-emergency')
    .map((alarm) => describeRadioEmergency(alarm, units, positions, (id) => incidents[id]?.number ?? null));
}
