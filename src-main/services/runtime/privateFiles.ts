import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';

/**
 * Callers' data stays with the operating-system user that runs Nida: the data directory is 0700 and
 * every file in it 0600 (database, WAL, logs, backups, exports), whatever the umask was.
 */

/** Files and directories this process creates from now on are readable by its user only. */
export function restrictNewFiles(): void {
  process.umask(0o077);
}

/**
 * Creates the data directory 0700, or narrows an existing one that group or others can enter.
 * Returns what it narrowed (the caller logs it), or null.
 */
export function privateDirectory(path: string): string | null {
  if (!existsSync(path)) {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    return null;
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  chmodSync(path, 0o700);
  return `${path}: was ${mode.toString(8).padStart(4, '0')}, now 0700 (callers' data must not be readable by other users)`;
}

/** Narrows a file (and its SQLite companions) to 0600; files from before the umask rule stay so otherwise. */
export function privateFile(path: string): void {
  for (const candidate of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(candidate) && (statSync(candidate).mode & 0o077) !== 0) chmodSync(candidate, 0o600);
  }
}
