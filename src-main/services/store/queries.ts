import type { Database, Statement } from 'better-sqlite3';
import type { TimelineEntry } from '../../../src-shared/contract/api';
import type { CallEventType } from '../../../src-shared/domain/call';
import type { IncidentEventType, IncidentRecord, IncidentStatus } from '../../../src-shared/domain/incident';
import { incidentFromRow, type IncidentRow } from './incidentProjection';
import { kpiCallsSql, kpiIncidentsSql, type KpiCallTuple, type KpiColumns, type KpiIncidentTuple } from './kpiFacts';

/**
 * The store's SQL reads that are not a projection's own: the queues, timelines, the KPI and EIDO
 * reads, the outage log's walk of the audit trail, the seeder's checks. Services reach them as
 * `store.queries`; nothing outside the store holds the database handle. Statements beyond the queues
 * are prepared on first use, so a report nobody asks for costs nothing at start.
 */

export interface OpenQueueFilter {
  readonly agency?: string;
  readonly status?: Exclude<IncidentStatus, 'closed'>;
  readonly limit: number;
}

/** The first dispatch and first arrival the unit status history recorded against one incident. */
export interface UnitMilestoneRow {
  incident_id: string;
  dispatched_at: number | null;
  on_scene_at: number | null;
}

/** A row of the audit trail as stored (`details` is JSON text). */
export interface AuditLogRow {
  seq: number;
  at: number;
  actor: string;
  console_id: string;
  action: string;
  subject: string;
  details: string;
}

/** A row of the event log as stored (`payload` is JSON text). */
export interface EventLogRow {
  seq: number;
  id: string;
  stream: string;
  stream_id: string;
  incident_id: string | null;
  type: string;
  payload: string;
  at: number;
  actor: string;
  console_id: string;
}

/** Prepares on first use, then keeps the statement. */
function onFirstUse<T>(prepare: () => T): () => T {
  let statement: T | undefined;
  return () => (statement ??= prepare());
}

/** The reads prepared on first use, so a report nobody asks for costs nothing at start. */
/** A key per set of KPI columns (statement cache). */
function kpiColumnsKey(columns: KpiColumns): string {
  return [columns.typeCode, columns.agencies, columns.place, columns.districtCode, columns.ownMilestones]
    .map((wanted) => (wanted ? '1' : '0'))
    .join('');
}

