import { create } from 'zustand';
import type { ConflictRecord } from '../../../src-shared/domain/conflict';

export interface ConflictState {
  readonly byId: Readonly<Record<string, ConflictRecord>>;
}

export interface ConflictActions {
  /** @internal host events and the list loaded on (re)connect (app/hostFeed.ts) */
  upsert: (conflict: ConflictRecord) => void;
  /** @internal */
  replace: (conflicts: readonly ConflictRecord[]) => void;
}

export const useConflictStore = create<ConflictState & ConflictActions>()((set) => ({
  byId: {},
  upsert: (conflict) =>
    set((current) => {
      const known = current.byId[conflict.id];
      // An older version never replaces a newer one (a reply and its event may cross).
      if (known && known.version >= conflict.version) return current;
      return { byId: { ...current.byId, [conflict.id]: conflict } };
    }),
  replace: (conflicts) => set({ byId: Object.fromEntries(conflicts.map((conflict) => [conflict.id, conflict])) }),
}));

const byDetection = (a: ConflictRecord, b: ConflictRecord): number => b.detectedAt - a.detectedAt;

export const conflictSelectors = {
  /** Open conflicts, newest first. */
  open: (state: ConflictState): ConflictRecord[] =>
    Object.values(state.byId)
      .filter((conflict) => conflict.resolution === null)
      .sort(byDetection),
  /** Resolved conflicts, newest first. */
  resolved: (state: ConflictState): ConflictRecord[] =>
    Object.values(state.byId)
      .filter((conflict) => conflict.resolution !== null)
      .sort(byDetection),
  openCount: (state: ConflictState): number =>
    Object.values(state.byId).filter((conflict) => conflict.resolution === null).length,
};
