import type { Handlers, RosterImportResult, UnitApi } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import { derivedEventId } from '../../../src-shared/contract/ids';
import { activeUnitsOf, type IncidentRecord, type UnitProgressStatus } from '../../../src-shared/domain/incident';
import { formatRosterCsv, formatRosterJson, parseRoster, definitionOf } from '../../../src-shared/domain/roster';
import type { Taxonomy } from '../../../src-shared/domain/taxonomy';
import {
  isAssignable,
  destinationStatuses,
  isAssigned,
  statusChangeProblem,
  transitionProblem,
  unitDefinitionSchema,
  type StatusSource,
  type UnitDefinition,
  type UnitRecord,
  type UnitStatus,
} from '../../../src-shared/domain/unit';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/store';
import {
  claimConflict,
  standaloneClaims,
  unitClaimKey,
  type ClaimHolder,
  type ExclusiveClaims,
} from '../center/claims';

export interface StatusOptions {
  readonly incidentId?: string | null;
  readonly reason?: string | null;
  readonly expectedVersion?: number;
  /** The hospital a transporting unit takes a patient to (kept on the incident's unit entry). */
  readonly destination?: string | null;
}

/** What a radio status frame did, for the serial service's counters and log. */
export type RadioStatusOutcome =
  | { readonly outcome: 'applied'; readonly unit: UnitRecord }
  | { readonly outcome: 'unknown-radio' }
  | { readonly outcome: 'refused'; readonly unit: UnitRecord; readonly reason: string };

export interface AssignOptions {
  /** A shift lead's reason to bend a rule (closed incident, other agency, unit busy elsewhere). */
  readonly overrideReason?: string;
  /** Center mode: the assignment epoch won for each unit (stamped on its status change). */
  readonly epochs?: ReadonlyMap<string, number>;
}

/** The units roster and status machine, as the host and other services use it. */
export interface UnitService {
  readonly handlers: Handlers<UnitApi>;
  list(): UnitRecord[];
  get(unitId: string): UnitRecord | null;
  byRadioId(radioId: string): UnitRecord | null;
  byDeviceId(deviceId: string): UnitRecord | null;
  /** The unit an AVL device reports for, or null when the device is bound to no unit. */
  unitIdForDevice(deviceId: string): string | null;
  /** Binds an AVL device to a unit (a device moves only one unit: it is unbound from any other first). */
  bindDevice(deviceId: string, unitId: string, actor: string): UnitRecord;
  /** Changes a unit's status through the machine; the assigned incident's milestones follow. Throws AppError. */
  applyStatus(
    unitId: string,
    status: UnitStatus,
    source: StatusSource,
    actor: string,
    options?: StatusOptions,
  ): UnitRecord;
  /**
   * A status an MDT sent over MQTT (with the hospital it named for a transport): applied like any
   * other, a refusal is logged and returned as null.
   */
  applyDeviceStatus(unitId: string, status: UnitStatus, at: number, destination?: string | null): UnitRecord | null;
  /** A radio status frame (radio id → unit); never throws. */
  applyRadioStatus(radioId: string, status: UnitStatus, actor: string): RadioStatusOutcome;
  /** Assigns units to an incident in one transaction (the dispatch service checks who may override). */
  assign(incidentId: string, unitIds: readonly string[], actor: string, options?: AssignOptions): AssignResult;
  /**
   * The same, with each unit's next assignment epoch won center-wide first (center mode): a unit
   * taken by another position meanwhile gives CONFLICT naming that position and its operator.
   * Standalone it is `assign`.
   */
  assignExclusive(
    incidentId: string,
    unitIds: readonly string[],
    actor: string,
    options?: AssignOptions,
  ): Promise<AssignResult>;
  /** Takes a dispatch back with a reason; the unit returns to the status it was dispatched from. */
  undo(incidentId: string, unitId: string, reason: string, actor: string): AssignResult;
  /**
   * Clears every unit still on the incident (closing it): each goes to available on radio through the
   * status machine, so its unit event reaches every console and the incident records it as cleared.
   * Runs inside the caller's transaction when there is one; returns the units cleared.
   */
  clearFromIncident(incidentId: string, actor: string, reason: string): UnitRecord[];
  /** Adds roster entries that are not there yet (demo seeding); returns how many were added. */
  seedRoster(units: readonly UnitDefinition[], actor: string): number;
  /** Calls `listener` with the units each committed change touched (after the roster caches follow). */
  onChanged(listener: (units: readonly UnitRecord[]) => void): () => void;
  dispose(): void;
}