function lazyStatements(db: Database) {
  const bounds = (table: 'audit' | 'events') =>
    onFirstUse(() =>
      db.prepare<[], { low: number | null; high: number | null }>(
        `SELECT min(seq) AS low, max(seq) AS high FROM ${table}`,
      ),
    );
  const probe = (table: 'audit' | 'events') =>
    onFirstUse(() =>
      db.prepare<[number], { seq: number; at: number }>(
        `SELECT seq, at FROM ${table} WHERE seq >= ? ORDER BY seq LIMIT 1`,
      ),
    );
  return {
    kpiUnitMilestonesOf: onFirstUse(() =>
      db.prepare<[string, number, number], UnitMilestoneRow>(
        `SELECT incident_id,
                MIN(CASE WHEN status IN ('dispatched', 'en-route', 'on-scene') THEN at END) AS dispatched_at,
                MIN(CASE WHEN status = 'on-scene' THEN at END) AS on_scene_at
           FROM unit_status_history WHERE incident_id = ? AND at >= ? AND at < ? GROUP BY incident_id`,
      ),
    ),
    kpiUnitMilestones: onFirstUse(() =>
      db.prepare<[number, number], UnitMilestoneRow>(
        `SELECT incident_id,
                MIN(CASE WHEN status IN ('dispatched', 'en-route', 'on-scene') THEN at END) AS dispatched_at,
                MIN(CASE WHEN status = 'on-scene' THEN at END) AS on_scene_at
           FROM unit_status_history WHERE incident_id IS NOT NULL AND at >= ? AND at < ? GROUP BY incident_id`,
      ),
    ),
    kpiTypesCreated: onFirstUse(() =>
      db.prepare<[number, number], { type_code: string; count: number }>(
        `SELECT type_code, count(*) AS count FROM incidents
          WHERE created_at >= ? AND created_at < ? AND merged_into IS NULL GROUP BY type_code`,
      ),
    ),
    kpiClosedDuring: onFirstUse(() =>
      db.prepare<[number, number], { disposition: string | null; count: number }>(
        'SELECT disposition, count(*) AS count FROM incidents WHERE closed_at >= ? AND closed_at < ? GROUP BY disposition',
      ),
    ),
    kpiOpenAt: onFirstUse(() =>
      db.prepare<[number, number], { count: number }>(
        'SELECT count(*) AS count FROM incidents WHERE created_at < ? AND (closed_at IS NULL OR closed_at >= ?)',
      ),
    ),
    kpiAlarmsRaised: onFirstUse(() =>
      db.prepare<[number, number], { kind: string | null }>(
        "SELECT json_extract(record, '$.kind') AS kind FROM alarms WHERE raised_at >= ? AND raised_at < ?",
      ),
    ),
    incidentByNumber: onFirstUse(() =>
      db.prepare<[string], { id: string }>('SELECT id FROM incidents WHERE number = ?'),
    ),
    incidentByReference: onFirstUse(() =>
      db.prepare<[string, string], { id: string }>('SELECT id FROM incidents WHERE id = ? OR number = ? LIMIT 1'),
    ),
    auditHead: onFirstUse(() => db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM audit')),
    linkRows: onFirstUse(() =>
      db.prepare<[number, string], AuditLogRow>(
        `SELECT seq, at, actor, console_id, action, subject, details FROM audit
          WHERE seq > ? AND console_id = ? AND action IN ('link.state', 'session.start', 'session.stop') ORDER BY seq`,
      ),
    ),
    eventsRange: onFirstUse(() =>
      db.prepare<[number, number, number, number], EventLogRow>(
        `SELECT seq, id, stream, stream_id, incident_id, type, payload, at, actor, console_id FROM events
          WHERE seq >= ? AND at BETWEEN ? AND ? ORDER BY seq LIMIT ?`,
      ),
    ),
    auditRange: onFirstUse(() =>
      db.prepare<[number, number, number, number], AuditLogRow>(
        `SELECT seq, at, actor, console_id, action, subject, details FROM audit
          WHERE seq >= ? AND at BETWEEN ? AND ? ORDER BY seq LIMIT ?`,
      ),
    ),
    incidentsCreatedNotBy: onFirstUse(() =>
      db.prepare<[string], { n: number }>(
        "SELECT count(*) AS n FROM events WHERE type = 'incident.created' AND actor <> ?",
      ),
    ),
    newestEvent: onFirstUse(() => db.prepare<[], { at: number | null }>('SELECT max(at) AS at FROM events')),
    seqBounds: { audit: bounds('audit'), events: bounds('events') },
    seqProbe: { audit: probe('audit'), events: probe('events') },
  };
}

export class StoreQueries {
  private readonly openQueue: Statement<[number], IncidentRow>;
  private readonly queueByStatus: Statement<[string, number], IncidentRow>;
  private readonly queueByAgency: Statement<[string, number], IncidentRow>;
  private readonly queueByAgencyAndStatus: Statement<[string, string, number], IncidentRow>;
  private readonly eventsOfIncident: Statement<
    [string, string],
    { id: string; type: string; payload: string; at: number; actor: string; console_id: string }
  >;

  private readonly lazy: ReturnType<typeof lazyStatements>;
  /** The raw KPI statements, prepared on first use, one per set of columns a report asks for. */
  private readonly kpiStatements = new Map<string, Statement<[number, number]>>();
  private readonly prepareKpi: (sql: string) => Statement<[number, number]>;

  constructor(db: Database) {
    this.prepareKpi = (sql) => db.prepare<[number, number]>(sql).raw();
    this.openQueue = db.prepare(
      "SELECT * FROM incidents WHERE status <> 'closed' ORDER BY priority, created_at LIMIT ?",
    );
    this.queueByStatus = db.prepare('SELECT * FROM incidents WHERE status = ? ORDER BY priority, created_at LIMIT ?');
    this.queueByAgency = db.prepare(`
      SELECT i.* FROM incident_agencies a JOIN incidents i ON i.id = a.incident_id
       WHERE a.agency = ? AND a.open = 1 ORDER BY a.priority, a.created_at LIMIT ?`);
    // The status is filtered before the limit, or a queue full of pending incidents hides the dispatched ones.
    this.queueByAgencyAndStatus = db.prepare(`
      SELECT i.* FROM incident_agencies a JOIN incidents i ON i.id = a.incident_id
       WHERE a.agency = ? AND a.open = 1 AND i.status = ? ORDER BY a.priority, a.created_at LIMIT ?`);
    // The incident's own events and its calls' links, plus the guidance its calls recorded (key
    // questions asked, instructions read), most of it before the call was linked to the incident.
    this.eventsOfIncident = db.prepare(
      `SELECT id, type, payload, at, actor, console_id, seq FROM events WHERE incident_id = ?
       UNION ALL
       SELECT e.id, e.type, e.payload, e.at, e.actor, e.console_id, e.seq
         FROM calls c JOIN events e ON e.stream = 'call' AND e.stream_id = c.id
        WHERE c.incident_id = ? AND e.type IN ('call.questionAsked', 'call.instructionRead')
       ORDER BY seq`,
    );

    this.lazy = lazyStatements(db);
  }

  // ---- Queues and timelines ----------------------------------------------------------------

  openIncidents(filter: OpenQueueFilter): IncidentRecord[] {
    const rows =
      filter.agency !== undefined
        ? filter.status !== undefined
          ? this.queueByAgencyAndStatus.all(filter.agency, filter.status, filter.limit)
          : this.queueByAgency.all(filter.agency, filter.limit)
        : filter.status !== undefined
          ? this.queueByStatus.all(filter.status, filter.limit)
          : this.openQueue.all(filter.limit);
    return rows.map(incidentFromRow);
  }

  /** Every event naming the incident (its own and its calls' links), in log order. */
  timeline(incidentId: string): TimelineEntry[] {
    return this.eventsOfIncident.all(incidentId, incidentId).map((row) => ({
      id: row.id,
      type: row.type as IncidentEventType | CallEventType,
      payload: JSON.parse(row.payload) as unknown,
      at: row.at,
      actor: row.actor,
      consoleId: row.console_id,
    }));
  }

  incidentIdByNumber(number: string): string | null {
    return this.lazy.incidentByNumber().get(number)?.id ?? null;
  }

  /** The incident an operator named by its id or its number. */
  incidentIdByReference(reference: string): string | null {
    return this.lazy.incidentByReference().get(reference, reference)?.id ?? null;
  }

  // ---- KPIs --------------------------------------------------------------------------------

  /**
   * The incidents created in [from, to), by creation time: one ordered range of `kpi_incidents`,
   * with the columns a report asks for (kpiFacts.ts). A report reads its window a part at a time,
   * so that no more than a part's rows live at once.
   */
  kpiIncidents(from: number, to: number, columns: KpiColumns): KpiIncidentTuple[] {
    return this.kpiStatement<KpiIncidentTuple>(`incidents ${kpiColumnsKey(columns)}`, () =>
      kpiIncidentsSql(columns),
    ).all(from, to);
  }

  /** Each call received in [from, to), with what a report asks of its incident (joined in SQL: it may lie outside the window). */
  kpiCalls(from: number, to: number, columns: KpiColumns): KpiCallTuple[] {
    return this.kpiStatement<KpiCallTuple>(`calls ${kpiColumnsKey(columns)}`, () => kpiCallsSql(columns)).all(from, to);
  }

  private kpiStatement<Row>(key: string, sql: () => string): Statement<[number, number], Row> {
    let statement = this.kpiStatements.get(key);
    if (!statement) this.kpiStatements.set(key, (statement = this.prepareKpi(sql())));
    // The SQL of kpiFacts.ts selects the columns of Row, in its order.
    return statement as Statement<[number, number], Row>;
  }

  /** One incident's first dispatch and arrival of its units that the status history holds in [from, to). */
  unitMilestonesOf(incidentId: string, from: number, to: number): UnitMilestoneRow | null {
    return this.lazy.kpiUnitMilestonesOf().get(incidentId, from, to) ?? null;
  }

  /** Per incident, the first dispatch and arrival of its units that the status history holds in [from, to). */
  unitMilestones(from: number, to: number): UnitMilestoneRow[] {
    return this.lazy.kpiUnitMilestones().all(from, to);
  }

  incidentTypesCreated(from: number, to: number): { type_code: string; count: number }[] {
    return this.lazy.kpiTypesCreated().all(from, to);
  }

  closedByDisposition(from: number, to: number): { disposition: string | null; count: number }[] {
    return this.lazy.kpiClosedDuring().all(from, to);
  }

  /** Incidents open at `at` (created before it, not closed by then). */
  openIncidentsAt(at: number): number {
    return this.lazy.kpiOpenAt().get(at, at)?.count ?? 0;
  }

  /** The kind of every alarm raised in [from, to) (the alarm stream's projection: one per alarm, center-wide). */
  alarmKindsRaised(from: number, to: number): (string | null)[] {
    return this.lazy
      .kpiAlarmsRaised()
      .all(from, to)
      .map((row) => row.kind);
  }

  // ---- The audit trail and the event log, by time --------------------------------------------

  /** The newest audit row's seq (0 when there is none). */
  auditHeadSeq(): number {
    return this.lazy.auditHead().get()?.seq ?? 0;
  }

  /** This console's link state changes and session starts and stops after `seq`, in order. */
  linkRowsAfter(seq: number, consoleId: string): AuditLogRow[] {
    return this.lazy.linkRows().all(seq, consoleId);
  }

  /**
   * The first seq whose row is at or after `at` (rows are appended in time order, give or take the
   * slack of other clocks): a binary search over the primary key, ~20 index probes for a million
   * rows instead of a scan.
   */
  firstSeqAt(table: 'audit' | 'events', at: number): number {
    const { low, high } = this.lazy.seqBounds[table]().get() ?? { low: null, high: null };
    if (low === null || high === null) return 0;
    const probe = this.lazy.seqProbe[table]();
    let lo = low;
    let hi = high + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const row = probe.get(mid);
      if (!row) {
        hi = mid;
      } else if (row.at < at) {
        lo = row.seq + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Events from `fromSeq` on whose time is in [from, to], at most `limit`. */
  eventsBetween(fromSeq: number, from: number, to: number, limit: number): EventLogRow[] {
    return this.lazy.eventsRange().all(fromSeq, from, to, limit);
  }

  /** Audit rows from `fromSeq` on whose time is in [from, to], at most `limit`. */
  auditBetween(fromSeq: number, from: number, to: number, limit: number): AuditLogRow[] {
    return this.lazy.auditRange().all(fromSeq, from, to, limit);
  }

  // ---- The seeder --------------------------------------------------------------------------

  /** Incidents whose creation another actor than `actor` recorded (real work, for the seeder). */
  incidentsCreatedByOthers(actor: string): number {
    return this.lazy.incidentsCreatedNotBy().get(actor)?.n ?? 0;
  }

  /** The newest event's time, or null in an empty log. */
  newestEventAt(): number | null {
    return this.lazy.newestEvent().get()?.at ?? null;
  }
}
