import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { type Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { TimelineEntry } from '../../src-shared/contract/api';
import { profileNames, type Profile } from '../../src-shared/contract/schemas';
import type { IncidentEventType } from '../../src-shared/domain/incident';
import { loadConfig, type HostConfig } from '../config/config';
import { manualClock, systemClock } from '../services/runtime/clock';
import { silentLogger } from '../services/runtime/logger';
import { acquireProfileLock, ProfileLockedError, profileLockHolder } from '../host/profileLock';
import { AuditTrail, type AuditAction } from '../services/store/audit';
import {
  backupDir,
  backupFileName,
  databasePath,
  latestBackup,
  listBackups,
  pruneBackups,
  restoreBackup,
  RestoreError,
} from '../services/store/backups';
import { checkIntegrity, openDatabase } from '../services/store/database';
import { incidentFromRow } from '../services/store/incidentProjection';
import { LATEST_SCHEMA_VERSION } from '../services/store/migrations';
import { applyPlans, generatePlans, SEED_ACTOR } from '../services/store/seed';
import { Store } from '../services/store/store';
import { seedDemoUnits } from '../services/units/demoRoster';
import { defaultDataDir, packageVersion } from './paths';

/**
 * `nida db …`: maintenance of a profile's database from a terminal.
 *
 * Beside a running host (it holds `<data>/<profile>.lock`):
 * - check, verify, backup and export read through their own read-only connection (WAL readers
 *   never block the host, and see its latest commit);
 * - restore and seed refuse: they replace or fill the file the host is writing;
 * - export still records its audit row, through a short-lived connection that appends that one
 *   row in an IMMEDIATE transaction. SQLite serializes it with the host's writes and the chain
 *   head is read inside the transaction, so the chain stays linked; nothing else is written (no
 *   incident numbers, no clock), which is what the profile lock protects. With no host running,
 *   export takes the lock and goes through `Store.open` + `recordAction` like any writer.
 *
 * Exit codes: 0 ok, 1 failure (the message says what and what to do), 2 usage.
 */

interface CommonOptions {
  data?: string;
  profile?: Profile;
  json?: boolean;
}

interface Target {
  readonly dataDir: string;
  readonly config: HostConfig;
  readonly profile: Profile;
  readonly path: string;
  readonly json: boolean;
}

function targetOf(options: CommonOptions): Target {
  const dataDir = options.data ? resolve(options.data) : defaultDataDir();
  const config = loadConfig(dataDir, packageVersion());
  const profile = options.profile ?? config.profile;
  return { dataDir, config, profile, path: databasePath(dataDir, profile), json: options.json ?? false };
}

/** Prints the outcome: one JSON object with `--json`, else text (stdout when ok, stderr when not). */
function finish(target: Target, ok: boolean, json: Record<string, unknown>, text: readonly string[]): void {
  if (target.json) process.stdout.write(`${JSON.stringify({ ok, ...json })}\n`);
  else (ok ? process.stdout : process.stderr).write(text.map((line) => `${line}\n`).join(''));
  if (!ok) process.exitCode = 1;
}

function fail(target: Target, message: string, json: Record<string, unknown> = {}, more: readonly string[] = []): void {
  finish(target, false, { error: message, ...json }, [`nida: ${message}`, ...more]);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function megabytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** `2026-11-29 14:05` in the center's zone. */
function localTime(utcMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(utcMs);
}

function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

function restoreHint(target: Target): string[] {
  const latest = latestBackup(target.dataDir, target.profile);
  if (!latest)
    return [`No backup of the ${target.profile} profile was found in ${backupDir(target.dataDir, target.profile)}.`];
  return [
    `The latest backup is ${latest.path} (${localTime(latest.takenAt, target.config.timeZone)}).`,
    'Stop the console, then restore it:',
    `  nida db restore --data ${target.dataDir} --profile ${target.profile} --from ${latest.path}`,
  ];
}

function requireDatabase(target: Target): boolean {
  if (existsSync(target.path)) return true;
  fail(target, `there is no ${target.profile} database at ${target.path}`, { path: target.path });
  return false;
}

// ---------------------------------------------------------------------------------------------

function check(target: Target): void {
  if (!requireDatabase(target)) return;
  const problems: string[] = [];
  let db: Database | null = null;
  try {
    db = openDatabase({ path: target.path, readonly: true });
    const integrity = checkIntegrity(db, true);
    if (!integrity.ok) problems.push(...integrity.problems);
  } catch (error) {
    problems.push(messageOf(error));
  }

  const sizes = {
    database: fileSize(target.path),
    wal: fileSize(`${target.path}-wal`),
    pageSize: 0,
    pages: 0,
    freePages: 0,
  };
  let schemaVersion: number | null = null;
  const counts: Record<string, number | null> = {};
  if (db) {
    try {
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
      sizes.pageSize = db.pragma('page_size', { simple: true }) as number;
      sizes.pages = db.pragma('page_count', { simple: true }) as number;
      sizes.freePages = db.pragma('freelist_count', { simple: true }) as number;
    } catch (error) {
      problems.push(messageOf(error));
    }
    if (problems.length === 0) {
      const queries = {
        incidents: 'SELECT count(*) AS n FROM incidents',
        openIncidents: "SELECT count(*) AS n FROM incidents WHERE status <> 'closed'",
        events: 'SELECT count(*) AS n FROM events',
        notes: 'SELECT count(*) AS n FROM incident_notes',
        auditRows: 'SELECT count(*) AS n FROM audit',
      };
      for (const [name, sql] of Object.entries(queries)) {
        try {
          counts[name] = db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
        } catch {
          counts[name] = null; // an older schema without the table
        }
      }
    }
    db.close();
  }
  if (schemaVersion !== null && schemaVersion > LATEST_SCHEMA_VERSION) {
    problems.push(`schema ${schemaVersion} is newer than this Nida (${LATEST_SCHEMA_VERSION}); update Nida`);
  }

  const backups = listBackups(target.dataDir, target.profile);
  const latest = backups[0] ?? null;
  const host = profileLockHolder(target.dataDir, target.profile);
  const json = {
    profile: target.profile,
    path: target.path,
    schemaVersion,
    latestSchemaVersion: LATEST_SCHEMA_VERSION,
    bytes: sizes,
    counts,
    backups: { count: backups.length, latest: latest && { path: latest.path, takenAt: latest.takenAt } },
    hostPid: host,
    problems,
  };
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((problem) => `  - ${problem}`);
    if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
    finish(target, false, { ...json, restoreFrom: latest?.path ?? null }, [
      `nida: ${target.path} is damaged (integrity_check found ${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
      ...shown,
      ...restoreHint(target),
    ]);
    return;
  }
  const show = (value: number | null | undefined): string =>
    value === null || value === undefined ? '-' : count(value);
  const schemaNote =
    schemaVersion !== null && schemaVersion < LATEST_SCHEMA_VERSION ? ' — migrated when the console next starts' : '';
  finish(target, true, json, [
    `${target.profile} database ok (integrity_check): ${target.path}`,
    `  schema:    ${schemaVersion ?? '-'} (this Nida: ${LATEST_SCHEMA_VERSION})${schemaNote}`,
    `  size:      ${megabytes(sizes.database)} + WAL ${megabytes(sizes.wal)}; ${count(sizes.pages)} pages of ${sizes.pageSize} B, ${count(sizes.freePages)} free`,
    `  incidents: ${show(counts['incidents'])} (${show(counts['openIncidents'])} open), notes ${show(counts['notes'])}`,
    `  events:    ${show(counts['events'])}, audit rows ${show(counts['auditRows'])} (run \`nida db verify\` to check the chain)`,
    `  backups:   ${backups.length}${latest ? `, latest ${latest.path} (${localTime(latest.takenAt, target.config.timeZone)})` : ''}`,
    `  console:   ${host === null ? 'not running' : `running (pid ${host})`}`,
  ]);
}

function verify(target: Target): void {
  if (!requireDatabase(target)) return;
  let db: Database;
  try {
    db = openDatabase({ path: target.path, readonly: true });
  } catch (error) {
    fail(target, `cannot open ${target.path}: ${messageOf(error)}`, { path: target.path }, restoreHint(target));
    return;
  }
  try {
    const result = new AuditTrail(db).verify();
    if (result.ok) {
      finish(target, true, { path: target.path, ...result }, [
        `audit chain ok: ${count(result.auditRows)} audit rows, ${count(result.events)} events — ${target.path}`,
        `  head: ${result.head}`,
      ]);
      return;
    }
    const { table, key, reason } = result.firstBad;
    finish(target, false, { path: target.path, ...result }, [
      `nida: the audit chain of ${target.path} is broken at ${table} ${key}: ${reason}`,
      `  checked ${count(result.auditRows)} audit rows and ${count(result.events)} events up to there`,
      '  Keep this file as evidence (copy it before anything else writes to it) and report it to the administrator.',
    ]);
  } catch (error) {
    fail(target, `cannot verify ${target.path}: ${messageOf(error)}`, { path: target.path });
  } finally {
    db.close();
  }
}

async function backup(target: Target, to: string | undefined): Promise<void> {
  if (!requireDatabase(target)) return;
  const now = Date.now();
  const destination = to
    ? resolve(to)
    : join(backupDir(target.dataDir, target.profile), backupFileName(target.profile, now));
  if (existsSync(destination)) {
    fail(target, `${destination} already exists; choose another file`, { path: destination });
    return;
  }
  mkdirSync(dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  // Its own read-only connection: safe beside a running host, never a second writer.
  const db = openDatabase({ path: target.path, readonly: true });
  try {
    // After the first step, copy everything that remains in one step: one consistent snapshot,
    // instead of restarting each time the host commits between small steps.
    await db.backup(partial, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
    renameSync(partial, destination); // a crash mid-backup never leaves a file that looks complete
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  const removed = pruneBackups(target.dataDir, target.profile, target.config.storage.backupsKept);
  const bytes = statSync(destination).size;
  finish(target, true, { profile: target.profile, path: destination, bytes, takenAt: now, pruned: removed }, [
    destination,
    `  ${megabytes(bytes)} backup of the ${target.profile} profile${removed.length > 0 ? `; removed ${removed.length} old backup${removed.length === 1 ? '' : 's'} (keeping ${target.config.storage.backupsKept})` : ''}`,
  ]);
}

function restore(target: Target, fromOption: string): void {
  const from = resolve(fromOption);
  if (!existsSync(from)) {
    fail(target, `there is no backup file at ${from}`, { from });
    return;
  }
  if (from === target.path) {
    fail(target, `${from} is the ${target.profile} profile's own database, not a backup`, { from });
    return;
  }
  const refuse = (pid: number | null): void =>
    fail(
      target,
      `the ${target.profile} profile in ${target.dataDir} is in use by a running Nida console${pid === null ? '' : ` (pid ${pid})`}; stop it, then restore`,
      { from, hostPid: pid },
    );
  const holder = profileLockHolder(target.dataDir, target.profile);
  if (holder !== null) {
    refuse(holder);
    return;
  }
  mkdirSync(target.dataDir, { recursive: true });
  let release: () => void;
  try {
    release = acquireProfileLock(target.dataDir, target.profile); // no console may start mid-restore
  } catch (error) {
    if (!(error instanceof ProfileLockedError)) throw error;
    refuse(profileLockHolder(target.dataDir, target.profile));
    return;
  }
  try {
    const result = restoreBackup({ dataDir: target.dataDir, profile: target.profile, from, now: Date.now() });
    finish(target, true, { profile: target.profile, path: target.path, from, keptAs: result.keptAs }, [
      `restored the ${target.profile} profile from ${from}`,
      `  database: ${target.path}`,
      result.keptAs
        ? `  the database it replaced is kept as ${result.keptAs} (delete it once the restore is confirmed)`
        : '  there was no database to replace',
    ]);
  } catch (error) {
    if (!(error instanceof RestoreError)) throw error;
    fail(target, `not restored: ${error.message}`, { from });
  } finally {
    release();
  }
}

interface EventRow {
  id: string;
  type: string;
  payload: string;
  at: number;
  actor: string;
  console_id: string;
}

type AuditOutcome =
  | { readonly audited: true; readonly via: 'store' | 'beside-host' }
  | { readonly audited: false; readonly reason: string };

/** Records a security-relevant action: through the store when no console runs, else beside it. */
function recordAudit(target: Target, action: Omit<AuditAction, 'at' | 'consoleId'>): AuditOutcome {
  let release: (() => void) | null = null;
  try {
    release = acquireProfileLock(target.dataDir, target.profile);
  } catch (error) {
    if (!(error instanceof ProfileLockedError)) throw error;
  }
  if (release) {
    try {
      const store = Store.open({
        path: target.path,
        centerCode: target.config.center.code,
        consoleCode: target.config.consoleCode,
        timeZone: target.config.timeZone,
        clock: systemClock,
        logger: silentLogger(),
        backupDir: backupDir(target.dataDir, target.profile),
        latestBackup: () => latestBackup(target.dataDir, target.profile)?.path ?? null,
      });
      try {
        if (!store.status.writable)
          return { audited: false, reason: store.status.problem ?? 'the store refuses writes' };
        store.recordAction(action);
        return { audited: true, via: 'store' };
      } finally {
        store.close();
      }
    } catch (error) {
      return { audited: false, reason: messageOf(error) };
    } finally {
      release();
    }
  }
  // A console holds the profile: append only this audit row, in its own IMMEDIATE transaction.
  let db: Database | null = null;
  try {
    db = openDatabase({ path: target.path, busyTimeoutMs: 10_000 });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== LATEST_SCHEMA_VERSION) {
      return {
        audited: false,
        reason: `the database schema (${version}) is not this Nida's (${LATEST_SCHEMA_VERSION})`,
      };
    }
    const connection = db;
    connection
      .transaction(() =>
        new AuditTrail(connection).append({ ...action, at: Date.now(), consoleId: target.config.consoleCode }),
      )
      .immediate();
    return { audited: true, via: 'beside-host' };
  } catch (error) {
    return { audited: false, reason: messageOf(error) };
  } finally {
    db?.close();
  }
}

function exportIncident(target: Target, reference: string, out: string | undefined): void {
  if (!requireDatabase(target)) return;
  const db = openDatabase({ path: target.path, readonly: true });
  let incident: ReturnType<typeof incidentFromRow>;
  let timeline: TimelineEntry[];
  try {
    const key = reference.trim().toUpperCase();
    const row = db
      .prepare<[string, string], Parameters<typeof incidentFromRow>[0]>(
        'SELECT * FROM incidents WHERE id = ? OR number = ? LIMIT 1',
      )
      .get(key, key);
    if (!row) {
      fail(target, `there is no incident ${reference} in the ${target.profile} profile`, { incident: reference });
      return;
    }
    incident = incidentFromRow(row);
    timeline = db
      .prepare<[string], EventRow>(
        'SELECT id, type, payload, at, actor, console_id FROM events WHERE incident_id = ? ORDER BY seq',
      )
      .all(incident.id)
      .map((event) => ({
        id: event.id,
        type: event.type as IncidentEventType,
        payload: JSON.parse(event.payload) as unknown,
        at: event.at,
        actor: event.actor,
        consoleId: event.console_id,
      }));
  } finally {
    db.close();
  }

  const notes = timeline.flatMap((entry) => {
    if (entry.type !== 'incident.noteAdded') return [];
    const payload = entry.payload as { noteId?: string; text?: string };
    return [{ id: payload.noteId ?? entry.id, at: entry.at, actor: entry.actor, text: payload.text ?? '' }];
  });
  const now = Date.now();
  const document = {
    format: 'nida.incident-export',
    formatVersion: 1,
    exportedAt: new Date(now).toISOString(),
    exportedBy: target.config.operatorName,
    center: target.config.center.code,
    console: target.config.consoleCode,
    profile: target.profile,
    timeZone: target.config.timeZone,
    incident,
    notes,
    timeline,
  };
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const sha256 = createHash('sha256').update(text).digest('hex');
  const destination = out ? resolve(out) : null;
  if (destination) writeFileSync(destination, text);
  else process.stdout.write(text);

  const outcome = recordAudit(target, {
    actor: target.config.operatorName,
    action: 'export',
    subject: `incident:${incident.id}`,
    details: {
      number: incident.number,
      profile: target.profile,
      to: destination ?? 'stdout',
      events: timeline.length,
      sha256,
    },
  });
  const summary = {
    incident: incident.number,
    incidentId: incident.id,
    events: timeline.length,
    notes: notes.length,
    path: destination,
    sha256,
    ...outcome,
  };
  const lines = [
    `exported ${incident.number} (${timeline.length} events, ${notes.length} notes)${destination ? ` to ${destination}` : ''}`,
    outcome.audited
      ? `  recorded in the audit trail (sha256 ${sha256})`
      : `nida: the export was NOT recorded in the audit trail: ${outcome.reason}`,
  ];
  if (!outcome.audited) process.exitCode = 1;
  // Without --out the document is stdout; the summary goes beside it, on stderr.
  const stream = destination && outcome.audited ? process.stdout : process.stderr;
  stream.write(target.json ? `${JSON.stringify({ ok: outcome.audited, ...summary })}\n` : `${lines.join('\n')}\n`);
}

const DAY_MS = 86_400_000;

function seed(target: Target, options: { incidents: number; seed: string; days: number }): void {
  if (target.profile === 'live') {
    fail(
      target,
      'synthetic incidents never go into the live profile (they would reach live records and KPIs); use --profile drill or --profile demo',
    );
    return;
  }
  const holder = profileLockHolder(target.dataDir, target.profile);
  if (holder !== null) {
    fail(
      target,
      `the ${target.profile} profile in ${target.dataDir} is in use by a running Nida console (pid ${holder}); stop it, then seed`,
      {
        hostPid: holder,
      },
    );
    return;
  }
  mkdirSync(target.dataDir, { recursive: true });
  const release = acquireProfileLock(target.dataDir, target.profile);
  try {
    const clock = manualClock(Date.now());
    const store = Store.open({
      path: target.path,
      centerCode: target.config.center.code,
      consoleCode: target.config.consoleCode,
      timeZone: target.config.timeZone,
      clock,
      logger: silentLogger(),
      durability: target.config.storage.durability,
      backupDir: backupDir(target.dataDir, target.profile),
      latestBackup: () => latestBackup(target.dataDir, target.profile)?.path ?? null,
    });
    try {
      if (!store.status.writable) {
        fail(target, store.status.problem ?? 'the store refuses writes');
        return;
      }
      const db = store.database;
      const foreign =
        db
          .prepare<[string], { n: number }>(
            "SELECT count(*) AS n FROM events WHERE type = 'incident.created' AND actor <> ?",
          )
          .get(SEED_ACTOR)?.n ?? 0;
      if (foreign > 0) {
        fail(
          target,
          `${target.path} already holds ${count(foreign)} incident${foreign === 1 ? '' : 's'} not made by the seeder; seed an empty profile (or one only the seeder filled)`,
          { foreignIncidents: foreign },
        );
        return;
      }
      const newest = db.prepare<[], { at: number | null }>('SELECT max(at) AS at FROM events').get()?.at ?? null;
      const end = Date.now();
      // Seeding again continues after what is there: the store's clock never goes backwards.
      const start = Math.max(end - options.days * DAY_MS, (newest ?? 0) + 1);
      if (start >= end) {
        fail(
          target,
          `${target.path} holds events up to ${new Date(newest ?? 0).toISOString()}, after now; not seeding`,
        );
        return;
      }
      const result = applyPlans(store, generatePlans({ count: options.incidents, seed: options.seed, start, end }), {
        clock,
        batchSize: 250,
      });
      clock.set(Date.now());
      // The demo roster (resources/demo/units.json) comes with the incidents; units already there are kept.
      const units = seedDemoUnits(store, target.config, SEED_ACTOR);
      store.recordAction({
        actor: SEED_ACTOR,
        action: 'seed',
        subject: `profile:${target.profile}`,
        details: { incidents: result.incidents, events: result.events, seed: options.seed, from: start, to: end },
      });
      const zone = target.config.timeZone;
      // One roster event per unit added: counted with the incidents' events, as `nida db check` counts them.
      const events = result.events + units;
      finish(
        target,
        true,
        { profile: target.profile, path: target.path, seed: options.seed, ...result, events, units },
        [
          `seeded ${count(result.incidents)} synthetic incidents into the ${target.profile} profile (${count(events)} events, ${count(result.notes)} notes; ${count(result.open)} still open)`,
          result.firstAt !== null && result.lastAt !== null
            ? `  from ${localTime(result.firstAt, zone)} to ${localTime(result.lastAt, zone)} (${zone}), seed ${options.seed}`
            : `  seed ${options.seed}`,
          `  ${count(units)} demo units added to the roster (resources/demo/units.json)`,
          `  database: ${target.path}`,
        ],
      );
    } finally {
      store.close();
    }
  } finally {
    release();
  }
}

// ---------------------------------------------------------------------------------------------

function positiveInteger(max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
      throw new InvalidArgumentError(`a whole number from 1 to ${count(max)}`);
    }
    return parsed;
  };
}

function withCommon(command: Command): Command {
  return command
    .option('-d, --data <dir>', 'data directory (default: as `nida serve`)')
    .addOption(new Option('--profile <profile>', 'profile (default: from nida.config.json)').choices(profileNames))
    .option('--json', 'print one JSON object (for scripts)');
}

/** Registers `nida db …` on the program. */
export function registerDbCommands(program: Command): void {
  const db = program
    .command('db')
    .description("check, verify, back up, restore, export and seed a profile's database")
    // Usage errors exit 2 (failures are 1); help exits 0. main() turns the error into the exit code.
    .exitOverride((error) => {
      throw new CommanderError(error.exitCode === 0 ? 0 : 2, error.code, error.message);
    });

  withCommon(db.command('check'))
    .description('full integrity check (read-only): schema, sizes, counts; names the backup to restore when damaged')
    .action((options: CommonOptions) => {
      check(targetOf(options));
    });

  withCommon(db.command('verify'))
    .description('verify the audit hash chain and every event against it (read-only)')
    .action((options: CommonOptions) => {
      verify(targetOf(options));
    });

  withCommon(db.command('backup'))
    .description(
      'online backup (safe while the console runs) into <data>/backups/<profile>/, pruned to storage.backupsKept',
    )
    .option('--to <file>', 'write the backup to this file instead')
    .action(async (options: CommonOptions & { to?: string }) => {
      await backup(targetOf(options), options.to);
    });

  withCommon(db.command('restore'))
    .description('replace the profile database with a checked backup (the console must be stopped)')
    .requiredOption('--from <file>', 'backup file to restore')
    .action((options: CommonOptions & { from: string }) => {
      restore(targetOf(options), options.from);
    });

  withCommon(db.command('export'))
    .description('one incident with its full timeline and notes as JSON; recorded in the audit trail')
    .requiredOption('--incident <numberOrId>', 'incident number (BGD-261129-C1-0042) or id')
    .option('--out <file>', 'write to this file (default: stdout)')
    .action((options: CommonOptions & { incident: string; out?: string }) => {
      exportIncident(targetOf(options), options.incident, options.out);
    });

  withCommon(db.command('seed'))
    .description('fill a drill or demo profile with realistic synthetic Baghdad incidents (deterministic per --seed)')
    .requiredOption('--incidents <n>', 'how many incidents', positiveInteger(100_000))
    .option('--seed <seed>', 'seed of the generator', '911')
    .option('--days <n>', 'spread them over the last n days', positiveInteger(365), 7)
    .action((options: CommonOptions & { incidents: number; seed: string; days: number }) => {
      seed(targetOf(options), options);
    });
}