export interface AssignResult {
  readonly incident: IncidentRecord;
  readonly units: readonly UnitRecord[];
}

const PROGRESS: Partial<Record<UnitStatus, UnitProgressStatus>> = {
  'en-route': 'en-route',
  'on-scene': 'on-scene',
  transporting: 'transporting',
  'at-hospital': 'at-hospital',
  available: 'cleared',
  'available-on-radio': 'cleared',
  'out-of-service': 'cleared',
};

export function createUnitService(deps: {
  store: Store;
  taxonomy: Taxonomy;
  logger: Logger;
  /** Center-wide exclusivity of assignments (center mode); standalone grants every claim. */
  claims?: ExclusiveClaims;
  /** This console's code, named in claims. */
  consoleCode?: string;
  /** The host's clock (provisional actions are stamped with it). */
  now?: () => number;
}): UnitService {
  const claims = deps.claims ?? standaloneClaims;
  const consoleCode = deps.consoleCode ?? 'C1';
  const { store, taxonomy, logger } = deps;
  const repository = store.units;
  const agencies = new Set(taxonomy.agencies.map((agency) => agency.code));
  const capabilities = new Set(taxonomy.capabilities.map((capability) => capability.code));

  const mustGet = (unitId: string): UnitRecord => {
    const unit = repository.get(unitId);
    if (!unit) throw new AppError('NOT_FOUND', `no unit ${unitId}`);
    return unit;
  };

  /** Why a definition cannot be stored (unknown agency/capability, callsign or radio id taken), or null. */
  const definitionProblem = (unit: UnitDefinition): string | null => {
    if (!agencies.has(unit.agency)) return `unknown agency "${unit.agency}"`;
    const unknown = unit.capabilities.filter((capability) => !capabilities.has(capability));
    if (unknown.length > 0) return `unknown capability ${unknown.map((code) => `"${code}"`).join(', ')}`;
    const callsignHolder = repository.byCallsign(unit.callsign);
    if (callsignHolder && callsignHolder.id !== unit.id)
      return `callsign ${unit.callsign} is already unit ${callsignHolder.id}`;
    if (unit.radioId) {
      const holder = repository.byRadioId(unit.radioId);
      if (holder && holder.id !== unit.id) return `radio id ${unit.radioId} is already ${holder.callsign}`;
    }
    if (unit.deviceId) {
      const holder = repository.byDeviceId(unit.deviceId);
      if (holder && holder.id !== unit.id) return `device ${unit.deviceId} is already bound to ${holder.callsign}`;
    }
    return null;
  };

  /** Inserts or edits one definition inside the caller's transaction; 'created' | 'updated'. */
  const writeDefinition = (unit: UnitDefinition, actor: string): 'created' | 'updated' => {
    const existing = repository.get(unit.id);
    store.appendUnitEvent(unit.id, { type: 'unit.saved', payload: definitionOf(unit) }, actor);
    return existing ? 'updated' : 'created';
  };

  /** One status change inside the caller's transaction: machine check, unit row, history, event. */
  const writeStatus = (
    unit: UnitRecord,
    status: UnitStatus,
    source: StatusSource,
    actor: string,
    incidentId: string | null,
    reason: string | null,
  ): UnitRecord => {
    const problem = statusChangeProblem(unit, status, incidentId);
    if (problem !== null) throw AppError.because('CONFLICT', problem.message, problem.reason);
    const assignedTo = isAssigned(status) ? (incidentId ?? unit.incidentId) : null;
    // Center mode: an assignment carries the epoch it won; leaving an assignment takes the next one.
    let epoch = status === 'dispatched' ? epochFor?.get(unit.id) : undefined;
    if (epoch === undefined && claims.centerWide && isAssigned(unit.status) && !isAssigned(status)) {
      epoch = repository.assignmentEpoch(unit.id) + 1;
      releases.push({ unitId: unit.id, epoch, actor });
    }
    // Not on the incident's timeline (its own unitProgress events are).
    store.appendUnitEvent(
      unit.id,
      {
        type: 'unit.statusChanged',
        payload: {
          status,
          previous: unit.status,
          source,
          incidentId: assignedTo,
          reason,
          ...(epoch !== undefined && { epoch }),
        },
      },
      actor,
      derivation ? derivedEventId(`unit.statusChanged:${derivation.key}`, derivation.at) : undefined,
    );
    return mustGet(unit.id);
  };

  /** The incident milestone a unit's new status stands for, when the incident still tracks the unit. */
  const propagate = (
    incidentId: string | null,
    unitId: string,
    status: UnitStatus,
    source: StatusSource,
    actor: string,
    destination: string | null = null,
  ): IncidentRecord | null => {
    const progress = PROGRESS[status];
    if (!incidentId || !progress) return null;
    const incident = store.getIncident(incidentId);
    // A closed incident keeps its record; the unit clearing afterwards changes only the unit.
    if (!incident || incident.status === 'closed') return null;
    if (!incident.units.some((entry) => entry.unitId === unitId && entry.status !== 'cleared')) return null;
    return store.appendIncidentEvent(
      incidentId,
      {
        type: 'incident.unitProgress',
        payload: {
          unitId,
          status: progress,
          source,
          // Only a transport has a destination; an empty name is none.
          ...(destination && destinationStatuses.includes(status) && { destination }),
        },
      },
      actor,
      undefined,
      derivation ? derivedEventId(`incident.unitProgress:${derivation.key}`, derivation.at) : undefined,
    );
  };

  // Device and radio look-ups run on every AVL message and radio frame: kept in memory, updated on every change.
  const deviceToUnit = new Map<string, string>();
  const radioToUnit = new Map<string, string>();
  const cached = new Map<string, UnitRecord>();
  // The whole roster in memory too: the timers read it every second, AVL and the board often.
  let ordered: UnitRecord[] | null = null;
  const byAgencyAndCallsign = (a: UnitRecord, b: UnitRecord): number =>
    a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : a.callsign < b.callsign ? -1 : a.callsign > b.callsign ? 1 : 0;
  const listCached = (): UnitRecord[] => {
    ordered ??= [...cached.values()].sort(byAgencyAndCallsign);
    return [...ordered];
  };
  const remember = (unit: UnitRecord): void => {
    ordered = null;
    const previous = cached.get(unit.id);
    if (previous?.deviceId && deviceToUnit.get(previous.deviceId) === unit.id) deviceToUnit.delete(previous.deviceId);
    if (previous?.radioId && radioToUnit.get(previous.radioId) === unit.id) radioToUnit.delete(previous.radioId);
    cached.set(unit.id, unit);
    if (unit.deviceId) deviceToUnit.set(unit.deviceId, unit.id);
    if (unit.radioId) radioToUnit.set(unit.radioId, unit.id);
  };
  try {
    for (const unit of repository.list()) remember(unit);
  } catch (error) {
    // A damaged store still starts the console (read-only, with its banner); look-ups then find nothing.
    logger.error({ err: error }, 'could not read the units roster');
  }

  // An input every console of a center receives (a unit's MDT message): its events get ids derived
  // from the message, so the center's stream keeps one copy however many consoles write it.
  let derivation: { readonly key: string; readonly at: number } | undefined;

  const now = deps.now ?? ((): number => Date.now());
  /** Takes a release epoch center-wide; never contested, so nothing waits for it (and a pending one is let go). */
  const claimRelease = (unitId: string, epoch: number, actor: string): void => {
    claims
      .claim(unitClaimKey(unitId, epoch), { console: consoleCode, operator: actor, kind: 'release' })
      .catch((error: unknown) => logger.warn({ err: error, unit: unitId }, 'release epoch not claimed'));
  };

  // Center mode: epochs of assignments being written (set by assign), and releases to announce once committed.
  let epochFor: ReadonlyMap<string, number> | undefined;
  const releases: { unitId: string; epoch: number; actor: string }[] = [];
  const announceReleases = (): void => {
    for (const release of releases.splice(0)) {
      // Rolled back: the unit never reached this epoch, and the key must stay free.
      if (repository.assignmentEpoch(release.unitId) < release.epoch) continue;
      claimRelease(release.unitId, release.epoch, release.actor);
    }
  };

  // Every committed unit event (this console's, or in center mode another's) refreshes the caches
  // first; then the roster's listeners (dispatch's index) hear of it. Windows hear of it from the host.
  const listeners = new Set<(units: readonly UnitRecord[]) => void>();
  const stopFollowingStore = store.onCommit((changes) => {
    if (changes.units.length === 0) return;
    const changed = changes.units.flatMap((unitId) => {
      const unit = repository.get(unitId);
      return unit ? [unit] : [];
    });
    for (const unit of changed) remember(unit);
    for (const listener of listeners) listener(changed);
    announceReleases();
  });

  const applyStatus: UnitService['applyStatus'] = (unitId, status, source, actor, options = {}) => {
    if (status === 'dispatched') {
      const current = mustGet(unitId);
      const problem = transitionProblem(current, status);
      if (problem !== null) throw AppError.because('CONFLICT', problem.message, problem.reason);
      if (!options.incidentId)
        throw new AppError('INVALID_ARGUMENT', `${current.callsign}: a unit is dispatched to an incident`);
      return assign(options.incidentId, [unitId], actor).units[0] ?? mustGet(unitId);
    }
    return store.atomically(`unit status ${status}`, () => {
      const current = mustGet(unitId);
      if (options.expectedVersion !== undefined && current.version !== options.expectedVersion) {
        throw AppError.because(
          'CONFLICT',
          `${current.callsign} changed (version ${String(current.version)}, expected ${String(options.expectedVersion)}): it is now ${current.status}`,
          { key: 'unit-changed', params: { callsign: current.callsign, status: current.status } },
        );
      }
      const next = writeStatus(current, status, source, actor, null, options.reason ?? null);
      propagate(current.incidentId, unitId, status, source, actor, options.destination ?? null);
      return next;
    });
  };

  const assign = (
    incidentId: string,
    unitIds: readonly string[],
    actor: string,
    options: AssignOptions = {},
  ): AssignResult => {
    if (unitIds.length === 0) throw new AppError('INVALID_ARGUMENT', 'no unit to dispatch');
    const override = options.overrideReason ?? null;
    const result = store.atomically('dispatch units', () => {
      let incident = store.getIncident(incidentId);
      if (!incident) throw new AppError('NOT_FOUND', `no incident ${incidentId}`);
      if (incident.status === 'closed') {
        if (override === null)
          throw new AppError(
            'CONFLICT',
            `incident ${incident.number} is closed; a shift lead can reopen it to dispatch`,
          );
        incident = store.appendIncidentEvent(
          incidentId,
          { type: 'incident.reopened', payload: { reason: override } },
          actor,
        );
      }
      const units = [...new Set(unitIds)].map(mustGet);
      const routed = new Set(incident.agencies.map((entry) => entry.agency));
      const extraAgencies: string[] = [];
      for (const unit of units) {
        if (!routed.has(unit.agency) && !extraAgencies.includes(unit.agency)) {
          if (override === null)
            throw new AppError(
              'CONFLICT',
              `${unit.callsign} is a ${unit.agency} unit and incident ${incident.number} is not routed to ${unit.agency}`,
            );
          extraAgencies.push(unit.agency);
        }
        if (isAssignable(unit.status)) continue;
        if (unit.incidentId === incidentId)
          throw new AppError('CONFLICT', `${unit.callsign} is already assigned to incident ${incident.number}`);
        if (unit.status === 'out-of-service')
          throw new AppError('CONFLICT', `${unit.callsign} is out of service; put it back in service first`);
        const elsewhere = unit.incidentId ? store.getIncident(unit.incidentId) : null;
        const where = elsewhere ? ` to incident ${elsewhere.number}` : '';
        if (override === null)
          throw new AppError(
            'CONFLICT',
            `${unit.callsign} is not available: ${unit.status}${where} since ${new Date(unit.statusSince).toISOString()} (${unit.statusSource})`,
          );
      }
      if (extraAgencies.length > 0) {
        incident = store.appendIncidentEvent(
          incidentId,
          { type: 'incident.routed', payload: { agencies: extraAgencies } },
          actor,
        );
      }
      // Diverted units (override) are first released from where they were, with the reason.
      for (const unit of units) {
        if (isAssignable(unit.status)) continue;
        const from = unit.incidentId;
        writeStatus(unit, 'available-on-radio', 'dispatcher', actor, null, `diverted: ${override ?? ''}`);
        if (from) {
          const released = store.getIncident(from);
          if (released && released.status !== 'closed' && released.units.some((entry) => entry.unitId === unit.id))
            store.appendIncidentEvent(
              from,
              {
                type: 'incident.dispatchUndone',
                payload: { unitId: unit.id, reason: `diverted: ${override ?? ''}` },
              },
              actor,
            );
        }
      }
      incident = store.appendIncidentEvent(
        incidentId,
        {
          type: 'incident.unitsDispatched',
          payload: {
            units: units.map((unit) => ({ unitId: unit.id, callsign: unit.callsign, agency: unit.agency })),
            ...(override !== null && { overrideReason: override }),
          },
        },
        actor,
      );
      epochFor = options.epochs;
      let dispatched: UnitRecord[];
      try {
        dispatched = units.map((unit) =>
          writeStatus(mustGet(unit.id), 'dispatched', 'dispatcher', actor, incidentId, override),
        );
      } finally {
        epochFor = undefined;
      }
      return { incident, units: dispatched };
    });
    return result;
  };

  /**
   * Gives back epochs taken (or perhaps taken: a claim the center did not answer) for a dispatch that
   * did not happen: the unit moves past them, so it can be taken again.
   */
  const giveBack = (taken: ReadonlyMap<string, number>, actor: string, reason: string): void => {
    for (const [unitId, epoch] of taken) {
      claimRelease(unitId, epoch + 1, actor);
      store.appendUnitEvent(unitId, { type: 'unit.epochReleased', payload: { epoch: epoch + 1, reason } }, actor);
    }
  };

  const assignExclusive: UnitService['assignExclusive'] = async (incidentId, unitIds, actor, options = {}) => {
    if (!claims.centerWide) return assign(incidentId, unitIds, actor, options);
    // This console's picture first: what it would refuse is refused without asking the center.
    store.rehearse('check dispatch', () => assign(incidentId, unitIds, actor, options));
    const incident = store.getIncident(incidentId);
    const wanted = [...new Set(unitIds)];
    const won = new Map<string, number>();
    const pending = new Map<string, { epoch: number; token: string }>();
    const lost: { unit: UnitRecord; holder: ClaimHolder }[] = [];
    await Promise.all(
      wanted.map(async (unitId) => {
        const unit = mustGet(unitId);
        for (let attempt = 0; attempt < 3; attempt++) {
          const epoch = repository.assignmentEpoch(unitId) + 1;
          const holder: ClaimHolder = { console: consoleCode, operator: actor, incidentId, kind: 'assign' };
          const outcome = await claims.claim(unitClaimKey(unitId, epoch), holder);
          if (outcome.status === 'won') {
            won.set(unitId, epoch);
            return;
          }
          if (outcome.status === 'pending') {
            pending.set(unitId, { epoch, token: outcome.token });
            return;
          }
          // A release this console has not read yet: the epoch is free to move past.
          if (outcome.holder.kind === 'release' && repository.assignmentEpoch(unitId) < epoch) {
            store.appendUnitEvent(
              unitId,
              { type: 'unit.epochReleased', payload: { epoch, reason: `released at ${outcome.holder.console}` } },
              actor,
            );
            continue;
          }
          lost.push({ unit, holder: outcome.holder });
          return;
        }
      }),
    );
    const taken = new Map([...won, ...[...pending].map(([unitId, claim]) => [unitId, claim.epoch] as const)]);
    const [first] = lost;
    if (first || taken.size !== wanted.length) {
      giveBack(taken, actor, `dispatch to ${incident?.number ?? incidentId} not completed`);
      if (first) throw claimConflict(`${first.unit.callsign} was just dispatched`, first.holder);
      throw new AppError('CONFLICT', 'the unit changed at another position while it was being dispatched; try again');
    }
    try {
      // Confirmed units as one dispatch; each provisional one as its own, so that a claim the center
      // later refuses voids only that unit's events.
      let result = won.size > 0 ? assign(incidentId, [...won.keys()], actor, { ...options, epochs: won }) : null;
      const assigned = [...(result?.units ?? [])];
      for (const [unitId, claim] of pending) {
        const provisional = store.atomically('provisional dispatch', () => {
          const captured = store.captureEventIds(() =>
            assign(incidentId, [unitId], actor, { ...options, epochs: new Map([[unitId, claim.epoch]]) }),
          );
          store.recordProvisionalClaim({
            key: unitClaimKey(unitId, claim.epoch),
            kind: 'assign',
            subjectId: unitId,
            incidentId,
            token: claim.token,
            holder: { console: consoleCode, operator: actor, incidentId },
            eventIds: captured.eventIds,
            createdAt: now(),
          });
          return captured.result;
        });
        logger.warn(
          { unit: unitId, incident: incidentId },
          'unit dispatched provisionally: the center could not confirm',
        );
        assigned.push(...provisional.units);
        result = provisional;
      }
      if (!result) throw new AppError('INVALID_ARGUMENT', 'no unit to dispatch');
      return { incident: result.incident, units: assigned };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      giveBack(taken, actor, `dispatch to ${incident?.number ?? incidentId} refused: ${why}`);
      throw error;
    }
  };

  const undo: UnitService['undo'] = (incidentId, unitId, reason, actor) => {
    const result = store.atomically('undo dispatch', () => {
      const unit = mustGet(unitId);
      const incident = store.getIncident(incidentId);
      if (!incident) throw new AppError('NOT_FOUND', `no incident ${incidentId}`);
      if (!incident.units.some((entry) => entry.unitId === unitId && entry.status !== 'cleared'))
        throw new AppError('CONFLICT', `${unit.callsign} is not assigned to incident ${incident.number}`);
      const next = store.appendIncidentEvent(
        incidentId,
        { type: 'incident.dispatchUndone', payload: { unitId, reason } },
        actor,
      );
      let record = unit;
      if (unit.incidentId === incidentId && isAssigned(unit.status)) {
        const before = repository.statusBeforeLastDispatch(unitId);
        const back: UnitStatus =
          before === 'available' && unit.status === 'dispatched' ? 'available' : 'available-on-radio';
        record = writeStatus(unit, back, 'dispatcher', actor, null, `dispatch undone: ${reason}`);
      }
      return { incident: next, units: [record] };
    });
    return result;
  };

  const clearFromIncident: UnitService['clearFromIncident'] = (incidentId, actor, reason) =>
    store.atomically('clear units from incident', () => {
      const incident = store.getIncident(incidentId);
      if (!incident) throw new AppError('NOT_FOUND', `no incident ${incidentId}`);
      const cleared: UnitRecord[] = [];
      for (const entry of activeUnitsOf(incident)) {
        const unit = repository.get(entry.unitId);
        if (unit && unit.incidentId === incidentId && isAssigned(unit.status)) {
          cleared.push(writeStatus(unit, 'available-on-radio', 'dispatcher', actor, null, reason));
          propagate(incidentId, unit.id, 'available-on-radio', 'dispatcher', actor);
        } else {
          // The unit record already moved on (another console's change): only the incident still lists it.
          store.appendIncidentEvent(
            incidentId,
            {
              type: 'incident.unitProgress',
              payload: { unitId: entry.unitId, status: 'cleared', source: 'dispatcher' },
            },
            actor,
          );
        }
      }
      return cleared;
    });

  const bindDevice: UnitService['bindDevice'] = (deviceId, unitId, actor) => {
    const changed = store.atomically('bind device', () => {
      const unit = mustGet(unitId);
      const holder = repository.byDeviceId(deviceId);
      const out: UnitRecord[] = [];
      if (holder && holder.id !== unitId) {
        store.appendUnitEvent(holder.id, { type: 'unit.deviceUnbound', payload: { deviceId } }, actor);
        out.push(mustGet(holder.id));
      }
      if (holder?.id !== unitId) {
        store.appendUnitEvent(unit.id, { type: 'unit.deviceBound', payload: { deviceId } }, actor);
      }
      out.push(mustGet(unit.id));
      return out;
    });
    return changed.at(-1) ?? mustGet(unitId);
  };

  const importRoster = (format: 'csv' | 'json', text: string, actor: string): RosterImportResult => {
    const parsed = parseRoster(format, text);
    const errors = [...parsed.errors];
    let created = 0;
    let updated = 0;
    const changed: string[] = [];
    store.atomically('import roster', () => {
      for (const row of parsed.rows) {
        const problem = definitionProblem(row.unit);
        if (problem !== null) {
          errors.push({ line: row.line, message: problem });
          continue;
        }
        if (writeDefinition(row.unit, actor) === 'created') created++;
        else updated++;
        changed.push(row.unit.id);
      }
    });
    errors.sort((a, b) => a.line - b.line);
    logger.info({ created, updated, refused: errors.length, actor }, 'roster imported');
    return { created, updated, errors };
  };

  const handlers: Handlers<UnitApi> = {
    list: () => listCached(),
    history: ({ unitId, limit }) => {
      mustGet(unitId);
      return repository.history(unitId, limit ?? 100);
    },
    save: (args, context) => {
      const unit = unitDefinitionSchema.parse(args.unit);
      const saved = store.atomically('save unit', () => {
        const existing = repository.get(unit.id);
        if (args.expectedVersion !== undefined && (existing?.version ?? 0) !== args.expectedVersion) {
          throw new AppError(
            'CONFLICT',
            existing
              ? `${existing.callsign} was changed by someone else (version ${String(existing.version)}, expected ${String(args.expectedVersion)})`
              : `unit ${unit.id} no longer exists`,
          );
        }
        const problem = definitionProblem(unit);
        if (problem !== null) throw new AppError('INVALID_ARGUMENT', problem);
        writeDefinition(unit, context.actor);
        return mustGet(unit.id);
      });
      return saved;
    },
    setStatus: (args, context) =>
      applyStatus(args.unitId, args.status, 'dispatcher', context.actor, {
        ...(args.incidentId !== undefined && { incidentId: args.incidentId }),
        ...(args.reason !== undefined && { reason: args.reason }),
        ...(args.expectedVersion !== undefined && { expectedVersion: args.expectedVersion }),
        ...(args.destination !== undefined && { destination: args.destination }),
      }),
    importRoster: ({ format, text }, context) => {
      return importRoster(format, text, context.actor);
    },
    exportRoster: ({ format }) => {
      const units = repository.list();
      return { text: format === 'csv' ? formatRosterCsv(units) : formatRosterJson(units) };
    },
  };

  return {
    handlers,
    list: () => listCached(),
    get: (unitId) => repository.get(unitId),
    byRadioId: (radioId) => repository.byRadioId(radioId),
    byDeviceId: (deviceId) => repository.byDeviceId(deviceId),
    unitIdForDevice: (deviceId) => deviceToUnit.get(deviceId) ?? null,
    bindDevice,
    applyStatus,
    applyDeviceStatus: (unitId, status, at, destination = null) => {
      const key = `mdt:${unitId}:${status}:${String(at)}`;
      // Already written: this message reached another console of the center first.
      if (store.hasEventId(derivedEventId(`unit.statusChanged:${key}`, at))) return repository.get(unitId);
      derivation = { key, at };
      try {
        return applyStatus(unitId, status, 'mdt', `mdt:${unitId}`, {
          reason: `device time ${new Date(at).toISOString()}`,
          destination,
        });
      } catch (error) {
        logger.warn({ unitId, status, err: error }, 'MDT status refused');
        return null;
      } finally {
        derivation = undefined;
      }
    },
    applyRadioStatus: (radioId, status, actor) => {
      const unitId = radioToUnit.get(radioId.toUpperCase());
      const unit = unitId ? repository.get(unitId) : null;
      if (!unit) return { outcome: 'unknown-radio' };
      try {
        return { outcome: 'applied', unit: applyStatus(unit.id, status, 'radio', actor) };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { outcome: 'refused', unit, reason };
      }
    },
    assign,
    assignExclusive,
    undo,
    clearFromIncident,
    seedRoster: (units, actor) => {
      const added = store.atomically('seed roster', () =>
        units.filter((unit) => {
          if (repository.get(unit.id)) return false;
          const problem = definitionProblem(unit);
          if (problem !== null) throw new AppError('INVALID_ARGUMENT', `${unit.id}: ${problem}`);
          writeDefinition(unit, actor);
          return true;
        }),
      );
      return added.length;
    },
    onChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      stopFollowingStore();
      listeners.clear();
    },
  };
}
