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

/** An error as data: what a channel returns instead of throwing across the boundary. */
export interface ErrorData {
  readonly code: ErrorCode;
  /** Technical English text for logs; the UI translates by `code`. */
  readonly message: string;
  readonly issues?: readonly FieldIssue[];
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
  ) {
    super(message);
  }

  toData(): ErrorData {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }

  static fromData(data: ErrorData): AppError {
    return new AppError(data.code, data.message, data.issues);
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
