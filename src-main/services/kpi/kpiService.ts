import type { Handlers, KpiApi } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import type { KpiReportArgs } from '../../../src-shared/contract/schemas';
import {
  computeKpiReport,
  countByKey,
  governorateResolver,
  kpiReportCsv,
  type CallFact,
  type GovernoratePlace,
  type IncidentFact,
  type KpiReport,
  type KpiShifts,
  type ShiftReport,
} from '../../../src-shared/domain/kpi';
import { shiftCalendar, type Shift } from '../../../src-shared/domain/shifts';
import { localDateCode } from '../../../src-shared/domain/time';
import type { IncidentUnit } from '../../../src-shared/domain/incident';
import type { LatLon } from '../../../src-shared/domain/geo';
import type { AreaName } from '../../../src-shared/domain/locationNames';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { KpiIncidentRow, UnitMilestoneRow } from '../store/queries';
import type { Store } from '../store/store';

/** The first dispatch and first arrival of each agency's own units on an incident. */
function agencyMilestones(unitsJson: string): IncidentFact['agencyMilestones'] {
  const units = JSON.parse(unitsJson) as Pick<IncidentUnit, 'agency' | 'dispatchedAt' | 'onSceneAt'>[];
  if (units.length === 0) return undefined;
  const milestones: Record<string, { dispatchedAt: number | null; onSceneAt: number | null }> = {};
  for (const unit of units) {
    const entry = (milestones[unit.agency] ??= { dispatchedAt: null, onSceneAt: null });
    entry.dispatchedAt =
      entry.dispatchedAt === null ? unit.dispatchedAt : Math.min(entry.dispatchedAt, unit.dispatchedAt);
    if (unit.onSceneAt !== null)
      entry.onSceneAt = entry.onSceneAt === null ? unit.onSceneAt : Math.min(entry.onSceneAt, unit.onSceneAt);
  }
  return milestones;
}

/** Units arrive within hours of a dispatch; their history is read this far past the window. */
const UNIT_HISTORY_SLACK_MS = 24 * 3_600_000;

export interface KpiService {
  readonly handlers: Handlers<KpiApi>;
  /** The report for a window (also used by the CLI and the benchmark). */
  report(args: KpiReportArgs): KpiReport;
}

/**
 * KPI reports, read from the store's projections (incident milestones, each call's ring and answer)
 * with a read-only query per table. A unit's first dispatch and arrival from its status history
 * stand in for an incident's milestones the incident record does not carry.
 */
