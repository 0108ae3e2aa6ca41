import type { Database, Statement } from 'better-sqlite3';
import type { IncidentRecord } from '../../../src-shared/domain/incident';

/**
 * The KPI side tables: narrow rows the KPI report scans instead of the incidents' wide rows and
 * their JSON unit lists (issue 21). Kept by the incident projection in the incident's own
 * transaction (`KpiFactsUpkeep`), rebuilt with it, and refilled from the projection rows by
 * `rebuildKpiFacts` (migration v8, a snapshot join, the benchmark's bulk seed).
 *
 * - `kpi_incidents`: one row per incident, keyed by (created_at, incident_id) so that a report's
 *   window is one ordered range of the table itself.
 * - `kpi_agency_milestones`: per incident and agency with units on it, that agency's first
 *   dispatch and first arrival, in the same key order.
 */

/** Separates the agency codes of `kpi_incidents.agencies` (codes are `[a-z0-9-]`). */
export const KPI_AGENCY_SEPARATOR = ' ';

/** One row of `kpi_incidents`, as the report reads it. */
export interface KpiFactRow {
  incident_id: string;
  created_at: number;
  type_code: string;
  priority: number;
  /** The incident's agencies in its own order, joined by KPI_AGENCY_SEPARATOR ('' for none). */
  agencies: string;
  lat: number | null;
  lon: number | null;
  /** The district of the incident's named location (null for one recorded unnamed). */
  district_code: string | null;
  /** 1 for a duplicate merged into another incident. */
  merged: number;
  received_at: number | null;
  answered_at: number | null;
  routed_at: number | null;
  dispatched_at: number | null;
  en_route_at: number | null;
  on_scene_at: number | null;
  closed_at: number | null;
}

/** One row of `kpi_agency_milestones`. */
export interface KpiAgencyMilestoneRow {
  incident_id: string;
  created_at: number;
  agency: string;
  dispatched_at: number;
  on_scene_at: number | null;
}

/** Which of an incident's columns a report needs (the others are read as NULL: no string made for them). */
export interface KpiColumns {
  readonly typeCode: boolean;
  readonly agencies: boolean;
  /** Latitude and longitude. */
  readonly place: boolean;
  readonly districtCode: boolean;
  /** Each agency's own milestones (grouping by agency), one row per agency with units. */
  readonly ownMilestones: boolean;
}

/**
 * A `kpi_incidents` row as the report reads it: raw, in column order, so that reading 100,000 of
 * them builds no object per row (the issue 21 profile: row objects and their collection were most
 * of the read), and NULL for a column the report does not need. The id is read only when the
 * report needs it: with own milestones, or when the incident's milestones wait for its units'
 * history. With own milestones an incident comes once per agency with units on it (own columns
 * null for an incident without units, and when not asked for).
 */
export type KpiIncidentTuple = readonly [
  incidentId: string | null,
  createdAt: number,
  typeCode: string | null,
  agencies: string | null,
  lat: number | null,
  lon: number | null,
  districtCode: string | null,
  merged: number,
  receivedAt: number | null,
  answeredAt: number | null,
  dispatchedAt: number | null,
  onSceneAt: number | null,
  ownAgency: string | null,
  ownDispatchedAt: number | null,
  ownOnSceneAt: number | null,
];

/**
 * A call as the report reads it, raw: its ring and answer, whether the incident it joined is in
 * the store (its creation time; null when none, or not asked for), and what that incident is
 * grouped by (NULL when not needed).
 */
export type KpiCallTuple = readonly [
  receivedAt: number,
  answeredAt: number | null,
  incidentCreatedAt: number | null,
  typeCode: string | null,
  agencies: string | null,
  lat: number | null,
  lon: number | null,
  districtCode: string | null,
];

/** The incident columns of KpiIncidentTuple and KpiCallTuple (table alias `i`) that `columns` asks for. */
function groupingColumns(columns: KpiColumns): string {
  const pick = (wanted: boolean, column: string): string => (wanted ? column : 'NULL');
  return [
    pick(columns.typeCode, 'i.type_code'),
    pick(columns.agencies, 'i.agencies'),
    pick(columns.place, 'i.lat'),
    pick(columns.place, 'i.lon'),
    pick(columns.districtCode, 'i.district_code'),
  ].join(', ');
}

