import { z } from 'zod';
import { alarmEventPayloads } from '../../../src-shared/domain/alarmEvents';
import { callEventPayloads } from '../../../src-shared/domain/call';
import type { DrillControlAction } from '../../../src-shared/domain/drill/drillReport';
import { DrillClock } from '../../../src-shared/domain/drill/drillClock';
import type { Scenario } from '../../../src-shared/domain/drill/scenario';
import { drillTimelineSchema, type TimelineFact } from '../../../src-shared/domain/drill/timeline';
import { distanceM, type LatLon } from '../../../src-shared/domain/geo';
import { incidentEventPayloads } from '../../../src-shared/domain/incident';
import { assignableStatuses, type UnitStatus } from '../../../src-shared/domain/unit';
import { callerKey } from '../demo/demoCalls';
import type { DrillRecords } from '../store/drillRecords';
import type { AuditLogRow, EventLogRow } from '../store/queries';

/**
 * A drill run's timeline read back from a drill console's store: the facts the scorer reads
 * (src-shared/domain/drill/timeline.ts), in drill seconds, from what the console recorded — the
 * `drill.*` audit rows of the run (injects fired, outages, controls) and the call, incident and
 * alarm events of its time span, with the roster, its status history and the position trail for
 * the distances of a dispatch. The same function serves the live contingencies (the run so far),
 * the report and `nida drill report` (a read-only connection).
 *
 * Wall time becomes drill time by replaying the run's `drill.started/paused/resumed/speed` rows
 * through DrillClock, so a pause is left out and a run at ×4 scores like one in real time.
 *
 * Seats: until seats are bound to operators at start, a fact takes the seat of what it concerns
 * (the call inject's seat for an answer, the radio inject's for an acknowledgement); a dispatch takes
 * the dispatcher seat its operator acknowledged a radio emergency from, else the call's seat.
 */

/** One run: from its `drill.loaded` audit row to the next one. */
export interface DrillRun {
  /** The audit seq of the run's `drill.loaded` row: the run's id in `nida drill report RUN`. */
  readonly id: number;
  readonly scenarioId: string;
  readonly version: number;
  readonly seed: number;
  /** Wall ms of the load. */
  readonly loadedAt: number;
  /** The next run's `drill.loaded` seq and time (exclusive), or null for the latest run. */
  readonly next: { readonly seq: number; readonly at: number } | null;
}

export type DrillRecordSource = Pick<
  DrillRecords,
  'runs' | 'drillActions' | 'events' | 'units' | 'statusChanges' | 'positionAt'
>;

const loadedDetails = z.object({ version: z.number().int(), seed: z.number().int() });

/** Every run the store holds, oldest first. */
export function drillRuns(records: Pick<DrillRecords, 'runs'>): DrillRun[] {
  const rows = records.runs();
  return rows.flatMap((row, index): DrillRun[] => {
    const details = loadedDetails.safeParse(parseJson(row.details));
    if (!details.success) return [];
    const next = rows[index + 1];
    return [
      {
        id: row.seq,
        scenarioId: row.subject.replace(/^drill:/, ''),
        version: details.data.version,
        seed: details.data.seed,
        loadedAt: row.at,
        next: next === undefined ? null : { seq: next.seq, at: next.at },
      },
    ];
  });
}

/** A run by its id, or the latest with `'latest'`; null when there is none. */
export function findDrillRun(records: Pick<DrillRecords, 'runs'>, ref: number | 'latest'): DrillRun | null {
  const runs = drillRuns(records);
  return (ref === 'latest' ? runs.at(-1) : runs.find((run) => run.id === ref)) ?? null;
}

/** The `details` of a `drill.*` row as the drill service writes them (drillService.ts `audit`). */
const actionDetails = z.object({
  kind: z.string(),
  drillSeconds: z.number().min(0),
  injectId: z.string().optional(),
  speed: z.number().optional(),
  state: z.string().optional(),
  by: z.enum(['schedule', 'controller']).optional(),
});
type ActionDetails = z.infer<typeof actionDetails>;

