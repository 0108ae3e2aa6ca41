import type { Api, Domain } from './api';
import type { OperatorRole } from '../domain/operator';

/**
 * Who may call a channel. The host's dispatcher checks it before any service runs and refuses
 * everyone else with FORBIDDEN (src-main/host/dispatcher.ts); the renderer only hides what the host
 * would refuse anyway.
 *
 * - `public`: any window holding the console's access token, signed in or not (signing in, the clock,
 *   the count of calls waiting).
 * - `session`: a signed-in window, also while its session is locked (unlocking, signing out, handover).
 * - `read`: an unlocked session of any role, the wall included, or a wall display without sign-in
 *   where the configuration allows it. Reads change nothing.
 * - a list of roles: an unlocked session whose operator holds at least one of them.
 */
export type ChannelAccess = 'public' | 'session' | 'read' | readonly OperatorRole[];

/** One access per channel; the mapped type makes a channel without one (or a stray one) a compile error. */
export type ChannelRoles = {
  readonly [D in Domain]: { readonly [M in keyof Api[D]]: ChannelAccess };
};

/** Administrators do everything an operator does, plus the roster; the wall only reads. */
export const CALL_TAKING: readonly OperatorRole[] = [
  'call-taker',
  'dispatcher',
  'shift-lead',
  'trainer',
  'administrator',
];
/** Every role that works at a console (everyone but the wall display). */
export const OPERATING = CALL_TAKING;
export const DISPATCHING: readonly OperatorRole[] = ['dispatcher', 'shift-lead', 'trainer', 'administrator'];
/** Roster edits, device binding, conflict resolution, call transfer and overrides. */
export const SUPERVISING: readonly OperatorRole[] = ['shift-lead', 'administrator'];
export const ADMINISTERING: readonly OperatorRole[] = ['administrator'];
/** Running drills: the trainer alone (a trainee must not see what comes next). */
export const TRAINING: readonly OperatorRole[] = ['trainer'];

export const channelRoles: ChannelRoles = {
  session: {
    current: 'public',
    waiting: 'public',
    signIn: 'public',
    resume: 'public',
    createFirstAdministrator: 'public',
    signOut: 'session',
    lock: 'session',
    unlock: 'session',
    touch: 'session',
    setHandoverNotes: OPERATING,
    beginHandover: 'session',
    acceptHandover: 'session',
  },
  operator: {
    list: OPERATING,
    save: ADMINISTERING,
    setPassword: ADMINISTERING,
    setEnabled: ADMINISTERING,
    unlock: ADMINISTERING,
  },
  system: {
    ping: 'public',
    info: 'public',
    links: 'public',
    storage: 'public',
    backupNow: OPERATING,
    outages: 'read',
    activity: OPERATING,
  },
  incident: {
    listOpen: 'read',
    get: 'read',
    search: 'read',
    create: CALL_TAKING,
    append: CALL_TAKING,
    link: CALL_TAKING,
    merge: DISPATCHING,
  },
  call: {
    list: 'read',
    receive: CALL_TAKING,
    answer: CALL_TAKING,
    release: CALL_TAKING,
    duplicates: 'read',
    attach: CALL_TAKING,
    setLanguage: CALL_TAKING,
    recordGuidance: CALL_TAKING,
    transfer: SUPERVISING,
  },
  intake: {
    drafts: 'read',
    saveDraft: CALL_TAKING,
    discardDraft: CALL_TAKING,
    submit: CALL_TAKING,
  },
  taxonomy: { get: 'read' },
  place: { search: 'read', at: 'read' },
  alarm: {
    list: 'read',
    acknowledge: OPERATING,
    acknowledgeAll: SUPERVISING,
    resolve: DISPATCHING,
  },
  serial: { status: 'read', discover: 'read' },
  unit: {
    list: 'read',
    history: 'read',
    save: SUPERVISING,
    setStatus: DISPATCHING,
    importRoster: SUPERVISING,
    exportRoster: 'read',
  },
  avl: {
    positions: 'read',
    trail: 'read',
    status: 'read',
    unknownDevices: 'read',
    bindDevice: SUPERVISING,
  },
  dispatch: {
    recommend: 'read',
    dispatch: DISPATCHING,
    undo: DISPATCHING,
  },
  kpi: { report: 'read', exportCsv: 'read', shifts: 'read', shiftReport: 'read' },
  eido: { exportIncident: OPERATING },
  layout: { get: 'read', save: OPERATING },
  center: { status: 'read', conflicts: 'read', resolveConflict: SUPERVISING },
  drill: {
    scenarios: TRAINING,
    load: TRAINING,
    state: TRAINING,
    start: TRAINING,
    pause: TRAINING,
    resume: TRAINING,
    setSpeed: TRAINING,
    fireNow: TRAINING,
    hold: TRAINING,
    release: TRAINING,
    skip: TRAINING,
    report: TRAINING,
  },
};

/** The access a channel needs (the channel must be known: see `resolveChannel`). */
export function accessOf(domain: Domain, method: string): ChannelAccess {
  const table = channelRoles[domain] as Readonly<Record<string, ChannelAccess>>;
  return table[method] ?? ADMINISTERING;
}

/** Whether the access changes something (every role-listed channel), as opposed to reading or signing in. */
export function isCommand(access: ChannelAccess): access is readonly OperatorRole[] {
  return typeof access !== 'string';
}
