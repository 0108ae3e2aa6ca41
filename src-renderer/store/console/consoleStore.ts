import { create } from 'zustand';
import type { ConsoleInfo } from '../../../src-shared/contract/api';

export interface ConsoleState {
  /** Null until the host has answered once. */
  readonly info: ConsoleInfo | null;
}

export interface ConsoleActions {
  /** @internal set on every (re)connect */
  setInfo: (info: ConsoleInfo) => void;
}

export const useConsoleStore = create<ConsoleState & ConsoleActions>()((set) => ({
  info: null,
  setInfo: (info) => set({ info }),
}));

export const consoleSelectors = {
  isTraining: (state: ConsoleState): boolean => state.info !== null && state.info.profile !== 'live',
};
