import type { Handlers, KpiApi } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import type { KpiReportArgs } from '../../../src-shared/contract/schemas';
import {
  countByKey,
  governorateResolver,
  kpiReportCsv,
  type GovernoratePlace,
  type KpiReport,
  type KpiShifts,
  type ShiftReport,
} from '../../../src-shared/domain/kpi';
import { shiftCalendar, type Shift } from '../../../src-shared/domain/shifts';
import { localDateCode } from '../../../src-shared/domain/time';
import type { LatLon } from '../../../src-shared/domain/geo';
import type { AreaName } from '../../../src-shared/domain/locationNames';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { KPI_AGENCY_SEPARATOR, type KpiFactTuple } from '../store/kpiFacts';
import type { UnitMilestoneRow } from '../store/queries';
import type { Store } from '../store/store';
import { KpiReportBuilder, type KpiAgencyMilestones, type KpiMilestones, type KpiSubject } from './kpiReportBuilder';

/** Units arrive within hours of a dispatch; their history is read this far past the window. */
const UNIT_HISTORY_SLACK_MS = 24 * 3_600_000;
/** Beyond this many incidents without milestones, their unit history is read in one scan rather than one look-up each. */
const UNIT_HISTORY_LOOKUPS = 200;

export interface KpiService {
  readonly handlers: Handlers<KpiApi>;
  /** The report for a window (also used by the CLI and the benchmark). */
  report(args: KpiReportArgs): KpiReport;
}

/** An incident of the window whose milestones wait for its units' status history. */
interface Deferred {
  readonly row: KpiFactTuple;
  readonly subject: KpiSubject;
  readonly own: readonly KpiAgencyMilestones[];
}

/**
 * KPI reports, read from the store's KPI side tables (kpiFacts.ts: one narrow row per incident,
 * per incident and agency with units, and each call's ring and answer) in one ordered pass per
 * table into a `KpiReportBuilder`. A unit's first dispatch and arrival from its status history
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
  // Incidents share a handful of agency lists: each is split once.
  const agencyLists = new Map<string, readonly string[]>([['', []]]);
  const agenciesOf = (joined: string): readonly string[] => {
    let list = agencyLists.get(joined);
    if (!list) agencyLists.set(joined, (list = joined.split(KPI_AGENCY_SEPARATOR)));
    return list;
  };
  const places = {
    governorateOf,
    districtOf: (point: LatLon) => deps.districts?.of(point) ?? null,
  };
  const subjectOf = (row: KpiFactTuple): KpiSubject =>
    new IncidentSubject(row[2], agenciesOf(row[3]), row[4], row[5], row[6], places);

  const report = (args: KpiReportArgs): KpiReport => {
    const { from, to } = args;
    const started = performance.now();
    const builder = new KpiReportBuilder({
      from,
      to,
      groupBy: args.groupBy,
      filters: args.filters,
      shiftOf: calendar.shiftOf,
      dayStart: calendar.localDayStart,
    });
    // Grouped by agency, each agency's own milestones: rows in the facts' key order, walked beside them.
    const milestones = args.groupBy === 'agency' ? queries.kpiAgencyMilestones(from, to) : [];
    let cursor = 0;
    const ownOf = (row: KpiFactTuple): readonly KpiAgencyMilestones[] => {
      const [incidentId, createdAt] = row;
      let own: KpiAgencyMilestones[] | null = null;
      for (; cursor < milestones.length; cursor++) {
        const entry = milestones[cursor];
        if (!entry || entry[1] > createdAt) break;
        if (entry[1] < createdAt || entry[0] < incidentId) continue;
        if (entry[0] !== incidentId) break;
        (own ??= []).push({ agency: entry[2], dispatchedAt: entry[3], onSceneAt: entry[4] });
      }
      return own ?? NONE;
    };

    const subjects = new Map<string, KpiSubject | null>();
    const waiting: Deferred[] = [];
    let incidents = 0;
    queries.forEachKpiFact(from, to, (row) => {
      const subject = subjectOf(row);
      subjects.set(row[0], subject);
      const own = milestones.length > 0 ? ownOf(row) : NONE;
      // A duplicate merged into another incident is not a separate response: its calls still count.
      if (row[7] !== 0) return;
      incidents += 1;
      if (row[10] === null || row[11] === null) waiting.push({ row, subject, own });
      else builder.addIncident(subject, milestonesOf(row, null), own);
    });
    const history = unitHistoryOf(waiting, from, to + UNIT_HISTORY_SLACK_MS);
    for (const { row, subject, own } of waiting)
      builder.addIncident(subject, milestonesOf(row, history.get(row[0])), own);

    // Calls in the window that joined an older incident take that incident's agency, type and place.
    let calls = 0;
    queries.forEachKpiCall(from, to, ([receivedAt, answeredAt, incidentId]) => {
      calls += 1;
      let subject: KpiSubject | null = null;
      if (incidentId !== null) {
        const known = subjects.get(incidentId);
        if (known !== undefined) subject = known;
        else {
          const row = queries.kpiFact(incidentId);
          subject = row ? subjectOf(row) : null;
          subjects.set(incidentId, subject);
        }
      }
      builder.addCall(receivedAt, answeredAt, subject);
    });
    const result = builder.result(deps.clock.now());
    deps.logger.debug({ from, to, incidents, calls, ms: Math.round(performance.now() - started) }, 'kpi report');
    return result;
  };

  /** The first dispatch and arrival the unit status history holds for incidents without their own. */
  const unitHistoryOf = (waiting: readonly Deferred[], from: number, to: number): Map<string, UnitMilestoneRow> => {
    if (waiting.length === 0) return new Map();
    if (waiting.length > UNIT_HISTORY_LOOKUPS)
      return new Map(queries.unitMilestones(from, to).map((row) => [row.incident_id, row]));
    const found = new Map<string, UnitMilestoneRow>();
    for (const { row } of waiting) {
      const milestones = queries.unitMilestonesOf(row[0], from, to);
      if (milestones) found.set(row[0], milestones);
    }
    return found;
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

const NONE: readonly KpiAgencyMilestones[] = [];

function milestonesOf(row: KpiFactTuple, fromUnits: UnitMilestoneRow | null | undefined): KpiMilestones {
  return {
    receivedAt: row[8],
    answeredAt: row[9],
    createdAt: row[1],
    dispatchedAt: row[10] ?? fromUnits?.dispatched_at ?? null,
    onSceneAt: row[11] ?? fromUnits?.on_scene_at ?? null,
  };
}

/** An incident as a report groups it; its governorate and district are found on first use. */
class IncidentSubject implements KpiSubject {
  private knownGovernorate: string | null | undefined;
  private knownDistrict: string | null | undefined;

  constructor(
    readonly typeCode: string,
    readonly agencies: readonly string[],
    private readonly lat: number | null,
    private readonly lon: number | null,
    private readonly districtCode: string | null,
    private readonly places: {
      readonly governorateOf: (lat: number, lon: number) => string | null;
      readonly districtOf: (point: LatLon) => string | null;
    },
  ) {}

  governorate(): string | null {
    if (this.knownGovernorate === undefined)
      this.knownGovernorate =
        this.lat !== null && this.lon !== null ? this.places.governorateOf(this.lat, this.lon) : null;
    return this.knownGovernorate;
  }

  /** The incident's own named district first; one recorded before locations were named is named now. */
  district(): string | null {
    if (this.knownDistrict === undefined)
      this.knownDistrict =
        this.districtCode ??
        (this.lat !== null && this.lon !== null ? this.places.districtOf({ lat: this.lat, lon: this.lon }) : null);
    return this.knownDistrict;
  }
}
