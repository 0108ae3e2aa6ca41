import { create } from 'zustand';

export interface SelectionState {
  /** The incident whose detail is open in this window. */
  readonly incidentId: string | null;
  /** The unit selected on the map or the unit board (highlighted in both). */
  readonly unitId: string | null;
}

export interface SelectionActions {
  selectIncident: (incidentId: string | null) => void;
  selectUnit: (unitId: string | null) => void;
}

export const useSelectionStore = create<SelectionState & SelectionActions>()((set) => ({
  incidentId: null,
  unitId: null,
  selectIncident: (incidentId) => set({ incidentId }),
  selectUnit: (unitId) => set({ unitId }),
}));
