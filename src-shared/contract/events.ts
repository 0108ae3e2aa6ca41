import type { Alarm } from '../domain/alarm';
import type { CallRecord } from '../domain/call';
import type { ConflictRecord } from '../domain/conflict';
import type { IncidentRecord } from '../domain/incident';
import type { UnitPosition, UnitRecord } from '../domain/unit';
import type { CenterStatus, LayoutState, StorageStatus, WaitingSummary } from './api';
import type { OperatorRecord, OperatorRole } from '../domain/operator';
import type { DrillState } from '../domain/drill/drillRun';
import type { IntakeDraft } from './schemas';
import type { LinkStatus } from './links';

/**
 * Push events from the host to every connected window. Names are `onX`; each window's stores
 * are projections fed by these.
 */
export interface HostEvents {
  /** A link changed state (broker, serial port, peer). */
  onLinkStatus: LinkStatus;
  /** An incident was created or changed (by any window or console). */
  onIncidentChanged: IncidentRecord;
  /** The store became unwritable, recovered, or was backed up. */
  onStorageStatus: StorageStatus;
  /** A call arrived, was answered, rebid, linked or released. */
  onCallChanged: CallRecord;
  /** An intake draft was saved (`draft`) or discarded/submitted (`draft: null`). */
  onDraftChanged: { readonly draftId: string; readonly draft: IntakeDraft | null };
  /** An alarm was raised or acknowledged. */
  onAlarm: Alarm;
  /** A unit was added, edited or changed status. */
  onUnitChanged: UnitRecord;
  /**
   * Positions that changed since the last batch (merged per unit, sent a few times per second at
   * most), including freshness changes (live → stale → lost).
   */
  onUnitPositions: { readonly positions: readonly UnitPosition[] };
  /** The workstation layout was saved (layout editor, or a window moved in the desktop app). */
  onLayoutChanged: LayoutState;
  /** Center mode: the link to the center's servers, the stream, and which positions are online. */
  onCenterStatus: CenterStatus;
  /** A conflict was recorded (a provisional action lost at reconnection) or resolved. */
  onConflict: ConflictRecord;
  /**
   * Many records changed at once (a console catching up with the center's stream): the windows
   * reload their lists instead of receiving one event per record.
   */
  onRecordsReloaded: { readonly events: number };
  /**
   * A session was signed out, locked, unlocked or handed over: its windows ask `session.current`.
   * Carries only the session's public id.
   */
  onSessionChanged: { readonly sessionId: string };
  /** Calls waiting and alarms sounding changed: counts only, also for locked and signed-out windows. */
  onWaitingSummary: WaitingSummary;
  /** An operator was added, edited, disabled, locked out or unlocked (never a password hash). */
  onOperatorChanged: OperatorRecord;
  /** The drill changed (loaded, a control, an inject, a state seen): trainers' windows only. */
  onDrillChanged: DrillState;
}

export type EventName = keyof HostEvents;

export type HostEvent = { [N in EventName]: { readonly name: N; readonly payload: HostEvents[N] } }[EventName];

// A record, so that adding an event to HostEvents without listing it here fails to compile.
const eventNameSet: Record<EventName, true> = {
  onLinkStatus: true,
  onIncidentChanged: true,
  onStorageStatus: true,
  onCallChanged: true,
  onDraftChanged: true,
  onAlarm: true,
  onUnitChanged: true,
  onUnitPositions: true,
  onLayoutChanged: true,
  onCenterStatus: true,
  onConflict: true,
  onRecordsReloaded: true,
  onSessionChanged: true,
  onWaitingSummary: true,
  onOperatorChanged: true,
  onDrillChanged: true,
};
export const eventNames = Object.keys(eventNameSet) as EventName[];

/**
 * Events a window receives without an unlocked session (signed out, locked): link and storage state,
 * the count of calls waiting and alarms sounding, and its session's changes. Never a record: the
 * caller's number and location stay behind the sign-in.
 */
const publicEventSet: Record<EventName, boolean> = {
  onLinkStatus: true,
  onStorageStatus: true,
  onWaitingSummary: true,
  onSessionChanged: true,
  onIncidentChanged: false,
  onCallChanged: false,
  onDraftChanged: false,
  onAlarm: false,
  onUnitChanged: false,
  onUnitPositions: false,
  onLayoutChanged: false,
  onCenterStatus: false,
  onConflict: false,
  onRecordsReloaded: false,
  onOperatorChanged: false,
  onDrillChanged: false,
};
export function isPublicEvent(name: EventName): boolean {
  return publicEventSet[name];
}

/** Events only some roles receive: a trainee must not see the drill's board (what comes next). */
const eventRoles: Partial<Record<EventName, readonly OperatorRole[]>> = { onDrillChanged: ['trainer'] };
/** The roles that receive an event; null for every unlocked session. */
export function rolesReceiving(name: EventName): readonly OperatorRole[] | null {
  return eventRoles[name] ?? null;
}
