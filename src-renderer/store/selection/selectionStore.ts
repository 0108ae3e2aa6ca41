import { create } from 'zustand';

export interface SelectionState {
  /** The incident whose detail is open in this window. */
  readonly incidentId: string | null;
}

export interface SelectionActions {
  selectIncident: (incidentId: string | null) => void;
}

export const useSelectionStore = create<SelectionState & SelectionActions>()((set) => ({
  incidentId: null,
  selectIncident: (incidentId) => set({ incidentId }),
}));
