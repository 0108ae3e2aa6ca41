import { AppError } from '../../../src-shared/contract/errors';
import type { IntakeDraft } from '../../../src-shared/contract/schemas';
import type { DraftRepository } from '../store/draftRepository';

/** Intakes in progress on this console. Working state, not events: kept so a reload loses nothing. */
export class DraftStore {
  constructor(
    private readonly repository: DraftRepository,
    private readonly consoleId: string,
  ) {}

  list(): IntakeDraft[] {
    return this.repository.listOfConsole(this.consoleId);
  }

  get(id: string): IntakeDraft | null {
    return this.repository.get(id);
  }

  /** Saves on top of the version the window started from; a newer stored version means another window saved first. */
  save(draft: IntakeDraft, now: number): IntakeDraft {
    const stored = this.get(draft.id);
    if (stored && stored.version !== draft.version) {
      throw new AppError('CONFLICT', `intake ${draft.id} was changed in another window (version ${stored.version})`);
    }
    const saved: IntakeDraft = { ...draft, updatedAt: now, version: draft.version + 1 };
    this.repository.put(saved, this.consoleId, now);
    return saved;
  }

  delete(id: string): boolean {
    return this.repository.delete(id);
  }
}
