import { create } from 'zustand';
import type { SessionState, WaitingSummary } from '../../../src-shared/contract/api';
import type { OperatorRecord, OperatorRole } from '../../../src-shared/domain/operator';
import { isSupervisor } from '../../../src-shared/domain/operatorRole';

export interface SessionStoreState {
  /** This window's session as the host holds it; null until the host has answered once. */
  readonly session: SessionState | null;
  /** Calls waiting and alarms sounding (counts only): what a locked or signed-out screen shows. */
  readonly waiting: WaitingSummary | null;
  /** The operators roster (administrators' dialog), by sign-in name; filled when the dialog asks. */
  readonly operators: Readonly<Record<string, OperatorRecord>>;
}

export interface SessionStoreActions {
  /** @internal the host's answer (sign-in, resume, lock, handover, `session.current`) */
  setSession: (session: SessionState) => void;
  /** @internal on every (re)connect and on every onWaitingSummary event */
  setWaiting: (waiting: WaitingSummary) => void;
  /** @internal the roster as loaded, then every onOperatorChanged */
  replaceOperators: (operators: readonly OperatorRecord[]) => void;
  /** @internal */
  upsertOperator: (operator: OperatorRecord) => void;
}

export const useSessionStore = create<SessionStoreState & SessionStoreActions>()((set) => ({
  session: null,
  waiting: null,
  operators: {},
  setSession: (session) => set({ session }),
  setWaiting: (waiting) => set({ waiting }),
  replaceOperators: (operators) =>
    set({ operators: Object.fromEntries(operators.map((operator) => [operator.id, operator])) }),
  upsertOperator: (operator) =>
    set((state) => {
      const known = state.operators[operator.id];
      if (known && known.version > operator.version) return state;
      return { operators: { ...state.operators, [operator.id]: operator } };
    }),
}));

const rolesOf = (state: SessionStoreState): readonly OperatorRole[] => state.session?.operator?.roles ?? [];

export const sessionSelectors = {
  /** An operator is at work here (signed in, not locked). */
  isActive: (state: SessionStoreState): boolean => state.session?.state === 'active',
  roles: rolesOf,
  hasRole: (role: OperatorRole) => (state: SessionStoreState) => rolesOf(state).includes(role),
  /** Shift lead or administrator: the actions the host gives only them are offered only to them. */
  isSupervisor: (state: SessionStoreState): boolean => isSupervisor(rolesOf(state)),
  isAdministrator: (state: SessionStoreState): boolean => rolesOf(state).includes('administrator'),
  operatorId: (state: SessionStoreState): string | null => state.session?.operator?.id ?? null,
};
