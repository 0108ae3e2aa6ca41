import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileLockedError, acquireProfileLock, profileLockHolder } from '../../../src-main/host/profileLock';
import { useStores } from '../support/store';

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

describe('profile lock', () => {
  const { tempDir, defer } = useStores();

  function acquire(dataDir: string, profile: 'live' | 'drill' | 'demo' = 'live'): () => void {
    const release = acquireProfileLock(dataDir, profile);
    defer(release);
    return release;
  }

  it('given a held lock, when the same profile in the same data directory is locked again, then ProfileLockedError', () => {
    const dataDir = tempDir();
    acquire(dataDir);

    expect(() => acquireProfileLock(dataDir, 'live')).toThrow(ProfileLockedError);
    expect(readFileSync(join(dataDir, 'live.lock'), 'utf8')).toBe(String(process.pid));
    expect(profileLockHolder(dataDir, 'live')).toBe(process.pid);
  });

  it('given a lock held by another live process, when locked, then ProfileLockedError names that process', () => {
    const dataDir = tempDir();
    const parent = process.ppid;
    writeFileSync(join(dataDir, 'live.lock'), String(parent));

    expect(() => acquireProfileLock(dataDir, 'live')).toThrow(
      new RegExp(`in use by another Nida host \\(pid ${parent}\\)`),
    );
    expect(readFileSync(join(dataDir, 'live.lock'), 'utf8')).toBe(String(parent));
  });

  it('given a lock left by a process that died, when locked, then the stale lock is taken over', () => {
    const dataDir = tempDir();
    const dead = deadPid();
    writeFileSync(join(dataDir, 'live.lock'), String(dead));
    expect(profileLockHolder(dataDir, 'live')).toBeNull();

    acquire(dataDir);

    expect(readFileSync(join(dataDir, 'live.lock'), 'utf8')).toBe(String(process.pid));
  });

  it('given a lock file with this process id that this process does not hold (a reused pid after a crash), when locked, then it is taken over', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'live.lock'), String(process.pid));

    acquire(dataDir);

    expect(() => acquireProfileLock(dataDir, 'live')).toThrow(ProfileLockedError);
  });

  it('given a garbled lock file, when locked, then it is treated as stale', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'live.lock'), 'not a pid');

    acquire(dataDir);

    expect(readFileSync(join(dataDir, 'live.lock'), 'utf8')).toBe(String(process.pid));
  });

  it('given the live profile locked, when drill and demo are locked in the same directory, then they do not conflict', () => {
    const dataDir = tempDir();
    acquire(dataDir, 'live');

    expect(() => acquire(dataDir, 'drill')).not.toThrow();
    expect(() => acquire(dataDir, 'demo')).not.toThrow();
    expect(() => acquire(tempDir(), 'live')).not.toThrow();
  });

  it('given a held lock, when it is released, then the file is gone and the profile can be locked again', () => {
    const dataDir = tempDir();
    const release = acquireProfileLock(dataDir, 'live');

    release();

    expect(existsSync(join(dataDir, 'live.lock'))).toBe(false);
    expect(profileLockHolder(dataDir, 'live')).toBeNull();
    expect(() => acquire(dataDir)).not.toThrow();
  });
});
