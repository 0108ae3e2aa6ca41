import { z } from 'zod';
import type { ErrorReason } from '../contract/errors';
import { stripBidiControls } from './phone';

/**
 * Field units (patrol cars, ambulances, fire engines) and their status machine. The machine is
 * pure data plus one function, so the console, the radio gateway and MDT/MQTT status all go through
 * the same rules.
 */

export const unitStatuses = [
  'available',
  'available-on-radio',
  'dispatched',
  'en-route',
  'on-scene',
  'transporting',
  'at-hospital',
  'out-of-service',
] as const;
export const unitStatusSchema = z.enum(unitStatuses);
export type UnitStatus = z.infer<typeof unitStatusSchema>;

/** Longest hospital (destination) name a unit may report with a transport. */
export const MAX_DESTINATION_LENGTH = 120;

/** Statuses that have a destination (the hospital the unit takes a patient to). */
export const destinationStatuses: readonly UnitStatus[] = ['transporting', 'at-hospital'];

/**
 * A destination name as reported by a unit (its MDT, or a dispatcher): bidi controls removed (a name
 * is shown in a `<bdi>`, an override inside it would reorder the board), trimmed, bounded. Empty means none.
 */
export const destinationSchema = z.string().overwrite(stripBidiControls).trim().max(MAX_DESTINATION_LENGTH);

/** Who changed a unit's status: the console, a radio status frame, or the unit's own device (MDT over MQTT). */
export const statusSources = ['dispatcher', 'radio', 'mdt', 'system'] as const;
export const statusSourceSchema = z.enum(statusSources);
export type StatusSource = z.infer<typeof statusSourceSchema>;

/** Statuses in which a unit can take a new assignment. */
export const assignableStatuses: readonly UnitStatus[] = ['available', 'available-on-radio'];

/** Statuses that belong to an assignment (the unit is tied to an incident). */
export const assignedStatuses: readonly UnitStatus[] = [
  'dispatched',
  'en-route',
  'on-scene',
  'transporting',
  'at-hospital',
];

/**
 * Allowed transitions. Any status may go out of service (breakdown, crew change) and an assigned
 * unit may be cleared back to available; the rest follows the dispatch cycle.
 */
export const unitTransitions: Readonly<Record<UnitStatus, readonly UnitStatus[]>> = {
  available: ['available-on-radio', 'dispatched', 'out-of-service'],
  'available-on-radio': ['available', 'dispatched', 'out-of-service'],
  dispatched: ['en-route', 'on-scene', 'available', 'available-on-radio', 'out-of-service'],
  'en-route': ['on-scene', 'available', 'available-on-radio', 'out-of-service'],
  'on-scene': ['transporting', 'available', 'available-on-radio', 'out-of-service'],
  transporting: ['at-hospital', 'available', 'available-on-radio', 'out-of-service'],
  'at-hospital': ['available', 'available-on-radio', 'out-of-service'],
  'out-of-service': ['available', 'available-on-radio'],
};

/** Null when `from → to` is allowed; otherwise the reason, for the refusal message. */
export function transitionRefusal(from: UnitStatus, to: UnitStatus): string | null {
  if (from === to) return `the unit is already ${to}`;
  return unitTransitions[from].includes(to) ? null : `a unit cannot go from ${from} to ${to}`;
}

/** A refused status change: the English message for the log, and the reason the UI translates. */
export interface StatusChangeProblem {
  readonly message: string;
  readonly reason: ErrorReason;
}

const code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case code');

/** A unit in the roster, as the shift lead edits it (import/export use the same shape). */
export const unitDefinitionSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'letters, digits, - and _'),
  callsign: z.string().trim().min(1).max(40),
  agency: code,
  /** What the vehicle is: patrol, ambulance-basic, ambulance-advanced, engine, ladder, rescue, traffic… */
  kind: code,
  capabilities: z.array(code).max(20).default([]),
  station: z.string().max(120).nullable().default(null),
  home: z
    .strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
    .nullable()
    .default(null),
  crew: z.array(z.string().trim().min(1).max(120)).max(12).default([]),
  /** MDC-1200 unit id on the radio gateway: 4 hex digits. */
  radioId: z
    .string()
    .regex(/^[0-9A-Fa-f]{4}$/, '4 hex digits')
    .transform((id) => id.toUpperCase())
    .nullable()
    .default(null),
  /** AVL device bound to this unit (MQTT topic device, OwnTracks user/device, Traccar uniqueId). */
  deviceId: z.string().trim().min(1).max(120).nullable().default(null),
});
export type UnitDefinition = z.infer<typeof unitDefinitionSchema>;
export type UnitDefinitionInput = z.input<typeof unitDefinitionSchema>;

