import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { IntakeDraft } from '../../../src-shared/contract/schemas';

/** Intakes in progress on this console. Working state, not events: kept so a reload loses nothing. */
export class DraftStore {
  private readonly selectAll: Statement<[string], { record: string }>;
  private readonly selectOne: Statement<[string], { record: string }>;
  private readonly upsert: Statement<[string, string, string, number]>;
  private readonly remove: Statement<[string]>;

  constructor(
    db: Database,
    private readonly consoleId: string,
  ) {
    this.selectAll = db.prepare('SELECT record FROM drafts WHERE console_id = ? ORDER BY updated_at');
    this.selectOne = db.prepare('SELECT record FROM drafts WHERE id = ?');
    this.upsert = db.prepare(
      'INSERT INTO drafts (id, console_id, record, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at',
    );
    this.remove = db.prepare('DELETE FROM drafts WHERE id = ?');
  }

  list(): IntakeDraft[] {
    return this.selectAll.all(this.consoleId).map((row) => JSON.parse(row.record) as IntakeDraft);
  }

  get(id: string): IntakeDraft | null {
    const row = this.selectOne.get(id);
    return row ? (JSON.parse(row.record) as IntakeDraft) : null;
  }

  /** Saves on top of the version the window started from; a newer stored version means another window saved first. */
  save(draft: IntakeDraft, now: number): IntakeDraft {
    const stored = this.get(draft.id);
    if (stored && stored.version !== draft.version) {
      throw new AppError('CONFLICT', `intake ${draft.id} was changed in another window (version ${stored.version})`);
    }
    const saved: IntakeDraft = { ...draft, updatedAt: now, version: draft.version + 1 };
    this.upsert.run(saved.id, this.consoleId, JSON.stringify(saved), now);
    return saved;
  }

  delete(id: string): boolean {
    return this.remove.run(id).changes > 0;
  }
}