export function createKpiService(deps: {
  store: Store;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  shifts: readonly Shift[];
  governorates: { places: readonly GovernoratePlace[]; names: KpiShifts['governorates'] };
  /**
   * Districts for grouping: an incident's own named district first; an incident recorded before
   * locations were named is named now from its point. None: every incident is in no district.
   */
  districts?: { of: (point: LatLon) => string | null; names: () => readonly AreaName[] };
}): KpiService {
  const queries = deps.store.queries;
  const calendar = shiftCalendar(deps.shifts, deps.timeZone);
  const governorateOf = governorateResolver(deps.governorates.places);

  const factOf = (row: KpiIncidentRow, units: ReadonlyMap<string, UnitMilestoneRow>): IncidentFact => {
    const fromUnits = units.get(row.id);
    const agencies = (JSON.parse(row.agencies) as { agency: string }[]).map((entry) => entry.agency);
    return {
      incidentId: row.id,
      typeCode: row.type_code,
      agencies,
      governorate: row.lat !== null && row.lon !== null ? governorateOf(row.lat, row.lon) : null,
      district:
        row.district_code ??
        (row.lat !== null && row.lon !== null ? (deps.districts?.of({ lat: row.lat, lon: row.lon }) ?? null) : null),
      receivedAt: row.received_at,
      answeredAt: row.answered_at,
      createdAt: row.created_at,
      dispatchedAt: row.dispatched_at ?? fromUnits?.dispatched_at ?? null,
      onSceneAt: row.on_scene_at ?? fromUnits?.on_scene_at ?? null,
      agencyMilestones: agencyMilestones(row.units),
    };
  };

  const report = (args: KpiReportArgs): KpiReport => {
    const { from, to } = args;
    const started = performance.now();
    const units = new Map(
      queries.unitMilestones(from, to + UNIT_HISTORY_SLACK_MS).map((row) => [row.incident_id, row]),
    );
    // A duplicate merged into another incident is not a separate response: its calls still count.
    const incidents = queries
      .kpiIncidentsCreated(from, to, args.groupBy === 'agency')
      .filter((row) => row.merged_into === null)
      .map((row) => factOf(row, units));
    const calls: CallFact[] = queries.kpiCallsReceived(from, to).map((row) => ({
      callId: row.id,
      receivedAt: row.received_at,
      answeredAt: row.answered_at,
      incidentId: row.incident_id,
    }));
    // Calls in the window that joined an older incident take that incident's agency, type and place.
    const known = new Set(incidents.map((incident) => incident.incidentId));
    const linkedIncidents = new Map<string, IncidentFact>();
    for (const call of calls) {
      if (call.incidentId === null || known.has(call.incidentId) || linkedIncidents.has(call.incidentId)) continue;
      const row = queries.kpiIncident(call.incidentId);
      if (row) linkedIncidents.set(row.id, factOf(row, units));
    }
    const result = computeKpiReport({
      from,
      to,
      groupBy: args.groupBy,
      filters: args.filters,
      incidents,
      calls,
      linkedIncidents,
      shiftOf: calendar.shiftOf,
      dayStart: calendar.localDayStart,
      generatedAt: deps.clock.now(),
    });
    deps.logger.debug(
      { from, to, incidents: incidents.length, calls: calls.length, ms: Math.round(performance.now() - started) },
      'kpi report',
    );
    return result;
  };

  const shiftReport = (date: string | undefined, code: string | undefined): ShiftReport => {
    const now = deps.clock.now();
    const current = calendar.windowAt(now);
    const window =
      date === undefined && code === undefined ? current : calendar.window(date ?? current.date, code ?? current.code);
    if (!window) throw new AppError('INVALID_ARGUMENT', `no shift ${code ?? ''} in the center's rota`);
    const shift = calendar.shifts.find((entry) => entry.code === window.code);
    if (!shift) throw new AppError('INVALID_ARGUMENT', `no shift ${window.code}`);
    const end = Math.min(window.to, now);
    return {
      shift: window,
      name: shift.name,
      report: report({ from: window.from, to: window.to, groupBy: 'agency', filters: {} }),
      incidentsByType: queries
        .incidentTypesCreated(window.from, window.to)
        .map((row) => ({ key: row.type_code, count: row.count }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
      closedByDisposition: queries
        .closedByDisposition(window.from, window.to)
        .map((row) => ({ key: row.disposition ?? '—', count: row.count }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
      openAtEnd: queries.openIncidentsAt(end),
      alarmsByKind: countByKey(queries.alarmKindsRaised(window.from, window.to).map((kind) => kind ?? 'unknown')),
    };
  };

  return {
    report,
    handlers: {
      report: (args) => report(args),
      exportCsv: (args) => {
        const result = report(args);
        const name = `nida-kpi-${localDateCode(args.from, deps.timeZone)}-${localDateCode(args.to - 1, deps.timeZone)}-${args.groupBy}.csv`;
        return { filename: name, text: kpiReportCsv(result) };
      },
      shifts: () => {
        const current = calendar.windowAt(deps.clock.now());
        return {
          shifts: calendar.shifts,
          governorates: deps.governorates.names,
          districts: deps.districts?.names() ?? [],
          timeZone: deps.timeZone,
          current,
          previous: calendar.windowAt(current.from - 1),
        };
      },
      shiftReport: ({ date, shift }) => shiftReport(date, shift),
    },
  };
}
