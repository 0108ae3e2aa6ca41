import { renameSync, rmSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { AuditTrail, type AuditAction, type VerifyResult } from './audit';
import { checkIntegrity, openDatabase } from './database';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { StoreUnavailableError } from './storeErrors';

/**
 * Maintenance of a profile's database file from a terminal (`nida db`), beside a console that may
 * be running: each function opens its own short-lived connection, read-only unless it says so, and
 * closes it. The CLI never holds a connection itself.
 */

export interface DatabaseInspection {
  /** integrity_check findings, or why the file could not be read; empty when all is well. */
  readonly problems: readonly string[];
  readonly schemaVersion: number | null;
  readonly pageSize: number;
  readonly pages: number;
  readonly freePages: number;
  /** Row counts (null: the table is missing, an older schema); empty when there were problems. */
  readonly counts: Readonly<Record<string, number | null>>;
}

const COUNTS = {
  incidents: 'SELECT count(*) AS n FROM incidents',
  openIncidents: "SELECT count(*) AS n FROM incidents WHERE status <> 'closed'",
  events: 'SELECT count(*) AS n FROM events',
  notes: 'SELECT count(*) AS n FROM incident_notes',
  auditRows: 'SELECT count(*) AS n FROM audit',
} as const;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Full integrity check (read-only), the schema version, the page figures and the main row counts. */
export function inspectDatabase(path: string): DatabaseInspection {
  const problems: string[] = [];
  const figures = { schemaVersion: null as number | null, pageSize: 0, pages: 0, freePages: 0 };
  const counts: Record<string, number | null> = {};
  let db: Database;
  try {
    db = openDatabase({ path, readonly: true });
  } catch (error) {
    return { problems: [messageOf(error)], ...figures, counts };
  }
  try {
    const integrity = checkIntegrity(db, true);
    if (!integrity.ok) problems.push(...integrity.problems);
    try {
      figures.schemaVersion = db.pragma('user_version', { simple: true }) as number;
      figures.pageSize = db.pragma('page_size', { simple: true }) as number;
      figures.pages = db.pragma('page_count', { simple: true }) as number;
      figures.freePages = db.pragma('freelist_count', { simple: true }) as number;
    } catch (error) {
      problems.push(messageOf(error));
    }
    if (problems.length === 0) {
      for (const [name, sql] of Object.entries(COUNTS)) {
        try {
          counts[name] = db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
        } catch {
          counts[name] = null; // an older schema without the table
        }
      }
    }
  } finally {
    db.close();
  }
  return { problems, ...figures, counts };
}

/**
 * Verifies the audit hash chain and every event against it (read-only). Throws
 * `StoreUnavailableError` when the file cannot be opened; any other error is the verification's.
 */
export function verifyAuditFile(path: string): VerifyResult {
  let db: Database;
  try {
    db = openDatabase({ path, readonly: true });
  } catch (error) {
    throw new StoreUnavailableError(messageOf(error));
  }
  try {
    return new AuditTrail(db).verify();
  } finally {
    db.close();
  }
}

/**
 * Online backup of a database file into `destination` through its own read-only connection: safe
 * beside a running console, never a second writer. Written to `<destination>.partial` first and
 * renamed, so a crash mid-backup never leaves a file that looks complete.
 */
export async function backupDatabaseFile(path: string, destination: string): Promise<void> {
  const partial = `${destination}.partial`;
  const db = openDatabase({ path, readonly: true });
  try {
    // After the first step, copy everything that remains in one step: one consistent snapshot,
    // instead of restarting each time the console commits between small steps.
    await db.backup(partial, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
    renameSync(partial, destination);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

export type BesideHostOutcome = { readonly appended: true } | { readonly appended: false; readonly reason: string };

/**
 * Appends one audit row while a console holds the profile: a short-lived connection appends only
 * that row, in an IMMEDIATE transaction. SQLite serializes it with the console's writes and the
 * chain head is read inside the transaction, so the chain stays linked; nothing else is written (no
 * incident numbers, no clock), which is what the profile lock protects.
 */
export function appendAuditBesideHost(
  path: string,
  consoleId: string,
  action: Omit<AuditAction, 'at' | 'consoleId'>,
  now: number,
): BesideHostOutcome {
  let db: Database | null = null;
  try {
    db = openDatabase({ path, busyTimeoutMs: 10_000 });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== LATEST_SCHEMA_VERSION) {
      return {
        appended: false,
        reason: `the database schema (${version}) is not this Nida's (${LATEST_SCHEMA_VERSION})`,
      };
    }
    const connection = db;
    connection.transaction(() => new AuditTrail(connection).append({ ...action, at: now, consoleId })).immediate();
    return { appended: true };
  } catch (error) {
    return { appended: false, reason: messageOf(error) };
  } finally {
    db?.close();
  }
}
