import { create } from 'zustand';
import type { DrillState } from '../../../src-shared/domain/drill/drillRun';

export interface DrillStoreState {
  /** The drill on this console as its trainer sees it; null until one is loaded (and for every other role). */
  readonly drill: DrillState | null;
  /** When this window received `drill` (window clock, UTC ms): the trainer's clock runs on from there. */
  readonly receivedAt: number;
}

export interface DrillStoreActions {
  /** @internal set on every onDrillChanged event (sent to trainers' windows only) and on every (re)connect */
  setDrill: (drill: DrillState | null, receivedAt: number) => void;
}

export const useDrillStore = create<DrillStoreState & DrillStoreActions>()((set) => ({
  drill: null,
  receivedAt: 0,
  setDrill: (drill, receivedAt) => set({ drill, receivedAt }),
}));
