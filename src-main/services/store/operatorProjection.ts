import type { Database, Statement } from 'better-sqlite3';
import { applyOperatorEvent, type OperatorEvent, type OperatorRecord } from '../../../src-shared/domain/operator';

/** An operator as the host reads them to check a password: the record and the hash. */
export interface OperatorCredentials {
  readonly record: OperatorRecord;
  readonly passwordHash: string | null;
}

/** The `operators` table: the roster folded from the operator stream. The hash never enters `record`. */
export class OperatorProjection {
  static readonly tables = ['operators'] as const;
  private readonly select: Statement<[string], { record: string; password_hash: string | null }>;
  private readonly upsert: Statement<[string, string, string | null, number, number]>;
  private readonly remove: Statement<[string]>;
  private readonly all: Statement<[], { record: string }>;
  private readonly count: Statement<[], { n: number }>;

  constructor(db: Database) {
    this.select = db.prepare('SELECT record, password_hash FROM operators WHERE id = ?');
    this.upsert = db.prepare(
      `INSERT INTO operators (id, record, password_hash, updated_at, version) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET record = excluded.record, password_hash = excluded.password_hash,
         updated_at = excluded.updated_at, version = excluded.version`,
    );
    this.remove = db.prepare('DELETE FROM operators WHERE id = ?');
    this.all = db.prepare('SELECT record FROM operators ORDER BY id');
    this.count = db.prepare('SELECT count(*) AS n FROM operators');
  }

  get(id: string): OperatorRecord | null {
    const row = this.select.get(id);
    return row ? (JSON.parse(row.record) as OperatorRecord) : null;
  }

  credentials(id: string): OperatorCredentials | null {
    const row = this.select.get(id);
    return row ? { record: JSON.parse(row.record) as OperatorRecord, passwordHash: row.password_hash } : null;
  }

  list(): OperatorRecord[] {
    return this.all.all().map((row) => JSON.parse(row.record) as OperatorRecord);
  }

  size(): number {
    return this.count.get()?.n ?? 0;
  }

  apply(event: OperatorEvent): OperatorRecord {
    const current = this.credentials(event.operatorId);
    const next = applyOperatorEvent(current?.record ?? null, event);
    const hash = event.type === 'operator.passwordSet' ? event.payload.hash : (current?.passwordHash ?? null);
    this.upsert.run(next.id, JSON.stringify(next), hash, next.updatedAt, next.version);
    return next;
  }

  forget(id: string): void {
    this.remove.run(id);
  }
}
