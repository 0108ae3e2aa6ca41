// The drill engine on the acceptance scenario (resources/drills/04-acceptance-three-calls), with a
// wall clock moved by hand and effects that only write down what would go out on the inputs.
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DrillClock, DrillSpeedError } from '../../../src-shared/domain/drill/drillClock';
import type { Scenario } from '../../../src-shared/domain/drill/scenario';
import { resourcesDir } from '../../../src-main/config/appPaths';
import {
  DrillControlError,
  DrillRunner,
  type DrillActionRecord,
  type DrillEffects,
} from '../../../src-main/services/drill/drillRunner';
import { readScenarioFile } from '../../../src-main/services/drill/scenarioFile';
import { loadTaxonomy } from '../../../src-main/services/taxonomy/taxonomyService';

const START = Date.UTC(2026, 11, 8, 9, 0, 0);

function acceptanceScenario(): Scenario {
  const resources = resourcesDir();
  const taxonomy = loadTaxonomy(resolve(resources, 'taxonomy'), resources).taxonomy;
  const read = readScenarioFile(resolve('resources/drills/04-acceptance-three-calls.drill.json'), {
    taxonomy,
    resourcesDir: resources,
  });
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.scenario;
}

/** What went out on the inputs, with the drill second it went out at. */
interface Delivery {
  readonly what: string;
  readonly seconds: number;
}

function harness(scenario: Scenario, ruleFailed = false) {
  let wall = START;
  const deliveries: Delivery[] = [];
  const actions: DrillActionRecord[] = [];
  let runner: DrillRunner | null = null;
  const out = (what: string) => deliveries.push({ what, seconds: runner?.seconds() ?? -1 });
  const effects: DrillEffects = {
    ring: (inject) => out(`ring ${inject.id}`),
    rebid: (inject) => out(`rebid ${inject.id}`),
    hangUp: (inject) => out(`hang-up ${inject.id}`),
    radio: (inject, repeat) => out(`radio ${inject.id} #${String(repeat)}`),
    unit: (inject) => out(`unit ${inject.id}`),
    linkDown: (link) => out(`down ${link}`),
    linkUp: (link) => out(`up ${link}`),
    note: (inject) => out(`note ${inject.id}`),
  };
  runner = new DrillRunner({
    scenario,
    now: () => wall,
    effects,
    onAction: (record) => actions.push(record),
    ruleFailed: () => ruleFailed,
  });
  const engine = runner;
  /** Moves wall time to each wake-up the engine asks for, up to `untilWall`, ticking at each. */
  const runUntil = (untilWall: number): void => {
    for (;;) {
      const wake = engine.nextWakeAt();
      if (wake === null || wake > untilWall) break;
      wall = Math.max(wall, wake);
      engine.tick();
    }
    wall = Math.max(wall, untilWall);
    engine.tick();
  };
  return {
    runner: engine,
    deliveries,
    actions,
    runUntil,
    /** Runs for `seconds` of wall time. */
    wait: (seconds: number) => runUntil(wall + seconds * 1000),
    wallMs: () => wall,
  };
}

describe('drill clock', () => {
  it('given a clock at ×4, when 10 s of wall time pass, then 40 drill seconds have', () => {
    expect(DrillClock.start(START, 4).secondsAt(START + 10_000)).toBe(40);
  });

  it('given a paused clock, when wall time passes, then drill time stands still and the pause is counted', () => {
    const paused = DrillClock.start(START).pause(START + 5_000);
    expect(paused.secondsAt(START + 305_000)).toBe(5);
    expect(paused.wallAt(10)).toBeNull();
    const resumed = paused.resume(START + 305_000);
    expect(resumed.secondsAt(START + 306_000)).toBe(6);
    expect(resumed.state.pausedWallMs).toBe(300_000);
  });

  it('given a speed change, when read later, then time before it ran at the old speed', () => {
    const clock = DrillClock.start(START).withSpeed(2, START + 10_000);
    expect(clock.secondsAt(START + 15_000)).toBe(20);
    expect(clock.wallAt(30)).toBe(START + 20_000);
  });

  it('given a speed outside ×0.5–×4, when set, then it is refused', () => {
    expect(() => DrillClock.start(START, 8)).toThrow(DrillSpeedError);
    expect(() => DrillClock.start(START).withSpeed(0.25, START)).toThrow(DrillSpeedError);
  });
});

