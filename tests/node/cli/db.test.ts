import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { builtCli, skipTestWithout } from '../../support/prerequisites';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { createHost } from '../../../src-main/host/createHost';
import { silentLogger } from '../../../src-main/services/runtime/logger';
import { Store } from '../../../src-main/services/store/store';
import { waitUntil } from '../support/waitUntil';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { testConfig } from '../support/testHost';
import { LATEST_SCHEMA_VERSION } from '../../../src-main/services/store/migrations';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const NIDA = join(REPO_ROOT, 'bin', 'nida.js');

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `nida db …` in a child process, exactly as an administrator would run it. */
function nidaDb(args: readonly string[]): Promise<Exit> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NIDA_DATA_DIR'];
  return new Promise((done) => {
    execFile(process.execPath, [NIDA, 'db', ...args], { cwd: REPO_ROOT, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      done({ code, stdout, stderr });
    });
  });
}

function jsonOf(exit: Exit): Record<string, unknown> {
  return JSON.parse(exit.stdout) as Record<string, unknown>;
}

/** A raw connection, as someone with file access (not Nida) would have. */
function rawDatabase(path: string, readonly = false): BetterSqlite3.Database {
  return new BetterSqlite3(path, { readonly, fileMustExist: true });
}

function incidentCount(path: string): number {
  const db = rawDatabase(path, true);
  try {
    return (db.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A non-seed incident, written the way the console writes one. */
function createRealIncident(dataDir: string, profile: string): void {
  const store = Store.open({
    path: join(dataDir, `${profile}.db`),
    centerCode: 'BGD',
    consoleCode: 'C1',
    timeZone: 'Asia/Baghdad',
    clock: manualClock(Date.now() - 60_000),
    logger: silentLogger(),
  });
  try {
    store.createIncident(
      { typeCode: 'medical-emergency', priority: 1, agencies: ['ambulance'], note: 'بلاغ حقيقي' },
      'dispatcher',
    );
  } finally {
    store.close();
  }
}

describe('nida db', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  async function seeded(incidents = 40): Promise<string> {
    const dataDir = tempDir();
    const exit = await nidaDb(['seed', '--data', dataDir, '--profile', 'demo', '--incidents', String(incidents)]);
    expect(exit.stderr).toBe('');
    expect(exit.code).toBe(0);
    return dataDir;
  }

  it('given a seeded demo profile, when check and verify run, then both report ok with the counts', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = tempDir();

    const seed = await nidaDb(['seed', '--data', dataDir, '--profile', 'demo', '--incidents', '60', '--json']);
    const check = await nidaDb(['check', '--data', dataDir, '--profile', 'demo', '--json']);
    const verify = await nidaDb(['verify', '--data', dataDir, '--profile', 'demo']);

    expect(seed.code).toBe(0);
    const seedResult = jsonOf(seed);
    expect(seedResult).toMatchObject({ ok: true, incidents: 60, seed: '911' });
    expect(check.code).toBe(0);
    expect(jsonOf(check)).toMatchObject({
      ok: true,
      schemaVersion: LATEST_SCHEMA_VERSION,
      problems: [],
      // the seed's own audit row ("seed") is the one row that is not an event
      counts: { incidents: 60, events: seedResult['events'], auditRows: Number(seedResult['events']) + 1 },
    });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^audit chain ok: [\d,]+ audit rows, [\d,]+ events/);
  });

  it('given an edited audit row, when verify runs, then it exits 1 naming the row and the reason', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = await seeded();
    const db = rawDatabase(join(dataDir, 'demo.db'));
    db.exec('DROP TRIGGER audit_append_only_update');
    db.prepare("UPDATE audit SET actor = 'someone-else' WHERE seq = 5").run();
    db.close();

    const text = await nidaDb(['verify', '--data', dataDir, '--profile', 'demo']);
    const json = await nidaDb(['verify', '--data', dataDir, '--profile', 'demo', '--json']);

    expect(text.code).toBe(1);
    expect(text.stderr).toContain('is broken at audit seq 5: content does not match its hash (edited)');
    expect(json.code).toBe(1);
    expect(jsonOf(json)).toMatchObject({
      ok: false,
      firstBad: { table: 'audit', key: 'seq 5', reason: 'content does not match its hash (edited)' },
    });
  });

  it('given an edited event, when verify runs, then it exits 1 naming the event', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = await seeded();
    const db = rawDatabase(join(dataDir, 'demo.db'));
    db.exec('DROP TRIGGER events_append_only_update');
    const event = db.prepare('SELECT id FROM events WHERE seq = 7').get() as { id: string };
    db.prepare('UPDATE events SET actor = ? WHERE seq = 7').run('someone-else');
    db.close();

    const exit = await nidaDb(['verify', '--data', dataDir, '--profile', 'demo']);

    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(`broken at events seq 7 (${event.id}): content does not match its audit record`);
  });

  it('given a drill backup, when it is restored into the live profile, then it is refused unless forced with a reason, which is audited', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = tempDir();
    expect(await nidaDb(['seed', '--data', dataDir, '--profile', 'drill', '--incidents', '20'])).toMatchObject({
      code: 0,
    });
    const backup = await nidaDb(['backup', '--data', dataDir, '--profile', 'drill', '--json']);
    const backupPath = String(jsonOf(backup)['path']);
    createRealIncident(dataDir, 'live');
    const liveBefore = readFileSync(join(dataDir, 'live.db'));

    const refused = await nidaDb(['restore', '--data', dataDir, '--profile', 'live', '--from', backupPath]);
    const withoutReason = await nidaDb([
      'restore',
      '--data',
      dataDir,
      '--profile',
      'live',
      '--from',
      backupPath,
      '--force',
    ]);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('belongs to center BGD, console C1, profile drill, not this profile live');
    expect(refused.stderr).toContain('--force --reason');
    expect(withoutReason.code).toBe(1);
    expect(withoutReason.stderr).toContain('--force needs --reason');
    expect(readFileSync(join(dataDir, 'live.db')).equals(liveBefore)).toBe(true);
    expect(readdirSync(dataDir).filter((name) => name.includes('.replaced-') || name.includes('.restoring-'))).toEqual(
      [],
    );

    const forced = await nidaDb([
      'restore',
      ...['--data', dataDir, '--profile', 'live', '--from', backupPath, '--force'],
      ...['--reason', 'training records wanted on the live console for an inquiry', '--json'],
    ]);

    expect(forced.code).toBe(0);
    expect(jsonOf(forced)).toMatchObject({ ok: true, forced: true, backupOwner: { profile: 'drill' } });
    expect(incidentCount(join(dataDir, 'live.db'))).toBe(20);
    const db = rawDatabase(join(dataDir, 'live.db'), true);
    const audited = db.prepare("SELECT details FROM audit WHERE action = 'db.restore.forced'").all() as {
      details: string;
    }[];
    db.close();
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0]?.details ?? '{}')).toMatchObject({
      reason: 'training records wanted on the live console for an inquiry',
      refused: ['profile live'],
    });
    expect(await nidaDb(['verify', '--data', dataDir, '--profile', 'live'])).toMatchObject({ code: 0 });
  });

  it("given a backup of another center, when restored, then it is refused naming the backup's center", async (context) => {
    skipTestWithout(context, builtCli());
    const basra = tempDir();
    writeFileSync(join(basra, 'nida.config.json'), JSON.stringify({ center: { code: 'BSR' }, profile: 'demo' }));
    expect(await nidaDb(['seed', '--data', basra, '--incidents', '5'])).toMatchObject({ code: 0 });
    const backup = await nidaDb(['backup', '--data', basra, '--json']);
    const dataDir = await seeded(5);

    const refused = await nidaDb([
      'restore',
      '--data',
      dataDir,
      '--profile',
      'demo',
      '--from',
      String(jsonOf(backup)['path']),
    ]);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('belongs to center BSR, console C1, profile demo, not this center BGD');
  });

  it("given a symlink to the profile's own database, when restored from it, then it is refused and the database stays in place", async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = await seeded(5);
    const link = join(tempDir(), 'looks-like-a-backup.db');
    symlinkSync(join(dataDir, 'demo.db'), link);

    const refused = await nidaDb(['restore', '--data', dataDir, '--profile', 'demo', '--from', link]);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("is the demo profile's own database, not a backup");
    expect(incidentCount(join(dataDir, 'demo.db'))).toBe(5);
    expect(readdirSync(dataDir).filter((name) => name.includes('.replaced-'))).toEqual([]);
  });

  it('given a backup, when later work is restored over, then the backup comes back and the replaced file is kept', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = await seeded(30);
    const path = join(dataDir, 'demo.db');

    const backup = await nidaDb(['backup', '--data', dataDir, '--profile', 'demo', '--json']);
    expect(backup.code).toBe(0);
    const backupPath = String(jsonOf(backup)['path']);
    expect(backupPath.startsWith(join(dataDir, 'backups', 'demo', 'demo-'))).toBe(true);
    expect(
      await nidaDb(['seed', '--data', dataDir, '--profile', 'demo', '--incidents', '5', '--seed', 'later']),
    ).toMatchObject({ code: 0 });
    expect(incidentCount(path)).toBe(35);

    const restore = await nidaDb(['restore', '--data', dataDir, '--profile', 'demo', '--from', backupPath]);

    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`restored the demo profile from ${backupPath}`);
    expect(incidentCount(path)).toBe(30);
    const kept = readdirSync(dataDir).find((name) => /^demo\.db\.replaced-\d{8}T\d{9}Z$/.test(name));
    expect(kept).toBeDefined();
    expect(restore.stdout).toContain(join(dataDir, kept!));
    expect(incidentCount(join(dataDir, kept!))).toBe(35);
    expect(await nidaDb(['verify', '--data', dataDir, '--profile', 'demo'])).toMatchObject({ code: 0 });
  });

  it('given backups beyond storage.backupsKept, when backup runs, then the oldest are pruned', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = await seeded(5);
    writeFileSync(join(dataDir, 'nida.config.json'), JSON.stringify({ storage: { backupsKept: 2 } }));

    for (let i = 0; i < 3; i++) {
      expect(await nidaDb(['backup', '--data', dataDir, '--profile', 'demo'])).toMatchObject({ code: 0 });
    }

    expect(readdirSync(join(dataDir, 'backups', 'demo'))).toHaveLength(2);
  });

  it('given a console holding the profile, when restore runs, then it refuses and leaves the database alone', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = await seeded(10);
    const backup = jsonOf(await nidaDb(['backup', '--data', dataDir, '--profile', 'demo', '--json']));
    const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
    defer(() => {
      holder.kill('SIGKILL');
    });
    const lock = openSync(join(dataDir, 'demo.lock'), 'w');
    writeSync(lock, String(holder.pid));
    closeSync(lock);

    const exit = await nidaDb(['restore', '--data', dataDir, '--profile', 'demo', '--from', String(backup['path'])]);

    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(`is in use by a running Nida console (pid ${holder.pid}); stop it, then restore`);
    expect(readdirSync(dataDir).some((name) => name.includes('.replaced-'))).toBe(false);
    expect(readFileSync(join(dataDir, 'demo.lock'), 'utf8')).toBe(String(holder.pid));
  });

  it('given an incident, when export runs, then the JSON holds the incident, its full timeline and notes, and the export is audited', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = await seeded(20);
    const path = join(dataDir, 'demo.db');
    const db = rawDatabase(path, true);
    const incident = db.prepare('SELECT id, number FROM incidents ORDER BY seq LIMIT 1').get() as {
      id: string;
      number: string;
    };
    const events = db.prepare('SELECT id, type FROM events WHERE incident_id = ? ORDER BY seq').all(incident.id);
    db.close();
    const out = join(dataDir, 'export.json');

    const exit = await nidaDb([
      'export',
      '--data',
      dataDir,
      '--profile',
      'demo',
      '--incident',
      incident.number.toLowerCase(),
      '--out',
      out,
    ]);

    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain(`exported ${incident.number}`);
    const text = readFileSync(out, 'utf8');
    const document = JSON.parse(text) as {
      profile: string;
      incident: { id: string; number: string };
      timeline: { id: string; type: string; payload: unknown }[];
      notes: { text: string }[];
    };
    expect(text).toContain('\n  "incident": {'); // pretty-printed for people
    expect(document.profile).toBe('demo');
    expect(document.incident).toMatchObject(incident);
    expect(document.timeline.map(({ id, type }) => ({ id, type }))).toEqual(events);
    expect(document.timeline[0]?.type).toBe('incident.created');
    expect(document.notes.length).toBe(document.timeline.filter((e) => e.type === 'incident.noteAdded').length);
    expect(document.notes[0]?.text).toMatch(/[\u0600-\u06FF]/);

    const audit = rawDatabase(path, true);
    const row = audit.prepare("SELECT actor, subject, details FROM audit WHERE action = 'export'").get() as {
      subject: string;
      details: string;
    };
    audit.close();
    expect(row.subject).toBe(`incident:${incident.id}`);
    expect(JSON.parse(row.details)).toMatchObject({
      number: incident.number,
      to: out,
      sha256: createHash('sha256').update(text).digest('hex'),
    });
    expect(await nidaDb(['verify', '--data', dataDir, '--profile', 'demo'])).toMatchObject({ code: 0 });
  });

  it('given a running console, when export runs beside it, then the audit row joins the chain and the console keeps writing', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = tempDir();
    const host = createHost(testConfig(dataDir, { profile: 'drill' }));
    defer(() => host.dispose());
    // The AVL broker link coming up is audited (outage log): let that happen before counting rows.
    await host.avl.whenConnected();
    await waitUntil(
      () => host.links.list().some((link) => link.id === 'broker' && link.state === 'up'),
      'the broker link up',
    );
    const first = host.store.createIncident(
      { typeCode: 'theft', priority: 3, agencies: ['police-patrols'], note: 'سرقة دراجة نارية' },
      'dispatcher',
    );
    const before = host.store.verifyAudit();

    const exit = await nidaDb(['export', '--data', dataDir, '--profile', 'drill', '--incident', first.id, '--json']);
    host.store.createIncident({ typeCode: 'assault', priority: 2, agencies: ['police-patrols'] }, 'dispatcher');

    expect(exit.code).toBe(0);
    expect(JSON.parse(exit.stdout)).toMatchObject({
      incident: { number: first.number },
      timeline: [{ type: 'incident.created' }, { type: 'incident.noteAdded', payload: { text: 'سرقة دراجة نارية' } }],
    });
    expect(JSON.parse(exit.stderr)).toMatchObject({ ok: true, audited: true, via: 'beside-host' });
    expect(host.store.verifyAudit()).toMatchObject({
      ok: true,
      auditRows: before.auditRows + 2, // the export's row, then the new incident's event
      events: before.events + 1,
    });
    expect(await nidaDb(['verify', '--data', dataDir, '--profile', 'drill'])).toMatchObject({ code: 0 });
    expect(await nidaDb(['check', '--data', dataDir, '--profile', 'drill'])).toMatchObject({ code: 0 });
  });

  it('given an incident made by a dispatcher, when seed runs, then it refuses and adds nothing', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = tempDir();
    createRealIncident(dataDir, 'drill');

    const exit = await nidaDb(['seed', '--data', dataDir, '--profile', 'drill', '--incidents', '10']);

    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('already holds 1 incident not made by the seeder');
    expect(incidentCount(join(dataDir, 'drill.db'))).toBe(1);
  });

  it('given the live profile, when seed runs, then it refuses: synthetic incidents never reach live records', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = tempDir();

    const exit = await nidaDb(['seed', '--data', dataDir, '--incidents', '10']);

    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('never go into the live profile');
    expect(existsSync(join(dataDir, 'live.db'))).toBe(false);
  });

  it('given a damaged database, when check runs, then it exits 1 with the problems and the backup to restore', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = await seeded(80);
    const path = join(dataDir, 'demo.db');
    const backup = jsonOf(await nidaDb(['backup', '--data', dataDir, '--profile', 'demo', '--json']));
    const db = rawDatabase(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.close();
    const file = openSync(path, 'r+');
    const page = Math.floor(pages / 2);
    writeSync(file, Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, page * 4096);
    closeSync(file);

    const exit = await nidaDb(['check', '--data', dataDir, '--profile', 'demo']);

    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(`nida: ${path} is damaged (integrity_check found`);
    expect(exit.stderr).toContain(`nida db restore --data ${dataDir} --profile demo --from ${String(backup['path'])}`);
  });

  it('given wrong usage, then the exit code is 2; given a missing database, then 1', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = tempDir();

    expect((await nidaDb(['seed', '--data', dataDir, '--profile', 'demo', '--incidents', '0'])).code).toBe(2);
    expect((await nidaDb(['restore', '--data', dataDir])).code).toBe(2);
    expect((await nidaDb(['check', '--data', dataDir, '--profile', 'training'])).code).toBe(2);
    expect((await nidaDb(['frobnicate'])).code).toBe(2);
    const missing = await nidaDb(['check', '--data', dataDir, '--profile', 'drill']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`there is no drill database at ${join(dataDir, 'drill.db')}`);
  });
});
