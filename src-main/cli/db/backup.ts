import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { backupDir, backupFileName, pruneBackups } from '../../services/store/backups';
import { backupDatabaseFile } from '../../services/store/maintenance';
import { fail, finish, megabytes, requireDatabase, type Target } from './common';

/** `nida db backup`: online backup (safe while the console runs), then pruning to storage.backupsKept. */
export async function backup(target: Target, to: string | undefined): Promise<void> {
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
  await backupDatabaseFile(target.path, destination);
  const removed = pruneBackups(target.dataDir, target.profile, target.config.storage.backupsKept);
  const bytes = statSync(destination).size;
  finish(target, true, { profile: target.profile, path: destination, bytes, takenAt: now, pruned: removed }, [
    destination,
    `  ${megabytes(bytes)} backup of the ${target.profile} profile${removed.length > 0 ? `; removed ${removed.length} old backup${removed.length === 1 ? '' : 's'} (keeping ${target.config.storage.backupsKept})` : ''}`,
  ]);
}
