import { copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Profile } from '../../../src-shared/contract/schemas';
import { AuditTrail, type VerifyResult } from './audit';
import { checkIntegrity, openDatabase, type IntegrityResult } from './database';
import { describeOwner, readDatabaseOwner, type DatabaseOwner } from './owner';
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

/** What a restore forced past a refused owner, and why (audited in the restored database). */
export interface ForcedRestore {
  readonly reason: string;
  readonly actor: string;
}

/**
 * Replaces a profile's database with a backup, after checking it. Refuses a backup recorded as
 * another center's, console's or profile's (a drill backup into the live profile) unless `force`
 * gives a reason. The backup is first copied beside the database and checked there; only then is
 * the current file renamed aside (`<profile>.db.replaced-<stamp>`, never deleted) and the copy
 * renamed into place, so a failure at any step leaves a database where it was and says where.
 * Every restore is audited in the restored database. The host must be stopped.
 */
export function restoreBackup(options: {
  dataDir: string;
  profile: Profile;
  from: string;
  now: number;
  /** Whom the target is: the workstation's center and console (and the profile being restored). */
  expected: { readonly center: string; readonly console: string };
  force?: ForcedRestore;
}): {
  replacedBy: string;
  keptAs: string | null;
  backupOwner: DatabaseOwner;
  forced: boolean;
} {
  const target = databasePath(options.dataDir, options.profile);
  const from = realpathSync(options.from);
  if (existsSync(target) && realpathSync(target) === from)
    throw new RestoreError(`${options.from} is the ${options.profile} profile's own database, not a backup`);
  checkRestorable(options.from);
  const backupOwner = ownerOfFile(from);
  const mismatches = ownerMismatches(backupOwner, {
    center: options.expected.center,
    console: options.expected.console,
    profile: options.profile,
  });
  if (mismatches.length > 0 && options.force === undefined)
    throw new RestoreError(
      `${options.from} belongs to ${describeOwner(backupOwner)}, not this ${mismatches.join(', ')}; restoring it would mix records of another ${mismatches.map((entry) => entry.split(' ')[0]).join('/')} into this one. If that is really wanted, run again with --force --reason "why"`,
    );

  // Copy first, into the same directory (so the final rename is atomic), and check the copy.
  const incoming = `${target}.restoring-${stamp(options.now)}`;
  copyFileSync(from, incoming);
  try {
    checkRestorable(incoming);
    auditRestore(incoming, {
      at: options.now,
      from: options.from,
      backupOwner,
      mismatches,
      ...(options.force !== undefined && { force: options.force }),
    });
  } catch (error) {
    rmSync(incoming, { force: true });
    throw error instanceof RestoreError
      ? error
      : new RestoreError(`${options.from} could not be prepared: ${messageOf(error)}`);
  }

  let keptAs: string | null = null;
  if (existsSync(target)) {
    keptAs = `${target}.replaced-${stamp(options.now)}`;
    try {
      renameWithSidecars(target, keptAs);
    } catch (error) {
      rmSync(incoming, { force: true });
      throw new RestoreError(
        `could not move ${target} aside (${messageOf(error)}); it is unchanged, nothing was restored`,
      );
    }
  }
  try {
    renameSync(incoming, target);
  } catch (error) {
    throw new RestoreError(
      `could not put the restored copy in place (${messageOf(error)}): the restored copy is ${incoming}${keptAs === null ? '' : `, the database it was to replace is ${keptAs}`}`,
    );
  }
  return { replacedBy: basename(options.from), keptAs, backupOwner, forced: mismatches.length > 0 };
}

function checkRestorable(path: string): void {
  const check = checkDatabaseFile(path);
  if (!check.integrity.ok)
    throw new RestoreError(`${path} is damaged: ${check.integrity.problems.slice(0, 3).join('; ')}`);
  if (check.audit && !check.audit.ok) {
    throw new RestoreError(
      `${path} fails its audit chain at ${check.audit.firstBad.table} ${check.audit.firstBad.key}: ${check.audit.firstBad.reason}`,
    );
  }
}

function ownerOfFile(path: string): DatabaseOwner {
  const db = openDatabase({ path, readonly: true });
  try {
    return readDatabaseOwner(db);
  } finally {
    db.close();
  }
}

/** `center BGD`, `console C2`, `profile live`: what the backup says that differs (unknown never differs). */
function ownerMismatches(
  owner: DatabaseOwner,
  expected: { center: string; console: string; profile: string },
): string[] {
  return [
    owner.center !== null && owner.center !== expected.center && `center ${expected.center}`,
    owner.console !== null && owner.console !== expected.console && `console ${expected.console}`,
    owner.profile !== null && owner.profile !== expected.profile && `profile ${expected.profile}`,
  ].filter((entry): entry is string => entry !== false);
}

function auditRestore(
  path: string,
  restore: {
    at: number;
    from: string;
    backupOwner: DatabaseOwner;
    mismatches: readonly string[];
    force?: ForcedRestore;
  },
): void {
  const db = openDatabase({ path });
  try {
    db.transaction(() => {
      new AuditTrail(db).append({
        at: restore.at,
        actor: restore.force?.actor ?? 'nida db restore',
        consoleId: restore.backupOwner.console ?? 'cli',
        action: restore.force === undefined ? 'db.restore' : 'db.restore.forced',
        subject: `file:${basename(restore.from)}`,
        details: {
          from: restore.from,
          backupOwner: describeOwner(restore.backupOwner),
          ...(restore.force !== undefined && { refused: restore.mismatches, reason: restore.force.reason }),
        },
      });
    })();
    // The copy is renamed into place next: nothing may stay in a WAL beside it.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

function renameWithSidecars(from: string, to: string): void {
  renameSync(from, to);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
