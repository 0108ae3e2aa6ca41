import { create } from 'zustand';
import type { LayoutState } from '../../../src-shared/contract/api';

/** The workstation layout as the host last announced it (`layout.get`, then `onLayoutChanged`). */
export interface LayoutStoreState {
  readonly state: LayoutState | null;
}

export interface LayoutStoreActions {
  /** @internal from resync and host events; an older layout never replaces a newer one */
  apply: (state: LayoutState) => void;
}

export const useLayoutStore = create<LayoutStoreState & LayoutStoreActions>()((set) => ({
  state: null,
  apply: (state) =>
    set((current) => (current.state && current.state.layout.version > state.layout.version ? current : { state })),
}));