interface DrillActionRow {
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly details: ActionDetails;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function actionRows(rows: readonly AuditLogRow[]): DrillActionRow[] {
  return rows.flatMap((row) => {
    const details = actionDetails.safeParse(parseJson(row.details));
    return details.success ? [{ seq: row.seq, at: row.at, actor: row.actor, details: details.data }] : [];
  });
}

/** Wall ms → drill seconds, from the run's clock controls (before the start: 0). */
function drillTimeOf(actions: readonly DrillActionRow[]): (wallMs: number) => number {
  const steps: { at: number; clock: DrillClock }[] = [];
  let clock: DrillClock | null = null;
  for (const { at, details } of actions) {
    if (details.kind === 'started') clock = DrillClock.start(at, details.speed ?? 1);
    else if (clock === null) continue;
    else if (details.kind === 'paused') clock = clock.pause(at);
    else if (details.kind === 'resumed') clock = clock.resume(at);
    else if (details.kind === 'speed' && details.speed !== undefined) clock = clock.withSpeed(details.speed, at);
    else continue;
    steps.push({ at, clock });
  }
  return (wallMs) => {
    const step = steps.findLast((candidate) => candidate.at <= wallMs);
    return step === undefined ? 0 : Math.round(step.clock.secondsAt(wallMs) * 1000) / 1000;
  };
}

/** A run read back: its facts, the controller's actions, and where it stands. */
export interface DrillRunRecord {
  readonly run: DrillRun;
  readonly timeline: readonly TimelineFact[];
  readonly controls: readonly DrillControlAction[];
  readonly started: boolean;
  readonly ended: boolean;
  /** Drill seconds reached by the last row read (the end, or the run so far). */
  readonly lastSeconds: number;
}

/** How old a trail point may be to place a unit at a dispatch (older: the unit's home station). */
const TRAIL_MAX_AGE_MS = 10 * 60_000;
/** An incident within this distance of a radio emergency, made after it, is where backup goes. */
const BACKUP_RADIUS_M = 500;

/** A fact before its seat is known: `seat` is resolved once every operator's seats are learned. */
type PendingFact = TimelineFact & { readonly wallAt: number };

interface CallState {
  readonly injectId: string;
  answered: boolean;
}

interface IncidentState {
  type: string;
  priority: number;
  agencies: string[];
  location: LatLon | null;
  callerNumber: boolean;
  /** The drill call it was made from, and that call's inject. */
  readonly callId: string | undefined;
  readonly injectId: string | undefined;
  readonly createdAt: number;
  readonly units: Set<string>;
  readonly arrived: Set<string>;
}

interface EmergencyState {
  readonly injectId: string;
  readonly raisedAt: number;
  readonly position: LatLon | null;
  readonly unitId: string | undefined;
  readonly incidentId: string | null;
  backupSent: boolean;
}

/** Reads a run's timeline from the store, validated against the scorer's schema. */
export function buildDrillTimeline(records: DrillRecordSource, scenario: Scenario, run: DrillRun): DrillRunRecord {
  const injects = new Map(scenario.injects.map((inject) => [inject.id, inject]));
  const actions = actionRows(records.drillActions(run.id, run.next?.seq ?? Number.MAX_SAFE_INTEGER));
  const drillTime = drillTimeOf(actions);
  const endAt = run.next?.at ?? Number.MAX_SAFE_INTEGER;
  const facts: PendingFact[] = [];
  const controls: DrillControlAction[] = [];

  // The injects as they went out: calls by caller number, radio emergencies by radio id.
  const firedCalls: { key: string; injectId: string; at: number }[] = [];
  const firedEmergencies: { radioId: string; injectId: string; at: number }[] = [];
  let started = false;
  let ended = false;
  let lastSeconds = 0;
  for (const { at, actor, details } of actions) {
    const t = details.drillSeconds;
    lastSeconds = Math.max(lastSeconds, t);
    const inject = details.injectId === undefined ? undefined : injects.get(details.injectId);
    if (details.kind === 'started') started = true;
    if (details.kind === 'ended') ended = true;
    if (details.kind === 'fired' && inject !== undefined) {
      facts.push({ kind: 'inject-fired', t, injectId: inject.id, wallAt: at });
      if (inject.kind === 'call') firedCalls.push({ key: callerKey(inject.ali.callback), injectId: inject.id, at });
      else if (inject.kind === 'radio' && inject.signal === 'emergency')
        firedEmergencies.push({ radioId: inject.radioId, injectId: inject.id, at });
      else if (inject.kind === 'outage')
        facts.push({ kind: 'outage-started', t, link: inject.link, injectId: inject.id, wallAt: at });
      else if (inject.kind === 'restore')
        facts.push({ kind: 'outage-restored', t, link: inject.link, injectId: inject.id, wallAt: at });
    }
    if (details.kind === 'state' && details.state === 'ended' && inject?.kind === 'outage')
      facts.push({ kind: 'outage-restored', t, link: inject.link, injectId: inject.id, wallAt: at });
    const control = controlOf(details, actor);
    if (control !== null) controls.push(control);
  }

  const units = records.units();
  const unitsById = new Map(units.map((unit) => [unit.id, unit]));
  const unitOfRadio = new Map(units.flatMap((unit) => (unit.radioId === null ? [] : [[unit.radioId, unit.id]])));
  const calls = new Map<string, CallState>();
  const incidents = new Map<string, IncidentState>();
  const emergencies = new Map<string, EmergencyState>();
  const statusChanges = records.statusChanges(endAt);

  const seatOf = (injectId: string | undefined): string => {
    const inject = injectId === undefined ? undefined : injects.get(injectId);
    return inject?.seat ?? scenario.seats[0]?.id ?? 'seat';
  };
  /** The scene of an incident: the truth of the call it was made from, else where the incident says. */
  const sceneOf = (incident: IncidentState): LatLon | null => {
    const inject = incident.injectId === undefined ? undefined : injects.get(incident.injectId);
    return inject?.kind === 'call' ? inject.truth.location : incident.location;
  };
  const unitPosition = (unitId: string, at: number): LatLon | null =>
    records.positionAt(unitId, at, TRAIL_MAX_AGE_MS) ?? unitsById.get(unitId)?.home ?? null;
  const freeAt = (at: number): Set<string> => {
    const status = new Map<string, string>();
    for (const change of statusChanges) if (change.at < at) status.set(change.unitId, change.status);
    return new Set(
      units
        .filter((unit) => {
          const now = status.get(unit.id);
          return now === undefined || assignableStatuses.includes(now as UnitStatus);
        })
        .map((unit) => unit.id),
    );
  };
  /** Whether the serial (ALI) link was down at a wall instant: the last outage fact of that link before it. */
  const aliLineDownAt = (at: number): boolean => {
    let last: { wallAt: number; down: boolean } | null = null;
    for (const fact of facts)
      if ((fact.kind === 'outage-started' || fact.kind === 'outage-restored') && fact.link === 'serial')
        if (fact.wallAt <= at && (last === null || fact.wallAt >= last.wallAt))
          last = { wallAt: fact.wallAt, down: fact.kind === 'outage-started' };
    return last?.down ?? false;
  };
  const matchCall = (number: string | undefined, at: number): string | undefined => {
    if (number === undefined) return undefined;
    const key = callerKey(number);
    return firedCalls.findLast((fired) => fired.key === key && fired.at <= at)?.injectId;
  };
  const classificationOf = (incident: IncidentState) => ({
    type: incident.type,
    priority: incident.priority,
    agencies: [...incident.agencies],
  });

  for (const row of records.events(run.loadedAt, endAt)) {
    const t = drillTime(row.at);
    const operator = row.actor;
    const payload = parseJson(row.payload);
    const base = { t, wallAt: row.at };
    if (row.stream === 'call') readCallEvent(row, payload, base, operator);
    else if (row.stream === 'incident') readIncidentEvent(row, payload, base, operator);
    else if (row.stream === 'alarm') readAlarmEvent(row, payload, base, operator);
  }

  function readCallEvent(
    row: EventLogRow,
    payload: unknown,
    base: { t: number; wallAt: number },
    operator: string,
  ): void {
    const callId = row.stream_id;
    if (row.type === 'call.received') {
      const received = callEventPayloads['call.received'].safeParse(payload);
      const injectId = received.success ? matchCall(received.data.callerNumber, row.at) : undefined;
      if (injectId === undefined) return;
      calls.set(callId, { injectId, answered: false });
      facts.push({ kind: 'call-rang', ...base, callId, injectId, seat: seatOf(injectId) });
      // Taken by voice while the ALI line was down and entered by hand in the console (which still
      // works): logged and entered at once, the outage procedure of a telephony-line outage.
      if (received.success && received.data.source === 'manual' && aliLineDownAt(row.at)) {
        const seat = seatOf(injectId);
        facts.push({ kind: 'call-logged-during-outage', ...base, injectId, seat, operator });
        facts.push({ kind: 'call-entered-after-restore', ...base, injectId, callId, seat, operator });
      }
      return;
    }
    const call = calls.get(callId);
    if (call === undefined) return;
    const seat = seatOf(call.injectId);
    switch (row.type) {
      case 'call.answered':
        call.answered = true;
        facts.push({ kind: 'call-answered', ...base, callId, seat, operator });
        return;
      case 'call.released': {
        const released = callEventPayloads['call.released'].safeParse(payload);
        // Unanswered, the caller gave up; answered, the call-taker let the call go.
        if (!call.answered || (released.success && released.data.reason === 'abandoned'))
          facts.push({ kind: 'call-hung-up', ...base, callId });
        if (call.answered) facts.push({ kind: 'call-ended', ...base, callId, seat, operator });
        return;
      }
      case 'call.linked': {
        const linked = callEventPayloads['call.linked'].safeParse(payload);
        if (!linked.success) return;
        const incident = incidents.get(linked.data.incidentId);
        // Linked to the incident it made: that is its creation, not an attachment.
        if (incident?.callId !== callId)
          facts.push({ kind: 'call-attached', ...base, callId, incidentId: linked.data.incidentId, seat, operator });
        return;
      }
      case 'call.questionAsked':
      case 'call.instructionRead': {
        const step = callEventPayloads[row.type].safeParse(payload);
        if (!step.success) return;
        const kind = row.type === 'call.questionAsked' ? 'key-question-asked' : 'instruction-read';
        facts.push({ kind, ...base, callId, type: step.data.typeCode, key: step.data.key, seat, operator });
        return;
      }
      default:
        return;
    }
  }

  function locationEntered(incident: IncidentState, base: { t: number; wallAt: number }, operator: string): void {
    if (incident.callId === undefined || incident.location === null) return;
    facts.push({
      kind: 'location-entered',
      ...base,
      callId: incident.callId,
      lat: incident.location.lat,
      lon: incident.location.lon,
      callbackFilled: incident.callerNumber,
      seat: seatOf(incident.injectId),
      operator,
    });
  }

  function readIncidentEvent(
    row: EventLogRow,
    payload: unknown,
    base: { t: number; wallAt: number },
    operator: string,
  ): void {
    const incidentId = row.stream_id;
    if (row.type === 'incident.created') {
      const created = incidentEventPayloads['incident.created'].safeParse(payload);
      if (!created.success) return;
      const p = created.data;
      const callId = p.callId !== undefined && calls.has(p.callId) ? p.callId : undefined;
      // An incident made by hand for a drill call the console never received (the ALI line was down).
      const byNumber = callId === undefined ? matchCall(p.callerNumber, row.at) : undefined;
      const reachedConsole = [...calls.values()].some((call) => call.injectId === byNumber);
      const injectId = callId !== undefined ? calls.get(callId)?.injectId : reachedConsole ? undefined : byNumber;
      const incident: IncidentState = {
        type: p.typeCode,
        priority: p.priority,
        agencies: [...p.agencies],
        location: p.location === undefined ? null : { lat: p.location.lat, lon: p.location.lon },
        callerNumber: p.callerNumber !== undefined,
        callId,
        injectId,
        createdAt: row.at,
        units: new Set(),
        arrived: new Set(),
      };
      incidents.set(incidentId, incident);
      if (injectId === undefined) return;
      facts.push({
        kind: 'incident-created',
        ...base,
        incidentId,
        ...(callId !== undefined ? { callId } : { injectId }),
        ...classificationOf(incident),
        seat: seatOf(injectId),
        operator,
      });
      locationEntered(incident, base, operator);
      return;
    }
    const incident = incidents.get(incidentId);
    if (incident === undefined) return;
    const classified = (): void => {
      if (incident.injectId !== undefined)
        facts.push({
          kind: 'incident-updated',
          ...base,
          incidentId,
          ...classificationOf(incident),
          seat: seatOf(incident.injectId),
          operator,
        });
    };
    switch (row.type) {
      case 'incident.updated': {
        const updated = incidentEventPayloads['incident.updated'].safeParse(payload);
        if (!updated.success) return;
        const p = updated.data;
        if (p.typeCode !== undefined || p.priority !== undefined) {
          incident.type = p.typeCode ?? incident.type;
          incident.priority = p.priority ?? incident.priority;
          classified();
        }
        if (p.location !== undefined || p.callerNumber !== undefined) {
          if (p.location !== undefined) incident.location = { lat: p.location.lat, lon: p.location.lon };
          if (p.callerNumber !== undefined) incident.callerNumber = true;
          locationEntered(incident, base, operator);
        }
        return;
      }
      case 'incident.routed': {
        const routed = incidentEventPayloads['incident.routed'].safeParse(payload);
        if (!routed.success) return;
        const added = routed.data.agencies.filter((agency) => !incident.agencies.includes(agency));
        if (added.length === 0) return;
        incident.agencies.push(...added);
        classified();
        return;
      }
      case 'incident.unitsDispatched': {
        const dispatched = incidentEventPayloads['incident.unitsDispatched'].safeParse(payload);
        if (!dispatched.success) return;
        const sent = dispatched.data.units.map((unit) => unit.unitId);
        for (const unitId of sent) {
          incident.units.add(unitId);
          dispatchFact(incidentId, incident, unitId, sent, base, operator);
          backupFact(incidentId, incident, unitId, base, operator);
        }
        return;
      }
      case 'incident.unitProgress': {
        const progress = incidentEventPayloads['incident.unitProgress'].safeParse(payload);
        if (!progress.success || progress.data.status !== 'on-scene') return;
        if (incident.arrived.has(progress.data.unitId)) return;
        incident.arrived.add(progress.data.unitId);
        facts.push({ kind: 'unit-arrived', ...base, incidentId, unitId: progress.data.unitId });
        return;
      }
      case 'incident.closed':
      case 'incident.mergedInto':
        facts.push({ kind: 'incident-closed', ...base, incidentId, seat: seatOf(incident.injectId), operator });
        return;
      default:
        return;
    }
  }

  function dispatchFact(
    incidentId: string,
    incident: IncidentState,
    unitId: string,
    sentTogether: readonly string[],
    base: { t: number; wallAt: number },
    operator: string,
  ): void {
    const unit = unitsById.get(unitId);
    const scene = sceneOf(incident);
    const position = unitPosition(unitId, base.wallAt);
    const distance = scene !== null && position !== null ? Math.round(distanceM(position, scene)) : null;
    const capabilities = unit?.capabilities ?? [];
    // Free units of the same agency that carry everything this one does, and were nearer the scene.
    const closerFreeUnits =
      distance === null || unit === undefined || scene === null
        ? []
        : [...freeAt(base.wallAt)]
            .filter((id) => !sentTogether.includes(id))
            .flatMap((id) => {
              const other = unitsById.get(id);
              if (other?.agency !== unit.agency) return [];
              if (!capabilities.every((capability) => other.capabilities.includes(capability))) return [];
              const at = unitPosition(id, base.wallAt);
              const otherDistance = at === null ? null : Math.round(distanceM(at, scene));
              return otherDistance !== null && otherDistance < distance
                ? [{ unitId: id, distanceM: otherDistance }]
                : [];
            })
            .sort((a, b) => a.distanceM - b.distanceM)
            .slice(0, 50);
    facts.push({
      kind: 'unit-dispatched',
      ...base,
      incidentId,
      unitId,
      capabilities: capabilities.slice(0, 30),
      distanceM: distance ?? 0,
      closerFreeUnits,
      seat: seatOf(incident.injectId),
      operator,
    });
  }

  /** A unit sent, after a radio emergency, to where the unit in trouble is. */
  function backupFact(
    incidentId: string,
    incident: IncidentState,
    unitId: string,
    base: { t: number; wallAt: number },
    operator: string,
  ): void {
    for (const emergency of emergencies.values()) {
      if (emergency.backupSent || unitId === emergency.unitId || base.wallAt < emergency.raisedAt) continue;
      const near =
        emergency.position !== null &&
        incident.location !== null &&
        incident.createdAt >= emergency.raisedAt &&
        distanceM(emergency.position, incident.location) <= BACKUP_RADIUS_M;
      const ofEmergency =
        emergency.incidentId === incidentId ||
        (emergency.unitId !== undefined && incident.units.has(emergency.unitId)) ||
        near;
      if (!ofEmergency) continue;
      emergency.backupSent = true;
      facts.push({
        kind: 'backup-sent',
        ...base,
        injectId: emergency.injectId,
        unitId,
        seat: seatOf(emergency.injectId),
        operator,
      });
    }
  }

  function readAlarmEvent(
    row: EventLogRow,
    payload: unknown,
    base: { t: number; wallAt: number },
    operator: string,
  ): void {
    const alarmId = row.stream_id;
    if (row.type === 'alarm.raised') {
      const raised = alarmEventPayloads['alarm.raised'].safeParse(payload);
      if (!raised.success || raised.data.kind !== 'radio-emergency') return;
      const radioId = raised.data.subject;
      const injectId = firedEmergencies.findLast((fired) => fired.radioId === radioId && fired.at <= row.at)?.injectId;
      if (injectId === undefined || [...emergencies.values()].some((known) => known.injectId === injectId)) return;
      const unitId = unitOfRadio.get(radioId);
      emergencies.set(alarmId, {
        injectId,
        raisedAt: row.at,
        position: raised.data.position,
        unitId,
        incidentId: raised.data.incidentId,
        backupSent: false,
      });
      facts.push({
        kind: 'radio-emergency-raised',
        ...base,
        injectId,
        radioId,
        ...(unitId !== undefined && { unitId }),
      });
    } else if (row.type === 'alarm.acknowledged') {
      const emergency = emergencies.get(alarmId);
      if (emergency === undefined) return;
      facts.push({
        kind: 'radio-emergency-acknowledged',
        ...base,
        injectId: emergency.injectId,
        seat: seatOf(emergency.injectId),
        operator,
      });
    }
  }

  // A dispatch belongs to the dispatcher seat its operator acknowledged an emergency from, if any.
  const dispatcherSeatOf = new Map<string, string>();
  for (const fact of facts)
    if (fact.kind === 'radio-emergency-acknowledged' && !dispatcherSeatOf.has(fact.operator))
      dispatcherSeatOf.set(fact.operator, fact.seat);
  const timeline = facts
    .map((fact, order) => ({ fact, order }))
    .sort((a, b) => a.fact.t - b.fact.t || a.order - b.order)
    .map(({ fact }): TimelineFact => {
      const { wallAt: _wallAt, ...plain } = fact;
      if (plain.kind === 'unit-dispatched')
        return { ...plain, seat: dispatcherSeatOf.get(plain.operator) ?? plain.seat };
      return plain;
    });
  for (const fact of timeline) lastSeconds = Math.max(lastSeconds, fact.t);
  return {
    run,
    timeline: drillTimelineSchema.parse(timeline),
    controls,
    started,
    ended,
    lastSeconds,
  };
}

/** What the controller did (or the engine decided for a contingency), for the report. */
function controlOf(details: ActionDetails, actor: string): DrillControlAction | null {
  const at = { seconds: details.drillSeconds, actor };
  switch (details.kind) {
    case 'paused':
    case 'resumed':
    case 'ended':
      return { kind: details.kind, ...at };
    case 'started':
    case 'speed':
      return { kind: details.kind, ...at, speed: details.speed ?? 1 };
    case 'held':
    case 'released':
    case 'skipped':
    case 'not-needed':
      return details.injectId === undefined ? null : { kind: details.kind, ...at, injectId: details.injectId };
    case 'fired':
      // Only what the controller fired by hand; the schedule's injects are in the timeline.
      return details.by === 'controller' && details.injectId !== undefined
        ? { kind: 'fired-now', ...at, injectId: details.injectId }
        : null;
    default:
      return null;
  }
}