/** The SELECT of KpiIncidentTuple over a range of creation times ([?, ?)), in key order. */
export function kpiIncidentsSql(columns: KpiColumns): string {
  const id = columns.ownMilestones
    ? 'i.incident_id'
    : 'CASE WHEN i.dispatched_at IS NULL OR i.on_scene_at IS NULL THEN i.incident_id END';
  const head = `${id}, i.created_at, ${groupingColumns(columns)}, i.merged, i.received_at, i.answered_at, i.dispatched_at, i.on_scene_at`;
  const range = 'WHERE i.created_at >= ? AND i.created_at < ? ORDER BY i.created_at, i.incident_id';
  return columns.ownMilestones
    ? `SELECT ${head}, m.agency, m.dispatched_at, m.on_scene_at FROM kpi_incidents i
         LEFT JOIN kpi_agency_milestones m ON m.created_at = i.created_at AND m.incident_id = i.incident_id ${range}`
    : `SELECT ${head}, NULL, NULL, NULL FROM kpi_incidents i ${range}`;
}

/**
 * The SELECT of KpiCallTuple over a range of ring times ([?, ?)). Joined to the calls' incidents
 * only when the report needs something of them.
 */
export function kpiCallsSql(columns: KpiColumns): string {
  const range = 'WHERE c.received_at >= ? AND c.received_at < ?';
  const needed = columns.typeCode || columns.agencies || columns.place || columns.districtCode;
  return needed
    ? `SELECT c.received_at, c.answered_at, i.created_at, ${groupingColumns(columns)}
         FROM calls c LEFT JOIN kpi_incidents i ON i.incident_id = c.incident_id ${range}`
    : `SELECT c.received_at, c.answered_at, NULL, NULL, NULL, NULL, NULL, NULL FROM calls c ${range}`;
}

export const KPI_TABLES = ['kpi_agency_milestones', 'kpi_incidents'] as const;

/** The parts of an incident its KPI rows are made of. */
export type KpiSource = Pick<
  IncidentRecord,
  | 'id'
  | 'createdAt'
  | 'typeCode'
  | 'priority'
  | 'agencies'
  | 'location'
  | 'locationName'
  | 'mergedInto'
  | 'receivedAt'
  | 'answeredAt'
  | 'routedAt'
  | 'dispatchedAt'
  | 'enRouteAt'
  | 'onSceneAt'
  | 'closedAt'
  | 'units'
>;

export function kpiFactOf(incident: KpiSource): KpiFactRow {
  return {
    incident_id: incident.id,
    created_at: incident.createdAt,
    type_code: incident.typeCode,
    priority: incident.priority,
    agencies: incident.agencies.map((entry) => entry.agency).join(KPI_AGENCY_SEPARATOR),
    lat: incident.location?.lat ?? null,
    lon: incident.location?.lon ?? null,
    district_code: incident.locationName?.district?.code ?? null,
    merged: incident.mergedInto === null ? 0 : 1,
    received_at: incident.receivedAt,
    answered_at: incident.answeredAt,
    routed_at: incident.routedAt,
    dispatched_at: incident.dispatchedAt,
    en_route_at: incident.enRouteAt,
    on_scene_at: incident.onSceneAt,
    closed_at: incident.closedAt,
  };
}

/** Per agency with units on the incident: the first dispatch and the first arrival of its own units. */
export function kpiAgencyMilestonesOf(incident: KpiSource): KpiAgencyMilestoneRow[] {
  const byAgency = new Map<string, KpiAgencyMilestoneRow>();
  for (const unit of incident.units) {
    const entry = byAgency.get(unit.agency);
    if (!entry) {
      byAgency.set(unit.agency, {
        incident_id: incident.id,
        created_at: incident.createdAt,
        agency: unit.agency,
        dispatched_at: unit.dispatchedAt,
        on_scene_at: unit.onSceneAt,
      });
      continue;
    }
    entry.dispatched_at = Math.min(entry.dispatched_at, unit.dispatchedAt);
    if (unit.onSceneAt !== null)
      entry.on_scene_at = entry.on_scene_at === null ? unit.onSceneAt : Math.min(entry.on_scene_at, unit.onSceneAt);
  }
  return [...byAgency.values()];
}

const FACT_COLUMNS = [
  'incident_id',
  'created_at',
  'type_code',
  'priority',
  'agencies',
  'lat',
  'lon',
  'district_code',
  'merged',
  'received_at',
  'answered_at',
  'routed_at',
  'dispatched_at',
  'en_route_at',
  'on_scene_at',
  'closed_at',
] as const satisfies readonly (keyof KpiFactRow)[];

/** Writes and removes an incident's KPI rows; the incident projection calls it in the incident's transaction. */
export class KpiFactsUpkeep {
  private readonly upsertFact: Statement<KpiFactRow>;
  private readonly deleteFact: Statement<[number, string]>;
  private readonly deleteMilestones: Statement<[number, string]>;
  private readonly insertMilestone: Statement<KpiAgencyMilestoneRow>;
  private readonly forgetMilestones: Statement<[string, string]>;
  private readonly forgetFact: Statement<[string]>;

