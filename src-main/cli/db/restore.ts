import { existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { acquireProfileLock, ProfileLockedError, profileLockHolder } from '../../host/profileLock';
import { restoreBackup, RestoreError } from '../../services/store/backups';
import { describeOwner } from '../../services/store/owner';
import { fail, finish, type Target } from './common';

/** `nida db restore`: replaces the profile database with a checked backup (the console must be stopped). */
export function restore(
  target: Target,
  fromOption: string,
  force: { readonly force: boolean; readonly reason: string | undefined } = { force: false, reason: undefined },
): void {
  const from = resolve(fromOption);
  if (!existsSync(from)) {
    fail(target, `there is no backup file at ${from}`, { from });
    return;
  }
  const reason = force.reason?.trim() ?? '';
  if (force.force && reason.length < 10) {
    fail(target, '--force needs --reason "…" (at least 10 characters): it is kept in the audit trail', { from });
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
    const result = restoreBackup({
      dataDir: target.dataDir,
      profile: target.profile,
      from,
      now: Date.now(),
      expected: { center: target.config.center.code, console: target.config.consoleCode },
      ...(force.force && { force: { reason, actor: `${userInfo().username} (nida db restore --force)` } }),
    });
    const owner = describeOwner(result.backupOwner);
    finish(
      target,
      true,
      {
        profile: target.profile,
        path: target.path,
        from,
        keptAs: result.keptAs,
        backupOwner: result.backupOwner,
        forced: result.forced,
      },
      [
        `restored the ${target.profile} profile from ${from}${result.forced ? ` (forced: ${reason})` : ''}`,
        `  database: ${target.path}`,
        `  the backup belongs to ${owner}${result.backupOwner.center === null ? ' (taken by an older Nida: not checked)' : ''}`,
        result.keptAs
          ? `  the database it replaced is kept as ${result.keptAs} (delete it once the restore is confirmed)`
          : '  there was no database to replace',
      ],
    );
  } catch (error) {
    if (!(error instanceof RestoreError)) throw error;
    fail(target, `not restored: ${error.message}`, { from });
  } finally {
    release();
  }
}
