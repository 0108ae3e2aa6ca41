import { create } from 'zustand';
import type { ConsoleInfo, StorageStatus } from '../../../src-shared/contract/api';

export interface ConsoleState {
  /** Null until the host has answered once. */
  readonly info: ConsoleInfo | null;
  /** Null until the host has answered once. */
  readonly storage: StorageStatus | null;
}

export interface ConsoleActions {
  /** @internal set on every (re)connect */
  setInfo: (info: ConsoleInfo) => void;
  /** @internal set on connect and on every onStorageStatus event */
  setStorage: (storage: StorageStatus) => void;
}

export const useConsoleStore = create<ConsoleState & ConsoleActions>()((set) => ({
  info: null,
  storage: null,
  setInfo: (info) => set({ info }),
  setStorage: (storage) => set({ storage }),
}));

export const consoleSelectors = {
  isTraining: (state: ConsoleState): boolean => state.info !== null && state.info.profile !== 'live',
  storageRefused: (state: ConsoleState): boolean => state.storage !== null && !state.storage.writable,
};
