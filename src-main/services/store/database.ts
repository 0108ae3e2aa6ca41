import { privateFile } from '../runtime/privateFiles';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrations';

export type Durability = 'FULL' | 'NORMAL';

export interface OpenDatabaseOptions {
  readonly path: string;
  /**
   * FULL (default): a commit is on disk before it is acknowledged (fsync of the WAL each commit).
   * NORMAL: faster, but the last commits can be lost on power failure. Measured in `npm run bench -- store`.
   */
  readonly durability?: Durability;
  /** better-sqlite3 built for another ABI (the Electron build); see docs/desktop.md. */
  readonly nativeBinding?: string;
  readonly readonly?: boolean;
  /** Milliseconds to wait for a lock held by another connection before failing. */
  readonly busyTimeoutMs?: number;
}

export type IntegrityResult = { readonly ok: true } | { readonly ok: false; readonly problems: readonly string[] };

/** Opens (creating when needed) a store database with Nida's pragmas. Does not check or migrate. */
export function openDatabase(options: OpenDatabaseOptions): Database {
  if (!options.readonly) mkdirSync(dirname(options.path), { recursive: true });
  const db = new BetterSqlite3(options.path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    timeout: options.busyTimeoutMs ?? 5_000,
    ...(options.nativeBinding !== undefined && { nativeBinding: options.nativeBinding }),
  });
  try {
    // Created 0600 under Nida's umask; a file from before (or made by another tool) is narrowed too.
    if (!options.readonly) privateFile(options.path);
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    // Checkpoints happen during quiet moments; a big WAL is fine, an fsync per page is not.
    db.pragma('wal_autocheckpoint = 2000');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -32000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** `PRAGMA quick_check`: catches damaged pages and broken indexes in seconds, even on large files. */
export function checkIntegrity(db: Database, thorough = false): IntegrityResult {
  let rows: { quick_check?: string; integrity_check?: string }[];
  try {
    rows = db.pragma(thorough ? 'integrity_check' : 'quick_check') as typeof rows;
  } catch (error) {
    // Some damage stops the check itself (SQLITE_CORRUPT): that is a failed check, not a crash.
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
  const problems = rows.map((row) => row.quick_check ?? row.integrity_check ?? '').filter((line) => line !== 'ok');
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

export { migrate };

export function databaseExists(path: string): boolean {
  return existsSync(path);
}
