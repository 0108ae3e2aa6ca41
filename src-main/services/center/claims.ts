import { AppError } from '../../../src-shared/contract/errors';

/** Who holds a claim: the console and operator that won it, and for what. */
export interface ClaimHolder {
  readonly console: string;
  readonly operator: string;
  readonly incidentId?: string;
  /** `assign`: the unit was taken for `incidentId`; `release`: it was freed (cleared, undo, an aborted dispatch). */
  readonly kind?: 'answer' | 'assign' | 'release';
}

export type ClaimOutcome = { readonly won: true } | { readonly won: false; readonly holder: ClaimHolder };

/**
 * The center-wide winner of an exclusive action (answering a call, assigning a unit). Built only on
 * create-if-absent (docs/center.md): the first create of a key wins, every later one loses and reads
 * the winner. Standalone consoles grant every claim (the store's transaction is the only writer).
 */
export interface ExclusiveClaims {
  /** `claim.<callId>`: who answers the call. */
  claimCall(callId: string, holder: ClaimHolder): Promise<ClaimOutcome>;
  /** `assign.<unitId>.<epoch>`: the unit's next assignment (or release) epoch. */
  claimUnitEpoch(unitId: string, epoch: number, holder: ClaimHolder): Promise<ClaimOutcome>;
  /** Whether claims are real (center mode): the unit service stamps epochs on assignments only then. */
  readonly centerWide: boolean;
}

export const standaloneClaims: ExclusiveClaims = {
  claimCall: () => Promise.resolve({ won: true }),
  claimUnitEpoch: () => Promise.resolve({ won: true }),
  centerWide: false,
};

/** The CONFLICT a losing position gets, naming where and by whom the action was taken. */
export function claimConflict(what: string, holder: ClaimHolder): AppError {
  return new AppError('CONFLICT', `${what} at ${holder.console} by ${holder.operator}`);
}
