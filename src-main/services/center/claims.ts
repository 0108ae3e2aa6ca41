import { AppError } from '../../../src-shared/contract/errors';

/** Who holds a claim: the console and operator that won it, and for what. */
export interface ClaimHolder {
  readonly console: string;
  readonly operator: string;
  readonly incidentId?: string;
  /** `assign`: the unit was taken for `incidentId`; `release`: it was freed (cleared, undo, an aborted dispatch). */
  readonly kind?: 'answer' | 'assign' | 'release';
}

/**
 * `won` and `lost` are the center's answer. `pending`: the center could not answer in time (cut off,
 * no quorum, a leader failing over): the action goes ahead provisionally and the claim is made again,
 * with the same token, until the center answers (docs/center.md, "When the network drops").
 */
export type ClaimOutcome =
  | { readonly status: 'won' }
  | { readonly status: 'lost'; readonly holder: ClaimHolder }
  | { readonly status: 'pending'; readonly token: string };

/**
 * The center-wide winner of an exclusive action (answering a call, assigning a unit). Built only on
 * create-if-absent (docs/center.md): the first create of a key wins, every later one loses and reads
 * the winner. Standalone consoles win every claim (the store's transaction is the only writer).
 */
export interface ExclusiveClaims {
  /** Claims `key`; `token` repeats an earlier pending claim (a retry that finds it under the key won). */
  claim(key: string, holder: ClaimHolder, token?: string): Promise<ClaimOutcome>;
  /** Whether claims are real (center mode): epochs are stamped and provisional actions recorded only then. */
  readonly centerWide: boolean;
}

export const standaloneClaims: ExclusiveClaims = {
  claim: () => Promise.resolve({ status: 'won' }),
  centerWide: false,
};

/** Who answers a call; a transferred call is answered afresh (one key per transfer). */
export const callClaimKey = (callId: string, transfers = 0): string =>
  transfers === 0 ? `claim.${callId}` : `claim.${callId}.t${String(transfers)}`;
/** A unit's assignment epoch (each assignment and each release takes the next one). */
export const unitClaimKey = (unitId: string, epoch: number): string => `assign.${unitId}.${String(epoch)}`;

/** The CONFLICT a losing position gets, naming where and by whom the action was taken. */
export function claimConflict(what: string, holder: ClaimHolder): AppError {
  return new AppError('CONFLICT', `${what} at ${holder.console} by ${holder.operator}`);
}
