import type { Database, Statement } from 'better-sqlite3';
import { applyCallEvent, type CallEvent, type CallRecord } from '../../../src-shared/domain/call';

interface CallRow {
  record: string;
}

/** Writes call events into the `calls` projection. Deterministic, like the incident projection. */
export class CallProjection {
  static readonly tables = ['calls'] as const;

  private readonly select: Statement<[string], CallRow>;
  private readonly upsert: Statement<
    [string, string, string | null, number, string | null, string, number, number | null]
  >;
  private readonly active: Statement<[number], CallRow>;
  private readonly byNumber: Statement<[string, number], CallRow>;
  private readonly remove: Statement<[string]>;

  constructor(db: Database) {
    this.select = db.prepare('SELECT record FROM calls WHERE id = ?');
    this.upsert = db.prepare(`
      INSERT INTO calls (id, status, caller_number, received_at, incident_id, record, version, answered_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, caller_number = excluded.caller_number,
        incident_id = excluded.incident_id, record = excluded.record, version = excluded.version,
        answered_at = excluded.answered_at`);
    this.active = db.prepare(
      // seq breaks ties: calls received in the same millisecond stay in arrival order.
      "SELECT record FROM calls WHERE status IN ('waiting', 'answered') ORDER BY received_at, seq LIMIT ?",
    );
    this.byNumber = db.prepare(
      'SELECT record FROM calls WHERE caller_number = ? AND received_at >= ? ORDER BY received_at DESC',
    );
    this.remove = db.prepare('DELETE FROM calls WHERE id = ?');
  }

  /** Removes the call, before its events are folded again in another order. */
  forget(id: string): void {
    this.remove.run(id);
  }

  get(id: string): CallRecord | null {
    const row = this.select.get(id);
    return row ? (JSON.parse(row.record) as CallRecord) : null;
  }

  apply(event: CallEvent): CallRecord {
    const next = applyCallEvent(this.get(event.callId), event);
    this.upsert.run(
      next.id,
      next.status,
      next.callerNumber,
      next.receivedAt,
      next.incidentId,
      JSON.stringify(next),
      next.version,
      next.answeredAt,
    );
    return next;
  }

  /** Calls still in the queue (waiting or being taken), oldest first. */
  listActive(limit: number): CallRecord[] {
    return this.active.all(limit).map((row) => JSON.parse(row.record) as CallRecord);
  }

  /** Calls from one callback number since a time, newest first (rebids, repeat callers). */
  fromNumberSince(callerNumber: string, since: number): CallRecord[] {
    return this.byNumber.all(callerNumber, since).map((row) => JSON.parse(row.record) as CallRecord);
  }
}
