// `nida drill check`, run through the command line's own program (as the built `nida` runs it) with
// standard output captured.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/cleanup';
import { nida } from '../support/cli';

const ACCEPTANCE = 'resources/drills/04-acceptance-three-calls.drill.json';
const MSEL = 'tests/fixtures/drills/arabic.msel.csv';

describe('nida drill check', () => {
  const tempDir = useTempDirs();

  it('given the acceptance scenario, when checked, then it prints the title, seats and injects in time order and exits 0', async () => {
    const run = await nida(['drill', 'check', ACCEPTANCE]);

    expect(run.exitCode).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'ثلاث مكالمات ونداء طوارئ لاسلكي وانقطاع الخط التسلسلي دقيقتين',
      'Three calls, a radio emergency and a 2-minute serial outage',
      'acceptance-three-calls v1 · intermediate · seed 19019 · 0:15:00 (900 s)',
      'seats: callTaker1 (call-taker), dispatcher1 (dispatcher)',
    ]);
    expect(lines).toContain('injects (7), in time order:');
    const order = lines.filter((line) => line.startsWith('  ')).map((line) => line.trim().split(/\s+/)[1]);
    expect(order).toEqual([
      'call-1',
      'call-2',
      'call-2-repeat',
      'radio-emergency',
      'serial-outage',
      'call-3',
      'outage-ended',
    ]);
    expect(run.stdout).toContain('after call-2 fired +0:02:30 · if rule answer-time failed: call-2');
  });

  it('given --json, then the summary is one JSON object with each inject’s time', async () => {
    const run = await nida(['drill', 'check', ACCEPTANCE, '--json']);

    const summary = JSON.parse(run.stdout) as {
      ok: boolean;
      seed: number;
      injects: { id: string; atSeconds: number | null }[];
    };
    expect(summary).toMatchObject({
      ok: true,
      format: 'scenario',
      id: 'acceptance-three-calls',
      seed: 19019,
      durationSeconds: 900,
    });
    expect(summary.injects.map((inject) => [inject.id, inject.atSeconds])).toEqual([
      ['call-1', 10],
      ['call-2', 120],
      ['call-2-repeat', 270],
      ['radio-emergency', 300],
      ['serial-outage', 420],
      ['call-3', 450],
      ['outage-ended', 540],
    ]);
  });

  it('given a scenario with mistakes, when checked, then each is printed with its path and it exits 1', async () => {
    const scenario = JSON.parse(readFileSync(ACCEPTANCE, 'utf8')) as { injects: Record<string, unknown>[] };
    Object.assign(scenario.injects[1] ?? {}, { seat: 'dispatcherFire' });
    Object.assign(scenario.injects[3] ?? {}, { radioId: 'FFFF' });
    const file = join(tempDir(), 'broken.drill.json');
    writeFileSync(file, JSON.stringify(scenario));

    const run = await nida(['drill', 'check', file]);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      [
        `${file}: 2 problem(s)`,
        '  injects[1].seat: seat "dispatcherFire" is not declared in seats',
        '  injects[3].radioId: no unit of the roster has radio id FFFF',
        '',
      ].join('\n'),
    );
    const json = await nida(['drill', 'check', file, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      errors: [{ path: 'injects[1].seat' }, { path: 'injects[3].radioId' }],
    });
  });

  it('given a roster file that is not under resources/demo, then the problem names roster.file', async () => {
    const scenario = JSON.parse(readFileSync(ACCEPTANCE, 'utf8')) as Record<string, unknown>;
    const file = join(tempDir(), 'roster.drill.json');
    writeFileSync(file, JSON.stringify({ ...scenario, roster: { file: 'night-shift.json' } }));

    const run = await nida(['drill', 'check', file]);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^ {2}roster\.file: .*resources\/demo\/night-shift\.json not found$/m);
  });

  it('given a file that is not JSON or does not exist, then it exits 1 saying so', async () => {
    const file = join(tempDir(), 'x.drill.json');
    writeFileSync(file, '{ "id": ');

    expect((await nida(['drill', 'check', file])).stderr).toMatch(/\(file\): not JSON/);
    const missing = await nida(['drill', 'check', join(tempDir(), 'none.drill.json')]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/none\.drill\.json not found/);
  });

  it('given an MSEL sheet with its scenario, when checked, then it lists the injects; alone, it says seats were not checked', async () => {
    const run = await nida(['drill', 'check', MSEL, '--scenario', ACCEPTANCE]);

    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^MSEL .*arabic\.msel\.csv: 6 injects, in time order$/);
    expect((await nida(['drill', 'check', MSEL])).stdout).toContain('(seats and units not checked: give --scenario)');
  });

  it('given an MSEL sheet with a bad row, then the line is printed, nothing imported, and it exits 1', async () => {
    const text = readFileSync(MSEL, 'utf8').replace('0:05:00', 'soon');
    const file = join(tempDir(), 'bad.csv');
    writeFileSync(file, text);

    const run = await nida(['drill', 'check', file]);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      `${file}: 1 problem(s), nothing imported\n  line 5: time must be H:MM:SS, seconds or "manual", not "soon"\n`,
    );
  });

  it.each([
    [['drill', 'check', 'scenario.txt'], /FILE must be a scenario/],
    [['drill', 'check', ACCEPTANCE, '--scenario', ACCEPTANCE], /--scenario is for an MSEL sheet/],
    [['drill', 'check'], /missing required argument 'file'/],
    [['drill', 'frobnicate'], /unknown command 'frobnicate'/],
  ])('given %j, then it is a usage error (exit 2)', async (args, message) => {
    const thrown = await nida(args).then(
      () => null,
      (error: unknown) => error,
    );

    expect(thrown).toBeInstanceOf(CommanderError);
    expect(thrown instanceof CommanderError && thrown.exitCode).toBe(2);
    expect(thrown instanceof CommanderError && thrown.message).toMatch(message);
  });
});
