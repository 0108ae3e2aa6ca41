import type { Database, Statement } from 'better-sqlite3';
import { applyConflictEvent, type ConflictEvent, type ConflictRecord } from '../../../src-shared/domain/conflict';

/** The `conflicts` table, and the events each conflict voids (`voided_events`). */
export class ConflictProjection {
  static readonly tables = ['conflicts', 'voided_events'] as const;
  private readonly select: Statement<[string], { record: string }>;
  private readonly upsert: Statement<[string, number, number, string]>;
  private readonly remove: Statement<[string]>;
  private readonly removeVoided: Statement<[string]>;
  private readonly insertVoided: Statement<[string, string]>;
  private readonly isVoidedStatement: Statement<[string], { one: number }>;
  private readonly anyVoidedStatement: Statement<[], { one: number }>;
  private readonly all: Statement<[], { record: string }>;

  constructor(db: Database) {
    this.select = db.prepare('SELECT record FROM conflicts WHERE id = ?');
    this.upsert = db.prepare(
      'INSERT INTO conflicts (id, open, detected_at, record) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET open = excluded.open, record = excluded.record',
    );
    this.remove = db.prepare('DELETE FROM conflicts WHERE id = ?');
    this.removeVoided = db.prepare('DELETE FROM voided_events WHERE conflict_id = ?');
    this.insertVoided = db.prepare('INSERT OR IGNORE INTO voided_events (event_id, conflict_id) VALUES (?, ?)');
    this.isVoidedStatement = db.prepare('SELECT 1 AS one FROM voided_events WHERE event_id = ?');
    this.anyVoidedStatement = db.prepare('SELECT 1 AS one FROM voided_events LIMIT 1');
    this.all = db.prepare('SELECT record FROM conflicts ORDER BY open DESC, detected_at DESC LIMIT 500');
  }

  get(id: string): ConflictRecord | null {
    const row = this.select.get(id);
    return row ? (JSON.parse(row.record) as ConflictRecord) : null;
  }

  /** Open conflicts first, newest first. */
  list(): ConflictRecord[] {
    return this.all.all().map((row) => JSON.parse(row.record) as ConflictRecord);
  }

  isVoided(eventId: string): boolean {
    return this.isVoidedStatement.get(eventId) !== undefined;
  }

  /** Whether any event is voided at all. */
  anyVoided(): boolean {
    return this.anyVoidedStatement.get() !== undefined;
  }

  /** Folds the event; returns the events it voided (their records must be folded again). */
  apply(event: ConflictEvent): readonly string[] {
    const next = applyConflictEvent(this.get(event.conflictId), event);
    this.upsert.run(next.id, next.resolution === null ? 1 : 0, next.detectedAt, JSON.stringify(next));
    if (event.type !== 'conflict.recorded') return [];
    for (const eventId of event.payload.loser.voidedEventIds) this.insertVoided.run(eventId, next.id);
    return event.payload.loser.voidedEventIds;
  }

  forget(id: string): void {
    this.removeVoided.run(id);
    this.remove.run(id);
  }
}
