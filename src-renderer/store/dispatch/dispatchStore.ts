import { create } from 'zustand';

/** What the open incident's dispatch panel would send if the dispatcher pressed its key now. */
export interface PendingDispatch {
  readonly incidentId: string;
  readonly unitIds: readonly string[];
}

export interface DispatchState {
  readonly pending: PendingDispatch | null;
  /** Bumped by the command-line key; the bar focuses itself when it changes. */
  readonly commandFocus: number;
}

export interface DispatchActions {
  /** @internal the dispatch panel keeps this current */
  setPending: (pending: PendingDispatch | null) => void;
  focusCommandLine: () => void;
}

export const useDispatchStore = create<DispatchState & DispatchActions>()((set) => ({
  pending: null,
  commandFocus: 0,
  setPending: (pending) => set({ pending }),
  focusCommandLine: () => set((state) => ({ commandFocus: state.commandFocus + 1 })),
}));
