import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backupStore } from '../../../src-main/services/store/backups';
import { Store } from '../../../src-main/services/store/store';
import { StoreUnavailableError } from '../../../src-main/services/store/storeErrors';
import { AppError } from '../../../src-shared/contract/errors';
import { createHistory, fileHash, newIncident, overwriteBytes, storeOptions, useStores } from '../support/store';

const PAGE = 4096;

describe('a damaged database file', () => {
  const { openStore } = useStores();

  /** A closed store file with data and one backup in `<data>/backups/live/`. */
  async function damagedLater(): Promise<{
    dataDir: string;
    path: string;
    backupPath: string;
    clock: ReturnType<typeof openStore>['clock'];
  }> {
    const { store, clock, dataDir, path } = openStore({ durability: 'NORMAL' });
    createHistory(store, clock, 150, { seed: 1 });
    clock.advance(3_600_000);
    const backup = await backupStore(store, { dataDir, profile: 'live', now: clock.now(), keep: 5 });
    store.close();
    return { dataDir, path, backupPath: backup.path, clock };
  }

  it('given 4 KiB of 0xFF over page 3, when the store opens, then it refuses writes and names the latest backup', async () => {
    const { dataDir, path, backupPath, clock } = await damagedLater();
    expect(readFileSync(path).length / PAGE > 10).toBe(true);
    overwriteBytes(path, 2 * PAGE, PAGE);
    const damaged = fileHash(path);

    const { store } = openStore({ dataDir, path, clock });

    expect(store.status.writable).toBe(false);
    expect(store.status.problem).toContain(path);
    expect(store.status.problem).toContain(backupPath);
    expect(store.status.problem).toMatch(/integrity check/);

    const attempts: [string, () => unknown][] = [
      ['create', () => store.createIncident(newIncident(), 'dispatcher')],
      [
        'append',
        () => store.appendIncidentEvent('any', { type: 'incident.reopened', payload: { reason: 'x' } }, 'dispatcher'),
      ],
      ['record', () => store.recordAction({ actor: 'a', action: 'login', subject: 'operator:a', details: {} })],
      ['rebuild', () => store.rebuildProjections()],
    ];
    for (const [what, attempt] of attempts) {
      expect(attempt, what).toThrow(AppError);
      try {
        attempt();
      } catch (error) {
        expect((error as AppError).code, what).toBe('STORAGE');
        expect((error as AppError).message, what).toContain(backupPath);
      }
    }
    store.close();
    expect(fileHash(path)).toBe(damaged);
  });

  it('given damage inside a table further in the file, when the store opens, then it also refuses writes', async () => {
    const { dataDir, path, clock } = await damagedLater();
    const pages = readFileSync(path).length / PAGE;
    overwriteBytes(path, Math.floor(pages / 2) * PAGE, PAGE);

    const { store } = openStore({ dataDir, path, clock });

    expect(store.status).toMatchObject({
      writable: false,
      problem: expect.stringMatching(/restore the latest backup/) as unknown,
    });
    expect(() => store.createIncident(newIncident(), 'dispatcher')).toThrow(/refused/);
  });

  it('given the 100-byte header overwritten, when the store opens, then it throws StoreUnavailableError naming the file and the latest backup', async () => {
    const { dataDir, path, backupPath, clock } = await damagedLater();
    overwriteBytes(path, 0, 100);

    const open = (): Store => openStore({ dataDir, path, clock }).store;

    expect(open).toThrow(StoreUnavailableError);
    expect(open).toThrow(path);
    expect(open).toThrow(`nida db restore --data ${dataDir} --from ${backupPath}`);
  });

  it('given a damaged header and no backup at all, when the store opens, then the message says no backup was found', () => {
    const { store, path, clock } = openStore();
    store.createIncident(newIncident(), 'dispatcher');
    store.close();
    overwriteBytes(path, 0, 100);

    expect(() => Store.open(storeOptions(path, clock))).toThrow(/no backup was found/);
  });
});
