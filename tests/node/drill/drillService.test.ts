// A drill on a drill console, through the `drill.*` channels a trainer's window uses: the scenario's
// calls ring on the console's telephony line and its radio emergency on the gateway line, the
// states the scenario waits on are read from what the trainee does, the controls are audited, and
// every profile but `drill` refuses.
import { describe, expect, it } from 'vitest';
import { AMAL, BASIM } from '../../support/scenario';
import { readDatabase } from '../support/readDatabase';
import { ACCEPTANCE, drillConsole, wait } from '../support/drillHost';
import { signedInApi, useTestHosts } from '../support/testHost';

describe('drills on a drill console', () => {
  const { startHost } = useTestHosts();

  it('given the live profile, when a trainer loads a scenario, then it is refused and nothing is written', async () => {
    const under = startHost({ role: 'trainer', config: { profile: 'live' } });

    await expect(under.api.drill.load({ file: ACCEPTANCE })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/only on a drill console; this one runs the live profile/) as unknown,
    });
    await expect(under.api.drill.scenarios({})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(under.published('onDrillChanged')).toEqual([]);
    const drillRows = readDatabase(under.host.store, (db) =>
      db.prepare("SELECT count(*) AS n FROM audit WHERE action LIKE 'drill.%'").get(),
    );
    expect(drillRows).toEqual({ n: 0 });
  });

  it('given the acceptance scenario at ×4, when the trainee answers call 1, then the call came through the ALI line and the run saw it answered', async () => {
    const under = await drillConsole(startHost);
    const scenarios = await under.api.drill.scenarios({});
    expect(scenarios.map((scenario) => scenario.file)).toContain(ACCEPTANCE);

    await under.api.drill.load({ file: ACCEPTANCE });
    const started = await under.api.drill.start({ speed: 4 });
    expect(started).toMatchObject({ status: 'running', speed: 4, seconds: 0 });

    wait(under, 2.5); // 10 drill seconds: call 1 rings
    const [call] = await under.api.call.list({});
    expect(call).toMatchObject({ source: 'ali', callerNumber: '+9647701900001', status: 'waiting' });
    expect(call?.callerScript?.[0]).toMatch(/الحگونا/);
    expect(call?.rawInputIds).toHaveLength(1);

    wait(under, 1); // answered 4 drill seconds after the ring
    await under.api.call.answer({ callId: call?.id ?? '' });
    const state = await under.api.drill.state({});
    const row = state?.injects.find((entry) => entry.id === 'call-1');
    expect(row?.states).toEqual({ fired: 10, answered: 14 });
    expect(row?.summary).toMatch(/الكرادة/);
    // The trainer's board is told of the answer at once, not when the next inject falls due.
    const told = under
      .published('onDrillChanged')
      .at(-1)
      ?.injects.find((entry) => entry.id === 'call-1');
    expect(told?.states).toEqual({ fired: 10, answered: 14 });
  });

  it('given a radio emergency inject, when it fires, then the alarm is raised from the gateway line; acknowledged, it stops repeating', async () => {
    const under = await drillConsole(startHost);
    await under.api.drill.load({ file: ACCEPTANCE });
    await under.api.drill.start({ speed: 4 });
    for (const id of ['call-1', 'call-2', 'call-2-repeat']) await under.api.drill.skip({ injectId: id });

    wait(under, 75); // 300 drill seconds
    const alarm = under.published('onAlarm').find((raised) => raised.kind === 'radio-emergency');
    expect(alarm).toMatchObject({ subject: '1A05', source: 'serial:radio', severity: 'emergency' });

    wait(under, 1);
    await under.api.alarm.acknowledge({ alarmId: alarm?.id ?? '' });
    wait(under, 10);
    const row = (await under.api.drill.state({}))?.injects.find((entry) => entry.id === 'radio-emergency');
    expect(row?.states).toEqual({ fired: 300, acknowledged: 304 });
    // One emergency line only: the repeats at 310 and 320 s were not sent once acknowledged.
    const raw = under.host.store.rawInputs.recentFrom('serial:radio', 10);
    expect(raw.filter((input) => input.bytes.toString('latin1').includes(',EMR,'))).toHaveLength(1);
  });

  it('given a 5-minute pause, when resumed, then nothing rang meanwhile and the controls are in the audit chain', async () => {
    const under = await drillConsole(startHost);
    await under.api.drill.load({ file: ACCEPTANCE });
    await under.api.drill.start({ speed: 1 });
    wait(under, 100);
    await under.api.drill.pause({});
    wait(under, 300);
    expect(await under.api.call.list({})).toHaveLength(1);
    expect((await under.api.drill.state({}))?.seconds).toBe(100);

    await under.api.drill.resume({});
    await under.api.drill.hold({ injectId: 'radio-emergency' });
    wait(under, 20);
    expect(await under.api.call.list({})).toHaveLength(2);
    expect((await under.api.drill.state({}))?.pausedMs).toBe(300_000);

    const actions = readDatabase(under.host.store, (db) =>
      db.prepare("SELECT action FROM audit WHERE action LIKE 'drill.%' ORDER BY seq").all(),
    ) as { action: string }[];
    expect(actions.map((row) => row.action)).toEqual([
      'drill.loaded',
      'drill.started',
      'drill.fired',
      'drill.paused',
      'drill.resumed',
      'drill.held',
      'drill.fired',
    ]);
    expect(under.host.store.verifyAudit().ok).toBe(true);
  });

  it('given a call waiting when the drill is paused, when 5 minutes pass paused, then its waiting clock stands still and alarms only after 20 s of drill', async () => {
    const under = await drillConsole(startHost);
    await under.api.drill.load({ file: ACCEPTANCE });
    await under.api.drill.start({ speed: 1 });
    wait(under, 10); // call 1 rings
    expect(await under.api.call.list({})).toHaveLength(1);
    wait(under, 10);
    await under.api.drill.pause({});
    wait(under, 300);
    await under.host.timers.tick();
    const waitingAlarms = () => under.published('onAlarm').filter((alarm) => alarm.kind === 'call-waiting');
    expect(waitingAlarms()).toEqual([]);

    await under.api.drill.resume({});
    wait(under, 9);
    await under.host.timers.tick();
    expect(waitingAlarms()).toEqual([]);
    wait(under, 2);
    await under.host.timers.tick();
    // Raised when 20 s of waiting had run, the 5 paused minutes left out.
    expect(waitingAlarms().map((alarm) => alarm.raisedAt - under.clock.now())).toEqual([-1000]);
  });

  it('given a dispatcher window, when it asks for the drill, then it is forbidden and it never receives the board', async () => {
    const under = await drillConsole(startHost);
    const dispatcher = signedInApi(under.host, BASIM, ['dispatcher']);
    await expect(dispatcher.drill.state({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const seenByDispatcher: string[] = [];
    const seenByTrainer: string[] = [];
    under.host.subscribe((event) => seenByDispatcher.push(event.name), BASIM.clientId);
    await under.api.call.list({}); // the trainer's window is signed in from here on
    under.host.subscribe((event) => seenByTrainer.push(event.name), AMAL.clientId);

    await under.api.drill.load({ file: ACCEPTANCE });
    expect(seenByTrainer).toContain('onDrillChanged');
    expect(seenByDispatcher).not.toContain('onDrillChanged');
  });
});
