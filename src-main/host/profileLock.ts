import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Profile } from '../../src-shared/contract/schemas';

export class ProfileLockedError extends Error {
  override readonly name = 'ProfileLockedError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files held by this process. */
const heldHere = new Set<string>();

/**
 * One host per profile and data directory: two hosts writing one database would hand out the
 * same console's incident numbers and interleave its clock. A lock left by a crashed host is taken over.
 */
export function acquireProfileLock(dataDir: string, profile: Profile): () => void {
  const path = join(dataDir, `${profile}.lock`);
  // The pid in the file cannot tell a second host in this process from a stale lock whose pid was reused.
  if (heldHere.has(resolve(path))) {
    throw new ProfileLockedError(`the ${profile} profile in ${dataDir} is in use by another Nida host in this process`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(resolve(path));
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(resolve(path));
        // Only our own lock: another host may have taken it over meanwhile (we looked stale).
        if (readHolder(path) === process.pid) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new ProfileLockedError(
          `the ${profile} profile in ${dataDir} is in use by another Nida host (pid ${holder})`,
        );
      }
      rmSync(path, { force: true }); // stale: its host is gone
    }
  }
  throw new ProfileLockedError(`could not lock the ${profile} profile in ${dataDir}`);
}

/** Whether a live host holds the profile (for commands that must not run beside one). */
export function profileLockHolder(dataDir: string, profile: Profile): number | null {
  try {
    const holder = Number(readFileSync(join(dataDir, `${profile}.lock`), 'utf8').trim());
    return Number.isInteger(holder) && holder > 0 && isAlive(holder) ? holder : null;
  } catch {
    return null;
  }
}

function readHolder(path: string): number | null {
  try {
    const holder = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(holder) && holder > 0 ? holder : null;
  } catch {
    return null;
  }
}
