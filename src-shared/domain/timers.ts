import type { AlarmKind } from './alarm';
import type { CallRecord } from './call';
import type { IncidentRecord } from './incident';
import type { UnitRecord } from './unit';

/**
 * The clocks the room must not lose sight of. `evaluateTimers` is pure: given what is open now and
 * the thresholds, it lists every condition that is overdue. The timer service (host) turns new
 * conditions into alarms and clears alarms whose condition ended.
 */

export interface TimerThresholds {
  /** A priority-1 incident with no unit dispatched, this long after it was created. */
  readonly unassignedP1Seconds: number;
  /** A unit en route this long without arriving. */
  readonly enRouteMinutes: number;
  /** A unit on scene this long without any status report (check-in) since it arrived. */
  readonly onSceneMinutes: number;
  /** A call ringing in the queue this long without being answered. */
  readonly callWaitingSeconds: number;
}

export const DEFAULT_TIMER_THRESHOLDS: TimerThresholds = {
  unassignedP1Seconds: 60,
  enRouteMinutes: 15,
  onSceneMinutes: 20,
  callWaitingSeconds: 20,
};

/** The alarm kinds timers raise (the radio emergency comes from the radio gateway, not a clock). */
export type TimerKind = Extract<
  AlarmKind,
  'unassigned-p1' | 'unit-en-route-long' | 'unit-on-scene-long' | 'call-waiting'
>;

/** How long each clock runs before it alarms, in milliseconds. */
export function thresholdMs(thresholds: TimerThresholds, kind: TimerKind): number {
  switch (kind) {
    case 'unassigned-p1':
      return thresholds.unassignedP1Seconds * 1000;
    case 'unit-en-route-long':
      return thresholds.enRouteMinutes * 60_000;
    case 'unit-on-scene-long':
      return thresholds.onSceneMinutes * 60_000;
    case 'call-waiting':
      return thresholds.callWaitingSeconds * 1000;
  }
}

export interface TimerCondition {
  /** One alarm per subject per condition: `${kind}:${subjectId}`. */
  readonly key: string;
  readonly kind: TimerKind;
  /** Incident, unit or call id. */
  readonly subjectId: string;
  /** What the room reads: incident number, callsign, caller number. */
  readonly subject: string;
  /** When the clock started (creation, status change, ring). */
  readonly since: number;
  readonly incidentId: string | null;
}

export interface TimerInputs {
  readonly now: number;
  readonly thresholds: TimerThresholds;
  /** Open incidents (closed ones never alarm). */
  readonly incidents: readonly IncidentRecord[];
  readonly units: readonly UnitRecord[];
  /** Calls waiting or being taken. */
  readonly calls: readonly CallRecord[];
  /**
   * Wall milliseconds between two instants during which the room's clocks stood still (a paused
   * drill); none unless given.
   */
  readonly stoppedBetween?: (from: number, to: number) => number;
}

export function evaluateTimers(inputs: TimerInputs): TimerCondition[] {
  const { now, thresholds } = inputs;
  const stopped = inputs.stoppedBetween;
  /** How long a clock started at `since` has run by now. */
  const ran = (since: number): number => now - since - (stopped ? stopped(since, now) : 0);
  const conditions: TimerCondition[] = [];
  // An incident with a unit tied to it is assigned, even before its dispatch milestone lands.
  const assigned = new Set<string>();
  for (const unit of inputs.units) if (unit.incidentId !== null) assigned.add(unit.incidentId);

  for (const incident of inputs.incidents) {
    if (incident.status !== 'pending' || incident.priority !== 1) continue;
    if (incident.dispatchedAt !== null || assigned.has(incident.id)) continue;
    if (ran(incident.createdAt) < thresholds.unassignedP1Seconds * 1000) continue;
    conditions.push({
      key: `unassigned-p1:${incident.id}`,
      kind: 'unassigned-p1',
      subjectId: incident.id,
      subject: incident.number,
      since: incident.createdAt,
      incidentId: incident.id,
    });
  }
  for (const unit of inputs.units) {
    const limit =
      unit.status === 'en-route'
        ? thresholds.enRouteMinutes * 60_000
        : unit.status === 'on-scene'
          ? thresholds.onSceneMinutes * 60_000
          : null;
    if (limit === null || ran(unit.statusSince) < limit) continue;
    const kind = unit.status === 'en-route' ? 'unit-en-route-long' : 'unit-on-scene-long';
    conditions.push({
      key: `${kind}:${unit.id}`,
      kind,
      subjectId: unit.id,
      subject: unit.callsign,
      since: unit.statusSince,
      incidentId: unit.incidentId,
    });
  }
  for (const call of inputs.calls) {
    if (call.status !== 'waiting') continue;
    if (ran(call.receivedAt) < thresholds.callWaitingSeconds * 1000) continue;
    conditions.push({
      key: `call-waiting:${call.id}`,
      kind: 'call-waiting',
      subjectId: call.id,
      subject: call.callerNumber ?? call.line ?? call.id.slice(-6),
      since: call.receivedAt,
      incidentId: null,
    });
  }
  return conditions;
}
