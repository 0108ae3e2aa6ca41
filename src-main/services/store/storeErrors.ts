import { AppError } from '../../../src-shared/contract/errors';

/** The store cannot be trusted (failed integrity check, unreadable file): it refuses every write. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

interface SqliteLikeError {
  readonly code?: unknown;
  readonly message: string;
}

const explanations: readonly [RegExp, string][] = [
  [/^SQLITE_FULL/, 'the disk is full: nothing was saved; free space on the data drive'],
  [/^SQLITE_READONLY/, 'the database is read-only: nothing was saved; check the data folder permissions and disk'],
  [/^SQLITE_BUSY|^SQLITE_LOCKED/, 'the database is locked by another program: nothing was saved; retry'],
  [/^SQLITE_CORRUPT|^SQLITE_NOTADB/, 'the database file is damaged: nothing was saved; restore the latest backup'],
  [/^SQLITE_IOERR|^SQLITE_CANTOPEN/, 'the disk could not be written: nothing was saved; check the data drive'],
];

/**
 * Turns a SQLite failure into the error the UI shows. The transaction has already been rolled
 * back by better-sqlite3, so nothing half-written remains.
 */
export function storageError(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error;
  const sqlite = error as SqliteLikeError;
  const code = typeof sqlite.code === 'string' ? sqlite.code : '';
  const explanation = explanations.find(([pattern]) => pattern.test(code))?.[1];
  if (error instanceof StoreUnavailableError) return new AppError('STORAGE', `${action} refused: ${error.message}`);
  if (explanation) return new AppError('STORAGE', `${action} failed: ${explanation} (${code})`);
  return new AppError('STORAGE', `${action} failed: ${sqlite.message}`);
}

export function isSqliteError(error: unknown): error is SqliteLikeError & { code: string } {
  return (
    error instanceof Error &&
    typeof (error as SqliteLikeError).code === 'string' &&
    String((error as SqliteLikeError).code).startsWith('SQLITE_')
  );
}