describe('drill runner', () => {
  let scenario: Scenario;
  beforeEach(() => {
    scenario = acceptanceScenario();
  });

  it('given the acceptance scenario at ×4, when run to its end, then every inject goes out at its drill time', () => {
    const drill = harness(scenario);
    drill.runner.start('trainer1', 4);
    drill.wait(900 / 4);

    expect(drill.runner.finished).toBe(true);
    expect(drill.deliveries).toEqual([
      { what: 'ring call-1', seconds: 10 },
      { what: 'ring call-2', seconds: 120 },
      { what: 'radio radio-emergency #0', seconds: 300 },
      { what: 'radio radio-emergency #1', seconds: 310 },
      { what: 'radio radio-emergency #2', seconds: 320 },
      { what: 'down serial', seconds: 420 },
      { what: 'ring call-3', seconds: 450 },
      { what: 'up serial', seconds: 540 },
      { what: 'note outage-ended', seconds: 540 },
    ]);
    // The contingency's rule never failed: not needed, and said so.
    expect(drill.runner.board().find((row) => row.id === 'call-2-repeat')?.status).toBe('not-needed');
    expect(drill.actions.at(-1)?.action).toEqual({ kind: 'ended' });
  });

  it('given call 2 answered late, when its contingency comes due, then the repeat call rings 150 s after call 2', () => {
    const drill = harness(scenario, true);
    drill.runner.start('trainer1', 4);
    drill.wait(300 / 4);

    expect(drill.deliveries.find((entry) => entry.what === 'ring call-2-repeat')).toEqual({
      what: 'ring call-2-repeat',
      seconds: 270,
    });
  });

  it('given the emergency acknowledged, when its repeats come due, then the radio stops repeating', () => {
    const drill = harness(scenario);
    drill.runner.start('trainer1');
    drill.runUntil(START + 305_000);
    drill.runner.observe('radio-emergency', 'acknowledged');
    drill.wait(60);

    expect(drill.deliveries.filter((entry) => entry.what.startsWith('radio'))).toEqual([
      { what: 'radio radio-emergency #0', seconds: 300 },
    ]);
    expect(drill.runner.board().find((row) => row.id === 'radio-emergency')?.states).toEqual({
      fired: 300,
      acknowledged: 305,
    });
  });

  it('given a 5-minute pause, when resumed, then nothing went out meanwhile and every later time is unchanged in drill seconds', () => {
    const drill = harness(scenario);
    drill.runner.start('trainer1');
    drill.runUntil(START + 100_000);
    drill.runner.pause('trainer1');
    drill.wait(300);
    expect(drill.deliveries.map((entry) => entry.what)).toEqual(['ring call-1']);
    expect(drill.runner.seconds()).toBe(100);
    expect(drill.runner.nextWakeAt()).toBeNull();

    drill.runner.resume('trainer1');
    drill.wait(20);
    expect(drill.deliveries.at(-1)).toEqual({ what: 'ring call-2', seconds: 120 });
    expect(drill.runner.pausedWallMs()).toBe(300_000);
    expect(drill.actions.filter((record) => record.actor === 'trainer1').map((record) => record.action.kind)).toEqual([
      'started',
      'paused',
      'resumed',
    ]);
  });

  it('given a held inject, when its time passes, then it waits; released later, it goes out at once', () => {
    const drill = harness(scenario);
    drill.runner.start('trainer1');
    drill.runner.hold('call-2', 'trainer1');
    drill.runUntil(START + 200_000);
    expect(drill.deliveries.map((entry) => entry.what)).toEqual(['ring call-1']);
    expect(drill.runner.board().find((row) => row.id === 'call-2')?.status).toBe('held');

    drill.runner.release('call-2', 'trainer1');
    expect(drill.deliveries.at(-1)).toEqual({ what: 'ring call-2', seconds: 200 });
    // What follows call 2 follows its real time, not the script's.
    expect(drill.runner.board().find((row) => row.id === 'call-2-repeat')?.dueSeconds).toBe(350);
  });

  it('given fire now and skip, when used, then the inject goes out at once or never, and a done one is refused', () => {
    const drill = harness(scenario);
    drill.runner.start('trainer1');
    drill.runner.fireNow('call-3', 'trainer1');
    drill.runner.skip('radio-emergency', 'trainer1');
    drill.wait(400);

    expect(drill.deliveries.map((entry) => entry.what)).toEqual(['ring call-3', 'ring call-1', 'ring call-2']);
    expect(() => drill.runner.fireNow('call-3', 'trainer1')).toThrow(DrillControlError);
    expect(() => drill.runner.hold('radio-emergency', 'trainer1')).toThrow(/radio-emergency" is skipped/);
    expect(() => drill.runner.skip('no-such-inject', 'trainer1')).toThrow(/no inject "no-such-inject"/);
    const controller = drill.actions.filter((record) => record.actor === 'trainer1').map((record) => record.action);
    expect(controller).toEqual([
      { kind: 'started', speed: 1 },
      { kind: 'fired', injectId: 'call-3', by: 'controller' },
      { kind: 'skipped', injectId: 'radio-emergency' },
    ]);
  });

  it('given a speed change mid-drill, when run on, then drill times stay those of the script', () => {
    const drill = harness(scenario);
    drill.runner.start('trainer1', 0.5);
    drill.wait(40); // 20 drill seconds
    drill.runner.setSpeed(4, 'trainer1');
    drill.wait(25); // 100 more: 120
    expect(drill.deliveries).toEqual([
      { what: 'ring call-1', seconds: 10 },
      { what: 'ring call-2', seconds: 120 },
    ]);
  });
});
