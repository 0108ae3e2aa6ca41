import { describe, expect, it } from 'vitest';
import type { DrillState, InjectRunRow } from '../../../../../src-shared/domain/drill/drillRun';
import {
  drillControls,
  formatDrillTime,
  formatSpeed,
  injectControls,
  liveClock,
  seenStates,
} from '../../../../../src-renderer/features/drill/trainerBoard';

const drill = (status: DrillState['status'], more: Partial<DrillState> = {}) => ({
  status,
  seconds: 100,
  speed: 4,
  pausedMs: 30_000,
  durationSeconds: 900,
  ...more,
});

describe('the trainer window: drill times', () => {
  it('given drill seconds, then H:MM:SS always with the hour, in the language’s digits', () => {
    expect(formatDrillTime(0, 'en')).toBe('0:00:00');
    expect(formatDrillTime(14.9, 'en')).toBe('0:00:14');
    expect(formatDrillTime(3725, 'en')).toBe('1:02:05');
    expect(formatDrillTime(-3, 'en')).toBe('0:00:00');
    expect(formatDrillTime(3725, 'ar')).toBe('١:٠٢:٠٥');
    expect(formatSpeed(0.5, 'en')).toBe('×0.5');
    expect(formatSpeed(4, 'ar')).toBe('×٤');
  });

  it('given a running drill, then its clock runs on at its speed from the last state, never past its end', () => {
    expect(liveClock(drill('running'), 1_000, 3_500)).toEqual({ seconds: 110, pausedMs: 30_000 });
    expect(liveClock(drill('running'), 1_000, 1_000_000)).toEqual({ seconds: 900, pausedMs: 30_000 });
    // A window clock behind the moment it received the state never runs the drill backwards.
    expect(liveClock(drill('running'), 1_000, 500).seconds).toBe(100);
  });

  it('given a paused drill, then drill time stands and the pause grows; loaded or ended, both stand', () => {
    expect(liveClock(drill('paused'), 1_000, 6_000)).toEqual({ seconds: 100, pausedMs: 35_000 });
    expect(liveClock(drill('ended', { seconds: 900 }), 1_000, 60_000)).toEqual({ seconds: 900, pausedMs: 30_000 });
    expect(liveClock(drill('loaded', { seconds: 0, pausedMs: 0 }), 1_000, 60_000)).toEqual({
      seconds: 0,
      pausedMs: 0,
    });
  });

  it('given the states a row saw, then earliest first', () => {
    const row: Pick<InjectRunRow, 'states'> = { states: { answered: 14, fired: 10, 'incident-created': 40 } };
    expect(seenStates(row)).toEqual([
      { state: 'fired', seconds: 10 },
      { state: 'answered', seconds: 14 },
      { state: 'incident-created', seconds: 40 },
    ]);
  });
});

describe('the trainer window: what the host would accept', () => {
  it('given each drill status, then load, start, pause, resume and speed only where the host takes them', () => {
    expect(drillControls(null)).toEqual({ load: true, start: false, pause: false, resume: false, setSpeed: false });
    expect(drillControls({ status: 'loaded' })).toEqual({
      load: true,
      start: true,
      pause: false,
      resume: false,
      setSpeed: false,
    });
    expect(drillControls({ status: 'running' })).toEqual({
      load: false,
      start: false,
      pause: true,
      resume: false,
      setSpeed: true,
    });
    expect(drillControls({ status: 'paused' })).toEqual({
      load: false,
      start: false,
      pause: false,
      resume: true,
      setSpeed: true,
    });
    expect(drillControls({ status: 'ended' })).toEqual({
      load: true,
      start: false,
      pause: false,
      resume: false,
      setSpeed: false,
    });
  });

  it('given a running drill, then fire now and skip for pending and held injects, hold for pending, release for held; nothing for done ones', () => {
    const running = { status: 'running' } as const;
    expect(injectControls(running, { status: 'pending' })).toEqual({
      fireNow: true,
      hold: true,
      release: false,
      skip: true,
    });
    expect(injectControls(running, { status: 'held' })).toEqual({
      fireNow: true,
      hold: false,
      release: true,
      skip: true,
    });
    for (const status of ['fired', 'skipped', 'not-needed'] as const)
      expect(injectControls(running, { status })).toEqual({ fireNow: false, hold: false, release: false, skip: false });
    expect(injectControls({ status: 'paused' }, { status: 'pending' }).fireNow).toBe(true);
  });

  it('given a drill not started yet, then injects may be held, released or skipped but not fired; after the end, nothing', () => {
    expect(injectControls({ status: 'loaded' }, { status: 'pending' })).toEqual({
      fireNow: false,
      hold: true,
      release: false,
      skip: true,
    });
    expect(injectControls({ status: 'loaded' }, { status: 'held' })).toEqual({
      fireNow: false,
      hold: false,
      release: true,
      skip: true,
    });
    expect(injectControls({ status: 'ended' }, { status: 'pending' })).toEqual({
      fireNow: false,
      hold: false,
      release: false,
      skip: false,
    });
  });
});
