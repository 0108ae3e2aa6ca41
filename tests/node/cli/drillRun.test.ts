// `nida drill run`: a drill on a drill console of its own, in real time at ×4, worked by the
// autopilot trainee; the live console's database beside it is left byte for byte as it was.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrillState } from '../../../src-shared/domain/drill/drillRun';
import { databasePath } from '../../../src-main/services/store/backups';
import { nida } from '../support/cli';
import { useTempDirs } from '../support/cleanup';
import { createTestHost } from '../support/testHost';

/** The beginner's single call, cut to a minute of drill time (15 s at ×4). */
function shortScenario(dir: string): string {
  const scenario = JSON.parse(readFileSync('resources/drills/01-beginner-single-call.drill.json', 'utf8')) as {
    durationSeconds: number;
  };
  scenario.durationSeconds = 60;
  const path = join(dir, 'short.drill.json');
  writeFileSync(path, JSON.stringify(scenario));
  return path;
}

describe('nida drill run', () => {
  const tempDir = useTempDirs();

  /** A live console's data directory with one call in its database, closed. */
  async function liveConsole(): Promise<{ dir: string; bytes: () => Buffer }> {
    const dir = tempDir();
    writeFileSync(join(dir, 'nida.config.json'), JSON.stringify({ profile: 'live', avl: { embedded: { port: 0 } } }));
    const { host } = createTestHost(dir, { profile: 'live' });
    host.intake.receiveCall({ source: 'ali', callerNumber: '+9647701234567' }, 'telephony');
    await host.dispose();
    return { dir, bytes: () => readFileSync(databasePath(dir, 'live')) };
  }

  it('given a live data directory, when a drill is run on it, then it is refused and the live database is unchanged', async () => {
    const live = await liveConsole();
    const before = live.bytes();

    const run = await nida(['drill', 'run', shortScenario(tempDir()), '--data', live.dir, '--speed', '4']);

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/names the live profile; a drill runs only on the drill profile/);
    expect(live.bytes().equals(before)).toBe(true);
  });

  it('given the perfect autopilot at ×4, when the drill runs to its end, then its call is worked on the script and a live database beside it is untouched', async () => {
    const live = await liveConsole();
    const drillDir = tempDir();
    // A copy of the live database in the drill's directory: the drill writes its own drill.db only.
    copyFileSync(databasePath(live.dir, 'live'), databasePath(drillDir, 'live'));
    const before = readFileSync(databasePath(drillDir, 'live'));

    const run = await nida([
      'drill',
      'run',
      shortScenario(tempDir()),
      '--data',
      drillDir,
      '--speed',
      '4',
      '--autopilot',
      'perfect',
      '--json',
    ]);

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const state = JSON.parse(run.stdout) as DrillState;
    expect(state.status).toBe('ended');
    const call = state.injects.find((row) => row.id === 'call-1');
    // Real time at ×4: each interval within ±1 s of the autopilot's script (issue 19, acceptance 1).
    const states = call?.states ?? {};
    expect(Object.keys(states)).toEqual(['fired', 'answered', 'incident-created', 'dispatched']);
    const within = (value: number, script: number) => expect(Math.abs(value - script)).toBeLessThanOrEqual(1);
    within(states.fired ?? 0, 20);
    within((states.answered ?? 0) - (states.fired ?? 0), 4);
    within((states['incident-created'] ?? 0) - (states.answered ?? 0), 20);
    within((states.dispatched ?? 0) - (states['incident-created'] ?? 0), 10);
    expect(readFileSync(databasePath(drillDir, 'live')).equals(before)).toBe(true);
  }, 60_000);
});
