import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import { acquireProfileLock } from '../../../src-main/host/profileLock';
import {
  backupDir,
  backupStore,
  checkDatabaseFile,
  restoreBackup,
  RestoreError,
} from '../../../src-main/services/store/backups';
import { newIncident, useStores } from '../support/store';

const kit = useStores();

describe('store edge cases', () => {
  it('given no such incident, when a change is appended, then the answer is NOT_FOUND (not a conflict)', () => {
    const { store } = kit.openStore();
    const attempt = (): unknown =>
      store.appendIncidentEvent(
        '01J0000000000000000000000',
        { type: 'incident.noteAdded', payload: { noteId: 'n1', text: 'x' } },
        'op',
      );
    expect(attempt).toThrow(AppError);
    try {
      attempt();
    } catch (error) {
      expect((error as AppError).code).toBe('NOT_FOUND');
    }
  });

  it('given backups are checked and pruned, then the backup folder holds only backup files (no -wal/-shm litter)', async () => {
    const { store, dataDir, clock } = kit.openStore();
    store.createIncident(newIncident(), 'op');
    for (let i = 0; i < 3; i++) {
      const backup = await backupStore(store, { dataDir, profile: 'live', now: clock.now(), keep: 2 });
      expect(checkDatabaseFile(backup.path).integrity.ok).toBe(true);
      clock.advance(60_000);
    }
    const files = readdirSync(backupDir(dataDir, 'live')).sort();
    expect(files).toHaveLength(2);
    expect(files.every((file) => /^live-\d{8}T\d{9}Z\.db$/.test(file))).toBe(true);
  });

  it('given a valid SQLite file that is not a Nida store, when restored, then it is refused with a clear reason', () => {
    const dataDir = kit.tempDir();
    const foreign = join(dataDir, 'other.db');
    const db = new BetterSqlite3(foreign);
    db.exec('CREATE TABLE recipes (name TEXT)');
    db.close();
    expect(() =>
      restoreBackup({ dataDir, profile: 'live', from: foreign, now: 0, expected: { center: 'BGD', console: 'C3' } }),
    ).toThrow(RestoreError);
    expect(() =>
      restoreBackup({ dataDir, profile: 'live', from: foreign, now: 0, expected: { center: 'BGD', console: 'C3' } }),
    ).toThrow(/not a Nida database/);
    expect(existsSync(join(dataDir, 'live.db'))).toBe(false);
  });

  it('given another host took over our lock as stale, when we release ours, then its lock file stays', () => {
    const dataDir = kit.tempDir();
    const release = acquireProfileLock(dataDir, 'drill');
    writeFileSync(join(dataDir, 'drill.lock'), '1'); // pid 1 took it over
    release();
    expect(existsSync(join(dataDir, 'drill.lock'))).toBe(true);
  });
});
