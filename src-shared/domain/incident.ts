import { z } from 'zod';
import { compactAddress, iraqiAddressSchema, type IraqiAddress } from './iraqiAddress';
import { locationNameSchema, type LocationName } from './locationNames';
import { phoneNumberSchema } from './phone';
import { destinationSchema } from './unit';

/**
 * Incidents are event-sourced: every change is an event (schemas below); the incident record the
 * queue and detail views read is `applyIncidentEvent` folded over its events. The fold is pure, so
 * replaying the log reproduces the projections exactly.
 */

export const incidentStatuses = ['pending', 'dispatched', 'en-route', 'on-scene', 'closed'] as const;
export const incidentStatusSchema = z.enum(incidentStatuses);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

/** Per-agency progress of a multi-agency incident. */
export const agencyStatuses = ['routed', 'acknowledged', 'dispatched', 'on-scene', 'completed'] as const;
export const agencyStatusSchema = z.enum(agencyStatuses);
export type AgencyStatus = z.infer<typeof agencyStatusSchema>;

export const prioritySchema = z.number().int().min(1).max(4);
export type Priority = z.infer<typeof prioritySchema>;

export const locationSources = ['ali', 'aml', 'gps', 'map', 'place', 'manual'] as const;

export const locationSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** Radius in metres within which the caller is (uncertainty), when known. */
  accuracyM: z.number().nonnegative().max(1_000_000).optional(),
  source: z.enum(locationSources),
});
export type IncidentLocation = z.infer<typeof locationSchema>;

const code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case code');
const text = (max: number) => z.string().max(max);

/** What an assigned unit reports to its incident (the unit statuses of an assignment, and its end). */
export const unitProgressStatuses = ['en-route', 'on-scene', 'transporting', 'at-hospital', 'cleared'] as const;
export type UnitProgressStatus = (typeof unitProgressStatuses)[number];

/** One unit's assignment to the incident, with its own milestones (UTC ms). */
export interface IncidentUnit {
  readonly unitId: string;
  readonly callsign: string;
  readonly agency: string;
  readonly status: 'dispatched' | UnitProgressStatus;
  readonly dispatchedAt: number;
  readonly enRouteAt: number | null;
  readonly onSceneAt: number | null;
  readonly transportingAt: number | null;
  readonly atHospitalAt: number | null;
  readonly clearedAt: number | null;
  /** The hospital the unit reported taking a patient to, while transporting or at hospital. */
  readonly destination?: string;
}

export const incidentEventPayloads = {
  'incident.created': z.strictObject({
    number: z.string().min(1).max(40),
    typeCode: code,
    priority: prioritySchema,
    agencies: z.array(code).max(20),
    location: locationSchema.optional(),
    /** Where `location` lies, by name; set by the host that wrote the event (older events have none). */
    locationName: locationNameSchema.optional(),
    address: text(500).optional(),
    /** Mahalla, zuqaq, dar and landmark, as the caller gave them. */
    addressParts: iraqiAddressSchema.optional(),
    callerName: text(200).optional(),
    callerNumber: phoneNumberSchema().optional(),
    callId: z.string().max(40).optional(),
    /** Why the dispatcher set a priority other than the type's default. */
    priorityReason: text(500).optional(),
    /** Milestones that happened before the incident existed (the call rang, was answered). */
    receivedAt: z.number().int().optional(),
    answeredAt: z.number().int().optional(),
  }),
  'incident.updated': z.strictObject({
    typeCode: code.optional(),
    priority: prioritySchema.optional(),
    priorityReason: text(500).optional(),
    location: locationSchema.optional(),
    /** Where the new `location` lies, by name (set by the host; older events have none). */
    locationName: locationNameSchema.optional(),
    address: text(500).optional(),
    addressParts: iraqiAddressSchema.optional(),
    callerName: text(200).optional(),
    callerNumber: phoneNumberSchema().optional(),
  }),
  'incident.noteAdded': z.strictObject({
    noteId: z.string().max(40),
    text: text(10_000).min(1),
    /** When the dispatcher wrote it, if earlier than the event (narrative typed during intake). */
    writtenAt: z.number().int().optional(),
  }),
  'incident.routed': z.strictObject({ agencies: z.array(code).min(1).max(20) }),
  'incident.agencyStatusChanged': z.strictObject({ agency: code, status: agencyStatusSchema }),
  'incident.statusChanged': z.strictObject({ status: incidentStatusSchema.exclude(['closed']) }),
  'incident.callerLinked': z.strictObject({
    callId: z.string().max(40),
    callerNumber: phoneNumberSchema().optional(),
    callerName: text(200).optional(),
  }),
  'incident.closed': z.strictObject({ disposition: code, reason: text(500).optional() }),
  'incident.reopened': z.strictObject({ reason: text(500).min(1) }),
  /** Two incidents are about related events (both stay open); recorded on both, with the reason. */
  'incident.linked': z.strictObject({ otherIncidentId: z.string().max(40), reason: text(500).min(1) }),
  /** This incident turned out to be the same emergency as another: closed into it, callers moved. */
  'incident.mergedInto': z.strictObject({ targetIncidentId: z.string().max(40), reason: text(500).min(1) }),
  /** Another incident was merged into this one; its callers join this one. */
  'incident.absorbed': z.strictObject({
    sourceIncidentId: z.string().max(40),
    callIds: z.array(z.string().max(40)).max(200),
    reason: text(500).min(1),
  }),
  /** Units assigned (one dispatch action, possibly several agencies); an override names why rules were bent. */
  'incident.unitsDispatched': z.strictObject({
    units: z
      .array(z.strictObject({ unitId: z.string().max(40), callsign: text(40), agency: code }))
      .min(1)
      .max(50),
    overrideReason: text(500).min(1).optional(),
  }),
  /** An assigned unit reported progress (from the console, its radio or its MDT); `cleared` ends its assignment. */
  'incident.unitProgress': z.strictObject({
    unitId: z.string().max(40),
    status: z.enum(unitProgressStatuses),
    source: z.enum(['dispatcher', 'radio', 'mdt', 'system']),
    /** The hospital, with `transporting` / `at-hospital` (older events have none). */
    destination: destinationSchema.min(1).optional(),
  }),
  /** A dispatch taken back (wrong unit, diverted): the assignment is removed, the reason kept on the timeline. */
  'incident.dispatchUndone': z.strictObject({ unitId: z.string().max(40), reason: text(500).min(1) }),
} as const;

