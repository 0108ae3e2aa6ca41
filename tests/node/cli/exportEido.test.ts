import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { builtCli, skipTestWithout } from '../../support/prerequisites';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { createHost } from '../../../src-main/host/createHost';
import { eidoSchema, unresolvedReferences } from '../../../src-shared/domain/eido';
import { useTempDirs } from '../support/cleanup';
import { testConfig, testContext } from '../support/testHost';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const NIDA = join(REPO_ROOT, 'bin', 'nida.js');

function nida(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NIDA_DATA_DIR'];
  return new Promise((done) => {
    execFile(process.execPath, [NIDA, ...args], { cwd: REPO_ROOT, env }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe('nida export eido', () => {
  const tempDir = useTempDirs();

  it('given an incident in the live profile, when exported by number, then stdout is a valid EIDO document and the export is audited', async (context) => {
    skipTestWithout(context, builtCli());
    const dataDir = tempDir('nida-eido-cli-');
    const host = createHost(testConfig(dataDir), { clock: manualClock() });
    const created = await host.dispatch(
      'incident.create',
      { typeCode: 'theft', priority: 3, agencies: ['police-patrols'], address: 'شارع الرشيد', note: 'سرقة' },
      testContext,
    );
    await host.dispose();
    if (!created.ok) throw new Error(created.error.message);
    const number = (created.value as { number: string }).number;

    const exported = await nida(['export', 'eido', number.toLowerCase(), '--data', dataDir]);
    const missing = await nida(['export', 'eido', 'BGD-000000-C1-9999', '--data', dataDir]);

    expect(exported.code).toBe(0);
    const document = eidoSchema.parse(JSON.parse(exported.stdout));
    expect(document.incidentComponent.internalIncidentId).toBe(number);
    expect(unresolvedReferences(document)).toEqual([]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no incident BGD-000000-C1-9999');
    const db = new BetterSqlite3(join(dataDir, 'live.db'), { readonly: true });
    try {
      const audited = db.prepare("SELECT subject FROM audit WHERE action = 'export.eido'").all();
      expect(audited).toHaveLength(1);
    } finally {
      db.close();
    }
  });
});
