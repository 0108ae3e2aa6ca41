import type { Database, Statement } from 'better-sqlite3';
import { openDatabase } from './database';
import { StoreUnavailableError } from './storeErrors';
import type { AuditLogRow, EventLogRow } from './queries';

/**
 * The reads a drill's timeline and report are built from (src-main/services/drill/drillTimeline.ts):
 * the `drill.*` audit rows of a run, the call, incident and alarm events of its time span, the roster
 * with its status history and the position trail. Reads only: the same class serves the running
 * console (the store's `drillRecords`) and `nida drill report`, which opens the file read-only.
 */

/** A unit as the drill's distance checks need it. */
export interface DrillUnitRow {
  readonly id: string;
  readonly agency: string;
  readonly capabilities: readonly string[];
  readonly home: { readonly lat: number; readonly lon: number } | null;
  readonly radioId: string | null;
}

export interface DrillStatusRow {
  readonly unitId: string;
  readonly status: string;
  readonly at: number;
}

export interface DrillTrailPoint {
  readonly at: number;
  readonly lat: number;
  readonly lon: number;
}

/** How far out of time order an event may have been appended (clock slack). */
const EVENT_SLACK_MS = 60_000;

/** The event streams a drill's timeline reads. */
const DRILL_STREAMS = "('call', 'incident', 'alarm')";

export class DrillRecords {
  private readonly loadedRows: Statement<[], AuditLogRow>;
  private readonly drillRows: Statement<[number, number], AuditLogRow>;
  private readonly eventRows: Statement<[number, number, number], EventLogRow>;
  private readonly eventBounds: Statement<[], { low: number | null; high: number | null }>;
  private readonly eventProbe: Statement<[number], { seq: number; at: number }>;
  private readonly unitRows: Statement<
    [],
    {
      id: string;
      agency: string;
      capabilities: string;
      home_lat: number | null;
      home_lon: number | null;
      radio_id: string | null;
    }
  >;
  private readonly statusRows: Statement<[number], { unit_id: string; status: string; at: number }>;
  private readonly trailRow: Statement<[string, number, number], DrillTrailPoint>;

  constructor(db: Database) {
    this.loadedRows = db.prepare(
      "SELECT seq, at, actor, console_id, action, subject, details FROM audit WHERE action = 'drill.loaded' ORDER BY seq",
    );
    this.drillRows = db.prepare(
      `SELECT seq, at, actor, console_id, action, subject, details FROM audit
        WHERE seq >= ? AND seq < ? AND action LIKE 'drill.%' ORDER BY seq`,
    );
    this.eventRows = db.prepare(
      `SELECT seq, id, stream, stream_id, incident_id, type, payload, at, actor, console_id FROM events
        WHERE seq >= ? AND at >= ? AND at < ? AND stream IN ${DRILL_STREAMS} ORDER BY seq`,
    );
    this.eventBounds = db.prepare('SELECT min(seq) AS low, max(seq) AS high FROM events');
    this.eventProbe = db.prepare('SELECT seq, at FROM events WHERE seq >= ? ORDER BY seq LIMIT 1');
    this.unitRows = db.prepare('SELECT id, agency, capabilities, home_lat, home_lon, radio_id FROM units ORDER BY id');
    this.statusRows = db.prepare('SELECT unit_id, status, at FROM unit_status_history WHERE at < ? ORDER BY at, id');
    this.trailRow = db.prepare(
      'SELECT at, lat, lon FROM positions_trail WHERE unit_id = ? AND at <= ? AND at >= ? ORDER BY at DESC LIMIT 1',
    );
  }

  /** Every `drill.loaded` row, oldest first: one per run. */
  runs(): AuditLogRow[] {
    return this.loadedRows.all();
  }

  /** The `drill.*` audit rows with seq in [fromSeq, toSeq). */
  drillActions(fromSeq: number, toSeq: number): AuditLogRow[] {
    return this.drillRows.all(fromSeq, toSeq);
  }

  /** Call, incident and alarm events with at in [fromAt, toAt), in log order. */
  events(fromAt: number, toAt: number): EventLogRow[] {
    // Events are appended in time order on a drill console (give or take a minute of clock slack):
    // start from the first one near `fromAt` instead of reading the whole log of every earlier run.
    return this.eventRows.all(this.firstEventSeqAt(fromAt - EVENT_SLACK_MS), fromAt, toAt);
  }

  /** A binary search over the primary key: the first event at or after `at`. */
  private firstEventSeqAt(at: number): number {
    const { low, high } = this.eventBounds.get() ?? { low: null, high: null };
    if (low === null || high === null) return 0;
    let lo = low;
    let hi = high + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const row = this.eventProbe.get(mid);
      if (!row) hi = mid;
      else if (row.at < at) lo = row.seq + 1;
      else hi = mid;
    }
    return lo;
  }

  units(): DrillUnitRow[] {
    return this.unitRows.all().map((row) => ({
      id: row.id,
      agency: row.agency,
      capabilities: JSON.parse(row.capabilities) as string[],
      home: row.home_lat !== null && row.home_lon !== null ? { lat: row.home_lat, lon: row.home_lon } : null,
      radioId: row.radio_id,
    }));
  }

  /** Every unit status change before `toAt`, oldest first. */
  statusChanges(toAt: number): DrillStatusRow[] {
    return this.statusRows.all(toAt).map((row) => ({ unitId: row.unit_id, status: row.status, at: row.at }));
  }

  /** The unit's last trail point at or before `at`, no older than `maxAgeMs`. */
  positionAt(unitId: string, at: number, maxAgeMs: number): DrillTrailPoint | null {
    return this.trailRow.get(unitId, at, at - maxAgeMs) ?? null;
  }
}

/**
 * A drill database opened read-only for a report: nothing is written (no journal mode change, no
 * migration), so a report can run beside the console or on a copy. `close` when done.
 */
export function openDrillRecordsFile(path: string): { readonly records: DrillRecords; close(): void } {
  let db: Database;
  try {
    db = openDatabase({ path, readonly: true });
  } catch (error) {
    throw new StoreUnavailableError(error instanceof Error ? error.message : String(error));
  }
  try {
    return { records: new DrillRecords(db), close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}