export type IncidentEventType = keyof typeof incidentEventPayloads;
export type IncidentEventPayload<T extends IncidentEventType> = z.infer<(typeof incidentEventPayloads)[T]>;
export const incidentEventTypes = Object.keys(incidentEventPayloads) as IncidentEventType[];

/** An incident event as stored: envelope + typed payload. */
export type IncidentEvent = {
  [T in IncidentEventType]: {
    readonly id: string;
    readonly incidentId: string;
    readonly type: T;
    readonly payload: IncidentEventPayload<T>;
    /** Wall-clock part of the HLC timestamp, UTC ms. */
    readonly at: number;
    readonly hlc: string;
    readonly actor: string;
    readonly consoleId: string;
  };
}[IncidentEventType];

export interface IncidentAgency {
  readonly agency: string;
  readonly status: AgencyStatus;
  readonly since: number;
}

/** The incident as the queue and detail views read it. */
export interface IncidentRecord {
  readonly id: string;
  readonly number: string;
  readonly status: IncidentStatus;
  readonly typeCode: string;
  readonly priority: Priority;
  /** Why the priority differs from the type's default, when the dispatcher changed it. */
  readonly priorityReason: string | null;
  readonly agencies: readonly IncidentAgency[];
  readonly location: IncidentLocation | null;
  /** Where `location` lies (neighbourhood, sub-district, district, governorate); null when unnamed. */
  readonly locationName: LocationName | null;
  readonly address: string | null;
  /** Mahalla, zuqaq, dar, landmark (only the filled ones); null when none was given. */
  readonly addressParts: IraqiAddress | null;
  readonly callerName: string | null;
  readonly callerNumber: string | null;
  readonly callIds: readonly string[];
  readonly linkedIncidentIds: readonly string[];
  /** Set when this incident was merged into another (it is then closed as a duplicate). */
  readonly mergedInto: string | null;
  readonly disposition: string | null;
  readonly receivedAt: number | null;
  readonly answeredAt: number | null;
  readonly createdAt: number;
  readonly routedAt: number | null;
  readonly dispatchedAt: number | null;
  readonly enRouteAt: number | null;
  readonly onSceneAt: number | null;
  readonly closedAt: number | null;
  /** Units assigned, in dispatch order (a unit dispatched again after clearing appears again). */
  readonly units: readonly IncidentUnit[];
  readonly updatedAt: number;
  /** Number of events folded in: optimistic-concurrency version. */
  readonly version: number;
}

export class IncidentEventError extends Error {
  override readonly name = 'IncidentEventError';

  constructor(
    message: string,
    /** `missing`: no such incident; `conflict`: the incident's state does not allow the event. */
    readonly kind: 'missing' | 'conflict' = 'conflict',
  ) {
    super(message);
  }
}

