import { create } from 'zustand';
import type { CallRecord } from '../../../src-shared/domain/call';

export interface CallState {
  /** Calls still in the queue (waiting or being answered). */
  readonly byId: Readonly<Record<string, CallRecord>>;
}

export interface CallActions {
  /** @internal replaces the queue on (re)connect */
  replaceActive: (calls: readonly CallRecord[]) => void;
  /** @internal one host event; ended calls leave the queue, older versions never overwrite newer */
  upsert: (call: CallRecord) => void;
}

const isActive = (call: CallRecord): boolean => call.status === 'waiting' || call.status === 'answered';

export const useCallStore = create<CallState & CallActions>()((set) => ({
  byId: {},
  replaceActive: (calls) => set({ byId: Object.fromEntries(calls.filter(isActive).map((call) => [call.id, call])) }),
  upsert: (call) =>
    set((current) => {
      const known = current.byId[call.id];
      if (known && known.version >= call.version) return current;
      if (isActive(call)) return { byId: { ...current.byId, [call.id]: call } };
      return { byId: Object.fromEntries(Object.entries(current.byId).filter(([id]) => id !== call.id)) };
    }),
}));

/**
 * Whether a call is in the queue of the position `thisConsole` (null: standalone, one queue): a call
 * transferred to another position has left it and waits in that position's queue only.
 */
const inQueueOf = (call: CallRecord, thisConsole: string | null): boolean =>
  call.transferredTo === undefined || thisConsole === null || call.transferredTo === thisConsole;

export const callSelectors = {
  /** Oldest first: the call that has waited longest is answered next. */
  queue: (state: CallState, thisConsole: string | null = null): CallRecord[] =>
    Object.values(state.byId)
      .filter((call) => inQueueOf(call, thisConsole))
      .sort((a, b) => a.receivedAt - b.receivedAt),
  nextWaiting: (state: CallState, thisConsole: string | null = null): CallRecord | undefined =>
    Object.values(state.byId)
      .filter((call) => call.status === 'waiting' && inQueueOf(call, thisConsole))
      .sort((a, b) => a.receivedAt - b.receivedAt)[0],
};
