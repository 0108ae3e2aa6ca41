// Finding 8 of the hardening probe: callers' data was world-readable (0644 files under the default
// umask). The data directory is 0700 and every file Nida writes into it 0600, whatever the umask.
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TRACKER_ACCOUNT_FILE } from '../../../src-main/services/avl/trackerAccount';
import { serveConsole } from '../../support/nidaProcess';
import { builtCli, skipTestWithout } from '../../support/prerequisites';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { createTestHost } from '../support/testHost';
import { waitUntil } from '../support/waitUntil';

/** Every file under a directory (Node 20's recursive readdir skips entries here). */
function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8).padStart(4, '0');

describe('file permissions of the data directory', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  it('given a data directory and a database left world-readable by an older Nida, when a console starts, then both are narrowed, and its backups are private too', async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const old = new BetterSqlite3(join(dataDir, 'live.db'));
    old.close();
    chmodSync(join(dataDir, 'live.db'), 0o644);

    const { host } = createTestHost(dataDir);
    defer(() => host.dispose());
    const backup = await host.backupNow();

    expect(modeOf(dataDir)).toBe('0700');
    expect(modeOf(join(dataDir, 'live.db'))).toBe('0600');
    expect(modeOf(join(dataDir, 'live.db-wal'))).toBe('0600');
    expect(modeOf(backup)).toBe('0600');
  });

  it('given a fresh data directory, when `nida serve` has run, then the directory is 0700 and every file in it 0600', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = join(tempDir(), 'fresh');
    mkdirSync(dataDir, { mode: 0o700 });
    writeFileSync(join(dataDir, 'nida.config.json'), JSON.stringify({ avl: { embedded: { port: 0 } } }));
    chmodSync(join(dataDir, 'nida.config.json'), 0o644);
    const served = await serveConsole(['--data', dataDir]);
    defer(() => served.process.kill());

    // The log file is opened, and the embedded broker's tracker account written, asynchronously.
    const trackers = join(dataDir, TRACKER_ACCOUNT_FILE);
    await waitUntil(
      () => existsSync(join(dataDir, 'logs', 'nida.log')) && existsSync(trackers),
      'the log file and the tracker account',
    );
    const written = filesUnder(dataDir).filter((path) => !path.endsWith('nida.config.json'));
    expect(written).toEqual(
      expect.arrayContaining([join(dataDir, 'live.db'), join(dataDir, 'logs', 'nida.log'), trackers]),
    );
    for (const path of written) expect(`${path} ${modeOf(path)}`).toBe(`${path} 0600`);
    expect(modeOf(join(dataDir, 'logs'))).toBe('0700');
    expect(modeOf(dataDir)).toBe('0700');
  });
});