function routeAgencies(current: readonly IncidentAgency[], agencies: readonly string[], at: number): IncidentAgency[] {
  const next = [...current];
  for (const agency of agencies) {
    if (!next.some((entry) => entry.agency === agency)) next.push({ agency, status: 'routed', since: at });
  }
  return next;
}

/**
 * Folds one event into the incident. Pure: the same events always give the same record.
 * Throws IncidentEventError when the event does not fit the incident's state (the store refuses it).
 */
export function applyIncidentEvent(state: IncidentRecord | null, event: IncidentEvent): IncidentRecord {
  if (event.type === 'incident.created') {
    if (state) throw new IncidentEventError(`incident ${event.incidentId} already exists`);
    const p = event.payload;
    return {
      id: event.incidentId,
      number: p.number,
      status: 'pending',
      typeCode: p.typeCode,
      priority: p.priority,
      priorityReason: p.priorityReason ?? null,
      agencies: routeAgencies([], p.agencies, event.at),
      location: p.location ?? null,
      locationName: p.location !== undefined ? (p.locationName ?? null) : null,
      address: p.address ?? null,
      addressParts: compactAddress(p.addressParts),
      callerName: p.callerName ?? null,
      callerNumber: p.callerNumber ?? null,
      callIds: p.callId ? [p.callId] : [],
      linkedIncidentIds: [],
      mergedInto: null,
      disposition: null,
      receivedAt: p.receivedAt ?? null,
      answeredAt: p.answeredAt ?? null,
      createdAt: event.at,
      routedAt: p.agencies.length > 0 ? event.at : null,
      dispatchedAt: null,
      enRouteAt: null,
      onSceneAt: null,
      closedAt: null,
      units: [],
      updatedAt: event.at,
      version: 1,
    };
  }
  if (!state) throw new IncidentEventError(`incident ${event.incidentId} does not exist`, 'missing');
  if (state.status === 'closed' && event.type !== 'incident.reopened' && event.type !== 'incident.noteAdded') {
    throw new IncidentEventError(`incident ${state.number} is closed`);
  }
  const base = { ...state, updatedAt: event.at, version: state.version + 1 };
  switch (event.type) {
    case 'incident.updated': {
      const p = event.payload;
      return {
        ...base,
        typeCode: p.typeCode ?? state.typeCode,
        priority: p.priority ?? state.priority,
        priorityReason: p.priorityReason ?? (p.priority !== undefined ? null : state.priorityReason),
        location: p.location ?? state.location,
        // A new location without a name (an older console's event) leaves the old name behind.
        locationName: p.location !== undefined ? (p.locationName ?? null) : state.locationName,
        address: p.address ?? state.address,
        addressParts: p.addressParts !== undefined ? compactAddress(p.addressParts) : state.addressParts,
        callerName: p.callerName ?? state.callerName,
        callerNumber: p.callerNumber ?? state.callerNumber,
      };
    }
    case 'incident.noteAdded':
      return base;
    case 'incident.routed':
      return {
        ...base,
        agencies: routeAgencies(state.agencies, event.payload.agencies, event.at),
        routedAt: state.routedAt ?? event.at,
      };
    case 'incident.agencyStatusChanged': {
      const { agency, status } = event.payload;
      if (!state.agencies.some((entry) => entry.agency === agency)) {
        throw new IncidentEventError(`incident ${state.number} is not routed to ${agency}`);
      }
      return {
        ...base,
        agencies: state.agencies.map((entry) =>
          entry.agency === agency ? { agency, status, since: event.at } : entry,
        ),
      };
    }
    case 'incident.statusChanged': {
      const status = event.payload.status;
      return {
        ...base,
        status,
        dispatchedAt: status === 'dispatched' ? (state.dispatchedAt ?? event.at) : state.dispatchedAt,
        enRouteAt: status === 'en-route' ? (state.enRouteAt ?? event.at) : state.enRouteAt,
        onSceneAt: status === 'on-scene' ? (state.onSceneAt ?? event.at) : state.onSceneAt,
      };
    }
    case 'incident.callerLinked':
      return state.callIds.includes(event.payload.callId)
        ? base
        : { ...base, callIds: [...state.callIds, event.payload.callId] };
    case 'incident.closed':
      return { ...base, status: 'closed', disposition: event.payload.disposition, closedAt: event.at };
    case 'incident.reopened':
      if (state.status !== 'closed') throw new IncidentEventError(`incident ${state.number} is not closed`);
      return { ...base, status: 'pending', disposition: null, closedAt: null };
    case 'incident.linked':
      return state.linkedIncidentIds.includes(event.payload.otherIncidentId)
        ? base
        : { ...base, linkedIncidentIds: [...state.linkedIncidentIds, event.payload.otherIncidentId] };
    case 'incident.mergedInto':
      return {
        ...base,
        status: 'closed',
        disposition: 'duplicate',
        closedAt: event.at,
        mergedInto: event.payload.targetIncidentId,
      };
    case 'incident.absorbed':
      return { ...base, callIds: [...new Set([...state.callIds, ...event.payload.callIds])] };
    case 'incident.unitsDispatched':
      return applyUnitsDispatched(state, base, event.payload, event.at);
    case 'incident.unitProgress':
      return applyUnitProgress(state, base, event.payload, event.at);
    case 'incident.dispatchUndone':
      return applyDispatchUndone(state, base, event.payload.unitId);
  }
}