  constructor(db: Database) {
    this.upsertFact = db.prepare(
      `INSERT OR REPLACE INTO kpi_incidents (${FACT_COLUMNS.join(', ')}) VALUES (${FACT_COLUMNS.map((column) => `@${column}`).join(', ')})`,
    );
    this.deleteFact = db.prepare('DELETE FROM kpi_incidents WHERE created_at = ? AND incident_id = ?');
    this.deleteMilestones = db.prepare('DELETE FROM kpi_agency_milestones WHERE created_at = ? AND incident_id = ?');
    this.insertMilestone = db.prepare(
      `INSERT INTO kpi_agency_milestones (created_at, incident_id, agency, dispatched_at, on_scene_at)
       VALUES (@created_at, @incident_id, @agency, @dispatched_at, @on_scene_at)`,
    );
    this.forgetMilestones = db.prepare(
      `DELETE FROM kpi_agency_milestones
        WHERE incident_id = ? AND created_at = (SELECT created_at FROM kpi_incidents WHERE incident_id = ?)`,
    );
    this.forgetFact = db.prepare('DELETE FROM kpi_incidents WHERE incident_id = ?');
  }

  /** The incident's rows after a change (`previous`: as stored before, null for a new incident). */
  write(incident: KpiSource, previous: KpiSource | null): void {
    if (previous !== null && previous.createdAt !== incident.createdAt) {
      this.deleteMilestones.run(previous.createdAt, previous.id);
      this.deleteFact.run(previous.createdAt, previous.id);
      previous = null;
    }
    const fact = kpiFactOf(incident);
    if (previous === null || !sameRow(kpiFactOf(previous), fact)) this.upsertFact.run(fact);
    // Most events (notes, agency statuses, closing) leave the units alone: their rows stay.
    if (previous !== null && previous.units === incident.units) return;
    const milestones = kpiAgencyMilestonesOf(incident);
    if (previous !== null) {
      const before = kpiAgencyMilestonesOf(previous);
      if (before.length === milestones.length && before.every((row, index) => sameRow(row, milestones[index]))) return;
      this.deleteMilestones.run(incident.createdAt, incident.id);
    }
    for (const row of milestones) this.insertMilestone.run(row);
  }

  /** Removes the incident's rows (before its events are folded again). */
  forget(incidentId: string): void {
    this.forgetMilestones.run(incidentId, incidentId);
    this.forgetFact.run(incidentId);
  }
}

function sameRow<T extends object>(a: T, b: T | undefined): boolean {
  if (b === undefined) return false;
  for (const key of Object.keys(a) as (keyof T)[]) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * Refills the side tables from the incident projection, and the calls' answer column from each
 * call's record, inside the caller's transaction: in SQL, the same rows as `kpiFactOf` and
 * `kpiAgencyMilestonesOf` write live (tests/node/kpi/kpiFacts.test.ts compares the two), without
 * parsing 100,000 incidents in JavaScript.
 */
export function rebuildKpiFacts(db: Database): { incidents: number } {
  for (const table of KPI_TABLES) db.prepare(`DELETE FROM ${table}`).run();
  db.prepare("UPDATE calls SET answered_at = json_extract(record, '$.answeredAt')").run();
  const { changes } = db
    .prepare(
      `INSERT INTO kpi_incidents (${FACT_COLUMNS.join(', ')})
       SELECT id, created_at, type_code, priority,
              coalesce((SELECT group_concat(a.value ->> 'agency', '${KPI_AGENCY_SEPARATOR}' ORDER BY a.key)
                          FROM json_each(i.agencies) a), ''),
              CASE WHEN lon IS NOT NULL THEN lat END, CASE WHEN lat IS NOT NULL THEN lon END,
              json_extract(location_name, '$.district.code'), merged_into IS NOT NULL,
              received_at, answered_at, routed_at, dispatched_at, en_route_at, on_scene_at, closed_at
         FROM incidents i`,
    )
    .run();
  db.prepare(
    `INSERT INTO kpi_agency_milestones (created_at, incident_id, agency, dispatched_at, on_scene_at)
     SELECT i.created_at, i.id, u.value ->> 'agency', min(u.value ->> 'dispatchedAt'), min(u.value ->> 'onSceneAt')
       FROM incidents i, json_each(i.units) u
      GROUP BY i.id, u.value ->> 'agency'`,
  ).run();
  return { incidents: changes };
}
