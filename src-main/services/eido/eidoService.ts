import type { EidoApi, Handlers } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import type { Language } from '../../../src-shared/contract/schemas';
import type { IncidentUnit } from '../../../src-shared/domain/incident';
import { toEido, type EidoDocument, type EidoResource } from '../../../src-shared/domain/eido';
import type { Taxonomy } from '../../../src-shared/domain/taxonomy';
import { unitStatuses, type UnitStatus } from '../../../src-shared/domain/unit';
import type { Store } from '../store/store';
import type { UnitService } from '../units/unitService';

const isUnitStatus = (status: string): status is UnitStatus => (unitStatuses as readonly string[]).includes(status);

/**
 * Exports an incident as NENA EIDO JSON. The units that worked it come from the roster (units
 * assigned now), the units' status history and any timeline event naming a unit, so the export is
 * complete however the assignment was recorded.
 */
export function createEidoService(deps: {
  store: Store;
  taxonomy: Taxonomy;
  center: { code: string; name: string; consoleCode: string };
  language: Language;
  timeZone: string;
  units: Pick<UnitService, 'list'>;
  now: () => number;
}): {
  handlers: Handlers<EidoApi>;
  exportIncident: (
    incidentRef: { incidentId?: string; number?: string },
    actor: string,
  ) => { filename: string; document: EidoDocument };
} {
  const name = (list: readonly { code: string; name: Record<Language, string> }[], code: string): string =>
    list.find((entry) => entry.code === code)?.name[deps.language] ?? code;

  const exportIncident = (
    ref: { incidentId?: string; number?: string },
    actor: string,
  ): { filename: string; document: EidoDocument } => {
    const id = ref.incidentId ?? (ref.number !== undefined ? deps.store.queries.incidentIdByNumber(ref.number) : null);
    const incident = id !== null ? deps.store.getIncident(id) : null;
    if (!incident) throw new AppError('NOT_FOUND', `no incident ${ref.number ?? ref.incidentId ?? ''}`);
    const timeline = deps.store.timeline(incident.id);
    const calls = incident.callIds.map((callId) => deps.store.getCall(callId)).filter((call) => call !== null);

    const roster = deps.units.list();
    const resources = new Map<string, EidoResource>();
    const resourceOf = (unitId: string, assignment?: IncidentUnit): EidoResource => {
      const known = resources.get(unitId);
      if (known) return known;
      // A unit no longer on the roster the service keeps may still be in the store's table.
      const unit = roster.find((entry) => entry.id === unitId) ?? deps.store.units.get(unitId);
      const status = unit?.status ?? 'dispatched';
      const resource: EidoResource = {
        unitId,
        callsign: assignment?.callsign ?? unit?.callsign ?? unitId,
        agency: assignment?.agency ?? unit?.agency ?? incident.agencies[0]?.agency ?? 'unknown',
        kind: unit?.kind ?? 'unit',
        capabilities: unit?.capabilities ?? [],
        status: isUnitStatus(status) ? status : 'dispatched',
        history: [],
      };
      resources.set(unitId, resource);
      return resource;
    };
    // Each assignment on the incident record, with its own milestones (a unit dispatched twice has both).
    for (const assignment of incident.units) {
      const resource = resourceOf(assignment.unitId, assignment);
      const steps: [UnitStatus, number | null][] = [
        ['dispatched', assignment.dispatchedAt],
        ['en-route', assignment.enRouteAt],
        ['on-scene', assignment.onSceneAt],
        ['transporting', assignment.transportingAt],
        ['at-hospital', assignment.atHospitalAt],
        ['available', assignment.clearedAt],
      ];
      resources.set(assignment.unitId, {
        ...resource,
        history: [
          ...resource.history,
          ...steps.flatMap(([status, at]) => (at === null ? [] : [{ status, at, actor: assignment.callsign }])),
        ],
      });
    }
    // Status changes the roster recorded against the incident, when the assignment events are not enough.
    if (incident.units.length === 0) {
      for (const change of deps.store.units.historyOfIncident(incident.id)) {
        const resource = resourceOf(change.unitId);
        if (isUnitStatus(change.status))
          resources.set(change.unitId, {
            ...resource,
            history: [...resource.history, { status: change.status, at: change.at, actor: change.actor }],
          });
      }
    }
    for (const unit of roster) if (unit.incidentId === incident.id) resourceOf(unit.id);

    const document = toEido({
      incident,
      timeline,
      calls,
      resources: [...resources.values()],
      center: deps.center,
      names: {
        type: (code) => name(deps.taxonomy.types, code),
        agency: (code) => name(deps.taxonomy.agencies, code),
        disposition: (code) => name(deps.taxonomy.dispositions, code),
      },
      timeZone: deps.timeZone,
      exportedAt: deps.now(),
    });
    // Who sent which incident where is a security-relevant action.
    deps.store.recordAction({
      actor,
      action: 'export.eido',
      subject: `incident:${incident.id}`,
      details: { number: incident.number, calls: calls.length, units: resources.size },
    });
    return { filename: `${incident.number}.eido.json`, document };
  };

  return {
    exportIncident,
    handlers: {
      exportIncident: (args, context) => exportIncident(args, context.actor),
    },
  };
}