// ---------------------------------------------------------------------------------------------
// Assignments: units on the incident drive its milestones and its agencies' progress.

const activeUnit = (unit: IncidentUnit): boolean => unit.status !== 'cleared';

/** Progress that has a destination (the hospital). */
const TRANSPORT_PROGRESS: ReadonlySet<UnitProgressStatus> = new Set(['transporting', 'at-hospital']);

function withAgencyStatus(
  agencies: readonly IncidentAgency[],
  agency: string,
  status: AgencyStatus,
  at: number,
): IncidentAgency[] {
  const present = agencies.some((entry) => entry.agency === agency);
  const next = present ? [...agencies] : [...agencies, { agency, status, since: at }];
  return next.map((entry) =>
    entry.agency === agency && entry.status !== status ? { agency, status, since: at } : entry,
  );
}

const STATUS_RANK: Readonly<Record<IncidentStatus, number>> = {
  pending: 0,
  dispatched: 1,
  'en-route': 2,
  'on-scene': 3,
  closed: 4,
};

/** The incident moves forward only: a second unit en route does not pull an incident on scene back. */
function advance(status: IncidentStatus, to: IncidentStatus): IncidentStatus {
  return STATUS_RANK[to] > STATUS_RANK[status] ? to : status;
}

/** The incident status a unit's assignment stands for (transporting and at hospital are still on scene). */
const UNIT_INCIDENT_STATUS: Readonly<Record<IncidentUnit['status'], IncidentStatus | null>> = {
  dispatched: 'dispatched',
  'en-route': 'en-route',
  'on-scene': 'on-scene',
  transporting: 'on-scene',
  'at-hospital': 'on-scene',
  cleared: null,
};

/**
 * The incident status its units stand for once one of them clears: the furthest along of the units
 * still assigned; with none left, `pending` (the incident waits for a new dispatch or for closing),
 * so an incident whose last unit left never stays "on scene".
 */
export function statusOfUnits(units: readonly IncidentUnit[]): IncidentStatus {
  let status: IncidentStatus = 'pending';
  for (const unit of units) {
    const stands = UNIT_INCIDENT_STATUS[unit.status];
    if (stands !== null) status = advance(status, stands);
  }
  return status;
}

/** Units still on the incident (not cleared), in dispatch order. */
export function activeUnitsOf(incident: Pick<IncidentRecord, 'units'>): IncidentUnit[] {
  return incident.units.filter(activeUnit);
}

/**
 * Units that cleared from the incident within `windowMs` before `now` and are not on it again: a unit
 * that has just left is not proposed to the same incident again (the dispatcher can still choose it).
 */
export function recentlyClearedUnitIds(
  incident: Pick<IncidentRecord, 'units'>,
  now: number,
  windowMs: number,
): Set<string> {
  const active = new Set(activeUnitsOf(incident).map((unit) => unit.unitId));
  const cleared = new Set<string>();
  for (const unit of incident.units) {
    if (unit.clearedAt !== null && now - unit.clearedAt <= windowMs && !active.has(unit.unitId))
      cleared.add(unit.unitId);
  }
  return cleared;
}