/** A unit as every window shows it. */
export interface UnitRecord extends UnitDefinition {
  readonly status: UnitStatus;
  /** UTC ms of the last status change (the board counts time in status from it). */
  readonly statusSince: number;
  readonly statusSource: StatusSource;
  /** The incident the unit is assigned to, while it is. */
  readonly incidentId: string | null;
  readonly updatedAt: number;
  readonly version: number;
}

/** How fresh a unit's position is: `stale` after the configured silence, `lost` after longer. */
export const positionFreshness = ['live', 'stale', 'lost'] as const;
export type PositionFreshness = (typeof positionFreshness)[number];

/** Where a position came from. */
export const positionSources = ['mqtt', 'nmea', 'radio'] as const;
export type PositionSource = (typeof positionSources)[number];

/** A unit's latest position (kept in memory by the host; the trail is downsampled to disk). */
export interface UnitPosition {
  readonly unitId: string;
  readonly lat: number;
  readonly lon: number;
  /** When the device took the fix (UTC ms). */
  readonly at: number;
  /** Metres per second. */
  readonly speed: number | null;
  /** Degrees clockwise from true north. */
  readonly heading: number | null;
  readonly accuracyM: number | null;
  readonly source: PositionSource;
  readonly freshness: PositionFreshness;
}

/** A point of a unit's stored trail. */
export interface TrailPoint {
  readonly at: number;
  readonly lat: number;
  readonly lon: number;
  readonly speed: number | null;
  readonly heading: number | null;
}

// ---------------------------------------------------------------------------------------------
// Roster helpers (dispatch, recommendation, command line)

/** Whether a unit in this status can take a new assignment. */
export function isAssignable(status: UnitStatus): boolean {
  return assignableStatuses.includes(status);
}

/** Whether a unit in this status is tied to an incident. */
export function isAssigned(status: UnitStatus): boolean {
  return assignedStatuses.includes(status);
}

/** A unit fields a capability when it lists it, or when its vehicle kind is that capability. */
export function unitHasCapability(unit: Pick<UnitDefinition, 'kind' | 'capabilities'>, capability: string): boolean {
  return unit.kind === capability || unit.capabilities.includes(capability);
}

/**
 * Checks a status change against the machine and the assignment rules, for every source (console,
 * radio, MDT): null when allowed, otherwise the reason in plain words for the refusal message.
 */
export function statusChangeRefusal(
  unit: Pick<UnitRecord, 'callsign' | 'status' | 'incidentId'>,
  to: UnitStatus,
  incidentId: string | null,
): string | null {
  return statusChangeProblem(unit, to, incidentId)?.message ?? null;
}

/** The status machine's refusal of `unit.status → to` (assignment rules aside), or null. */
export function transitionProblem(
  unit: Pick<UnitRecord, 'callsign' | 'status'>,
  to: UnitStatus,
): StatusChangeProblem | null {
  const { callsign, status: from } = unit;
  const refusal = transitionRefusal(from, to);
  if (refusal === null) return null;
  return {
    message: `${callsign}: ${refusal}`,
    reason:
      from === to
        ? { key: 'unit-status-same', params: { callsign, status: to } }
        : { key: 'unit-status-transition', params: { callsign, from, to } },
  };
}

/** As `statusChangeRefusal`, with the reason the UI says in its language. */
export function statusChangeProblem(
  unit: Pick<UnitRecord, 'callsign' | 'status' | 'incidentId'>,
  to: UnitStatus,
  incidentId: string | null,
): StatusChangeProblem | null {
  const { callsign } = unit;
  const refused = transitionProblem(unit, to);
  if (refused !== null) return refused;
  if (to === 'dispatched' && incidentId === null) {
    return {
      message: `${callsign}: a unit is dispatched to an incident`,
      reason: { key: 'unit-needs-incident', params: { callsign } },
    };
  }
  if (isAssigned(to) && to !== 'dispatched' && unit.incidentId === null && incidentId === null) {
    return {
      message: `${callsign}: a unit that is not assigned to an incident cannot be ${to}`,
      reason: { key: 'unit-not-assigned', params: { callsign, status: to } },
    };
  }
  return null;
}
