import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Profile } from '../../../src-shared/contract/schemas';
import { loadConfig, type HostConfig } from '../../config/config';
import { systemClock } from '../../services/runtime/clock';
import { silentLogger } from '../../services/runtime/logger';
import { backupDir, databasePath, latestBackup } from '../../services/store/backups';
import type { StoreOptions } from '../../services/store/store';
import { defaultDataDir, packageVersion } from '../paths';

/** The options every `nida db` subcommand takes. */
export interface CommonOptions {
  data?: string;
  profile?: Profile;
  json?: boolean;
}

/** The profile database a subcommand works on, with the workstation's configuration. */
export interface Target {
  readonly dataDir: string;
  readonly config: HostConfig;
  readonly profile: Profile;
  readonly path: string;
  readonly json: boolean;
}

export function targetOf(options: CommonOptions): Target {
  const dataDir = options.data ? resolve(options.data) : defaultDataDir();
  const config = loadConfig(dataDir, packageVersion());
  const profile = options.profile ?? config.profile;
  return { dataDir, config, profile, path: databasePath(dataDir, profile), json: options.json ?? false };
}

/** How the store opens the target's file (the clock and logger of a short-lived CLI run). */
export function storeOptionsOf(target: Target, overrides: Partial<StoreOptions> = {}): StoreOptions {
  return {
    path: target.path,
    centerCode: target.config.center.code,
    consoleCode: target.config.consoleCode,
    timeZone: target.config.timeZone,
    profile: target.profile,
    clock: systemClock,
    logger: silentLogger(),
    backupDir: backupDir(target.dataDir, target.profile),
    latestBackup: () => latestBackup(target.dataDir, target.profile)?.path ?? null,
    ...overrides,
  };
}

/** Prints the outcome: one JSON object with `--json`, else text (stdout when ok, stderr when not). */
export function finish(target: Target, ok: boolean, json: Record<string, unknown>, text: readonly string[]): void {
  if (target.json) process.stdout.write(`${JSON.stringify({ ok, ...json })}\n`);
  else (ok ? process.stdout : process.stderr).write(text.map((line) => `${line}\n`).join(''));
  if (!ok) process.exitCode = 1;
}

export function fail(
  target: Target,
  message: string,
  json: Record<string, unknown> = {},
  more: readonly string[] = [],
): void {
  finish(target, false, { error: message, ...json }, [`nida: ${message}`, ...more]);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function megabytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** `2026-11-29 14:05` in the center's zone. */
export function localTime(utcMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(utcMs);
}

export function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** What to tell the operator when the database is damaged: the latest backup and how to restore it. */
export function restoreHint(target: Target): string[] {
  const latest = latestBackup(target.dataDir, target.profile);
  if (!latest)
    return [`No backup of the ${target.profile} profile was found in ${backupDir(target.dataDir, target.profile)}.`];
  return [
    `The latest backup is ${latest.path} (${localTime(latest.takenAt, target.config.timeZone)}).`,
    'Stop the console, then restore it:',
    `  nida db restore --data ${target.dataDir} --profile ${target.profile} --from ${latest.path}`,
  ];
}

export function requireDatabase(target: Target): boolean {
  if (existsSync(target.path)) return true;
  fail(target, `there is no ${target.profile} database at ${target.path}`, { path: target.path });
  return false;
}
