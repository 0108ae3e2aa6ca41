// `nida db seed` brings the demo roster into drill and demo profiles (never live), as an operator runs it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { builtCli, skipTestWithout } from '../../support/prerequisites';
import { useTempDirs } from '../support/cleanup';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

function nida(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NIDA_DATA_DIR'];
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, 'bin', 'nida.js'), ...args],
      { cwd: REPO_ROOT, env },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

function units(path: string): { id: string; status: string; device_id: string | null }[] {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, status, device_id FROM units ORDER BY id').all() as {
      id: string;
      status: string;
      device_id: string | null;
    }[];
  } finally {
    db.close();
  }
}

describe('demo roster seeding', () => {
  const tempDir = useTempDirs();

  it('given a demo profile, when seeded twice, then the 50 demo units are there once, available, bound to sim devices', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = tempDir();

    const first = await nida(['db', 'seed', '--data', dataDir, '--profile', 'demo', '--incidents', '5', '--json']);
    const second = await nida(['db', 'seed', '--data', dataDir, '--profile', 'demo', '--incidents', '5', '--json']);

    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, units: 50 });
    expect(JSON.parse(second.stdout)).toMatchObject({ ok: true, units: 0 });
    const roster = units(join(dataDir, 'demo.db'));
    expect(roster).toHaveLength(50);
    expect(roster.every((unit) => unit.status === 'available')).toBe(true);
    expect(roster.map((unit) => unit.device_id).sort()[0]).toBe('sim-0001');
    expect((await nida(['db', 'verify', '--data', dataDir, '--profile', 'demo'])).code).toBe(0);
  });

  it('given the live profile, when seeded, then it is refused and no unit is added', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = tempDir();

    const exit = await nida(['db', 'seed', '--data', dataDir, '--profile', 'live', '--incidents', '5']);

    expect(exit.code).toBe(1);
    expect(existsSync(join(dataDir, 'live.db'))).toBe(false);
  });
});
