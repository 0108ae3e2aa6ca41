import { create } from 'zustand';
import type { DrillState } from '../../../src-shared/domain/drill/drillRun';

export interface DrillStoreState {
  /** The drill on this console as its trainer sees it; null until one is loaded (and for every other role). */
  readonly drill: DrillState | null;
}

export interface DrillStoreActions {
  /** @internal set on every onDrillChanged event (sent to trainers' windows only) */
  setDrill: (drill: DrillState) => void;
}

export const useDrillStore = create<DrillStoreState & DrillStoreActions>()((set) => ({
  drill: null,
  setDrill: (drill) => set({ drill }),
}));
