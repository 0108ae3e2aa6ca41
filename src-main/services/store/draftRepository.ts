import type { Database, Statement } from 'better-sqlite3';
import type { IntakeDraft } from '../../../src-shared/contract/schemas';

/** SQL of the `drafts` table (the store's `drafts`): intakes in progress, one JSON record each. */
export class DraftRepository {
  private readonly selectOfConsole: Statement<[string], { record: string }>;
  private readonly selectOne: Statement<[string], { record: string }>;
  private readonly upsert: Statement<[string, string, string, number]>;
  private readonly remove: Statement<[string]>;

  constructor(db: Database) {
    this.selectOfConsole = db.prepare('SELECT record FROM drafts WHERE console_id = ? ORDER BY updated_at');
    this.selectOne = db.prepare('SELECT record FROM drafts WHERE id = ?');
    this.upsert = db.prepare(
      'INSERT INTO drafts (id, console_id, record, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at',
    );
    this.remove = db.prepare('DELETE FROM drafts WHERE id = ?');
  }

  /** One console's drafts, oldest change first. */
  listOfConsole(consoleId: string): IntakeDraft[] {
    return this.selectOfConsole.all(consoleId).map((row) => JSON.parse(row.record) as IntakeDraft);
  }

  get(id: string): IntakeDraft | null {
    const row = this.selectOne.get(id);
    return row ? (JSON.parse(row.record) as IntakeDraft) : null;
  }

  put(draft: IntakeDraft, consoleId: string, updatedAt: number): void {
    this.upsert.run(draft.id, consoleId, JSON.stringify(draft), updatedAt);
  }

  /** True when there was such a draft. */
  delete(id: string): boolean {
    return this.remove.run(id).changes > 0;
  }
}
