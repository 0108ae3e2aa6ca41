import { describe, expect, it } from 'vitest';
import { backgroundPause } from '../../../src-main/host/backgroundPause';

describe('backgroundPause', () => {
  it('resolves at once when nothing more urgent runs', async () => {
    const pause = backgroundPause({ stopped: () => false, busy: () => false, busyWaitMs: 60_000 });
    await expect(pause()).resolves.toBeUndefined();
  });

  it('waits while more urgent work runs, and goes on when it ends', async () => {
    let busy = true;
    let polls = 0;
    const pause = backgroundPause({
      stopped: () => false,
      busy: () => {
        polls++;
        if (polls === 3) busy = false;
        return busy;
      },
      busyWaitMs: 60_000,
      pollMs: 1,
    });
    await pause();
    expect(polls).toBe(3);
  });

  it('stops waiting once the wait, counted from the first pause, has run out', async () => {
    let time = 0;
    let polls = 0;
    const pause = backgroundPause({
      stopped: () => false,
      busy: () => {
        polls++;
        time += 400;
        return true;
      },
      busyWaitMs: 1_000,
      pollMs: 1,
      now: () => time,
    });
    await pause();
    // Polled at 400 and 800 (busy, before the deadline), then 1,200: past it.
    expect(polls).toBe(3);
    // Every later pause is past the deadline too: the work goes on between steps at once.
    await pause();
    expect(polls).toBe(4);
  });

  it('rejects once the host stopped, also while waiting', async () => {
    let stopped = false;
    const pause = backgroundPause({
      stopped: () => stopped,
      busy: () => {
        stopped = true;
        return true;
      },
      busyWaitMs: 60_000,
      pollMs: 1,
    });
    await expect(pause()).rejects.toThrow('host stopped');
  });
});
