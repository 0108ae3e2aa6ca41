import type { Database, Statement } from 'better-sqlite3';
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
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/store';

interface IncidentRow {
  id: string;
  type_code: string;
  agencies: string;
  lat: number | null;
  lon: number | null;
  merged_into: string | null;
  received_at: number | null;
  answered_at: number | null;
  created_at: number;
  dispatched_at: number | null;
  on_scene_at: number | null;
  units: string;
}

interface CallRow {
  id: string;
  received_at: number;
  answered_at: number | null;
  incident_id: string | null;
}

interface UnitMilestoneRow {
  incident_id: string;
  dispatched_at: number | null;
  on_scene_at: number | null;
}

const INCIDENT_COLUMNS =
  'id, type_code, agencies, lat, lon, merged_into, received_at, answered_at, created_at, dispatched_at, on_scene_at';
/** Windows longer than this read the incidents table in row order rather than through its index. */
const SCAN_WINDOW_MS = 7 * 24 * 3_600_000;

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
}): KpiService {
  const db: Database = deps.store.database;
  const calendar = shiftCalendar(deps.shifts, deps.timeZone);
  const governorateOf = governorateResolver(deps.governorates.places);
  // A window of a shift or a day walks the creation-time index; a window of weeks reads most of the
  // table, which a scan in row order does faster than an index walk with a row lookup per entry
  // (measured in bench/kpi.bench.ts). Units (JSON) are read only when grouping by agency needs them.
  const incidentQueries = new Map<string, Statement<[number, number], IncidentRow>>();
  const incidentsCreated = (wide: boolean, withUnits: boolean): Statement<[number, number], IncidentRow> => {
    const key = `${String(wide)}:${String(withUnits)}`;
    let statement = incidentQueries.get(key);
    if (!statement) {
      statement = db.prepare(
        `SELECT ${INCIDENT_COLUMNS}${withUnits ? ', units' : ", '[]' AS units"} FROM incidents${wide ? ' NOT INDEXED' : ''}
          WHERE created_at >= ? AND created_at < ?`,
      );
      incidentQueries.set(key, statement);
    }
    return statement;
  };
  const incidentById: Statement<[string], IncidentRow> = db.prepare(
    `SELECT ${INCIDENT_COLUMNS}, units FROM incidents WHERE id = ?`,
  );
  const callsReceived: Statement<[number, number], CallRow> = db.prepare(
    `SELECT id, received_at, json_extract(record, '$.answeredAt') AS answered_at, incident_id
       FROM calls WHERE received_at >= ? AND received_at < ?`,
  );
  const unitMilestones: Statement<[number, number], UnitMilestoneRow> = db.prepare(
    `SELECT incident_id,
            MIN(CASE WHEN status IN ('dispatched', 'en-route', 'on-scene') THEN at END) AS dispatched_at,
            MIN(CASE WHEN status = 'on-scene' THEN at END) AS on_scene_at
       FROM unit_status_history WHERE incident_id IS NOT NULL AND at >= ? AND at < ? GROUP BY incident_id`,
  );
  const typesCreated: Statement<[number, number], { type_code: string; count: number }> = db.prepare(
    `SELECT type_code, count(*) AS count FROM incidents
      WHERE created_at >= ? AND created_at < ? AND merged_into IS NULL GROUP BY type_code`,
  );
  const closedDuring: Statement<[number, number], { disposition: string | null; count: number }> = db.prepare(
    `SELECT disposition, count(*) AS count FROM incidents WHERE closed_at >= ? AND closed_at < ? GROUP BY disposition`,
  );
  const openAt: Statement<[number, number], { count: number }> = db.prepare(
    `SELECT count(*) AS count FROM incidents WHERE created_at < ? AND (closed_at IS NULL OR closed_at >= ?)`,
  );
  const alarmsRaised: Statement<[number, number], { kind: string | null }> = db.prepare(
    `SELECT json_extract(details, '$.kind') AS kind FROM audit WHERE action = 'alarm.raised' AND at >= ? AND at < ?`,
  );

  const factOf = (row: IncidentRow, units: ReadonlyMap<string, UnitMilestoneRow>): IncidentFact => {
    const fromUnits = units.get(row.id);
    const agencies = (JSON.parse(row.agencies) as { agency: string }[]).map((entry) => entry.agency);
    return {
      incidentId: row.id,
      typeCode: row.type_code,
      agencies,
      governorate: row.lat !== null && row.lon !== null ? governorateOf(row.lat, row.lon) : null,
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
    const units = new Map(unitMilestones.all(from, to + UNIT_HISTORY_SLACK_MS).map((row) => [row.incident_id, row]));
    // A duplicate merged into another incident is not a separate response: its calls still count.
    const incidents = incidentsCreated(to - from > SCAN_WINDOW_MS, args.groupBy === 'agency')
      .all(from, to)
      .filter((row) => row.merged_into === null)
      .map((row) => factOf(row, units));
    const calls: CallFact[] = callsReceived.all(from, to).map((row) => ({
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
      const row = incidentById.get(call.incidentId);
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
      incidentsByType: typesCreated
        .all(window.from, window.to)
        .map((row) => ({ key: row.type_code, count: row.count }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
      closedByDisposition: closedDuring
        .all(window.from, window.to)
        .map((row) => ({ key: row.disposition ?? '—', count: row.count }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
      openAtEnd: openAt.get(end, end)?.count ?? 0,
      alarmsByKind: countByKey(alarmsRaised.all(window.from, window.to).map((row) => row.kind ?? 'unknown')),
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
          timeZone: deps.timeZone,
          current,
          previous: calendar.windowAt(current.from - 1),
        };
      },
      shiftReport: ({ date, shift }) => shiftReport(date, shift),
    },
  };
}
