import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src-main/cli/main';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { simulatedDeviceId } from '../../../src-main/services/avl/simulator';
import { waitUntil } from '../support/waitUntil';
import { MemoryRoster, trackerLogin, useAvlRigs } from '../avl/avlKit';

const { startRig } = useAvlRigs();

describe('nida simulate units', () => {
  it('given a console on the embedded broker, when `nida simulate units --count 4 --rate 4 --seconds 2` runs, then 32 fixes of sim-0001…sim-0004 arrive, all plausible', async () => {
    const roster = new MemoryRoster();
    for (let index = 0; index < 4; index++) roster.add(`p-${String(index + 1)}`, simulatedDeviceId(index));
    // The simulator stamps fixes with the wall clock: so does this console.
    const rig = startRig({ roster, clock: manualClock(Date.now()) });
    await rig.avl.whenConnected();
    const url = rig.avl.brokerUrl() ?? '';
    const login = trackerLogin(rig.avl);
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = (chunk: string | Uint8Array): boolean => {
      stderr.push(String(chunk));
      return true;
    };
    try {
      await buildProgram().parseAsync(
        [
          'simulate',
          'units',
          '--count',
          '4',
          '--rate',
          '4',
          '--seconds',
          '2',
          '--broker',
          url,
          '--seed',
          '7',
          '--username',
          login.username,
          '--password',
          login.password,
        ],
        { from: 'user' },
      );
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toContain('done: 32 fixes published');
    await waitUntil(
      () => rig.avl.status().accepted === 32,
      `all 32 fixes taken in (${JSON.stringify(rig.avl.status())})`,
      10_000,
    );
    expect(rig.avl.status().rejected).toEqual({});
    expect(
      rig.avl
        .positions()
        .map((position) => position.unitId)
        .sort(),
    ).toEqual(['p-1', 'p-2', 'p-3', 'p-4']);
  });
});
