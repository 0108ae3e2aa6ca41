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
import { KPI_AGENCY_SEPARATOR, type KpiColumns, type KpiIncidentTuple } from '../store/kpiFacts';
import type { UnitMilestoneRow } from '../store/queries';
import type { Store } from '../store/store';
import { KpiAgencyMilestones, KpiReportBuilder, type KpiSubject } from '../../../src-shared/domain/kpiReportBuilder';

/** Units arrive within hours of a dispatch; their history is read this far past the window. */
const UNIT_HISTORY_SLACK_MS = 24 * 3_600_000;
/** Beyond this many incidents without milestones, their unit history is read in one scan rather than one look-up each. */
const UNIT_HISTORY_LOOKUPS = 200;
/** A report reads its window a day at a time: a day's rows are all that live at once. */
const READ_PART_MS = 86_400_000;

export interface KpiService {
  readonly handlers: Handlers<KpiApi>;
  /** The report for a window (also used by the CLI and the benchmark). */
  report(args: KpiReportArgs): KpiReport;
}

/** An incident of the window whose milestones wait for its units' status history. */
interface Deferred {
  readonly row: KpiIncidentTuple;
  readonly subject: KpiSubject;
  readonly own: KpiAgencyMilestones;
}

/**
 * KPI reports, read from the store's KPI side tables (kpiFacts.ts: one narrow row per incident,
 * per incident and agency with units, and each call's ring and answer) into a `KpiReportBuilder`,
 * one row at a time and without an object per row: one ordered pass over the window's incidents
 * (joined to their agencies' milestones when grouped by agency), one over its calls (joined to
 * their incidents in SQL). A unit's first dispatch and arrival from its status history
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
    // An incident's calls share its point: its district is named once per report.
    const districts = new Map<string, string | null>();
    const places: SubjectPlaces = {
      governorateOf,
      districtOf: (lat, lon) => {
        if (!deps.districts) return null;
        const key = `${String(lat)}:${String(lon)}`;
        let district = districts.get(key);
        if (district === undefined) districts.set(key, (district = deps.districts.of({ lat, lon })));
        return district;
      },
    };
    // One subject, refilled for each row (the builder keeps none).
    const subject = new RowSubject(places);
    const waiting: Deferred[] = [];
    let incidents = 0;
    const add = (row: KpiIncidentTuple, own: KpiAgencyMilestones): void => {
      // A duplicate merged into another incident is not a separate response: its calls still count.
      if (row[7] !== 0) return;
      incidents += 1;
      subject.refill(row[2] ?? '', agenciesOf(row[3] ?? ''), row[4], row[5], row[6]);
      if (row[10] === null || row[11] === null) waiting.push({ row, subject: subject.copy(), own: own.copy() });
      else builder.addIncident(subject, row[8], row[9], row[1], row[10], row[11], own);
    };
    const columns = columnsOf(args);
    // Grouped by agency, an incident comes once per agency with units: its rows are gathered first.
    const own = new KpiAgencyMilestones();
    let current: KpiIncidentTuple | null = null;
    for (let part = from; part < to; part += READ_PART_MS) {
      for (const row of queries.kpiIncidents(part, Math.min(to, part + READ_PART_MS), columns)) {
        if (!columns.ownMilestones) {
          add(row, own);
          continue;
        }
        if (current !== null && (row[1] !== current[1] || row[0] !== current[0])) {
          add(current, own);
          own.clear();
        }
        current = row;
        if (row[12] !== null) own.push(row[12], row[13], row[14]);
      }
    }
    if (current !== null) add(current, own);
    const history = unitHistoryOf(waiting, from, to + UNIT_HISTORY_SLACK_MS);
    for (const { row, subject: deferred, own: itsOwn } of waiting) {
      const units = row[0] === null ? undefined : history.get(row[0]);
      const dispatchedAt = row[10] ?? units?.dispatched_at ?? null;
      const onSceneAt = row[11] ?? units?.on_scene_at ?? null;
      builder.addIncident(deferred, row[8], row[9], row[1], dispatchedAt, onSceneAt, itsOwn);
    }

    // Calls in the window that joined an older incident take that incident's agency, type and place.
    let calls = 0;
    for (let part = from; part < to; part += READ_PART_MS) {
      for (const row of queries.kpiCalls(part, Math.min(to, part + READ_PART_MS), columns)) {
        calls += 1;
        if (row[2] === null) builder.addCall(row[0], row[1], null);
        else {
          subject.refill(row[3] ?? '', agenciesOf(row[4] ?? ''), row[5], row[6], row[7]);
          builder.addCall(row[0], row[1], subject);
        }
      }
    }
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
      // A waiting incident's id is always read (kpiFacts.ts).
      const incidentId = row[0];
      if (incidentId === null) continue;
      const milestones = queries.unitMilestonesOf(incidentId, from, to);
      if (milestones) found.set(incidentId, milestones);
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

/** The incident columns a report groups or filters by. */
function columnsOf({ groupBy, filters }: KpiReportArgs): KpiColumns {
  return {
    typeCode: groupBy === 'type' || filters.typeCode !== undefined,
    agencies: groupBy === 'agency' || filters.agency !== undefined,
    place: groupBy === 'governorate' || groupBy === 'district' || filters.governorate !== undefined,
    districtCode: groupBy === 'district',
    ownMilestones: groupBy === 'agency',
  };
}

/** Where a subject's governorate and district come from (the district of a point memoised per report). */
interface SubjectPlaces {
  readonly governorateOf: (lat: number, lon: number) => string | null;
  readonly districtOf: (lat: number, lon: number) => string | null;
}

const NO_AGENCIES: readonly string[] = [];

/**
 * An incident as a report groups it, refilled row by row; its governorate and district are found
 * on first use (only a report by or filtered on them pays for them).
 */
class RowSubject implements KpiSubject {
  typeCode = '';
  agencies: readonly string[] = NO_AGENCIES;
  private lat: number | null = null;
  private lon: number | null = null;
  private districtCode: string | null = null;
  private knownGovernorate: string | null | undefined;
  private knownDistrict: string | null | undefined;

  constructor(private readonly places: SubjectPlaces) {}

  refill(
    typeCode: string,
    agencies: readonly string[],
    lat: number | null,
    lon: number | null,
    districtCode: string | null,
  ): void {
    this.typeCode = typeCode;
    this.agencies = agencies;
    this.lat = lat;
    this.lon = lon;
    this.districtCode = districtCode;
    this.knownGovernorate = undefined;
    this.knownDistrict = undefined;
  }

  /** A subject of its own, that the next refill leaves alone. */
  copy(): RowSubject {
    const copy = new RowSubject(this.places);
    copy.refill(this.typeCode, this.agencies, this.lat, this.lon, this.districtCode);
    return copy;
  }

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
        (this.lat !== null && this.lon !== null ? this.places.districtOf(this.lat, this.lon) : null);
    return this.knownDistrict;
  }
}
