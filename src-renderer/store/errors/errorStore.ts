import { create } from 'zustand';
import { AppError, type ErrorCode, type ErrorReason } from '../../../src-shared/contract/errors';

export interface ShownError {
  readonly id: number;
  readonly code: ErrorCode;
  /** Technical detail (English); the UI leads with the translated text for `reason` or `code`. */
  readonly detail: string;
  /** Why the host refused, for a message in the UI language. */
  readonly reason: ErrorReason | null;
  readonly at: number;
  /** How many times the same error came in a row (a repeated key press): shown once, counted. */
  readonly repeats: number;
}

export interface ErrorState {
  readonly errors: readonly ShownError[];
}

export interface ErrorActions {
  report: (error: unknown) => void;
  dismiss: (id: number) => void;
}

/** Never a stack over the console: the newest three, the oldest dropped first. */
const MAX_SHOWN = 3;

/** Errors the dispatcher must close (the console may be unable to save or reach its host). */
export const CRITICAL_CODES: readonly ErrorCode[] = ['STORAGE', 'TRANSPORT', 'UNAVAILABLE', 'INTERNAL'];
export const isCriticalError = (error: Pick<ShownError, 'code'>): boolean => CRITICAL_CODES.includes(error.code);
let nextErrorId = 1;

export const useErrorStore = create<ErrorState & ErrorActions>()((set) => ({
  errors: [],
  report: (error) => {
    const appError =
      error instanceof AppError
        ? error
        : new AppError('INTERNAL', error instanceof Error ? error.message : String(error));
    const shown: ShownError = {
      id: nextErrorId++,
      code: appError.code,
      detail: appError.message,
      reason: appError.reason ?? null,
      at: Date.now(),
      repeats: 1,
    };
    set((current) => {
      const same = current.errors.find((error) => error.code === shown.code && error.detail === shown.detail);
      const others = current.errors.filter((error) => error !== same);
      // A repeat moves to the end with a fresh id, so its auto-dismiss clock starts again.
      const next = same ? { ...shown, repeats: same.repeats + 1 } : shown;
      return { errors: [...others, next].slice(-MAX_SHOWN) };
    });
  },
  dismiss: (id) => set((current) => ({ errors: current.errors.filter((error) => error.id !== id) })),
}));

/** The one path for renderer async work: failures land in the errors slice the UI shows. */
export function runTask(task: Promise<unknown>): void {
  task.catch((error: unknown) => useErrorStore.getState().report(error));
}
