import { create } from 'zustand';
import { AppError, type ErrorCode } from '../../../src-shared/contract/errors';

export interface ShownError {
  readonly id: number;
  readonly code: ErrorCode;
  /** Technical detail (English); the UI leads with the translated text for `code`. */
  readonly detail: string;
  readonly at: number;
}

export interface ErrorState {
  readonly errors: readonly ShownError[];
}

export interface ErrorActions {
  report: (error: unknown) => void;
  dismiss: (id: number) => void;
}

const MAX_SHOWN = 5;
let nextErrorId = 1;

export const useErrorStore = create<ErrorState & ErrorActions>()((set) => ({
  errors: [],
  report: (error) => {
    const appError =
      error instanceof AppError
        ? error
        : new AppError('INTERNAL', error instanceof Error ? error.message : String(error));
    const shown: ShownError = { id: nextErrorId++, code: appError.code, detail: appError.message, at: Date.now() };
    set((current) => ({ errors: [...current.errors, shown].slice(-MAX_SHOWN) }));
  },
  dismiss: (id) => set((current) => ({ errors: current.errors.filter((error) => error.id !== id) })),
}));

/** The one path for renderer async work: failures land in the errors slice the UI shows. */
export function runTask(task: Promise<unknown>): void {
  task.catch((error: unknown) => useErrorStore.getState().report(error));
}
