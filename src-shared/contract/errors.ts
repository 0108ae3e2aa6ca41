/** Error codes that cross the host boundary. The UI shows a translated message per code. */
export const errorCodes = [
  'INVALID_ARGUMENT',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAVAILABLE',
  'STORAGE',
  'TRANSPORT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with an argument, as reported by validation. */
export interface FieldIssue {
  /** Dotted path into the arguments, empty for the whole value. */
  readonly path: string;
  readonly message: string;
}

/**
 * Why an operation was refused, for the UI to say in its language (the message stays English, for
 * the log). Params are data (callsigns, numbers) or codes the UI translates (unit statuses).
 */
export const errorReasonKeys = [
  'unit-status-same',
  'unit-status-transition',
  'unit-needs-incident',
  'unit-not-assigned',
  'unit-changed',
  // Operators and sessions (docs/operator-guide.md, "Signing in"):
  /** No operator is signed in at this window. */
  'sign-in-required',
  /** The window's session is locked: unlock with the password. */
  'session-locked',
  /** The session ended (the lock lasted too long, or the console restarted): sign in again. */
  'session-expired',
  /** The operator's roles do not include one the channel needs (`roles`: the roles that may). */
  'role-forbidden',
  /** Unknown sign-in name or wrong password (which of the two is not said). */
  'sign-in-wrong',
  'operator-disabled',
  /** Too many failed attempts: refused until `until` (UTC ms) or an administrator lifts it. */
  'operator-locked-out',
  /** The roster already has operators: the first administrator is created only once. */
  'roster-not-empty',
  /** The handover summary was not acknowledged in time, or another handover replaced it. */
  'handover-expired',
] as const;
export type ErrorReasonKey = (typeof errorReasonKeys)[number];

export interface ErrorReason {
  readonly key: ErrorReasonKey;
  readonly params: Readonly<Record<string, string>>;
}

/** An error as data: what a channel returns instead of throwing across the boundary. */
export interface ErrorData {
  readonly code: ErrorCode;
  /** Technical English text for logs; the UI translates by `code` (and `reason`, when given). */
  readonly message: string;
  readonly issues?: readonly FieldIssue[];
  readonly reason?: ErrorReason;
}

/** The answer to every channel call. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };

/** Thrown by services and rethrown by transports on the renderer side. */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: readonly FieldIssue[],
    readonly reason?: ErrorReason,
  ) {
    super(message);
  }

  /** A refusal the UI can explain in its own language. */
  static because(code: ErrorCode, message: string, reason: ErrorReason): AppError {
    return new AppError(code, message, undefined, reason);
  }

  toData(): ErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }

  static fromData(data: ErrorData): AppError {
    return new AppError(data.code, data.message, data.issues, data.reason);
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure(error: ErrorData): Result<never> {
  return { ok: false, error };
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Ends every switch over a union: a new member becomes a compile error here. */
export function assertNever(value: never, what = 'value'): never {
  throw new AppError('INTERNAL', `unexpected ${what}: ${JSON.stringify(value)}`);
}
