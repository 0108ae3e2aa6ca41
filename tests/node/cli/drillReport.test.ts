// `nida drill report RUN`: a drill console plays call 1 of the acceptance scenario (answered late),
// then the command line reads the run back from the drill database — read-only — and prints its
// report, Arabic first, or as JSON.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrillReport } from '../../../src-shared/domain/drill/drillReport';
import { nida } from '../support/cli';
import {
  ACCEPTANCE,
  CALL_1,
  drillCall,
  drillConsole,
  recordCall1Guidance,
  submitCall1,
  wait,
} from '../support/drillHost';
import { useTestHosts, type HostUnderTest } from '../support/testHost';

/** The drill database's bytes (and its write-ahead log's), to prove a report wrote nothing. */
function databaseDigest(dataDir: string): string {
  const hash = createHash('sha256');
  for (const file of ['drill.db', 'drill.db-wal'].map((name) => join(dataDir, name)))
    if (existsSync(file)) hash.update(readFileSync(file));
  return hash.digest('hex');
}

/** Call 1 rings at 10 s and is answered at 30 s (20 s: late); the drill is then paused. */
async function playLateAnswer(under: HostUnderTest): Promise<number> {
  await under.api.drill.load({ file: ACCEPTANCE });
  await under.api.drill.start({ speed: 1 });
  for (const injectId of ['call-2', 'call-2-repeat', 'radio-emergency', 'serial-outage', 'call-3'])
    await under.api.drill.skip({ injectId });
  wait(under, 10);
  const call = await drillCall(under.api, CALL_1.callback);
  wait(under, 20);
  await under.api.call.answer({ callId: call.id });
  const incident = await submitCall1(under.api, call.id);
  await recordCall1Guidance(under.api, call.id);
  wait(under, 5);
  await under.api.dispatch.dispatch({ incidentId: incident.id, unitIds: [CALL_1.unit] });
  await under.api.drill.pause({});
  return (await under.api.drill.report({})).run.id;
}

describe('nida drill report', () => {
  const { startHost } = useTestHosts();

  it('given a run with a late answer, when reported, then it prints Arabic first, the failed rule with its value, threshold and source, and the call’s strip; the database is untouched', async () => {
    const under = await drillConsole(startHost);
    const runId = await playLateAnswer(under);
    const before = databaseDigest(under.dataDir);

    const run = await nida(['drill', 'report', 'latest', '--data', under.dataDir]);

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('تقرير التمرين: ثلاث مكالمات ونداء طوارئ لاسلكي وانقطاع الخط التسلسلي دقيقتين');
    expect(lines[1]).toBe('Drill report: Three calls, a radio emergency and a 2-minute serial outage');
    expect(lines[2]).toContain(`التشغيل run ${String(runId)} · acceptance-three-calls v1 · seed 19019`);
    expect(lines.find((line) => line.includes('call-1') && line.includes('answer-time'))).toMatch(
      /call-1\s+answer-time\s+راسب fail\s+20 s \/ 15 s {2}\[NENA-STA-020\.1\]$/,
    );
    expect(lines.find((line) => line.includes('call-1') && line.includes('processing-time'))).toMatch(
      /ناجح pass\s+5 s \/ 60 s {2}\[NFPA 1225\]/,
    );
    expect(run.stdout).toContain(
      'رنين ring 0:00:10 · رد answer 0:00:30 · حادث create 0:00:30 · إرسال dispatch 0:00:35 · وصول arrival —',
    );
    expect(run.stdout).toContain('إجراءات المدرّب controller actions:');
    expect(run.stdout).toMatch(/0:00:35 {2}إيقاف مؤقت paused \(/);
    expect(databaseDigest(under.dataDir)).toBe(before);

    // With the console closed too: the same report, and the file as the console left it.
    await under.dispose();
    const closed = databaseDigest(under.dataDir);
    const again = await nida(['drill', 'report', String(runId), '--data', under.dataDir]);
    expect(again.stdout).toBe(run.stdout);
    expect(databaseDigest(under.dataDir)).toBe(closed);
  });

  it('given --json and the run’s id, then the report is one JSON object the same as drill.report gives', async () => {
    const under = await drillConsole(startHost);
    const runId = await playLateAnswer(under);
    const fromChannel = await under.api.drill.report({ run: runId });

    const run = await nida(['drill', 'report', String(runId), '--data', under.dataDir, '--json']);

    expect(run.exitCode).toBe(0);
    const printed = JSON.parse(run.stdout) as { ok: boolean; report: DrillReport };
    expect(printed.ok).toBe(true);
    // The channel scores a paused run as of the console's clock; the file, as of its last record.
    expect(printed.report.results).toEqual(fromChannel.results);
    expect(printed.report.calls).toEqual(fromChannel.calls);
    expect(printed.report.seats.map((seat) => [seat.seat, seat.counts])).toEqual(
      fromChannel.seats.map((seat) => [seat.seat, seat.counts]),
    );
  });

  it('given no drill database, an unknown run or a bad RUN, then it says so and exits 1 or 2', async () => {
    const under = await drillConsole(startHost);
    const empty = join(under.dataDir, 'nowhere');

    const missing = await nida(['drill', 'report', 'latest', '--data', empty]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('there is no drill database at');

    await under.api.drill.load({ file: ACCEPTANCE });
    const unknown = await nida(['drill', 'report', '999999', '--data', under.dataDir]);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toBe('nida: no drill run 999999\n');

    await expect(nida(['drill', 'report', 'yesterday', '--data', under.dataDir])).rejects.toMatchObject({
      exitCode: 2,
    });
  });
});
