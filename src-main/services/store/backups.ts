import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Profile } from '../../../src-shared/contract/schemas';
import { AuditTrail, type VerifyResult } from './audit';
import { checkIntegrity, openDatabase, type IntegrityResult } from './database';
import type { Store } from './store';

/** `<data>/<profile>.db`: drills and demos never share a file with live records. */
export function databasePath(dataDir: string, profile: Profile): string {
  return join(dataDir, `${profile}.db`);
}

export function backupDir(dataDir: string, profile: Profile): string {
  return join(dataDir, 'backups', profile);
}

export interface BackupFile {
  readonly path: string;
  /** UTC ms encoded in the file name (when the backup was taken). */
  readonly takenAt: number;
  readonly bytes: number;
}

const NAME = /^(live|drill|demo)-(\d{8}T\d{6}\d{3}Z)\.db$/;

/** `<profile>-YYYYMMDDTHHMMSSmmmZ.db`: sortable, and what `listBackups` and pruning recognise. */
export function backupFileName(profile: Profile, utcMs: number): string {
  return `${profile}-${stamp(utcMs)}.db`;
}

function stamp(utcMs: number): string {
  return new Date(utcMs).toISOString().replace(/[-:]/g, '').replace('.', '');
}

function parseStamp(text: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(text);
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s, ms] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/** Backups of one profile, newest first. */
export function listBackups(dataDir: string, profile: Profile): BackupFile[] {
  const directory = backupDir(dataDir, profile);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .map((name) => ({ name, match: NAME.exec(name) }))
    .filter((entry) => entry.match?.[1] === profile && entry.match[2] !== undefined)
    .map((entry) => {
      const path = join(directory, entry.name);
      return { path, takenAt: parseStamp(entry.match?.[2] ?? ''), bytes: statSync(path).size };
    })
    .sort((a, b) => b.takenAt - a.takenAt);
}

export function latestBackup(dataDir: string, profile: Profile): BackupFile | null {
  return listBackups(dataDir, profile)[0] ?? null;
}

/** Online backup (SQLite backup API: consistent while the console keeps writing), then pruning. */
export async function backupStore(
  store: Pick<Store, 'backup'>,
  options: { dataDir: string; profile: Profile; now: number; keep: number; destination?: string },
): Promise<BackupFile> {
  const directory = backupDir(options.dataDir, options.profile);
  mkdirSync(directory, { recursive: true });
  const destination = options.destination ?? join(directory, backupFileName(options.profile, options.now));
  const partial = `${destination}.partial`;
  await store.backup(partial);
  // A backup is a single self-contained file: rollback journal, so reading it never needs -wal/-shm.
  const copy = openDatabase({ path: partial });
  copy.pragma('journal_mode = DELETE');
  copy.close();
  renameSync(partial, destination); // a crash mid-backup never leaves a file that looks complete
  pruneBackups(options.dataDir, options.profile, options.keep);
  return { path: destination, takenAt: options.now, bytes: statSync(destination).size };
}

/** Keeps the newest `keep` backups of a profile. */
export function pruneBackups(dataDir: string, profile: Profile, keep: number): string[] {
  const removed: string[] = [];
  for (const backup of listBackups(dataDir, profile).slice(Math.max(1, keep))) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(backup.path + suffix, { force: true });
    removed.push(backup.path);
  }
  return removed;
}

export interface BackupCheck {
  readonly integrity: IntegrityResult;
  readonly audit: VerifyResult | null;
}

/** Opens a database file read-only and checks pages, indexes and the audit chain. */
export function checkDatabaseFile(path: string): BackupCheck {
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase({ path, readonly: true });
  } catch (error) {
    // A file SQLite cannot even open (damaged header, not a database) fails the check; it does not throw.
    return {
      integrity: { ok: false, problems: [error instanceof Error ? error.message : String(error)] },
      audit: null,
    };
  }
  try {
    const integrity = checkIntegrity(db, true);
    if (!integrity.ok) return { integrity, audit: null };
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    const missing = ['meta', 'events', 'audit', 'incidents'].filter(
      (name) => !tables.some((table) => table.name === name),
    );
    if (missing.length > 0) {
      return {
        integrity: { ok: false, problems: [`not a Nida database (no ${missing.join(', ')} table)`] },
        audit: null,
      };
    }
    return { integrity, audit: new AuditTrail(db).verify() };
  } finally {
    db.close();
  }
}

export class RestoreError extends Error {
  override readonly name = 'RestoreError';
}

/**
 * Replaces a profile's database with a backup, after checking the backup. The current file is
 * kept beside it (`<profile>.db.replaced-<stamp>`), never deleted. The host must be stopped.
 */
export function restoreBackup(options: { dataDir: string; profile: Profile; from: string; now: number }): {
  replacedBy: string;
  keptAs: string | null;
} {
  const check = checkDatabaseFile(options.from);
  if (!check.integrity.ok)
    throw new RestoreError(`${options.from} is damaged: ${check.integrity.problems.slice(0, 3).join('; ')}`);
  if (check.audit && !check.audit.ok) {
    throw new RestoreError(
      `${options.from} fails its audit chain at ${check.audit.firstBad.table} ${check.audit.firstBad.key}: ${check.audit.firstBad.reason}`,
    );
  }
  const target = databasePath(options.dataDir, options.profile);
  let keptAs: string | null = null;
  if (existsSync(target)) {
    keptAs = `${target}.replaced-${stamp(options.now)}`;
    renameSync(target, keptAs);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix);
    }
  }
  copyFileSync(options.from, target);
  return { replacedBy: basename(options.from), keptAs };
}
