import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RestoreError,
  backupDir,
  backupStore,
  checkDatabaseFile,
  databasePath,
  latestBackup,
  listBackups,
  pruneBackups,
  restoreBackup,
} from '../../../src-main/services/store/backups';
import { Store } from '../../../src-main/services/store/store';
import {
  countRows,
  createHistory,
  dropAppendOnlyTriggers,
  fileHash,
  newIncident,
  overwriteBytes,
  sampleIncident,
  storeOptions,
  useStores,
} from '../support/store';
import { seededRandom } from '../../../src-shared/domain/random';

const HOUR = 3_600_000;
/** The console the test stores are opened as (storeOptions: BGD / C3). */
const THIS_CONSOLE = { center: 'BGD', console: 'C3' } as const;

describe('backups', () => {
  const { openStore, rawConnection, readConnection, tempDir } = useStores();

  it('given a store under continuous writes, when it is backed up online, then the backup is a consistent file whose audit chain checks out', async () => {
    const { store, clock, dataDir } = openStore({ durability: 'NORMAL' });
    createHistory(store, clock, 600, { seed: 2 });
    const before = countRows(readConnection(store), 'incidents');
    const random = seededRandom(4);

    const backingUp = { done: false };
    let writesDuringBackup = 0;
    const backup = backupStore(store, { dataDir, profile: 'live', now: clock.now(), keep: 10 }).finally(() => {
      backingUp.done = true;
    });
    for (let index = 0; !backingUp.done; index++) {
      clock.advance(1_000);
      store.createIncident(sampleIncident(random, index), 'dispatcher');
      writesDuringBackup += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const file = await backup;
    const after = countRows(readConnection(store), 'incidents');

    expect(writesDuringBackup).toBeGreaterThan(1);
    expect(checkDatabaseFile(file.path)).toMatchObject({ integrity: { ok: true }, audit: { ok: true } });
    const copy = rawConnection(file.path, { readonly: true });
    const copied = countRows(copy, 'incidents');
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(after);
    expect(countRows(copy, 'events')).toBe(countRows(copy, 'audit'));
    expect(existsSync(`${file.path}.partial`)).toBe(false);
    expect(file.path.startsWith(backupDir(dataDir, 'live'))).toBe(true);
  });

  it('given backups taken at different times and other files in the folder, when listed, then only backups of the profile come back, newest first', async () => {
    const { store, clock, dataDir } = openStore();
    store.createIncident(newIncident(), 'dispatcher');
    const times = [0, 3, 1, 2].map((hours) => clock.now() + hours * HOUR);
    for (const now of times) await backupStore(store, { dataDir, profile: 'live', now, keep: 100 });
    const directory = backupDir(dataDir, 'live');
    writeFileSync(join(directory, 'notes.txt'), 'not a backup');
    writeFileSync(join(directory, 'drill-20261129T090000000Z.db'), '');
    writeFileSync(join(directory, 'live-20261129T090000000Z.db.partial'), '');

    const listed = listBackups(dataDir, 'live');

    expect(listed.map((backup) => backup.takenAt)).toEqual([...times].sort((a, b) => b - a));
    expect(listed.every((backup) => basename(backup.path).startsWith('live-') && backup.bytes > 0)).toBe(true);
    expect(latestBackup(dataDir, 'live')?.takenAt).toBe(Math.max(...times));
    expect(listBackups(dataDir, 'drill')).toEqual([]);
  });

  it('given five backups, when pruned to three, then the three newest stay and the two oldest are removed', async () => {
    const { store, clock, dataDir } = openStore();
    const paths: string[] = [];
    for (let index = 0; index < 5; index++) {
      clock.advance(HOUR);
      paths.push((await backupStore(store, { dataDir, profile: 'live', now: clock.now(), keep: 100 })).path);
    }

    const removed = pruneBackups(dataDir, 'live', 3);

    expect(removed.sort()).toEqual(paths.slice(0, 2).sort());
    expect(listBackups(dataDir, 'live').map((backup) => backup.path)).toEqual(paths.slice(2).reverse());
    expect(paths.slice(0, 2).some((path) => existsSync(path))).toBe(false);
  });

  it('given a keep count, when each scheduled backup is taken, then older backups beyond it are pruned', async () => {
    const { store, clock, dataDir } = openStore();
    for (let index = 0; index < 4; index++) {
      clock.advance(HOUR);
      await backupStore(store, { dataDir, profile: 'live', now: clock.now(), keep: 2 });
    }

    expect(listBackups(dataDir, 'live').map((backup) => backup.takenAt)).toEqual([clock.now(), clock.now() - HOUR]);
  });

  it('given a good backup and a newer live file, when restored, then the backup becomes the live file and the replaced one is kept beside it', async () => {
    const { store, clock, dataDir, path } = openStore();
    const kept = store.createIncident(newIncident({ address: 'في النسخة الاحتياطية' }), 'dispatcher');
    const backup = await backupStore(store, { dataDir, profile: 'live', now: clock.now(), keep: 5 });
    clock.advance(HOUR);
    const lost = store.createIncident(newIncident(), 'dispatcher');
    store.close();
    const replacedHash = fileHash(path);

    const result = restoreBackup({
      dataDir,
      profile: 'live',
      from: backup.path,
      now: clock.now(),
      expected: THIS_CONSOLE,
    });

    expect(result.replacedBy).toBe(basename(backup.path));
    expect(result.keptAs).toMatch(/live\.db\.replaced-\d{8}T\d{9}Z$/);
    expect(fileHash(result.keptAs!)).toBe(replacedHash);
    const restored = Store.open(storeOptions(databasePath(dataDir, 'live'), clock));
    try {
      expect(restored.getIncident(kept.id)).toEqual(kept);
      expect(restored.getIncident(lost.id)).toBeNull();
      expect(restored.verifyAudit().ok).toBe(true);
    } finally {
      restored.close();
    }
    const beside = Store.open(storeOptions(result.keptAs!, clock));
    try {
      expect(beside.getIncident(lost.id)).toMatchObject({ id: lost.id });
    } finally {
      beside.close();
    }
  });

  it('given no live file yet, when a backup is restored, then it becomes the live file and nothing is kept', async () => {
    const { store, clock, dataDir } = openStore();
    store.createIncident(newIncident(), 'dispatcher');
    const backup = await backupStore(store, { dataDir, profile: 'live', now: clock.now(), keep: 5 });
    const elsewhere = tempDir();

    const result = restoreBackup({
      dataDir: elsewhere,
      profile: 'drill',
      from: backup.path,
      now: clock.now(),
      expected: THIS_CONSOLE,
    });

    expect(result.keptAs).toBeNull();
    expect(checkDatabaseFile(databasePath(elsewhere, 'drill')).audit?.ok).toBe(true);
  });

  describe('a backup that must not be restored', () => {
    async function liveWithBackup(): Promise<{ dataDir: string; path: string; backupPath: string; now: number }> {
      const { store, clock, dataDir, path } = openStore({ durability: 'NORMAL' });
      createHistory(store, clock, 60, { seed: 8 });
      const backup = await backupStore(store, { dataDir, profile: 'live', now: clock.now(), keep: 5 });
      store.close();
      return { dataDir, path, backupPath: backup.path, now: clock.now() + HOUR };
    }

    function expectRefused(
      setup: { dataDir: string; path: string; backupPath: string; now: number },
      message: RegExp,
    ): void {
      const live = fileHash(setup.path);

      expect(() =>
        restoreBackup({
          dataDir: setup.dataDir,
          profile: 'live',
          from: setup.backupPath,
          now: setup.now,
          expected: THIS_CONSOLE,
        }),
      ).toThrow(RestoreError);
      expect(() =>
        restoreBackup({
          dataDir: setup.dataDir,
          profile: 'live',
          from: setup.backupPath,
          now: setup.now,
          expected: THIS_CONSOLE,
        }),
      ).toThrow(message);
      expect(fileHash(setup.path)).toBe(live);
      expect(readdirSync(setup.dataDir).filter((name) => name.includes('.replaced-'))).toEqual([]);
    }

    it('given a backup with a damaged page, when restored, then RestoreError and the live file is untouched', async () => {
      const setup = await liveWithBackup();
      overwriteBytes(setup.backupPath, 2 * 4096, 4096);

      expectRefused(setup, /is damaged/);
    });

    it('given a backup with a damaged header, when restored, then RestoreError and the live file is untouched', async () => {
      const setup = await liveWithBackup();
      overwriteBytes(setup.backupPath, 0, 100);

      expectRefused(setup, /is damaged/);
    });

    it('given a backup whose audit chain was tampered with, when restored, then RestoreError names the bad row and the live file is untouched', async () => {
      const setup = await liveWithBackup();
      const attacker = rawConnection(setup.backupPath);
      dropAppendOnlyTriggers(attacker);
      attacker.prepare("UPDATE audit SET actor = 'nobody' WHERE seq = 10").run();
      attacker.close();

      expectRefused(setup, /audit chain at audit seq 10/);
    });

    it('given a file that is not a database at all, when checked, then the check fails instead of throwing', () => {
      const directory = tempDir();
      mkdirSync(join(directory, 'x'));
      const path = join(directory, 'x', 'live-20261129T090000000Z.db');
      writeFileSync(path, 'this is a text file, not SQLite '.repeat(200));

      const check = checkDatabaseFile(path);

      expect(check.integrity.ok).toBe(false);
      expect(check.audit).toBeNull();
    });
  });
});