function applyUnitsDispatched(
  state: IncidentRecord,
  base: IncidentRecord,
  payload: IncidentEventPayload<'incident.unitsDispatched'>,
  at: number,
): IncidentRecord {
  for (const unit of payload.units) {
    if (state.units.some((entry) => entry.unitId === unit.unitId && activeUnit(entry))) {
      throw new IncidentEventError(`${unit.callsign} is already assigned to incident ${state.number}`);
    }
  }
  let agencies: IncidentAgency[] = [...state.agencies];
  for (const unit of payload.units) {
    const entry = agencies.find((candidate) => candidate.agency === unit.agency);
    // An agency already on scene (or done) keeps its progress; one waiting is now dispatched.
    if (!entry || entry.status === 'routed' || entry.status === 'acknowledged' || entry.status === 'completed')
      agencies = withAgencyStatus(agencies, unit.agency, 'dispatched', at);
  }
  const added: IncidentUnit[] = payload.units.map((unit) => ({
    unitId: unit.unitId,
    callsign: unit.callsign,
    agency: unit.agency,
    status: 'dispatched',
    dispatchedAt: at,
    enRouteAt: null,
    onSceneAt: null,
    transportingAt: null,
    atHospitalAt: null,
    clearedAt: null,
  }));
  return {
    ...base,
    status: advance(state.status, 'dispatched'),
    agencies,
    routedAt: state.routedAt ?? at,
    dispatchedAt: state.dispatchedAt ?? at,
    units: [...state.units, ...added],
  };
}

function applyUnitProgress(
  state: IncidentRecord,
  base: IncidentRecord,
  payload: IncidentEventPayload<'incident.unitProgress'>,
  at: number,
): IncidentRecord {
  const index = state.units.findLastIndex((entry) => entry.unitId === payload.unitId && activeUnit(entry));
  const current = state.units[index];
  if (!current) throw new IncidentEventError(`unit ${payload.unitId} is not assigned to incident ${state.number}`);
  const status = payload.status;
  // The destination belongs to the transport: kept from transporting to at hospital, dropped after.
  const { destination: previousDestination, ...withoutDestination } = current;
  const destination = TRANSPORT_PROGRESS.has(status) ? (payload.destination ?? previousDestination) : undefined;
  const stamped: IncidentUnit = {
    ...withoutDestination,
    ...(destination !== undefined && { destination }),
    status,
    enRouteAt: status === 'en-route' ? (current.enRouteAt ?? at) : current.enRouteAt,
    onSceneAt: status === 'on-scene' ? (current.onSceneAt ?? at) : current.onSceneAt,
    transportingAt: status === 'transporting' ? (current.transportingAt ?? at) : current.transportingAt,
    atHospitalAt: status === 'at-hospital' ? (current.atHospitalAt ?? at) : current.atHospitalAt,
    clearedAt: status === 'cleared' ? at : current.clearedAt,
  };
  const units = state.units.map((entry, i) => (i === index ? stamped : entry));
  let agencies: IncidentAgency[] = [...state.agencies];
  const agencyUnits = units.filter((entry) => entry.agency === current.agency);
  if (status === 'on-scene') agencies = withAgencyStatus(agencies, current.agency, 'on-scene', at);
  else if (status === 'cleared' && agencyUnits.every((entry) => !activeUnit(entry)))
    agencies = withAgencyStatus(agencies, current.agency, 'completed', at);
  const incidentStatus =
    status === 'en-route'
      ? advance(state.status, 'en-route')
      : status === 'on-scene' || status === 'transporting' || status === 'at-hospital'
        ? advance(state.status, 'on-scene')
        : statusOfUnits(units);
  return {
    ...base,
    status: incidentStatus,
    agencies,
    enRouteAt: status === 'en-route' ? (state.enRouteAt ?? at) : state.enRouteAt,
    // A unit that reports on scene without en route first was en route all the same.
    onSceneAt: status === 'on-scene' ? (state.onSceneAt ?? at) : state.onSceneAt,
    units,
  };
}

function applyDispatchUndone(state: IncidentRecord, base: IncidentRecord, unitId: string): IncidentRecord {
  const index = state.units.findLastIndex((entry) => entry.unitId === unitId && activeUnit(entry));
  const undone = state.units[index];
  if (!undone) throw new IncidentEventError(`unit ${unitId} is not assigned to incident ${state.number}`);
  const units = state.units.filter((_, i) => i !== index);
  let agencies: IncidentAgency[] = [...state.agencies];
  if (!units.some((entry) => entry.agency === undone.agency)) {
    agencies = withAgencyStatus(agencies, undone.agency, 'routed', base.updatedAt);
  }
  // Nothing left on the way: the incident waits for a dispatch again, and its dispatch time is the next one.
  const none = units.length === 0;
  return {
    ...base,
    agencies,
    units,
    status: none && state.status !== 'closed' ? 'pending' : state.status,
    dispatchedAt: none ? null : state.dispatchedAt,
    enRouteAt: none ? null : state.enRouteAt,
    onSceneAt: none ? null : state.onSceneAt,
  };
}
