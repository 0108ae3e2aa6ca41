import { create } from 'zustand';
import type { CenterStatus } from '../../../src-shared/contract/api';

export interface CenterState {
  /** Null until the host has answered once; `mode: 'standalone'` when no center is configured. */
  readonly status: CenterStatus | null;
}

export interface CenterActions {
  /** @internal set on every (re)connect and on every onCenterStatus event */
  setStatus: (status: CenterStatus) => void;
}

export const useCenterStore = create<CenterState & CenterActions>()((set) => ({
  status: null,
  setStatus: (status) => set({ status }),
}));

export const centerSelectors = {
  isCenter: (state: CenterState): boolean => state.status?.mode === 'center',
  /** Positions online now, this one included. */
  onlineCount: (state: CenterState): number => state.status?.consoles.filter((console) => console.online).length ?? 0,
  /** This console's code, to tell its own calls from those ringing at another position. */
  consoleCode: (state: CenterState): string | null => state.status?.consoleCode ?? null,
};
