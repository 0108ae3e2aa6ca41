import type { Database, Statement } from 'better-sqlite3';
import type { Alarm } from '../../../src-shared/domain/alarm';
import { isAlarmActive } from '../../../src-shared/domain/alarm';
import { applyAlarmEvent, type AlarmEvent } from '../../../src-shared/domain/alarmEvents';

/** The `alarms` table: one row per alarm, folded from the alarm stream. */
export class AlarmProjection {
  static readonly tables = ['alarms'] as const;
  private readonly select: Statement<[string], { record: string }>;
  private readonly upsert: Statement<[string, number, number, string]>;
  private readonly remove: Statement<[string]>;
  private readonly active: Statement<[], { record: string }>;

  constructor(db: Database) {
    this.select = db.prepare('SELECT record FROM alarms WHERE id = ?');
    this.upsert = db.prepare(
      'INSERT INTO alarms (id, active, raised_at, record) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET active = excluded.active, record = excluded.record',
    );
    this.remove = db.prepare('DELETE FROM alarms WHERE id = ?');
    this.active = db.prepare('SELECT record FROM alarms WHERE active = 1 ORDER BY raised_at, id');
  }

  get(id: string): Alarm | null {
    const row = this.select.get(id);
    return row ? (JSON.parse(row.record) as Alarm) : null;
  }

  listActive(): Alarm[] {
    return this.active.all().map((row) => JSON.parse(row.record) as Alarm);
  }

  apply(event: AlarmEvent): Alarm {
    const next = applyAlarmEvent(this.get(event.alarmId), event);
    this.upsert.run(next.id, isAlarmActive(next) ? 1 : 0, next.raisedAt, JSON.stringify(next));
    return next;
  }

  forget(id: string): void {
    this.remove.run(id);
  }
}
